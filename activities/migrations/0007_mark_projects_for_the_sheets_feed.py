"""Every project marked for the sheets feed (activities/feeds.py), new
in this release: the next reader stamps them, and their sheets can be kept."""

from django.db import migrations

BATCH = 2000


def mark_projects(apps, schema_editor):
    FeedMark = apps.get_model("core", "FeedMark")
    Project = apps.get_model("projects", "Project")
    ids = list(Project.objects.values_list("pk", flat=True))
    FeedMark.objects.bulk_create(
        [FeedMark(resource="project-sheets", record_id=pk) for pk in ids], batch_size=BATCH
    )


class Migration(migrations.Migration):
    dependencies = [("activities", "0006_restrict_component_deletion"), ("projects", "0011_published_period_index")]

    operations = [migrations.RunPython(mark_projects, migrations.RunPython.noop)]
