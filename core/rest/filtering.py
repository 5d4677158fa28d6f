"""A date and time parameter read outside a FilterSet (`since` of the
withdrawals), turned to UTC as core.filters.UTCIsoDateTimeField does for the
FilterSets: an offset PostgreSQL refuses, or a moment that does not survive
the conversion, is a 400 that names the parameter."""

import datetime

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ValidationError


def in_utc(name: str, moment: datetime.datetime) -> datetime.datetime:
    try:
        return moment.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        raise ValidationError({name: [_("This date and time is out of range.")]}) from None
