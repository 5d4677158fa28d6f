"""A folded search column kept on each searchable model.

The column holds every language's text (and aliases) in the normal form of
`core.text.fold`, so that one `LIKE` gives the same answers on SQLite
and PostgreSQL, whatever the visitor's language, accents or Arabic spelling.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.languages import CODES
from core.text import fold, words


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


def matching(queryset, query: str, *extra_columns: str):
    """Filter `queryset` to rows whose search columns contain every word."""
    for word in words(query):
        condition = models.Q(search_text__contains=word)
        for column in extra_columns:
            condition |= models.Q(**{f"{column}__contains": word})
        queryset = queryset.filter(condition)
    return queryset
