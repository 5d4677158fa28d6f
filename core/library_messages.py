"""Interface strings of the libraries behind the admin that their own
catalogues leave untranslated in Arabic (or French), or translate badly.

Django falls back to the French catalogue for a string missing in Arabic, so
an untranslated library string shows in French in the Arabic admin (and in
English in the French one). The project's catalogues (locale/, first in
LOCALE_PATHS) take precedence over the libraries', but `makemessages` only
extracts the project's own strings and `make messages` (--no-obsolete) drops
every entry it no longer finds: listing the libraries' strings here, exactly
as the libraries write them (same context, same plural), keeps them in
locale/*/LC_MESSAGES/django.po. Nothing imports this module; the marking
functions return the strings untranslated.

The admin's JavaScript strings (the filter_horizontal widget, the calendar)
belong to the `djangojs` domain, which `make messages` does not touch: they
are kept in locale/<language>/LC_MESSAGES/djangojs.po, and
tests/core/test_catalogues.py checks that none is missing in Arabic.

Left out: messages only a developer meets (a misconfigured resource), and
django-import-export's "%s through import_export", which the library
formats before translating, so no catalogue can reach it.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = (
    # Django's admin: gender agreement ("أضِف المشاركة آخر") and the meaning of
    # the protected-objects messages, wrong in its Arabic catalogue.
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would require deleting the following "
        "protected related objects:"
    ),
    gettext_noop(
        "Deleting %(class_name)s %(instance)s would require deleting the following protected "
        "related objects: %(related_objects)s"
    ),
    # Django's forms and formsets.
    gettext_noop("Ensure this value is a multiple of step size %(limit_value)s."),
    gettext_noop(
        "Ensure this value is a multiple of step size %(limit_value)s, starting from %(offset)s, e.g. "
        "%(offset)s, %(valid_value1)s, %(valid_value2)s, and so on."
    ),
    gettext_noop("Constraint “%(name)s” is violated."),
    gettext_noop("Enter a valid domain name."),
    gettext_noop("Enter a valid %(protocol)s address."),
    gettext_noop("%(model)s instance with %(field)s %(value)r is not a valid choice."),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms."),
    ngettext_lazy("Please submit at least %(num)d form.", "Please submit at least %(num)d forms."),
    # Django's users and passwords.
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Reset password"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may "
        "still be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
    ),
    gettext_noop(
        "Enter a valid username. This value may contain only unaccented lowercase a-z and uppercase "
        "A-Z letters, numbers, and @/./+/-/_ characters."
    ),
    # django-import-export: its import and export pages and their errors.
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
    gettext_noop(
        "%(exc_name)s encountered while trying to read file. Ensure you have chosen the correct format "
        "for the file."
    ),
    gettext_noop("No valid data to import. Ensure your file has the correct headers or data for import."),
    gettext_noop(
        "The following fields are declared in 'import_id_fields' but are not present in the file headers: %s"
    ),
    gettext_noop("export failed due to IllegalCharacterError"),
    gettext_noop("Resource"),
    gettext_noop('Select at least 1 field for "%(resource_name)s" to export'),
    ngettext_lazy("Export %(len)s selected item.", "Export %(len)s selected items."),
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop("Select all"),
    gettext_noop("Some rows failed to validate"),
    gettext_noop(
        "Please correct these errors in your data where possible, then reupload it using the form above."
    ),
    gettext_noop("Row"),
    gettext_noop("Non field specific"),
    gettext_noop("Value could not be parsed."),
    gettext_noop("call to force_str() on instance failed: %s"),
    # django-simple-history: the history of a record.
    gettext_noop("Changes"),
    gettext_noop("Deleted %(type_name)s"),
    # django-axes: its sign-in logs.
    gettext_noop("Session key hash (sha256)"),
)
