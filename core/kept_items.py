"""The items of public lists (project cards, activities), each kept in the
cache under its record's stamp in a feed of what the item shows
(core/feed.py).

The feed stamps a record anew whenever a row its item shows changes, bulk
updates included, so an item's key (that stamp, the language, the day: an
item may say a project is past its end, the registry's epoch: raw loads,
and the template's text) changes exactly when the item would: after one
edit, the next list renders again the items that show it and takes the
others from the cache. A record not stamped yet is rendered each time until
the feed stamps it (core.feed.stamps() marks it).
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.feed import Feed, stamps
from core.fragments import template_release
from core.response_cache import registry_revision


def kept_items(context, records, *, template_name: str, name: str, feed: Feed) -> str:
    """`records` rendered by `template_name`, each as `name` in the context.

    Given a page's queryset not read yet, its keys are read first and only
    the records whose item is not kept are loaded (`for_list()`); given
    records, loaded with `for_list()`, only those are rendered."""
    request = context.get("request")
    item = context.template.engine.get_template(template_name)
    # Signed-in users get every item rendered, as they get every page.
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or request is None or request.user.is_authenticated:
        return mark_safe("".join(render(item, context, name, record) for record in records))
    unread = isinstance(records, QuerySet) and records._result_cache is None
    ids = list(records.values_list("pk", flat=True)) if unread else [record.pk for record in records]
    if not ids:
        return ""
    stamped = stamps(feed, ids)
    prefix = ":".join(
        (
            "item",
            feed.resource,
            get_language(),
            timezone.localdate().isoformat(),
            str(registry_revision(request).epoch),
            template_release(template_name),
        )
    )
    keys = {pk: f"{prefix}:{pk}:{stamped[pk].timestamp()}" for pk in ids if pk in stamped}
    kept = cache.get_many(list(keys.values()))
    if unread:
        missing = [pk for pk in ids if keys.get(pk) not in kept]
        loaded = (
            {record.pk: record for record in records.model.objects.filter(pk__in=missing).for_list()}
            if missing
            else {}
        )
    else:
        loaded = {record.pk: record for record in records}
    rendered, made = [], {}
    for pk in ids:
        html = kept.get(keys.get(pk))
        if html is None:
            if pk not in loaded:
                continue  # withdrawn since the page was read
            html = render(item, context, name, loaded[pk])
            if pk in keys:
                made[keys[pk]] = html
        rendered.append(html)
    if made:
        cache.set_many(made, settings.FRAGMENT_CACHE_SECONDS)
    return mark_safe("".join(rendered))


def render(item, context, name: str, record) -> str:
    with context.push({name: record}):
        return item.render(context)
