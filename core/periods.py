"""Dates known to a year, a month or a day.

The seeds give periods such as "2019-2022", "août 2018 - juillet 2021" or
"12-13 février 2019". A start is stored as the first day of its period and
an end as the last day, with the precision that says how to show them.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
