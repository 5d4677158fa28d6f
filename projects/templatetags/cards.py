"""Project cards, each kept in the cache under its project's stamp in the
projects feed (core/kept_items.py).

A card shows its project, its countries (with the link's status) and its
funders and implementing agencies: rows the API's representation of a
project shows too, so the projects feed (opendata/feeds.py) stamps the
project anew whenever one of them changes.
"""

from django import template

from core.feed import feed_of
from core.kept_items import kept_items
from projects.models import Project

register = template.Library()

CARD = "includes/project_item.html"


@register.simple_tag(takes_context=True)
def project_cards(context, projects):
    """The cards of `projects`: a page's queryset not read yet, or projects
    loaded with `ProjectQuerySet.for_list()`."""
    return kept_items(context, projects, template_name=CARD, name="project", feed=feed_of(Project))
