"""The FilterSets of the public pages, applied to API lists.

django-filter's own DRF backend, with one guard: a date and time is turned
to UTC before it reaches the database. PostgreSQL refuses a UTC offset past
±15:59 (`+22:06` is valid ISO 8601 and Python accepts it), which would be a
500, and a date near year 1 may not survive the conversion at all: both are
a 400 that names the parameter.
"""

import datetime

from django.utils.translation import gettext_lazy as _
from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError


def in_utc(name: str, moment: datetime.datetime) -> datetime.datetime:
    try:
        return moment.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise ValidationError({name: [_("This date and time is out of range.")]}) from None


class RegistryFilterBackend(DjangoFilterBackend):
    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is None:
            return queryset
        if not filterset.is_valid():
            raise utils.translate_validation(filterset.errors)
        cleaned = filterset.form.cleaned_data
        for name, value in cleaned.items():
            if isinstance(value, datetime.datetime) and value.tzinfo is not None:
                cleaned[name] = in_utc(name, value)
        return filterset.qs
