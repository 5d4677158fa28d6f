"""PostgreSQL indexes for the search column and the filters, at scale.

The search column holds folded text and is matched with `LIKE '%word%'`
(cooperation.search.matching); a B-tree cannot serve a leading wildcard, a
pg_trgm GIN index can. docs/performance.md has the measurements.

PostgreSQL only: on SQLite (a first local run, a few hundred rows) these
operations do nothing. pg_trgm is a trusted extension: the database's owner
may create it. It is left in place when the migration is reversed, as other
objects may use it.
"""

from django.db import migrations

TRIGRAM_INDEXES = {
    "partners_organisation_search_trgm": "partners_organisation",
    "projects_project_search_trgm": "projects_project",
    "activities_activity_search_trgm": "activities_activity",
    "activities_event_search_trgm": "activities_event",
}


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that runs on PostgreSQL and is a no-op elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


class Migration(migrations.Migration):
    dependencies = [
        ("cooperation", "0001_create_editorial_groups"),
        ("partners", "0003_add_publish_permissions"),
        ("projects", "0003_add_publish_permissions"),
        ("activities", "0003_add_publish_permissions"),
    ]

    operations = [
        # Building a trigram index over a large table outlasts the portal's
        # statement_timeout (settings.py) and likes more sort memory; both
        # settings last until the end of this migration's transaction.
        PostgreSQLOnly(
            "SET LOCAL statement_timeout = 0; SET LOCAL maintenance_work_mem = '256MB'",
            migrations.RunSQL.noop,
        ),
        PostgreSQLOnly("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        *(
            PostgreSQLOnly(
                f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)",
                f"DROP INDEX IF EXISTS {name}",
            )
            for name, table in TRIGRAM_INDEXES.items()
        ),
    ]
