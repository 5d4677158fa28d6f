"""The admin in the language of the person using it.

Staff work in French or Arabic (English is there too), and translate records
from one into the other. What lives here:

- each language's own name, as the language tabs of translated fields and the
  language switch in the admin's header show it (templates/admin/base_site.html,
  static/admin/registry.js);
- what the admin's script needs from the server (`interface_settings`): the
  interface language, the languages in the order its tabs follow (the
  interface's first, then settings.LANGUAGES) and its few words;
- permissions named in the interface language in the user and group forms
  (the names stored by Django are English sentences written once at
  migration);
- the export form of django-import-export naming each column by its field's
  translated name (the library writes "Title Fr" from the column name).

The strings of the libraries themselves are kept in core/library_messages.py.
"""

from django import forms
from django.conf import settings
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_info, gettext, pgettext_lazy
from import_export.forms import SelectableFieldsExportForm

from core.languages import CODES

# A language's name is written in that language, whatever the interface's:
# an Arabic-speaking editor finds "العربية" in the French admin.
LANGUAGE_NAMES = {"fr": "Français", "ar": "العربية", "en": "English"}


def interface_language() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def languages_in_tab_order(current: str) -> list[str]:
    """The interface's language first (the one its reader writes in), then the
    others in the order of settings.LANGUAGES: French, Arabic, English."""
    return [current, *(code for code in CODES if code != current)] if current in CODES else list(CODES)


def admin_languages() -> list[dict]:
    current = interface_language()
    return [
        {
            "code": code,
            "name": LANGUAGE_NAMES[code],
            "direction": "rtl" if get_language_info(code)["bidi"] else "ltr",
            "current": code == current,
        }
        for code in CODES
    ]


def interface_settings() -> dict:
    """What static/admin/registry.js needs, serialised in the page by
    `json_script` (the admin runs no inline script)."""
    current = interface_language()
    names = {language["code"]: language for language in admin_languages()}
    return {
        "language": current,
        "languages": [names[code] for code in languages_in_tab_order(current)],
        "strings": {
            "languageOfFields": gettext("Language of the translated fields"),
            "sideBySide": gettext("Languages side by side"),
            "errorSummary": gettext("Errors on this page"),
        },
    }


# Permissions in the interface language.

# The default permissions of every model, and the publication permission of
# the publishable ones (core/workflow.py).
ACTIONS = {
    "add": pgettext_lazy("permission", "Add"),
    "change": pgettext_lazy("permission", "Change"),
    "delete": pgettext_lazy("permission", "Delete"),
    "view": pgettext_lazy("permission", "View"),
    "publish": pgettext_lazy("permission", "Publish, send back and archive"),
}


def permission_label(permission: Permission) -> str:
    """A permission's label in the interface language, "Projects | project |
    Change"; a permission of a model that no longer exists keeps its stored
    name."""
    content_type = permission.content_type
    model = content_type.model_class()
    action = ACTIONS.get(permission.codename.partition("_")[0])
    if model is None or action is None:
        return str(permission)
    opts = model._meta
    # Historical models (django-simple-history) are named "historical <model>"
    # in English only.
    if hasattr(model, "instance_type"):
        name = gettext("history of %(model)s") % {"model": model.instance_type._meta.verbose_name}
    else:
        name = opts.verbose_name
    return f"{opts.app_config.verbose_name} | {name} | {action}"


class PermissionChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return permission_label(obj)


class TranslatedPermissions:
    """A user or group admin whose permission choices are named in the
    interface language."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        if db_field.related_model is Permission:
            kwargs["form_class"] = PermissionChoiceField
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class RegistryGroupAdmin(TranslatedPermissions, GroupAdmin):
    pass


class RegistryUserAdmin(TranslatedPermissions, UserAdmin):
    pass


def translate_permissions(site) -> None:
    """Replaces the user and group admins of `site` by ones naming
    permissions in the interface language."""
    for model, admin_class in ((Group, RegistryGroupAdmin), (User, RegistryUserAdmin)):
        if site.is_registered(model):
            site.unregister(model)
        site.register(model, admin_class)


# Spreadsheet exports.


class TranslatedExportForm(SelectableFieldsExportForm):
    """The columns to export, each named by its field's name in the interface
    language, with the field's own name beside it: "العنوان [Français]
    (title_fr)" where the library wrote "Title Fr"."""

    def _get_field_label(self, resource, field_name):
        field = resource.fields.get(field_name)
        attribute = (field.attribute if field is not None else None) or field_name
        try:
            model_field = resource._meta.model._meta.get_field(attribute)
        except FieldDoesNotExist:
            return field_name
        language = getattr(model_field, "language", None)
        if language is not None:  # one of modeltranslation's columns
            name = f"{capfirst(model_field.translated_field.verbose_name)} [{LANGUAGE_NAMES[language]}]"
        else:
            name = capfirst(model_field.verbose_name)
        return name if field_name in name else f"{name} ({field_name})"
