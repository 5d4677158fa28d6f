"""The API's change feed: when each record's representation last changed,
and which keys left the API.

A record's API representation shows more than its own row: a project shows
its participations and the names of their organisations, its countries,
themes, components, documents, related projects and the number of its
activities; an activity shows its project's slug and its partners. Each
resource declares once what it shows, as lookups from its model (`Feed.
shows`). Any write to a registry row (save, deletion, many-to-many change,
`queryset.update()`) then marks, in the same transaction, every record
whose representation shows that row, as it was and as it is.

Marks are stamped by the next reader of the API (`catch_up()`, one query
when there is none): a record the API shows gets `changed_at` = now; one it
showed and no longer does gets a `Withdrawal` under the key it had (deleted,
unpublished, left with its project or component, or renamed, with the new
key). Stamping after the commit, under a lock, means a change is never
dated before a reader could see it: a partner that asks for what changed
since the start of its last sync misses nothing.

Loaders that write raw rows (`loaddata`, `bulk_create`) call
`mark_everything()`.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache

from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from core.models import FeedEntry, FeedMark, FeedState, Withdrawal
from core.publication import Publication
from core.replica import read_primary

BATCH = 2000


@dataclass(frozen=True)
class Feed:
    resource: str  # as in the API's URLs: /api/v1/<resource>/
    model: type[models.Model]
    key: str  # the field in the detail URL
    published: Callable[[], models.QuerySet]  # what the API shows
    # Lookups from the record to every row its representation shows, each
    # with the fields it shows of that row (None: all of them).
    shows: dict[str, tuple[str, ...] | None] = field(default_factory=dict)
    # Whether the API lists the feed (`modified_since`, the withdrawals of
    # the keys its records leave, its kept rows): a feed that only dates what
    # is kept in the cache (a sheet, an IATI activity) has no reader to tell.
    listed: bool = True


FEEDS: dict[str, Feed] = {}


def register(*feeds: Feed) -> None:
    for feed in feeds:
        FEEDS[feed.resource] = feed
    _showing.cache_clear()


def feed_of(model) -> Feed | None:
    """The API's feed of `model`."""
    return next((feed for feed in FEEDS.values() if feed.model is model and feed.listed), None)


def _target(model, lookup: str):
    for name in lookup.split("__"):
        model = model._meta.get_field(name).related_model
    return model


@cache
def _showing(model) -> tuple[tuple[Feed, str, tuple | None], ...]:
    """(feed, lookup, fields shown) whose records show rows of `model`."""
    found = []
    for feed in FEEDS.values():
        if feed.model is model:
            found.append((feed, "", None))
        found += [
            (feed, lookup, fields)
            for lookup, fields in feed.shows.items()
            if _target(feed.model, lookup) is model
        ]
    return tuple(found)


def _touches(changed: frozenset[str] | None, fields: tuple | None) -> bool:
    """Whether a write of `changed` fields (None: unknown) alters the shown
    `fields` (None: all); a translated field's columns carry its name."""
    if changed is None or fields is None:
        return True
    return any(name == shown or name.startswith(f"{shown}_") for name in changed for shown in fields)


def _changed_fields(instance) -> frozenset[str] | None:
    """The fields whose stored value this save changes (None: no row yet)."""
    concrete = type(instance)._meta.concrete_fields
    stored = (
        type(instance)._base_manager.filter(pk=instance.pk).values(*[f.attname for f in concrete]).first()
    )
    if stored is None:
        return None
    return frozenset(f.name for f in concrete if stored[f.attname] != getattr(instance, f.attname))


def _chunks(items: list, size: int = BATCH) -> Iterable[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def mark_showing(model, pks: Iterable, changed: frozenset[str] | None = None) -> None:
    """Mark every record whose representation shows these rows of `model`
    (or, when `changed` names the fields written, shows one of those)."""
    pks = [pk for pk in pks if pk is not None]
    if not pks:
        return
    marks = set()
    for feed, lookup, fields in _showing(model):
        if lookup and not _touches(changed, fields):
            continue
        for chunk in _chunks(pks):
            if lookup:
                chunk = feed.model._base_manager.filter(**{f"{lookup}__in": chunk}).values_list(
                    "pk", flat=True
                )
            marks.update((feed.resource, pk) for pk in chunk)
    FeedMark.objects.bulk_create(
        [FeedMark(resource=resource, record_id=pk) for resource, pk in sorted(marks)], batch_size=BATCH
    )


def mark_everything() -> None:
    """Mark every record, and every one the API showed: after raw writes."""
    for feed in FEEDS.values():
        ids = set(feed.model._base_manager.values_list("pk", flat=True))
        ids |= set(
            FeedEntry.objects.filter(resource=feed.resource, visible=True).values_list("record_id", flat=True)
        )
        FeedMark.objects.bulk_create(
            [FeedMark(resource=feed.resource, record_id=pk) for pk in sorted(ids)], batch_size=BATCH
        )


def catch_up() -> None:
    """Stamp the marked records (see the module's docstring)."""
    if not FeedMark.objects.exists():
        return
    with transaction.atomic():
        # The write takes the lock first (a row lock on PostgreSQL, the
        # database's on SQLite); the time is read once it is held.
        if not FeedState.objects.filter(pk=1).update(caught_up_at=timezone.now()):
            FeedState.objects.create(pk=1)
        now = timezone.now()
        while marks := list(
            FeedMark.objects.order_by("pk").values_list("pk", "resource", "record_id")[:BATCH]
        ):
            by_resource = defaultdict(set)
            for _pk, resource, record_id in marks:
                by_resource[resource].add(record_id)
            for resource, ids in by_resource.items():
                if resource in FEEDS:
                    _stamp(FEEDS[resource], sorted(ids), now)
            FeedMark.objects.filter(pk__in=[pk for pk, _resource, _record in marks]).delete()


def _stamp(feed: Feed, ids: list[int], now) -> None:
    Reason = Withdrawal.Reason
    entries = {
        entry.record_id: entry
        for entry in FeedEntry.objects.filter(resource=feed.resource, record_id__in=ids)
    }
    shown = dict(feed.published().filter(pk__in=ids).values_list("pk", feed.key))
    left = [pk for pk in ids if pk not in shown and pk in entries and entries[pk].visible]
    still_there = dict(feed.model._base_manager.filter(pk__in=left).values_list("pk", "publication"))
    stamped, withdrawn, renamed = [], [], {}
    for pk in ids:
        entry = entries.get(pk)
        if pk in shown:
            key = str(shown[pk])
            if entry is not None and entry.visible and entry.key != key:
                withdrawn.append(Withdrawal(key=entry.key, record_id=pk, reason=Reason.RENAMED, new_key=key))
                renamed[pk] = key
            stamped.append(FeedEntry(record_id=pk, key=key, visible=True))
        elif pk in left:
            if pk not in still_there:
                reason = Reason.DELETED
            elif still_there[pk] != Publication.PUBLISHED:
                reason = Reason.UNPUBLISHED
            else:
                reason = Reason.PARENT_WITHDRAWN
            withdrawn.append(Withdrawal(key=entry.key, record_id=pk, reason=reason))
            stamped.append(FeedEntry(record_id=pk, key=entry.key, visible=False))
    if not feed.listed:
        withdrawn, renamed = [], {}
    else:
        # A key shown again is no longer withdrawn.
        Withdrawal.objects.filter(
            resource=feed.resource, key__in=[entry.key for entry in stamped if entry.visible]
        ).delete()
    for pk, key in renamed.items():
        # Older keys of a renamed record now lead to its newest one.
        Withdrawal.objects.filter(resource=feed.resource, record_id=pk, reason=Reason.RENAMED).update(
            new_key=key
        )
    for row in (*stamped, *withdrawn):
        row.resource = feed.resource
    for entry in stamped:
        entry.changed_at = now
    for withdrawal in withdrawn:
        withdrawal.withdrawn_at = now
    FeedEntry.objects.bulk_create(
        stamped,
        update_conflicts=True,
        unique_fields=["resource", "record_id"],
        update_fields=["key", "visible", "changed_at"],
        batch_size=BATCH,
    )
    Withdrawal.objects.bulk_create(
        withdrawn,
        update_conflicts=True,
        unique_fields=["resource", "key"],
        update_fields=["record_id", "reason", "new_key", "withdrawn_at"],
        batch_size=BATCH,
    )


def stamps(feed: Feed, records) -> dict[int, datetime.datetime]:
    """When each of `records` (a queryset, or primary keys) last changed in
    `feed` (those it shows and stamped), after stamping what is marked.
    Primary keys not stamped yet are marked, for the next reader to stamp:
    a feed added to a registry dates its records as they are shown.

    What is kept under a stamp is read from the primary from then on: a
    replica behind the stamp would put the state before an edit under the
    key of the state after it."""
    catch_up()
    read_primary()
    ids = records.values("pk") if isinstance(records, models.QuerySet) else records
    entries = FeedEntry.objects.filter(resource=feed.resource, visible=True, record_id__in=ids)
    stamped = dict(entries.values_list("record_id", "changed_at"))
    if not isinstance(records, models.QuerySet):
        FeedMark.objects.bulk_create(
            [FeedMark(resource=feed.resource, record_id=pk) for pk in records if pk not in stamped]
        )
    return stamped


def changed_since(model, moment) -> Exists:
    """Records of `model` whose representation changed at or after `moment`."""
    catch_up()
    # The stamps were just written on the primary: a replica may not have them.
    read_primary()
    feed = feed_of(model)
    return Exists(
        FeedEntry.objects.filter(resource=feed.resource, record_id=OuterRef("pk"), changed_at__gte=moment)
    )


# Signal receivers (connected in core/apps.py for every registry model).


def before_save(sender, instance, raw=False, **kwargs) -> None:
    if not raw and not instance._state.adding and instance.pk is not None:
        instance._feed_changed = _changed_fields(instance)
        mark_showing(sender, [instance.pk], instance._feed_changed)


def after_save(sender, instance, raw=False, created=False, **kwargs) -> None:
    if not raw:
        changed = None if created else instance.__dict__.pop("_feed_changed", None)
        mark_showing(sender, [instance.pk], changed)


def before_delete(sender, instance, **kwargs) -> None:
    mark_showing(sender, [instance.pk])


def relations_changing(sender, instance, action, model, pk_set, **kwargs) -> None:
    # While the links exist: before a removal, after an addition.
    # No field of either row changes: each shows the link itself.
    if action in ("pre_remove", "pre_clear", "post_add"):
        mark_showing(type(instance), [instance.pk], frozenset())
        mark_showing(model, pk_set or (), frozenset())


def rows_updating(sender, pks, fields, **kwargs) -> None:
    mark_showing(sender, pks, fields)
