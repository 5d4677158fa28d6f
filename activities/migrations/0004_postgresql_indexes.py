"""PostgreSQL indexes for the activity and event searches, and for what the
public lists read: each activity joined to its published component and
project (`published_through`), the event timeline in its order
(`-start_date`, `pk`) without a sort. docs/performance.md has the
measurements; nothing on SQLite. `IF NOT EXISTS`: a database migrated when
these indexes were still created by the project package already has them."""

from django.db import migrations

from core.postgresql import index_build_settings, published_index, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("activities", "0003_add_publish_permissions"),
        ("projects", "0004_postgresql_indexes"),
    ]

    operations = [
        index_build_settings(),
        *trigram_index("activities_activity_search_trgm", "activities_activity"),
        *trigram_index("activities_event_search_trgm", "activities_event"),
        published_index("activities_activity_published_links", "activities_activity (component_id, project_id)"),
        published_index("activities_event_published_timeline", "activities_event (start_date DESC, id, project_id)"),
    ]
