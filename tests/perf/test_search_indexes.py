"""The PostgreSQL indexes: trigram indexes serve the search filters
(migration cooperation 0002), partial indexes on published rows serve the
public counts and the timeline (0003). On SQLite both migrations do nothing."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Activity, Event
from core.search import matching, terms
from partners.models import Organisation
from projects.models import Project
from tests.factories import ActivityFactory

TRIGRAM_INDEXES = {
    "activities_activity": "activities_activity_search_trgm",
    "activities_event": "activities_event_search_trgm",
    "partners_organisation": "partners_organisation_search_trgm",
    "projects_project": "projects_project_search_trgm",
    "projects_component": "projects_component_search_trgm",
}
PUBLISHED_INDEXES = {
    "activities_activity": "activities_activity_published_links",
    "activities_event": "activities_event_published_timeline",
    "projects_component": "projects_component_published",
    "projects_project": "projects_project_published",
}
on_postgresql = pytest.mark.postgresql

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
def test_the_published_indexes_cover_only_published_rows():
    # Which index the planner prefers depends on the table's statistics (and
    # on a tiny test table, on little); docs/performance.md has the plans at
    # scale. Here: each index exists, is valid and is partial.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexrelid::regclass::text, indisvalid, pg_get_expr(indpred, indrelid) FROM pg_index "
            "WHERE indexrelid::regclass::text = ANY(%s)",
            [list(PUBLISHED_INDEXES.values())],
        )
        found = {name: (valid, predicate) for name, valid, predicate in cursor.fetchall()}
    assert set(found) == set(PUBLISHED_INDEXES.values())
    for valid, predicate in found.values():
        assert valid
        assert predicate == "((publication)::text = 'published'::text)"


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
def test_words_found_together_are_asked_for_once():
    wanted = ActivityFactory(title_fr="Enquête nationale sur le travail des enfants")
    ActivityFactory(title_fr="Enquête régionale")
    with CaptureQueriesContext(connection) as queries:
        found = list(matching(Activity.objects.order_by(), "enquête travail enfants"))
    # One question (are they found together, as written?), then the rows.
    assert found == [wanted]
    assert len(queries) == 2
    # A word found nowhere as written is still looked for with a typo.
    assert list(matching(Activity.objects.order_by(), "enquite travail")) == [wanted]


@on_postgresql
def test_a_word_with_one_typo_is_found_through_the_index():
    wanted = ActivityFactory(title_fr="Enquête nationale sur le travail des enfants")
    ActivityFactory(title_fr="Atelier de lancement")
    [term] = terms("enquite")
    fuzzy = Activity.objects.order_by().filter(term.condition(fuzzy=True))
    assert "activities_activity_search_trgm" in plan(fuzzy.values("pk"))
    assert list(matching(Activity.objects.order_by(), "enquite")) == [wanted]
    # Only when the word is nowhere as written: a word found exactly is not widened.
    assert list(matching(Activity.objects.order_by(), "atelier")) != [wanted]


@on_postgresql
def test_a_project_is_found_with_a_typo_in_one_of_its_activities():
    wanted = ActivityFactory(title_fr="Enquête nationale sur le travail des enfants").project
    assert list(Project.objects.search("enquite nationale")) == [wanted]


@on_postgresql
def test_the_index_migration_is_reversible():
    ours = {*TRIGRAM_INDEXES.values(), *PUBLISHED_INDEXES.values()}
    call_command("migrate", "activities", "0003", verbosity=0)
    assert not indexes("activities_activity") & ours
    call_command("migrate", "activities", verbosity=0)
    assert {"activities_activity_search_trgm", "activities_activity_published_links"} <= indexes(
        "activities_activity"
    )


@pytest.mark.sqlite
def test_the_migration_adds_nothing_on_sqlite():
    for table, index in [*TRIGRAM_INDEXES.items(), *PUBLISHED_INDEXES.items()]:
        assert index not in indexes(table)
