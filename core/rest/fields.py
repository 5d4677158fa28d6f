"""Serializer fields for translated text and coded values.

Both follow the response language (see `languages.py`): a translated field
is a string in that language (French when the translation is blank), or an
object by language for `lang=all`; a coded value is `{"code", "label"}` with
the label translated the same way. Each field documents its own OpenAPI
shape, so the schema says exactly what a partner receives.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.rest.languages import ALL, label, language_codes, translated_text


def translations_schema(description="") -> dict:
    every_language = {
        "type": "object",
        "properties": {code: {"type": "string"} for code in language_codes()},
        "required": language_codes(),
        "additionalProperties": False,
    }
    schema = {"oneOf": [{"type": "string"}, every_language]}
    if description:
        schema["description"] = description
    return schema


def response_language(field) -> str:
    return field.context.get("language") or "fr"


class TranslatedField(serializers.Field):
    """A modeltranslation field, e.g. `title`; `source` may go through
    relations (`organisation.name`)."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        extend_schema_field(
            translations_schema(
                _(
                    "Text in the response language (French when the translation is blank), "
                    "or an object with every language for lang=all."
                )
            )
        )(self)

    def get_attribute(self, instance):
        for attribute in self.source_attrs[:-1]:
            instance = getattr(instance, attribute)
            if instance is None:
                return None
        return instance

    def to_representation(self, owner):
        return translated_text(owner, self.source_attrs[-1], response_language(self))

    def csv_subcolumns(self) -> list[str]:
        return language_codes() if response_language(self) == ALL else []


class CodedField(serializers.Field):
    """A value from a TextChoices class, as its stable code beside its label."""

    def __init__(self, choices, **kwargs):
        self.choices_class = choices
        kwargs["read_only"] = True
        super().__init__(**kwargs)
        nullable = kwargs.get("allow_null", False)
        schema = {
            "type": "object",
            "properties": {
                "code": {"type": "string", "enum": [str(value) for value in choices.values]},
                "label": translations_schema(),
            },
            "required": ["code", "label"],
            "description": _("A stable code and its label in the response language."),
        }
        if nullable:
            schema["nullable"] = True
        extend_schema_field(schema)(self)

    def to_representation(self, value):
        if not value:
            return None
        return {"code": value, "label": label(self.choices_class(value).label, response_language(self))}

    def csv_subcolumns(self) -> list[str]:
        if response_language(self) == ALL:
            return ["code", *[f"label.{code}" for code in language_codes()]]
        return ["code", "label"]


class BlankAsNullMixin:
    """Text that may be blank in the database (never null there) is null in
    the API, so that a blank never passes for a value."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, value):
        return super().to_representation(value) if value else None


class OptionalCodeField(BlankAsNullMixin, serializers.CharField):
    """A code that may be blank, e.g. a currency."""


class OptionalURLField(BlankAsNullMixin, serializers.URLField):
    """An address that may be blank, e.g. a website."""


class CanonicalLinkMixin:
    """An absolute link to a record's API detail, without the request's query
    string: DRF's own reverse carries `?format=` over, which would send a CSV
    reader to a detail that has no CSV."""

    def get_url(self, obj, view_name, request, format):
        url = reverse(view_name, kwargs={self.lookup_url_kwarg: getattr(obj, self.lookup_field)})
        return request.build_absolute_uri(url) if request is not None else url


class LinkField(CanonicalLinkMixin, serializers.HyperlinkedIdentityField):
    """The record's own link (`url`)."""


class RelatedLinkField(CanonicalLinkMixin, serializers.HyperlinkedRelatedField):
    """The link of a related record (`source` names it)."""
