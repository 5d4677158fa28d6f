"""/{lang}/statistics/: the seed registry by status, funder, country and
year, each as an inline SVG chart beside its table and its CSV, narrowed by
the project list's filters."""

import csv
import io
import re
from decimal import Decimal

import pytest

from projects.models import Participation, Project, ProjectCountry

pytestmark = pytest.mark.django_db


def page(client, language="fr", **filters):
    response = client.get(f"/{language}/statistics/", filters)
    assert response.status_code == 200
    return response.content.decode()


def table(client, grouping, language="fr", **filters) -> list[list[str]]:
    response = client.get(f"/{language}/statistics/{grouping}.csv", filters)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_each_grouping_has_a_chart_a_table_and_a_download(client, seed):
    content = page(client)
    for grouping in ("status", "funder", "country", "year"):
        assert f'id="{grouping}-title"' in content
        assert f'aria-labelledby="{grouping}-chart-title"' in content
        assert f'href="/fr/statistics/{grouping}.csv"' in content
    # Drawn on the server: the chart is there without any script.
    assert "<script" not in content.split("<main", 1)[1]


def test_the_country_table_counts_projects_and_shows_libya_suspended(client, seed):
    rows = table(client, "country")
    by_code = {row[0]: row for row in rows[1:]}
    morocco = Project.objects.published().filter(countries__code="MA").distinct().count()
    assert by_code["MA"][2] == str(morocco)
    suspended = ProjectCountry.objects.filter(
        country_id="LY", status="suspended", project__publication="published"
    )
    assert suspended.exists()
    assert by_code["LY"][3] == str(suspended.count())


def test_the_chart_bars_match_the_table(client, seed):
    content = page(client)
    status = content.split('id="status-title"', 1)[1].split("</section>", 1)[0]
    bars = re.findall(r'<text class="chart-value"[^>]*>(\d+)</text>', status)
    cells = re.findall(r'<td class="number">(\d+)</td>', status)
    assert bars == cells
    assert sum(int(count) for count in cells) == Project.objects.published().count()


def test_the_project_list_filters_narrow_every_figure(client, seed):
    narrowed = table(client, "status", theme="social-protection")
    total = sum(int(row[2]) for row in narrowed[1:])
    assert total == Project.objects.published().filter(themes__slug="social-protection").count()
    assert total < Project.objects.published().count()


def test_amounts_stay_in_their_currency(client, seed):
    funding = Participation.objects.filter(role="funder", project__publication="published")
    first, second = funding.filter(organisation__slug="ue").order_by("pk")[:2]
    Participation.objects.filter(pk=first.pk).update(amount=Decimal("1000000"), currency="EUR")
    Participation.objects.filter(pk=second.pk).update(amount=Decimal("250000"), currency="USD")
    rows = table(client, "funder")
    assert rows[0][3:] == ["Contributions en EUR", "Contributions en USD"]
    [eu] = [row for row in rows if row[0] == "ue"]
    assert eu[3:] == ["1000000.00", "250000.00"]
    # One chart per currency, never one total.
    content = page(client)
    for currency, shown in (("EUR", "1 000 000 EUR"), ("USD", "250 000 USD")):
        chart = content.split(f'aria-labelledby="funder-{currency}-chart-title"', 1)[1].split("</svg>", 1)[0]
        values = re.findall(r'<text class="chart-value"[^>]*>([^<]*)</text>', chart)
        assert [value.replace("\u202f", " ").replace("\xa0", " ") for value in values] == [shown]


def test_arabic_statistics_read_right_to_left(client, seed):
    content = page(client, "ar")
    assert 'dir="rtl"' in content
    assert "المغرب" in content
    # A bar grows from the right: its label is anchored at the right edge.
    assert re.search(r'<text class="chart-label" x="636"', content)


def test_a_bad_filter_is_a_form_error_not_a_chart(client, seed):
    assert client.get("/fr/statistics/", {"country": "ZZ"}).status_code == 400
    assert client.get("/fr/statistics/country.csv", {"country": "ZZ"}).status_code == 400


def map_classes(content: str) -> dict[str, str]:
    """Each shaded country of the map by its title."""
    found = re.findall(r'<path class="(map-country[^"]*)" d="[^"]*"><title>([^<]*)</title>', content)
    return {title: classes for classes, title in found}


def test_the_map_shades_the_countries_concerned_and_hatches_a_suspension(client, seed):
    content = page(client)
    shaded = map_classes(content)
    libya = next(classes for title, classes in shaded.items() if title.startswith("Libye"))
    assert "is-suspended" in libya
    morocco = next(classes for title, classes in shaded.items() if title.startswith("Maroc"))
    assert "level-3" in morocco and "is-whole" in morocco
    countries = Project.objects.published().values("countries").distinct().exclude(countries=None).count()
    assert len(shaded) == countries
    # One Morocco: no separate shape for its southern provinces.
    assert content.count('class="map-country is-whole') == 1


def test_the_timeline_draws_each_dated_project_s_period(client, seed):
    content = page(client, "ar")
    timeline = content.split('aria-labelledby="periods-chart-title"', 1)[1].split("</svg>", 1)[0]
    bars = re.findall(r"<title>([^<]*): (\d{4})–(\d{4})</title>", timeline)
    dated = Project.objects.published().exclude(start_date=None, end_date=None)
    assert len(bars) == dated.count()
    amem = Project.objects.get(slug="amem")
    assert ("AMEM", str(amem.start_date.year), str(amem.end_date.year)) in bars
