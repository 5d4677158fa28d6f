"""PostgreSQL indexes for the project search and the published rows that
public lists count (docs/performance.md has the measurements); nothing on
SQLite. `IF NOT EXISTS`: a database migrated when these indexes were still
created by the project package already has them."""

from django.db import migrations

from core.postgresql import index_build_settings, published_index, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0003_add_publish_permissions"),
    ]

    operations = [
        index_build_settings(),
        *trigram_index("projects_project_search_trgm", "projects_project"),
        published_index("projects_component_published", "projects_component (id)"),
        published_index("projects_project_published", "projects_project (id)"),
    ]
