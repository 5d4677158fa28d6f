import django.utils.timezone
from django.db import migrations, models


def first_revision(apps, schema_editor):
    apps.get_model("cooperation", "RegistryRevision").objects.create(pk=1, number=1)


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0003_postgresql_published_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="RegistryRevision",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveBigIntegerField(default=0, verbose_name="number")),
                (
                    "changed_at",
                    models.DateTimeField(default=django.utils.timezone.now, verbose_name="changed at"),
                ),
            ],
            options={
                "verbose_name": "registry revision",
            },
        ),
        migrations.RunPython(first_revision, migrations.RunPython.noop),
    ]
