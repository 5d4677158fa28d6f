"""API rows kept under the change feed's stamps.

The change feed (core/feed.py) stamps a record whenever anything its API
representation shows changes (its own fields, its organisations' names,
its countries...), exactly: a mirror syncing from those stamps equals a
full pull (tests/api/test_mirror.py). A stamp is therefore the version of
the whole row, and a serialized row is kept under it, with what else the
row depends on (serializer, language, host of its links, the day): after an
edit, the next list or detail serializes the rows that show it and takes
the others from the cache. A record not stamped yet is serialized every time.

Records come without their children (`children`, the lookups their
queryset would prefetch): only those whose row is not kept load theirs.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils import timezone

from core.feed import feed_of
from core.models import FeedEntry


class KeptRows:
    """What `serializer_class(records, many=True, context=context).data`
    gives, from the cache where it can."""

    def __init__(self, serializer_class, context: dict, language: str, children=()):
        self.serializer_class = serializer_class
        self.context = context
        self.request = context["request"]
        self.language = language
        self.children = children

    def rows(self, records) -> list:
        records = list(records)
        feed = feed_of(type(records[0])) if records else None
        if feed is None or settings.FRAGMENT_CACHE_SECONDS <= 0 or self.request.user.is_authenticated:
            return self.serialize(records)
        stamps = dict(
            FeedEntry.objects.filter(
                resource=feed.resource, visible=True, record_id__in=[record.pk for record in records]
            ).values_list("record_id", "changed_at")
        )
        variant = "\n".join(
            (
                self.serializer_class.__qualname__,
                self.language,
                self.request.build_absolute_uri("/"),
                timezone.localdate().isoformat(),
            )
        )
        prefix = f"row:{feed.resource}:{hashlib.blake2b(variant.encode(), digest_size=8).hexdigest()}"
        keys = {
            record.pk: f"{prefix}:{record.pk}:{stamps[record.pk].timestamp()}"
            for record in records
            if record.pk in stamps
        }
        kept = cache.get_many(list(keys.values()))
        missing = [record for record in records if keys.get(record.pk) not in kept]
        made = dict(zip((record.pk for record in missing), self.serialize(missing), strict=True))
        cache.set_many(
            {keys[pk]: plain(row) for pk, row in made.items() if pk in keys}, settings.FRAGMENT_CACHE_SECONDS
        )
        return [made[record.pk] if record.pk in made else kept[keys[record.pk]] for record in records]

    def serialize(self, records: list) -> list:
        prefetch_related_objects(records, *self.children)
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
