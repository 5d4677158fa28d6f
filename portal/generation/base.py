"""What every stage of the registry generator uses: one random source for all
the draws, in a fixed order, and bulk writes in batches, counted per stage."""

import datetime
import math
import random
from collections.abc import Callable
from decimal import Decimal

from django.utils.text import slugify

from core.periods import DatePrecision
from core.publication import Publication
from projects.models import Project

PUBLISHED, DRAFT = Publication.PUBLISHED, Publication.DRAFT
# A fixed "today" keeps the statuses reproducible from the seed alone.
TODAY = datetime.date(2025, 6, 30)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return datetime.date(year, month, 1) - datetime.timedelta(days=1)


class GeneratorBase:
    def __init__(self, *, seed: int, batch_size: int, progress: Callable[..., None]):
        self.random = random.Random(seed)
        self.batch_size = batch_size
        self.progress = progress
        self.counts: dict[str, int] = {}
        self.suffixes: dict[str, int] = {}

    def publication(self, draft_share: float) -> str:
        return DRAFT if self.random.random() < draft_share else PUBLISHED

    def weighted(self, pairs):
        values, weights = zip(*pairs, strict=True)
        return self.random.choices(values, weights)[0]

    def create(self, model, rows, stage: str, *, total: int | None = None):
        """bulk_create `rows` in batches (their pks are set), with progress
        counted from what this stage already wrote out of `total`."""
        done = self.counts.get(stage, 0)
        total = total or done + len(rows)
        for start in range(0, len(rows), self.batch_size):
            model.objects.bulk_create(rows[start : start + self.batch_size])
            self.progress(stage, done + min(start + self.batch_size, len(rows)), total)
        self.counts[stage] = done + len(rows)
        self.progress(stage, self.counts[stage], total, final=True)
        return rows

    def link(self, through, rows, stage: str):
        for start in range(0, len(rows), self.batch_size * 5):
            through.objects.bulk_create(rows[start : start + self.batch_size * 5])
        self.counts[stage] = self.counts.get(stage, 0) + len(rows)

    @staticmethod
    def searchable(rows):
        for row in rows:
            row.search_text = row.build_search_text()
        return rows

    def unique(self, base: str, taken: set[str]) -> str:
        """`base`, or `base-2`, `base-3`... whichever slug is still free."""
        candidate, number = base, self.suffixes.get(base, 1)
        while slugify(candidate) in taken:
            number += 1
            candidate = f"{base}-{number}"
        self.suffixes[base] = number
        taken.add(slugify(candidate))
        return candidate

    def period(self):
        start = datetime.date(2006, 1, 1) + datetime.timedelta(days=self.random.randrange(0, 20 * 365))
        months = self.random.choice([12, 18, 24, 30, 36, 36, 42, 48, 48, 60, 72])
        precision = self.weighted(
            [(DatePrecision.DAY, 70), (DatePrecision.MONTH, 22), (DatePrecision.YEAR, 8)]
        )
        if precision == DatePrecision.YEAR:
            start = datetime.date(start.year, 1, 1)
            end = datetime.date(start.year + max(1, months // 12) - 1, 12, 31)
        elif precision == DatePrecision.MONTH:
            start = start.replace(day=1)
            end = add_months(start, months)
        else:
            end = start + datetime.timedelta(days=months * 30)
        return start, end, precision

    def status_for(self, start, end):
        if self.random.random() < 0.03:
            return Project.Status.SUSPENDED
        if self.random.random() < 0.03:
            return Project.Status.CANCELLED
        if start > TODAY:
            return Project.Status.PIPELINE
        if end < TODAY - datetime.timedelta(days=180):
            return Project.Status.CLOSED
        if end < TODAY:
            return Project.Status.FINALISATION
        return Project.Status.IMPLEMENTATION

    def amount(self, scale: float):
        return Decimal(round(self.random.lognormvariate(math.log(scale), 1.0), -3)).quantize(Decimal("1.00"))

    def date_within(self, start, end):
        span = max((end - start).days, 0)
        return start + datetime.timedelta(days=self.random.randint(0, span))
