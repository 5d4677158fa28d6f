"""Dates known to a year, a month or a day, numbers and amounts, per language."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.template import Context, Template
from django.utils import translation

from core.periods import DatePrecision


def render(source, language, **context):
    with translation.override(language):
        return Template("{% load formatting %}" + source).render(Context(context))


@pytest.mark.parametrize(
    ("language", "precision", "expected"),
    [
        ("fr", DatePrecision.DAY, '<time datetime="2019-02-12">12 février 2019</time>'),
        ("en", DatePrecision.DAY, '<time datetime="2019-02-12">Feb. 12, 2019</time>'),
        ("fr", DatePrecision.MONTH, '<time datetime="2019-02">février 2019</time>'),
        ("en", DatePrecision.MONTH, '<time datetime="2019-02">February 2019</time>'),
        ("ar", DatePrecision.YEAR, '<time datetime="2019">2019</time>'),
        ("fr", "nonsense", '<time datetime="2019-02-12">12 février 2019</time>'),
    ],
)
def test_dates_show_only_what_is_known(language, precision, expected):
    output = render(
        "{{ day|precise_date:precision }}", language, day=datetime.date(2019, 2, 12), precision=precision
    )
    assert output == expected


def test_arabic_month_uses_western_digits():
    output = render("{{ day|precise_date:'month' }}", "ar", day=datetime.date(2019, 2, 12))
    assert output.startswith('<time datetime="2019-02">')
    assert "2019</time>" in output
    assert not any("\u0660" <= char <= "\u0669" for char in output)


def test_period_spans_and_open_ends():
    start, end = datetime.date(2018, 8, 1), datetime.date(2021, 7, 31)
    both = render("{% period start 'month' end 'year' %}", "fr", start=start, end=end)
    assert both == '<time datetime="2018-08">août 2018</time> – <time datetime="2021">2021</time>'
    only_start = render("{% period start 'year' None 'day' %}", "en", start=start)
    assert '<time datetime="2018">2018</time>' in only_start
    assert render("{% period None 'day' None 'day' %}", "en")


def test_one_day_event_is_a_single_date():
    day = datetime.date(2019, 2, 12)
    assert (
        render("{% date_span day day 'day' %}", "fr", day=day)
        == '<time datetime="2019-02-12">12 février 2019</time>'
    )
    assert (
        render("{% date_span day None 'day' %}", "fr", day=day)
        == '<time datetime="2019-02-12">12 février 2019</time>'
    )


def test_month_span_collapses_when_start_and_end_share_the_month():
    output = render(
        "{% date_span start end 'month' %}",
        "fr",
        start=datetime.date(2019, 3, 1),
        end=datetime.date(2019, 3, 31),
    )
    assert output == '<time datetime="2019-03">mars 2019</time>'


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", "1\xa0234\xa0567,50"), ("en", "1,234,567.50"), ("ar", "1.234.567,50")],
)
def test_numbers_grouped_per_language(language, expected):
    assert render("{{ value|number }}", language, value=Decimal("1234567.5")) == expected


def test_whole_numbers_have_no_decimals():
    assert render("{{ value|number }}", "en", value=Decimal("1000.00")) == "1,000"


def test_amount_always_carries_its_currency():
    output = render("{{ value|money:'USD' }}", "en", value=Decimal("1200000"))
    assert output == '<bdi class="amount">1,200,000&nbsp;USD</bdi>'
    assert render("{{ value|money:'USD' }}", "en", value=None) == ""


def test_currency_totals_skip_empty_currencies():
    funder = SimpleNamespace(funded_eur=Decimal(5), funded_usd=None, funded_mad=Decimal(7))
    output = render(
        "{% for code, total in funder|currency_totals:'funded' %}{{ code }}={{ total }};{% endfor %}",
        "en",
        funder=funder,
    )
    assert output == "EUR=5;MAD=7;"


def test_timestamps_show_the_local_date():
    # 23:30 UTC on 31 December is already 1 January in Casablanca (UTC+1).
    moment = datetime.datetime(2023, 12, 31, 23, 30, tzinfo=datetime.UTC)
    output = render("{{ moment|precise_date:'day' }}", "fr", moment=moment)
    assert output == '<time datetime="2024-01-01">1 janvier 2024</time>'
