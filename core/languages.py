"""The registry's languages, in the order of settings.LANGUAGES: French (the
default and the fallback), Arabic, English. Translated fields carry one
column per code (`title_fr`, `title_ar`, `title_en`)."""

from django.conf import settings

CODES = tuple(code for code, _name in settings.LANGUAGES)
