# The project lists' status and period filters read from an index alone
# (PostgreSQL only): a page's keys and versions, and its count, without a
# visit to the wide rows of the project table.

from django.db import migrations

from core.postgresql import index_build_settings, published_index


class Migration(migrations.Migration):
    dependencies = [
        ("projects", "0010_mark_projects_for_the_iati_feed"),
    ]

    operations = [
        index_build_settings(),
        published_index(
            "project_published_period",
            "projects_project (status, end_date, start_date) INCLUDE (id, version, acronym)",
        ),
    ]
