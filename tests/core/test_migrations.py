import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from core.models import RegistryRevision


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Exits with SystemExit(1) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_a_database_migrated_when_the_project_package_held_the_revision_keeps_it():
    # Such a database has the revision table, at its own number, but no
    # record of core's migration.
    call_command("migrate", "core", "zero", verbosity=0)
    assert RegistryRevision._meta.db_table not in connection.introspection.table_names()
    with connection.schema_editor() as editor:
        editor.create_model(RegistryRevision)
        # As the table was then, before the epoch (core migration 0005).
        editor.remove_field(RegistryRevision, RegistryRevision._meta.get_field("epoch"))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {RegistryRevision._meta.db_table} (id, number, changed_at) VALUES (1, 4321, %s)",
            [timezone.now()],
        )

    call_command("migrate", "core", verbosity=0)

    assert RegistryRevision.current().number == 4321
    assert RegistryRevision.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_new_database_starts_at_revision_one():
    call_command("migrate", "core", "zero", verbosity=0)
    call_command("migrate", "core", verbosity=0)
    assert RegistryRevision.current().number == 1


@pytest.mark.django_db(transaction=True)
def test_editorial_groups_brought_up_to_date_since_are_left_as_they_are():
    call_command("migrate", "portal", "zero", verbosity=0)
    assert not Group.objects.filter(name__in=["Editors", "Publishers"]).exists()
    editors = Group.objects.create(name="Editors")
    editors.permissions.set(Permission.objects.filter(codename="view_project"))

    call_command("migrate", "portal", verbosity=0)

    assert list(editors.permissions.values_list("codename", flat=True)) == ["view_project"]
    publishers = Group.objects.get(name="Publishers")
    assert publishers.permissions.filter(codename="publish_project").exists()
