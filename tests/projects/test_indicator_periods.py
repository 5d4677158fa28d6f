"""An indicator's targets and values per reporting period: the rules a
period keeps, its history, its admin on the indicator's page, the chart and
table on the project sheet, and the API's indicators."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from core.feed import catch_up
from core.periods import DatePrecision
from core.publication import Publication
from projects.models import Indicator, IndicatorPeriod
from tests.factories import IndicatorFactory, ProjectFactory

pytestmark = pytest.mark.django_db

day = datetime.date


def period_of(indicator, start, end, **values):
    return IndicatorPeriod.objects.create(indicator=indicator, start=start, end=end, **values)


@pytest.fixture
def indicator():
    project = ProjectFactory(
        acronym="WAFIRA",
        start_date=day(2021, 1, 1),
        start_precision=DatePrecision.YEAR,
        end_date=day(2025, 12, 31),
        end_precision=DatePrecision.YEAR,
    )
    return IndicatorFactory(
        project=project,
        label_fr="Entreprises créées",
        label_ar="المقاولات المحدثة",
        unit_fr="entreprises",
        target=None,
    )


# The model


def test_a_period_ending_before_it_starts_is_refused(indicator):
    period = IndicatorPeriod(indicator=indicator, start=day(2023, 6, 1), end=day(2023, 1, 31), actual=3)
    with pytest.raises(ValidationError) as refusal:
        period.full_clean()
    assert set(refusal.value.message_dict) == {"end"}


def test_a_period_outside_the_project_is_refused_naming_the_date(indicator):
    period = IndicatorPeriod(indicator=indicator, start=day(2020, 12, 1), end=day(2026, 1, 31), actual=3)
    with pytest.raises(ValidationError) as refusal:
        period.full_clean()
    errors = refusal.value.message_dict
    assert set(errors) == {"start", "end"}
    assert "2021" in errors["start"][0] and "2025" in errors["end"][0]


def test_a_period_needs_a_target_or_a_value_and_no_negative_one(indicator):
    empty = IndicatorPeriod(indicator=indicator, start=day(2022, 1, 1), end=day(2022, 12, 31))
    with pytest.raises(ValidationError) as refusal:
        empty.full_clean()
    assert "__all__" in refusal.value.message_dict
    negative = IndicatorPeriod(indicator=indicator, start=day(2022, 1, 1), end=day(2022, 12, 31), target=-1)
    with pytest.raises(ValidationError) as refusal:
        negative.full_clean()
    assert set(refusal.value.message_dict) == {"target"}


def test_a_period_within_the_project_is_kept_with_its_history(indicator):
    period = IndicatorPeriod(
        indicator=indicator,
        start=day(2021, 1, 1),
        end=day(2024, 5, 31),
        actual=Decimal("173"),
        comment_fr="Mai",
    )
    period.full_clean()
    period.save()
    period.actual = Decimal("180")
    period.save()
    assert [version.actual for version in period.history.order_by("history_id")] == [173, 180]
    assert period.version == 2
    assert list(indicator.periods.all()) == [period]


def test_changing_a_period_changes_its_indicator_for_partner_systems(indicator):
    before = timezone.now()
    Indicator.objects.filter(pk=indicator.pk).update(updated_at=before - datetime.timedelta(days=3))
    period = period_of(indicator, day(2022, 1, 1), day(2022, 12, 31), actual=4)
    assert Indicator.objects.get(pk=indicator.pk).updated_at >= before
    Indicator.objects.filter(pk=indicator.pk).update(updated_at=before - datetime.timedelta(days=3))
    period.delete()
    assert Indicator.objects.get(pk=indicator.pk).updated_at >= before


def test_periods_are_read_in_date_order(indicator):
    later = period_of(indicator, day(2023, 1, 1), day(2023, 12, 31), actual=8)
    earlier = period_of(indicator, day(2022, 1, 1), day(2022, 12, 31), actual=4)
    assert list(indicator.periods.all()) == [earlier, later]


# The admin


def indicator_form(indicator, **inline):
    data = {
        "project": indicator.project_id,
        "label_fr": indicator.label_fr,
        "label_ar": indicator.label_ar,
        "order": 0,
        "record_version": indicator.version,
        "periods-TOTAL_FORMS": "1",
        "periods-INITIAL_FORMS": "0",
    }
    return data | {f"periods-0-{name}": value for name, value in inline.items()}


def test_the_indicator_admin_edits_its_periods(staff_client, indicator):
    Indicator.objects.filter(pk=indicator.pk).update(publication=Publication.DRAFT)
    indicator.refresh_from_db()
    url = reverse("admin:projects_indicator_change", args=[indicator.pk])
    page = staff_client.get(url).content.decode()
    assert 'name="periods-TOTAL_FORMS"' in page
    assert 'name="periods-0-comment_ar"' not in page and 'name="periods-__prefix__-comment_ar"' in page
    response = staff_client.post(
        url,
        indicator_form(
            indicator,
            start="2021-01-01",
            end="2024-05-31",
            actual="173",
            comment_fr="Mai 2024",
            source="Note",
        ),
    )
    assert response.status_code == 302, response.context["errors"] if response.context else response
    period = indicator.periods.get()
    assert (period.actual, period.comment_fr, period.source) == (Decimal("173"), "Mai 2024", "Note")


def test_the_indicator_admin_refuses_a_period_outside_the_project(staff_client, indicator):
    Indicator.objects.filter(pk=indicator.pk).update(publication=Publication.DRAFT)
    indicator.refresh_from_db()
    url = reverse("admin:projects_indicator_change", args=[indicator.pk])
    response = staff_client.post(
        url, indicator_form(indicator, start="2026-01-01", end="2026-06-30", actual="3")
    )
    assert response.status_code == 200
    errors = [str(error) for error in response.context["inline_admin_formsets"][0].formset.errors]
    assert "Cette date suit la fin du projet (2025)." in " ".join(errors), errors
    assert not indicator.periods.exists()


def test_the_project_form_links_each_indicator_to_its_periods(staff_client, indicator):
    page = staff_client.get(reverse("admin:projects_project_change", args=[indicator.project_id]))
    assert reverse("admin:projects_indicator_change", args=[indicator.pk]) in page.content.decode()


# The project sheet


def sheet(client, indicator, language="fr"):
    response = client.get(f"/{language}/projects/{indicator.project.slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_sheet_draws_the_periods_and_their_table(client, indicator):
    period_of(indicator, day(2021, 1, 1), day(2022, 12, 31), target=100, actual=80, comment_fr="Deux ans")
    period_of(indicator, day(2023, 1, 1), day(2024, 5, 31), target=200, source="https://example.org/note.pdf")
    page = sheet(client, indicator)
    chart = re.search(r"<svg class=\"period-chart\".*?</svg>", page, re.S).group(0)
    assert 'role="img"' in chart and "<title id=" in chart and "<desc id=" in chart
    assert "style=" not in chart
    # Three bars: two targets and one value reached, scaled to the largest (200).
    assert len(re.findall(r'class="chart-bar chart-target"', chart)) == 2
    assert len(re.findall(r'class="chart-bar chart-actual"', chart)) == 1
    assert 'height="110"' in chart and 'height="44"' in chart and 'y="20"' in chart
    table = re.search(r'<table class="periods">.*?</table>', page, re.S).group(0)
    assert "Deux ans" in table
    assert '<a href="https://example.org/note.pdf" rel="external">' in table
    assert table.index("2021") < table.index("2023")


def test_the_arabic_sheet_runs_the_periods_from_right_to_left(client, indicator):
    period_of(indicator, day(2021, 1, 1), day(2022, 12, 31), actual=80)
    period_of(indicator, day(2023, 1, 1), day(2024, 5, 31), actual=120)

    def first_bar_x(language):
        chart = re.search(r"<svg class=\"period-chart\".*?</svg>", sheet(client, indicator, language), re.S)
        return [
            float(x) for x in re.findall(r'<rect class="chart-bar chart-actual" x="([\d.]+)"', chart.group(0))
        ]

    french, arabic = first_bar_x("fr"), first_bar_x("ar")
    assert french[0] < french[1] and arabic[0] > arabic[1]
    page = sheet(client, indicator, "ar")
    assert 'dir="rtl"' in page and "ماي 2024" in page


def test_an_indicator_without_periods_has_no_chart(client, indicator):
    assert "period-chart" not in sheet(client, indicator)


def test_the_sheet_costs_the_same_queries_for_one_period_or_many(client, indicator):
    period_of(indicator, day(2021, 1, 1), day(2021, 12, 31), actual=1)
    url = f"/fr/projects/{indicator.project.slug}/"
    # (Stamping the change feed is the edits' work, paid by its first reader.)
    catch_up()
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for year in range(2022, 2026):
        other = IndicatorFactory(project=indicator.project)
        period_of(indicator, day(year, 1, 1), day(year, 12, 31), actual=year - 2020)
        period_of(other, day(year, 1, 1), day(year, 12, 31), target=5)
    catch_up()
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many) == len(one)
    assert page.count('<table class="periods">') == 5


# The API


def test_the_api_nests_the_periods_in_each_indicator(client, indicator):
    period_of(indicator, day(2021, 1, 1), day(2024, 5, 31), actual=173, comment_fr="Mai", comment_ar="ماي")
    detail = client.get(f"/api/v1/indicators/{indicator.pk}/", HTTP_ACCEPT_LANGUAGE="ar").json()
    assert detail["periods"] == [
        {
            "start": "2021-01-01",
            "end": "2024-05-31",
            "target": None,
            "actual": "173.00",
            "comment": "ماي",
            "source": "",
        }
    ]


def test_the_api_indicator_list_costs_the_same_with_many_periods(client, indicator):
    period_of(indicator, day(2021, 1, 1), day(2021, 12, 31), actual=1)
    # The change feed stamps the writes first: what is counted is the read.
    catch_up()
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/indicators/").status_code == 200
    for year in range(2022, 2026):
        period_of(IndicatorFactory(project=indicator.project), day(year, 1, 1), day(year, 12, 31), actual=2)
    catch_up()
    with CaptureQueriesContext(connection) as many:
        results = client.get("/api/v1/indicators/").json()["results"]
    assert len(many) == len(one)
    assert sum(len(row["periods"]) for row in results) == 5


def test_a_draft_indicators_periods_are_not_in_the_api(client, indicator):
    period_of(indicator, day(2021, 1, 1), day(2021, 12, 31), actual=1)
    Indicator.objects.filter(pk=indicator.pk).update(publication=Publication.DRAFT)
    assert client.get(f"/api/v1/indicators/{indicator.pk}/").status_code == 404


def test_the_project_cannot_move_its_dates_past_a_period(indicator):
    period_of(indicator, day(2021, 1, 1), day(2024, 5, 31), actual=173)
    project = indicator.project
    project.end_date, project.end_precision = day(2023, 12, 31), DatePrecision.DAY
    with pytest.raises(ValidationError) as refusal:
        project.full_clean()
    message = refusal.value.message_dict["end_date"][0]
    assert "Entreprises créées (2021-01-01 – 2024-05-31)" in message
    project.refresh_from_db()
    project.start_date, project.start_precision = day(2022, 1, 1), DatePrecision.DAY
    with pytest.raises(ValidationError) as refusal:
        project.full_clean()
    assert "Entreprises créées (2021-01-01 – 2024-05-31)" in refusal.value.message_dict["start_date"][0]


def test_a_publisher_adds_a_period_to_a_published_indicator_through_the_review(staff_client, indicator):
    url = reverse("admin:projects_indicator_change", args=[indicator.pk])
    response = staff_client.post(
        url,
        indicator_form(indicator, start="2021-01-01", end="2024-05-31", actual="250", comment_ar="ماي 2024"),
    )
    assert response.status_code == 302
    period = indicator.periods.get()
    assert (period.actual, period.comment_ar) == (Decimal("250"), "ماي 2024")
    assert period.history.count() == 1


def test_an_indicator_added_with_a_period_outside_the_project_is_refused(staff_client, indicator):
    data = indicator_form(indicator, start="2026-01-01", end="2026-06-30", actual="3")
    del data["record_version"]
    response = staff_client.post(reverse("admin:projects_indicator_add"), data)
    assert response.status_code == 200
    assert Indicator.objects.count() == 1
