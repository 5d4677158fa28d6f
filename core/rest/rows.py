"""API rows kept under the change feed's stamps.

The change feed (core/feed.py) stamps a record whenever anything its API
representation shows changes (its own fields, its organisations' names,
its countries...), exactly: a mirror syncing from those stamps equals a
full pull (tests/api/test_mirror.py). A stamp is therefore the version of
the whole row, and a serialized row is kept under it, with what else the
row depends on (serializer, language, host of its links, the day): after an
edit, the next list or detail serializes the rows that show it and takes
the others from the cache. A record not stamped yet is serialized every time.

A page or a detail first reads the keys of its records only (`keys()`):
only the records whose row is not kept are then read whole, with their
children.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from core.feed import feed_of, stamps


class KeptRows:
    """What `serializer_class(records, many=True, context=context).data`
    gives for the records of `queryset`, from the cache where it can."""

    def __init__(self, serializer_class, context: dict, language: str, queryset, cursor_keys=()):
        self.serializer_class = serializer_class
        self.context = context
        self.request = context["request"]
        self.language = language
        self.queryset = queryset
        self.cursor_keys = cursor_keys
        self.feed = feed_of(queryset.model)

    def keys(self):
        """`queryset` as a page or a detail reads it first: with a feed,
        dictionaries of each record's primary key (and a cursor's keys);
        without one, the records whole, as no row is kept."""
        if self.feed is None:
            return self.queryset
        return self.queryset.values("pk", *(key for key in self.cursor_keys if key != "pk"))

    def rows(self, keys) -> list:
        """The rows of the records `keys()` read, in their order (less any
        record withdrawn in between)."""
        if self.feed is None:
            return self.serialize(list(keys))
        pks = [key["pk"] for key in keys]
        if settings.FRAGMENT_CACHE_SECONDS <= 0 or self.request.user.is_authenticated:
            return self.serialize(self.records(pks))
        stamped = stamps(self.feed, pks)
        variant = "\n".join(
            (
                self.serializer_class.__qualname__,
                self.language,
                self.request.build_absolute_uri("/"),
                timezone.localdate().isoformat(),
            )
        )
        prefix = f"row:{self.feed.resource}:{hashlib.blake2b(variant.encode(), digest_size=8).hexdigest()}"
        keys = {pk: f"{prefix}:{pk}:{stamped[pk].timestamp()}" for pk in pks if pk in stamped}
        kept = cache.get_many(list(keys.values()))
        missing = self.records([pk for pk in pks if keys.get(pk) not in kept])
        made = dict(zip((record.pk for record in missing), self.serialize(missing), strict=True))
        cache.set_many(
            {keys[pk]: plain(row) for pk, row in made.items() if pk in keys}, settings.FRAGMENT_CACHE_SECONDS
        )
        return [
            made[pk] if pk in made else kept[keys[pk]] for pk in pks if pk in made or keys.get(pk) in kept
        ]

    def records(self, pks: list) -> list:
        """The records of `pks` whole, with their children, in that order."""
        if not pks:
            return []
        found = {record.pk: record for record in self.queryset.filter(pk__in=pks)}
        return [found[pk] for pk in pks if pk in found]

    def serialize(self, records: list) -> list:
        return self.serializer_class(records, many=True, context=self.context).data


def plain(value):
    """The row without DRF's hyperlinks, which carry their record (and would
    load its relations to be pickled)."""
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, str):
        return str(value)
    return value
