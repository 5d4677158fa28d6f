"""The registry's languages, in the order of settings.LANGUAGES: French (the
default and the fallback), Arabic, English. Translated fields carry one
column per code (`title_fr`, `title_ar`, `title_en`)."""

from django.conf import settings
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

CODES = tuple(code for code, _name in settings.LANGUAGES)
NAMES = dict(settings.LANGUAGES)


def in_language(label, language: str):
    """`label` of a translated field's column in `language`: "Title
    (Arabic)", in the reader's language (the downloads' data dictionary and
    the admin's spreadsheets name their columns alike)."""
    return format_lazy(_("{field} ({language})"), field=label, language=NAMES[language])
