"""Translated fields (fr, ar, en) and history of partners.

History is registered after translation so that the historical tables get
every language column (see simple-history issues #209 and #929).
"""

from modeltranslation.translator import TranslationOptions, register
from simple_history import register as register_history

from partners.models import Country, Organisation


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("fr",)


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "acronym", "description")
    required_languages = {"fr": ("name",)}


register_history(Country, app="partners")
register_history(Organisation, app="partners")
