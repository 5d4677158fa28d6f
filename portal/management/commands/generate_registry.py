"""Generate a large, realistic registry for measuring the portal at scale.

    manage.py generate_registry --projects 10000 --seed 42

Names and texts are built from aligned French / Arabic / English word lists
(portal/generation/data/), so every record reads naturally in the three
languages. Distributions follow
what the real registry looks like, only bigger: a few funders carry most
projects (Zipf-like), countries lean to Morocco, Tunisia, Mauritania and
Egypt, most records are published and a small share are drafts.

Rows are written with `bulk_create` in batches, with the folded search column
computed in Python (`SearchableModel.build_search_text`) since bulk inserts
skip `save()`. The same `--seed` gives the same registry. The first project
always has 200 activities (or all of them, at a tiny scale) so that a
benchmark can measure the heaviest project sheet.
"""

import sys
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from core.feed import catch_up, mark_everything
from core.models import RegistryRevision
from partners.models import Country
from portal.generation.generator import RegistryGenerator
from projects.models import Project, Theme


class Progress:
    """Plain progress lines on stderr, at most one per second and per stage."""

    def __init__(self, enabled: bool):
        self.enabled = enabled
        self.started = time.monotonic()
        self.last = 0.0
        self.last_line = None

    def __call__(self, stage: str, done: int, total: int, *, final: bool = False):
        now = time.monotonic()
        if not self.enabled or (not final and now - self.last < 1) or self.last_line == (stage, done):
            return
        self.last, self.last_line = now, (stage, done)
        percent = 100 * done / total if total else 100
        sys.stderr.write(f"  {stage:<14} {done:>8}/{total:<8} {percent:5.1f}%  {now - self.started:6.1f}s\n")


class Command(BaseCommand):
    help = "Generate a large, realistic registry (fr/ar/en) for benchmarks and load tests."

    def add_arguments(self, parser):
        parser.add_argument("--projects", type=int, default=10_000)
        parser.add_argument("--activities", type=int, default=200_000)
        parser.add_argument("--organisations", type=int, default=5_000)
        parser.add_argument("--events", type=int, default=50_000)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument("--batch-size", type=int, default=2_000)
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument(
            "--force",
            action="store_true",
            help="Delete every project, organisation, activity and event first (countries and themes stay).",
        )
        mode.add_argument("--append", action="store_true", help="Add to the registry already there.")

    def handle(self, *args, **options):
        if options["projects"] < 1 or options["organisations"] < 10:
            raise CommandError("Generate at least 1 project and 10 organisations.")
        if Project.objects.exists() and not (options["force"] or options["append"]):
            raise CommandError(
                "The database already holds projects: use --force to replace them or --append to add."
            )
        started = time.monotonic()
        generator = RegistryGenerator(
            seed=options["seed"],
            batch_size=options["batch_size"],
            progress=Progress(options["verbosity"] >= 1),
        )
        with transaction.atomic():
            if options["force"]:
                delete_registry()
            counts = generator.run(
                projects=options["projects"],
                activities=options["activities"],
                organisations=options["organisations"],
                events=options["events"],
            )
            # Rows written in bulk send no signal: pages kept in the cache go stale now.
            RegistryRevision.rewritten()
            mark_everything()
            catch_up()
        if connection.vendor == "postgresql":
            # Fresh statistics, or the planner guesses on 200,000 unknown rows.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Generated {summary} in {time.monotonic() - started:.0f} s."))


def delete_registry():
    """Empty every registry table except countries and themes (history stays)."""
    keep = {Country, Theme}
    tables = []
    for label in ("activities", "projects", "partners"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model in keep or model.__name__.startswith("Historical"):
                continue
            tables.append(model._meta.db_table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks still pending in this transaction
            # (rows written just before) would make TRUNCATE refuse.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(connection.ops.quote_name(t) for t in tables)} CASCADE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            for table in tables:
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")
