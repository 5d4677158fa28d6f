# The project lists' default order read from an index (PostgreSQL only).

from django.db import migrations

from core.postgresql import index_build_settings, published_index


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0008_project_short_name"),
    ]

    operations = [
        index_build_settings(),
        published_index("project_published_order", "projects_project (start_date DESC NULLS LAST, acronym)"),
    ]
