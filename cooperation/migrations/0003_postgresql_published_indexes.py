"""PostgreSQL partial indexes on what the public reads: published rows only.

Every public list counts its rows through `published()`, which joins each
activity to its component and project to check that they are published too
(`published_through`). On 200,000 activities that count read the whole
table (350 ms); these narrow indexes on published rows let PostgreSQL count
from indexes alone (index-only scans, about 100 ms), and give the event
timeline its order (`-start_date`, `pk`) without a sort. docs/performance.md
has the measurements. PostgreSQL only: no-ops on SQLite.
"""

from django.db import migrations

PUBLISHED = "WHERE publication = 'published'"
INDEXES = {
    "activities_activity_published_links": f"activities_activity (component_id, project_id) {PUBLISHED}",
    "projects_component_published": f"projects_component (id) {PUBLISHED}",
    "projects_project_published": f"projects_project (id) {PUBLISHED}",
    "activities_event_published_timeline": f"activities_event (start_date DESC, id, project_id) {PUBLISHED}",
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
        ("cooperation", "0002_postgresql_search_indexes"),
    ]

    operations = [
        # Index builds on large tables outlast the portal's statement_timeout.
        PostgreSQLOnly("SET LOCAL statement_timeout = 0", migrations.RunSQL.noop),
        *(
            PostgreSQLOnly(f"CREATE INDEX IF NOT EXISTS {name} ON {target}", f"DROP INDEX IF EXISTS {name}")
            for name, target in INDEXES.items()
        ),
    ]
