"""How the portal writes numbers, amounts, dates known to a given precision,
and text that fell back to another language.

Everything goes through Django's localisation of the active language (French,
Arabic or English), with Western digits.
"""

import datetime
from decimal import Decimal

from django import template
from django.utils import formats, numberformat, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.money import Currency
from core.periods import DATE_FORMATS, DatePrecision

register = template.Library()

# The value of <time datetime="..."> for each precision (a valid HTML date,
# month or year string).
MACHINE_FORMATS = {DatePrecision.YEAR: "%Y", DatePrecision.MONTH: "%Y-%m", DatePrecision.DAY: "%Y-%m-%d"}


@register.filter
def number(value):
    """A number grouped by thousands the way the active language writes it;
    decimals only when there are some."""
    if value is None or value == "":
        return ""
    try:
        value = Decimal(value)
    except (ArithmeticError, TypeError, ValueError):
        return value
    decimals = 0 if value == value.to_integral_value() else 2
    # Django's Arabic format does not group digits (NUMBER_GROUPING = 0);
    # registry amounts run to millions, so group by three in every language
    # with the language's own separators (as Django's ar_DZ does).
    return numberformat.format(
        value,
        formats.get_format("DECIMAL_SEPARATOR"),
        decimal_pos=decimals,
        grouping=formats.get_format("NUMBER_GROUPING") or 3,
        thousand_sep=formats.get_format("THOUSAND_SEPARATOR"),
        force_grouping=True,
        use_l10n=True,
    )


@register.filter
def money(value, currency):
    """An amount always followed by its ISO currency code, kept together."""
    if value is None or value == "":
        return ""
    return format_html('<bdi class="amount">{}&nbsp;{}</bdi>', number(value), currency or "")


@register.filter
def currency_totals(obj, prefix):
    """[(currency, total)] from the `<prefix>_<code>` annotations of a queryset,
    leaving out currencies without an amount."""
    totals = []
    for code in Currency.values:
        total = getattr(obj, f"{prefix}_{code.lower()}", None)
        if total is not None:
            totals.append((code, total))
    return totals


def _precision(precision) -> str:
    return precision if precision in DATE_FORMATS else DatePrecision.DAY


@register.filter
def precise_date(value, precision=DatePrecision.DAY):
    """A <time> element showing only what is known: the year, the month or the day."""
    if not value:
        return ""
    precision = _precision(precision)
    if isinstance(value, datetime.datetime):
        # A timestamp (last update) is shown as its date in the site's time zone.
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return format_html(
        '<time datetime="{}">{}</time>',
        value.strftime(MACHINE_FORMATS[precision]),
        formats.date_format(value, DATE_FORMATS[precision]),
    )


def _span(start_html, end_html):
    # The pattern goes through the catalogue so that each language may write
    # a span its own way; the parts are already escaped HTML.
    pattern = conditional_escape(_("%(start)s – %(end)s"))
    return mark_safe(pattern % {"start": start_html, "end": end_html})


@register.simple_tag
def period(start, start_precision, end, end_precision):
    """A project's period, each end shown with its own precision."""
    start_html = precise_date(start, start_precision)
    end_html = precise_date(end, end_precision)
    if start and end:
        return _span(start_html, end_html)
    if start:
        return mark_safe(conditional_escape(_("since %(start)s")) % {"start": start_html})
    if end:
        return mark_safe(conditional_escape(_("until %(end)s")) % {"end": end_html})
    return _("dates not stated")


@register.simple_tag
def date_span(start, end, precision=DatePrecision.DAY):
    """An event's dates: one date, or a span when it lasts longer."""
    start_html = precise_date(start, precision)
    end_html = precise_date(end, precision)
    if end and start and end_html != start_html:
        return _span(start_html, end_html)
    return start_html or end_html


@register.simple_tag
def lang_attrs(obj, field):
    """` lang="fr" dir="ltr"` when a translated field shows its French fallback
    on a page in another language, so that readers and screen readers get
    the right language for that fragment."""
    language = (get_language() or "fr").split("-")[0]
    if language == "fr":
        return ""
    missing = object()
    own = getattr(obj, f"{field}_{language}", missing)
    if own is missing or (own or "").strip():
        # Not a translated field, or translated into the page's language.
        return ""
    fallback = getattr(obj, f"{field}_fr", "")
    if not str(fallback or "").strip():
        return ""
    return mark_safe(' lang="fr" dir="ltr"')
