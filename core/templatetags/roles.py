"""Picking participations by role out of a prefetched list, in memory."""

from django import template

register = template.Library()


@register.filter
def with_role(participations, role):
    """The participations (already loaded) whose role is `role`."""
    return [participation for participation in participations if participation.role == role]
