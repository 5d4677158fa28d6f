"""Migration operations for what only PostgreSQL has (trigram and partial
indexes): SQLite, the zero-configuration default, has a few hundred rows and
does without them."""

from django.db import migrations


class PostgreSQLOnly(migrations.RunSQL):
    """RunSQL that runs on PostgreSQL and is a no-op elsewhere."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, from_state, to_state)


def index_build_settings() -> PostgreSQLOnly:
    """Building an index over a large table outlasts the portal's
    statement_timeout (settings.py) and likes more sort memory; both settings
    last until the end of the migration's transaction."""
    return PostgreSQLOnly(
        "SET LOCAL statement_timeout = 0; SET LOCAL maintenance_work_mem = '256MB'", migrations.RunSQL.noop
    )


def trigram_index(name: str, table: str) -> list[PostgreSQLOnly]:
    """A pg_trgm GIN index on a table's folded search column, so that
    `LIKE '%word%'` (core.search.matching) reads an index rather than the
    table. pg_trgm is a trusted extension: the database's owner may create
    it; it stays when the migration is reversed, as other objects may use it."""
    return [
        PostgreSQLOnly("CREATE EXTENSION IF NOT EXISTS pg_trgm", migrations.RunSQL.noop),
        PostgreSQLOnly(
            f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (search_text gin_trgm_ops)",
            f"DROP INDEX IF EXISTS {name}",
        ),
    ]


def published_index(name: str, target: str) -> PostgreSQLOnly:
    """A partial index on published rows only, `target` being
    `table (columns)`: public lists count and order what `published()` reads
    from indexes alone."""
    return PostgreSQLOnly(
        f"CREATE INDEX IF NOT EXISTS {name} ON {target} WHERE publication = 'published'",
        f"DROP INDEX IF EXISTS {name}",
    )
