"""A folded search column kept on each searchable model, and the terms a
query looks for in it.

The column holds every language's text (and aliases) in the normal form of
`core.text.fold`, so that one `LIKE` gives the same answers on SQLite
and PostgreSQL, whatever the visitor's language, accents or Arabic spelling.

A query word is looked for as written (folded) inside the column's words,
so "migr" finds "migration"; an Arabic word without its article and
one-letter prefixes, so "الهجرة" finds "هجرة" as "هجرة" finds "والهجرة";
a short Latin word (an acronym such as "UE") as a whole word, so that it
does not find "que" or "Banque". On PostgreSQL a word that is nowhere as
written is looked for with one typo allowed (pg_trgm word similarity, on
the column's trigram index).
"""

import re
from dataclasses import dataclass

from django.db import connection, models
from django.utils.translation import gettext_lazy as _

from core.languages import CODES
from core.text import fold, words

# The article and the one-letter prefixes (and, so, with, for, as) of an
# Arabic word, longest first; one of them is dropped from a query word when
# at least three letters remain.
ARABIC_PREFIXES = ("وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال", "و", "ف", "ب", "ل", "ك")
SHORT_WORD = re.compile(r"[a-z0-9]{1,3}")
# Below this length a typo-tolerant match finds too much.
FUZZY_FROM = 5


@dataclass(frozen=True)
class Term:
    """One word of a query, as the search column is searched for it."""

    text: str
    whole_word: bool = False

    @property
    def pattern(self) -> str:
        """The term as a whole word of a folded text."""
        return rf"(^|[^a-z0-9]){re.escape(self.text)}($|[^a-z0-9])"

    def condition(self, column: str = "search_text", fuzzy: bool = False) -> models.Q:
        if self.whole_word:
            return models.Q(**{f"{column}__contains": self.text, f"{column}__regex": self.pattern})
        if fuzzy:
            return models.Q(**{f"{column}__trigram_word_similar": self.text})
        return models.Q(**{f"{column}__contains": self.text})

    def found_in(self, text: str) -> bool:
        """The same test in Python, on folded `text`."""
        if self.whole_word:
            return re.search(self.pattern, text) is not None
        return self.text in text

    @property
    def may_be_fuzzy(self) -> bool:
        return connection.vendor == "postgresql" and not self.whole_word and len(self.text) >= FUZZY_FROM


def arabic_stem(word: str) -> str:
    for prefix in ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word


def terms(query: str) -> list[Term]:
    found = []
    for word in words(query):
        if SHORT_WORD.fullmatch(word) and not word.isdigit():
            found.append(Term(word, whole_word=True))
        else:
            found.append(Term(arabic_stem(word)))
    return list(dict.fromkeys(found))


class SearchableModel(models.Model):
    # Field names whose values (in every language, for translated fields)
    # are copied into the search column on save.
    search_fields: tuple[str, ...] = ()

    search_text = models.TextField(_("search text"), blank=True, default="", editable=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def build_search_text(self) -> str:
        from modeltranslation.translator import NotRegistered, translator

        try:
            translated = set(translator.get_options_for_model(type(self)).all_fields)
        except NotRegistered:
            translated = set()
        values = []
        for name in self.search_fields:
            if name in translated:
                values += [getattr(self, f"{name}_{code}", "") for code in CODES]
            else:
                values.append(getattr(self, name, ""))
        return fold(" ".join(str(value) for value in values if value))


def matching(queryset, query: str):
    """Filter `queryset` to rows whose search column holds every term of
    `query` (a term found nowhere as written, with one typo allowed)."""
    found = terms(query)
    together = queryset
    for term in found:
        together = together.filter(term.condition())
    # Rows holding every term as written: then each term is found, and none
    # is looked for with a typo. One question, not one per term.
    if not any(term.may_be_fuzzy for term in found) or together.exists():
        return together
    for term in found:
        exact = queryset.filter(term.condition())
        if term.may_be_fuzzy and not exact.exists():
            exact = queryset.filter(term.condition(fuzzy=True))
        queryset = exact
    return queryset
