"""Download rows kept under the change feed's stamps.

A project's row shows the project, its countries, themes, funders,
implementers and related projects: rows the API's representation of a
project shows too, with the fields the row uses (opendata/feeds.py). The
change feed (core/feed.py) stamps a project whenever one of them changes,
so a row written once is kept under that stamp, with what else it depends
on (the table's columns, the language and site address of its links):
after an edit, the next download writes the rows that show it and takes
the others from the cache. A record not stamped yet is written every time.

Only tables whose feed covers every column keep their rows (`Resource.kept`).
"""

import hashlib
from collections.abc import Iterator

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from core.feed import feed_of, stamps
from core.fragments import code_release
from opendata.exports import columns, resources


def kept_rows(resource, queryset, *, base_url: str, chunk_size: int) -> Iterator[list]:
    """`resource.rows()` of the ordered `queryset`, from the cache where it can."""
    # Every key and stamp first (a few bytes a record): the records
    # themselves are read only for the rows not kept.
    stamped = stamps(feed_of(queryset.model), queryset)
    ids = list(queryset.values_list("pk", flat=True))
    variant = "\n".join(
        (
            code_release(columns, resources),
            translation.get_language() or "",
            base_url,
            *(column.name for column in resource.columns),
        )
    )
    prefix = f"export-row:{resource.name}:{hashlib.blake2b(variant.encode(), digest_size=8).hexdigest()}"
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        keys = {pk: f"{prefix}:{pk}:{stamped[pk].timestamp()}" for pk in chunk if pk in stamped}
        kept = cache.get_many(list(keys.values()))
        missing = [pk for pk in chunk if keys.get(pk) not in kept]
        made = {}
        if missing:
            made = dict(resource.written(resource.load(queryset.filter(pk__in=missing)), base_url=base_url))
            cache.set_many(
                {keys[pk]: row for pk, row in made.items() if pk in keys}, settings.FRAGMENT_CACHE_SECONDS
            )
        for pk in chunk:
            if pk in made:
                yield made[pk]
            elif keys.get(pk) in kept:
                yield kept[keys[pk]]
            # else unpublished since its key was read
