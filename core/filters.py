"""Filter pieces shared by every resource's FilterSet.

Each FilterSet is the one definition of a list's filters: the public pages
render it as a form and the API reads the same parameters, so `?country=MA`
means the same thing everywhere.
"""

import django_filters
from django import forms
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _
from django_filters.constants import EMPTY_VALUES

from core.feed import changed_since
from core.periods import OUT_OF_RANGE, in_utc
from core.search import matching
from core.text import fold

FIRST_YEAR, LAST_YEAR = 1990, 2050


class RegistryFilterSet(django_filters.FilterSet):
    """A list's FilterSet. An empty value means no filter, for every filter
    alike (`?country=` as `?q=`): a form sends its untouched fields empty,
    and a partner building a query string may too."""

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = without_empty_values(data)
        super().__init__(data, *args, **kwargs)

    def filter_queryset(self, queryset):
        # Filters left empty are not run at all: each would only hand the
        # queryset back, after building (for a choice of records) a query
        # of its own to find its value empty.
        for name, value in self.form.cleaned_data.items():
            if not is_empty(value):
                queryset = self.filters[name].filter(queryset, value)
        return queryset


def is_empty(value) -> bool:
    """Whether a cleaned value means no filter, without running a query:
    an empty choice of records is `queryset.none()`."""
    if isinstance(value, QuerySet):
        return value.query.is_empty()
    return value in EMPTY_VALUES


def without_empty_values(data) -> QueryDict:
    """`data` (a QueryDict, or a dict of values or lists of values) without
    its empty values."""
    pairs = data.lists() if isinstance(data, QueryDict) else data.items()
    kept = QueryDict(mutable=True)
    for key, values in pairs:
        values = values if isinstance(values, list | tuple) else [values]
        filled = [value for value in values if value is not None and str(value).strip()]
        if filled:
            kept.setlist(key, filled)
    return kept


class SearchFilter(django_filters.CharFilter):
    """Free text, accent- and Arabic-diacritic-insensitive, over the folded
    search column (or a queryset's own `search()` when it has one)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", 200)
        super().__init__(**kwargs)

    def filter(self, qs, value):
        if not value or not fold(value):
            return qs
        if hasattr(qs, "search"):
            return qs.search(value)
        return matching(qs, value)


def year_filter(**kwargs):
    return django_filters.TypedMultipleChoiceFilter(
        label=_("Active in year"),
        choices=[(year, year) for year in range(LAST_YEAR, FIRST_YEAR - 1, -1)],
        coerce=int,
        **kwargs,
    )


class UTCIsoDateTimeField(django_filters.fields.IsoDateTimeField):
    """An ISO 8601 date and time turned to UTC (core.periods.in_utc); one
    that leaves the calendar is an error that names the parameter, on pages
    and in the API alike."""

    default_error_messages = {"out_of_range": OUT_OF_RANGE}

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None or moment.tzinfo is None:
            return moment
        converted = in_utc(moment)
        if converted is None:
            raise forms.ValidationError(self.error_messages["out_of_range"], code="out_of_range")
        return converted


class UTCIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCIsoDateTimeField


def _changed_since(queryset, name, value):
    return queryset.filter(changed_since(queryset.model, value))


def modified_since_filter():
    """Records whose representation changed since then: their own fields,
    what they nest or name, their parent's publication (core/feed.py)."""
    return UTCIsoDateTimeFilter(
        method=_changed_since,
        label=_("Modified since"),
        help_text=_(
            "ISO 8601 date and time, e.g. 2024-05-01T00:00:00Z: records whose representation changed "
            "since then, nested parts included."
        ),
    )


class SlugMultipleChoiceFilter(django_filters.ModelMultipleChoiceFilter):
    """Several slugs (or codes), OR-ed; an unknown one is a validation error."""

    def __init__(self, **kwargs):
        kwargs.setdefault("to_field_name", "slug")
        # Slugs name the row itself or a forward relation: no row repeats, and
        # SELECT DISTINCT over every translated column is costly.
        kwargs.setdefault("distinct", False)
        kwargs.setdefault("widget", forms.SelectMultiple)
        super().__init__(**kwargs)
