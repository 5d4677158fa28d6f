"""Every project marked for the IATI feed (opendata/feeds.py), new in this
release: the next reader stamps them, and their activities can be kept."""

from django.db import migrations

BATCH = 2000


def mark_projects(apps, schema_editor):
    FeedMark = apps.get_model("core", "FeedMark")
    Project = apps.get_model("projects", "Project")
    ids = list(Project.objects.values_list("pk", flat=True))
    FeedMark.objects.bulk_create(
        [FeedMark(resource="iati-activities", record_id=pk) for pk in ids], batch_size=BATCH
    )


class Migration(migrations.Migration):
    dependencies = [("projects", "0009_published_order_index"), ("core", "0006_app_revisions")]

    operations = [migrations.RunPython(mark_projects, migrations.RunPython.noop)]
