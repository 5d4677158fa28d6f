"""The admin's language switch and the settings of its script
(templates/admin/base_site.html; see core/admin_languages.py)."""

from django import template

from core import admin_languages as languages

register = template.Library()


@register.simple_tag
def admin_languages():
    """Every interface language with its own name, the current one marked."""
    return languages.admin_languages()


@register.simple_tag
def admin_interface_settings():
    return languages.interface_settings()
