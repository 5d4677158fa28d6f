"""Project cards, each kept in the cache under its project's stamp in the
projects feed.

A card shows its project, its countries (with the link's status) and its
funders and implementing agencies: rows the API's representation of a
project shows too, so the change feed (core/feed.py, opendata/feeds.py)
stamps the project anew whenever one of them changes, bulk updates
included. A card's key, made of that stamp, the language and the day (a
card says when a project is past its end), changes exactly when the card
would: after one edit, the next list re-renders the cards that show it and
takes the others from the cache. Records written raw (loaded, generated,
restored) move the registry's epoch on, which renews every card. The
template's own text is part of the key, so a new release never shows an
old card.
"""

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.feed import feed_of, stamps
from core.fragments import template_release
from core.response_cache import registry_revision
from projects.models import Project

register = template.Library()

CARD = "includes/project_item.html"


@register.simple_tag(takes_context=True)
def project_cards(context, projects):
    """The cards of `projects`, loaded with `ProjectQuerySet.for_list()`.

    Given a queryset not read yet (a list's page), the page's keys are read
    first and only the projects whose card is not kept are loaded."""
    request = context.get("request")
    engine = context.template.engine
    card = engine.get_template(CARD)
    # Signed-in users get every card rendered, as they get every page.
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or request is None or request.user.is_authenticated:
        return mark_safe("".join(_render(card, context, project) for project in projects))
    epoch = registry_revision(request).epoch
    prefix = f"card:{get_language()}:{timezone.localdate().isoformat()}:{epoch}:{template_release(CARD)}"
    unread = isinstance(projects, QuerySet) and projects._result_cache is None
    ids = list(projects.values_list("pk", flat=True)) if unread else [project.pk for project in projects]
    stamped = stamps(feed_of(Project), ids) if ids else {}
    keys = {pk: f"{prefix}:{pk}:{stamped[pk].timestamp()}" for pk in ids if pk in stamped}
    kept = cache.get_many(list(keys.values()))
    if unread:
        missing = [pk for pk in ids if keys.get(pk) not in kept]
        loaded = (
            {project.pk: project for project in Project.objects.filter(pk__in=missing).for_list()}
            if missing
            else {}
        )
    else:
        loaded = {project.pk: project for project in projects}
    rendered, made = [], {}
    for pk in ids:
        html = kept.get(keys.get(pk))
        if html is None:
            if pk not in loaded:
                continue  # withdrawn since the page was read
            html = _render(card, context, loaded[pk])
            if pk in keys:
                made[keys[pk]] = html
        rendered.append(html)
    if made:
        cache.set_many(made, settings.FRAGMENT_CACHE_SECONDS)
    return mark_safe("".join(rendered))


def _render(card, context, project) -> str:
    with context.push(project=project):
        return card.render(context)
