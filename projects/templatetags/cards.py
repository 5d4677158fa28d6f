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

from django import template
from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.fragments import template_release, versions_digest
from core.response_cache import registry_revision

register = template.Library()

CARD = "includes/project_item.html"


def versions(project) -> list[int]:
    """What `ProjectQuerySet.card_versions()` reads, from a loaded project."""
    shown = [project.pk, project.version]
    for link in sorted(project.country_links.all(), key=lambda link: link.pk):
        shown += [link.pk, link.version, link.country.pk, link.country.version]
    for participation in sorted(project.main_participations, key=lambda participation: participation.pk):
        shown += [participation.pk, participation.version, participation.organisation.pk]
        shown.append(participation.organisation.version)
    return shown


def card_key(shown: list[int], prefix: str) -> str:
    return f"{prefix}:{versions_digest(shown)}"


@register.simple_tag(takes_context=True)
def project_cards(context, projects):
    """The cards of `projects`, loaded with `ProjectQuerySet.for_list()`.

    Given a queryset not read yet (a list's page), the cards' keys come
    from `card_versions()` and only the projects whose card is not kept are
    loaded; given records, from the records."""
    request = context.get("request")
    engine = context.template.engine
    card = engine.get_template(CARD)
    # Signed-in users get every card rendered, as they get every page.
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or request is None or request.user.is_authenticated:
        return mark_safe("".join(_render(card, context, project) for project in projects))
    epoch = registry_revision(request).epoch
    prefix = f"card:{get_language()}:{timezone.localdate().isoformat()}:{epoch}:{template_release(CARD)}"
    if isinstance(projects, QuerySet) and projects._result_cache is None:
        page = dict(projects.values_list("pk", "version"))
        ids = list(page)
        shown = projects.model.objects.card_versions(page)
        keys = {pk: card_key(shown[pk], prefix) for pk in ids}
        kept = cache.get_many(list(keys.values()))
        missing = [pk for pk in ids if keys[pk] not in kept]
        loaded = {project.pk: project for project in projects.model.objects.filter(pk__in=missing).for_list()}
    else:
        loaded = {project.pk: project for project in projects}
        ids = list(loaded)
        keys = {pk: card_key(versions(project), prefix) for pk, project in loaded.items()}
        kept = cache.get_many(list(keys.values()))
    rendered, made = [], {}
    for pk in ids:
        html = kept.get(keys[pk])
        if html is None:
            html = made[keys[pk]] = _render(card, context, loaded[pk])
        rendered.append(html)
    if made:
        cache.set_many(made, settings.FRAGMENT_CACHE_SECONDS)
    return mark_safe("".join(rendered))


def _render(card, context, project) -> str:
    with context.push(project=project):
        return card.render(context)
