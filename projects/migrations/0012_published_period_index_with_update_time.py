# The status and period index also holds each project's last update: an API
# page reads its keys (and a cursor's) from the index alone, as the pages do
# (PostgreSQL only).

from django.db import migrations

from core.postgresql import PostgreSQLOnly, index_build_settings, published_index

OLD_COLUMNS = "projects_project (status, end_date, start_date) INCLUDE (id, version, acronym)"


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0011_published_period_index"),
    ]

    operations = [
        index_build_settings(),
        PostgreSQLOnly(
            "DROP INDEX IF EXISTS project_published_period",
            f"CREATE INDEX IF NOT EXISTS project_published_period ON {OLD_COLUMNS} "
            "WHERE publication = 'published'",
        ),
        published_index(
            "project_published_period",
            "projects_project (status, end_date, start_date) INCLUDE (id, version, acronym, updated_at)",
        ),
    ]
