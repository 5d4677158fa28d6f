"""Picking participations by role out of a prefetched list (projects/roles.py)."""

from django import template

from projects import roles

register = template.Library()


@register.filter
def with_role(participations, role):
    """The participations (already loaded) whose role is `role`."""
    return roles.with_role(participations, role)
