"""A first version for every record that has none (core/history.py): those
loaded by the seed load before it wrote them. Nothing to undo: reversing
leaves the versions in place."""

from django.db import migrations

from core.history import write_first_versions


def first_versions(apps, schema_editor):
    write_first_versions(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_create_editorial_groups"),
        ("partners", "0004_postgresql_indexes"),
        ("projects", "0004_postgresql_indexes"),
        ("activities", "0004_postgresql_indexes"),
    ]

    operations = [migrations.RunPython(first_versions, migrations.RunPython.noop)]
