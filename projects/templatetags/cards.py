"""Project cards, each kept in the cache under the versions of what it shows.

A card shows its project, its countries (with the link's status) and its
funders and implementing agencies. Every save or bulk update of one of those
records raises its version (core/concurrency.py, core/querysets.py), so a
card's key, made of those versions, the language and the day (a card says
when a project is past its end), changes exactly when the card would: after
one edit, the next list re-renders the one card that shows it and takes the
others from the cache. Records written raw (loaded, generated, restored)
move the registry's epoch on, which renews every card. The template's own
text is part of the key, so a new release never shows an old card.
"""

import hashlib
from functools import cache as once

from django import template
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.response_cache import registry_revision

register = template.Library()

CARD = "includes/project_item.html"


@once
def _release(engine) -> str:
    source = engine.get_template(CARD).source
    return hashlib.blake2b(source.encode(), digest_size=8).hexdigest()


def versions(project) -> list[int]:
    shown = [project.pk, project.version]
    for link in project.country_links.all():
        shown += [link.pk, link.version, link.country.pk, link.country.version]
    for participation in project.main_participations:
        shown += [participation.pk, participation.version, participation.organisation.pk]
        shown.append(participation.organisation.version)
    return shown


def card_key(project, prefix: str) -> str:
    digest = hashlib.blake2b(".".join(map(str, versions(project))).encode(), digest_size=16).hexdigest()
    return f"{prefix}:{digest}"


@register.simple_tag(takes_context=True)
def project_cards(context, projects):
    """The cards of `projects` (loaded with `ProjectQuerySet.for_list()`)."""
    request = context.get("request")
    engine = context.template.engine
    card = engine.get_template(CARD)
    # Signed-in users get every card rendered, as they get every page.
    if settings.FRAGMENT_CACHE_SECONDS > 0 and request is not None and not request.user.is_authenticated:
        epoch = registry_revision(request).epoch
        prefix = f"card:{get_language()}:{timezone.localdate().isoformat()}:{epoch}:{_release(engine)}"
        keys = [card_key(project, prefix) for project in projects]
        kept = cache.get_many(keys)
    else:
        keys, kept = [None] * len(projects), {}
    rendered, made = [], {}
    for key, project in zip(keys, projects, strict=True):
        html = kept.get(key)
        if html is None:
            with context.push(project=project):
                html = card.render(context)
            if key is not None:
                made[key] = html
        rendered.append(html)
    if made:
        cache.set_many(made, settings.FRAGMENT_CACHE_SECONDS)
    return mark_safe("".join(rendered))
