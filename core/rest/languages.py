"""The language of an API response.

`?lang=fr|ar|en` wins, then the `Accept-Language` header, then French.
`?lang=all` asks for every translation at once: each translated field and
each code label becomes an object `{"fr": ..., "ar": ..., "en": ...}`.
"""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError

ALL = "all"
LANGUAGE_PARAM = "lang"


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def requested_language(request) -> str | None:
    """The language asked for by `request` ("fr", "ar", "en" or "all"), or
    None when `?lang=` names no language we serve."""
    asked = request.GET.get(LANGUAGE_PARAM, "")
    if asked:
        return asked if asked in [*language_codes(), ALL] else None
    return accepted_language(request)


def accepted_language(request) -> str:
    """The language the Accept-Language header asks for, else French."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


def activated_language(language: str | None, request=None) -> str:
    """The language to activate for labels and messages: with `all` or an
    unknown `lang`, the one Accept-Language asks for (else French), so that
    an error reads in the reader's language."""
    if language in language_codes():
        return language
    return accepted_language(request) if request is not None else settings.LANGUAGE_CODE


def content_language(language: str) -> str:
    return ", ".join(language_codes()) if language == ALL else language


def check_language(language: str | None) -> None:
    if language is None:
        choices = ", ".join([*language_codes(), ALL])
        raise ValidationError(
            {LANGUAGE_PARAM: [_("Unknown language. Choose one of: %(choices)s.") % {"choices": choices}]}
        )


def in_every_language(value) -> dict[str, str]:
    """A lazy translated string (e.g. a choice label) in each language."""
    labels = {}
    for code in language_codes():
        with translation.override(code):
            labels[code] = str(value)
    return labels


def label(value, language: str):
    """A choice label as the response wants it: text, or an object by language."""
    return in_every_language(value) if language == ALL else str(value)


def translated_text(instance, name: str, language: str):
    """A modeltranslation field of `instance`: in the active language with the
    French fallback, or every language's own text for `lang=all`."""
    if language == ALL:
        return {code: getattr(instance, f"{name}_{code}", None) or "" for code in language_codes()}
    return getattr(instance, name) or ""
