"""PostgreSQL index for the organisation search (docs/performance.md has the
measurements); nothing on SQLite. `IF NOT EXISTS`: a database migrated when
these indexes were still created by the project package already has it."""

from django.db import migrations

from core.postgresql import index_build_settings, trigram_index


class Migration(migrations.Migration):
    dependencies = [
        ("partners", "0003_add_publish_permissions"),
    ]

    operations = [
        index_build_settings(),
        *trigram_index("partners_organisation_search_trgm", "partners_organisation"),
    ]
