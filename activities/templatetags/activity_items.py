"""Items of the activity list, each kept in the cache under its activity's
stamp in the feed of what an item shows (activities/feeds.py,
core/kept_items.py)."""

from django import template

from activities.feeds import ACTIVITY_ITEMS
from core.kept_items import kept_items

register = template.Library()

ITEM = "includes/activity_item.html"


@register.simple_tag(takes_context=True)
def activity_items(context, activities):
    """The items of `activities`: a page's queryset not read yet, or
    activities loaded with `ActivityQuerySet.for_list()`."""
    return kept_items(context, activities, template_name=ITEM, name="activity", feed=ACTIVITY_ITEMS)
