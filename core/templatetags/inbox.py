"""The unread count of the admin's inbox, in its header
(templates/admin/base_site.html; see core/notifications.py)."""

from django import template

from core.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many notifications the signed-in staff member has not read yet."""
    return Notification.objects.filter(recipient=context["request"].user).unread().count()
