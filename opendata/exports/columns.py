"""Columns of the download tables: a stable machine name, a label shown in
French and Arabic, a value read from a record, and a description for the
data dictionary. Helpers build the usual groups: one column per language of
a translated text, a code with its labels, related records with their names.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.text import capfirst, format_lazy
from django.utils.translation import gettext_lazy as _

from core.languages import CODES, in_language
from core.languages import NAMES as LANGUAGE_NAMES
from core.publication import Publication

TEXT_LANGUAGES = CODES
LABEL_LANGUAGES = ("fr", "ar")
PUBLISHED = Publication.PUBLISHED


@dataclass(frozen=True)
class Column:
    name: str
    label: Any
    value: Callable[[Any], Any]
    description: Any = ""
    # A path on this site, written as an absolute address.
    link: bool = False

    def label_in(self, language: str) -> str:
        with translation.override(language):
            return capfirst(str(self.label))


def verbose(model, name: str):
    return model._meta.get_field(name).verbose_name


def column(name: str, label, description, value: Callable | None = None, **options) -> Column:
    return Column(name, label, value or (lambda obj: getattr(obj, name)), description, **options)


def translated(name: str, label, description, through: Callable | None = None, source: str = "") -> list:
    """One column per language of a translated field (of `through(obj)` if given)."""
    source = source or name
    columns = []
    for language in TEXT_LANGUAGES:
        attribute = f"{source}_{language}"

        def value(obj, attribute=attribute):
            target = through(obj) if through else obj
            return getattr(target, attribute, "") if target is not None else ""

        columns.append(Column(f"{name}_{language}", in_language(label, language), value, description))
    return columns


@lru_cache(maxsize=64)
def choice_labels(choices: type[models.Choices], language: str) -> dict[str, str]:
    with translation.override(language):
        return {choice.value: str(choice.label) for choice in choices}


def coded(
    name: str, label, description, choices: type[models.Choices], value: Callable | None = None
) -> list:
    """The code, then its label in French and in Arabic."""
    code = value or (lambda obj: getattr(obj, name))
    columns = [Column(name, label, code, description)]
    for language in LABEL_LANGUAGES:

        def label_value(obj, language=language):
            current = code(obj)
            return choice_labels(choices, language).get(current, current) if current else ""

        columns.append(
            Column(
                f"{name}_{language}",
                in_language(label, language),
                label_value,
                format_lazy(
                    _("The label of {field}, in {language}."), field=name, language=LANGUAGE_NAMES[language]
                ),
            )
        )
    return columns


def name_in(obj, language: str) -> str:
    """A translated name, falling back to French so that lists stay aligned."""
    if obj is None:
        return ""
    return getattr(obj, f"name_{language}", "") or obj.name_fr


def listed(name: str, label, description, items: Callable, code: Callable) -> list:
    """The codes (slugs, ISO codes) of related records, then their names in
    French and in Arabic, in the same order."""
    columns = [Column(name, label, lambda obj: [code(item) for item in items(obj)], description)]
    for language in LABEL_LANGUAGES:
        columns.append(
            Column(
                f"{name}_{language}",
                in_language(label, language),
                lambda obj, language=language: [name_in(item, language) for item in items(obj)],
                format_lazy(
                    _("The names of {field}, in {language}."), field=name, language=LANGUAGE_NAMES[language]
                ),
            )
        )
    return columns


def country_columns(name: str, label, description, get: Callable) -> list:
    """A country's ISO code, then its name in French and in Arabic."""
    columns = [Column(name, label, lambda obj: get(obj).code if get(obj) else "", description)]
    for language in LABEL_LANGUAGES:
        columns.append(
            Column(
                f"{name}_{language}",
                in_language(label, language),
                lambda obj, language=language: name_in(get(obj), language),
                format_lazy(
                    _("The name of {field}, in {language}."), field=name, language=LANGUAGE_NAMES[language]
                ),
            )
        )
    return columns


def page(obj) -> str:
    return obj.get_absolute_url()


def public(obj):
    """`obj` when the public may see it, else None (a draft parent, component...)."""
    return obj if obj is not None and obj.publication == PUBLISHED else None


UPDATED = column("updated_at", _("last update"), _("When the record was last changed (ISO 8601)."))
PAGE = column("url", _("page"), _("Address of the record's public page."), lambda obj: page(obj), link=True)
