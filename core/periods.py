"""Dates known to a year, a month or a day.

The seeds give periods such as "2019-2022", "août 2018 - juillet 2021" or
"12-13 février 2019". A start is stored as the first day of its period and
an end as the last day, with the precision that says how to show them.
"""

import datetime
import re

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

OUT_OF_RANGE = _("This date and time is out of range.")
FOUR_DIGIT_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


class DatePrecision(models.TextChoices):
    YEAR = "year", _("Year")
    MONTH = "month", _("Month")
    DAY = "day", _("Day")


# Formats for django.utils.formats.date_format, by precision. "F Y" goes
# through the catalogue so that Arabic uses Moroccan month names.
DATE_FORMATS = {
    DatePrecision.YEAR: "Y",
    DatePrecision.MONTH: "F Y",
    DatePrecision.DAY: "DATE_FORMAT",
}


class DayMonthYearField(forms.DateField):
    """A date typed day/month/year or as ISO 8601 (core/formats/), with its
    year in four digits: `1/6/25` is refused rather than read as the year 25."""

    def strptime(self, value, format):
        if "%Y" in format and not FOUR_DIGIT_YEAR.search(value):
            raise ValueError(value)
        return super().strptime(value, format)


def in_utc(moment: datetime.datetime) -> datetime.datetime | None:
    """An aware `moment` in UTC, before it reaches the database: PostgreSQL
    refuses a UTC offset past 15:59 (`+22:06`, which ISO 8601 and Python
    accept). None when it leaves the calendar once converted (near year 1 or
    9999): the caller names the parameter with OUT_OF_RANGE."""
    try:
        return moment.astimezone(datetime.UTC)
    except (OverflowError, ValueError):
        return None
