"""Load the seed registry from fixtures/, idempotently.

Fixtures carry fixed primary keys, so loading them again updates the same
rows instead of adding new ones. `loaddata` saves raw rows (no `save()`),
so the folded search columns are rebuilt afterwards, and each record gets
its first version in the history (core/history.py).
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from core.feed import catch_up, mark_everything
from core.history import write_first_versions
from core.models import RegistryRevision
from core.search import SearchableModel

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "Load (or reload) the seed registry from fixtures/."

    def handle(self, *args, **options):
        files = sorted(FIXTURES.glob("*.json"))
        if not files:
            self.stdout.write("No fixture to load.")
            return
        with transaction.atomic():
            call_command("loaddata", *[str(path) for path in files], verbosity=0)
            rebuilt = rebuild_search_text()
            versions = write_first_versions(apps)
            # Raw rows send no change: the API's change feed learns of every
            # record now, so that one later unpublished is a withdrawal.
            RegistryRevision.rewritten()
            mark_everything()
            catch_up()
        self.stdout.write(
            self.style.SUCCESS(
                f"Loaded {len(files)} fixture files; {rebuilt} search entries refreshed, "
                f"{versions} first versions written."
            )
        )


def rebuild_search_text() -> int:
    """Refresh the folded search column of every searchable row that needs it."""
    changed = 0
    for model in apps.get_models():
        if not issubclass(model, SearchableModel):
            continue
        stale = []
        for row in model.objects.all():
            text = row.build_search_text()
            if row.search_text != text:
                row.search_text = text
                stale.append(row)
        model.objects.bulk_update(stale, ["search_text"], batch_size=500)
        changed += len(stale)
    return changed
