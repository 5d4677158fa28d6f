"""The PostgreSQL trigram indexes serve the search filters (migration
cooperation 0002); on SQLite the migration does nothing."""

import pytest
from django.core.management import call_command
from django.db import connection

from activities.models import Activity, Event
from cooperation.search import matching
from partners.models import Organisation
from projects.models import Project
from tests.factories import ActivityFactory

TRIGRAM_INDEXES = {
    "activities_activity": "activities_activity_search_trgm",
    "activities_event": "activities_event_search_trgm",
    "partners_organisation": "partners_organisation_search_trgm",
    "projects_project": "projects_project_search_trgm",
}
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL indexes")

pytestmark = pytest.mark.django_db


def indexes(table: str) -> set[str]:
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, table))


def plan(queryset) -> str:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # A handful of test rows would be read sequentially; ask whether the
        # index *can* serve the query.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


@on_postgresql
def test_each_search_column_has_its_trigram_index():
    for table, index in TRIGRAM_INDEXES.items():
        assert index in indexes(table)


@on_postgresql
@pytest.mark.parametrize("model", [Activity, Event, Organisation, Project])
def test_the_search_filter_uses_the_trigram_index(model):
    searched = matching(model.objects.order_by(), "enquête nationale").values("pk")
    assert TRIGRAM_INDEXES[model._meta.db_table] in plan(searched)


@on_postgresql
def test_the_activity_search_finds_the_same_rows_through_the_index():
    wanted = ActivityFactory(title_fr="Enquête nationale sur le travail des enfants")
    ActivityFactory(title_fr="Atelier de lancement")
    found = matching(Activity.objects.order_by(), "ENQUETE enfants")
    assert "activities_activity_search_trgm" in plan(found.values("pk"))
    assert list(found) == [wanted]


@on_postgresql
def test_the_index_migration_is_reversible():
    call_command("migrate", "cooperation", "0001", verbosity=0)
    assert not indexes("activities_activity") & set(TRIGRAM_INDEXES.values())
    call_command("migrate", "cooperation", verbosity=0)
    assert "activities_activity_search_trgm" in indexes("activities_activity")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")
def test_the_migration_adds_nothing_on_sqlite():
    for table, index in TRIGRAM_INDEXES.items():
        assert index not in indexes(table)
