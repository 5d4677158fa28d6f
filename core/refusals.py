"""How a refused edit names the records in its way: a count and the first
few, so that the editor knows what to move or delete first."""

from django.db import models

NAMED = 5


def some_of(rows, label=str) -> tuple[int, str]:
    """How many `rows` (a queryset or a list) there are, and the labels of
    the first five, then "…" when there are more."""
    first = list(rows[: NAMED + 1])
    total = len(first)
    if total > NAMED:
        total = rows.count() if isinstance(rows, models.QuerySet) else len(rows)
    names = ", ".join(label(row) for row in first[:NAMED])
    return total, f"{names}, …" if total > NAMED else names
