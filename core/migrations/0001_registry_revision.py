"""The registry's revision (core.models.RegistryRevision).

Its table keeps the name it was created with when the project package held
it (`cooperation_registryrevision`): a database migrated then already has the
table and its current number, and this migration only takes it over; a new
database gets the table here, at revision 1.
"""

import django.utils.timezone
from django.db import migrations, models


def create_unless_kept(apps, schema_editor):
    RegistryRevision = apps.get_model("core", "RegistryRevision")
    if RegistryRevision._meta.db_table in schema_editor.connection.introspection.table_names():
        return
    schema_editor.create_model(RegistryRevision)
    RegistryRevision.objects.create(pk=1, number=1)


def drop(apps, schema_editor):
    schema_editor.delete_model(apps.get_model("core", "RegistryRevision"))


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RegistryRevision",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        ("number", models.PositiveBigIntegerField(default=0, verbose_name="number")),
                        (
                            "changed_at",
                            models.DateTimeField(default=django.utils.timezone.now, verbose_name="changed at"),
                        ),
                    ],
                    options={
                        "verbose_name": "registry revision",
                        "db_table": "cooperation_registryrevision",
                    },
                ),
            ],
        ),
        migrations.RunPython(create_unless_kept, drop),
    ]
