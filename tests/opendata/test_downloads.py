"""What every download shares: published rows only, the lists' filters,
errors that name the parameter, and a query count that does not grow."""

import csv
import datetime
import io
import json

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from core.feed import catch_up
from opendata.exports import RESOURCES
from projects.models import IndicatorPeriod, Participation
from tests.factories import (
    ActivityFactory,
    CountryFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
)
from tests.opendata.conftest import streamed
from tests.registry import DRAFT_MARKERS

FORMATS = ("csv", "xlsx", "json")
# The drafts' markers, the draft project's acronym and address, the draft
# funder's address and the draft component's code.
HIDDEN = (*DRAFT_MARKERS, "DRAFTY", "drafty", "secret-funder", "OS 9")


def url(resource, fmt, language="fr"):
    return f"/{language}/data/{resource}.{fmt}"


def text_of(response, fmt) -> str:
    content = streamed(response)
    if fmt != "xlsx":
        return content.decode("utf-8")
    book = load_workbook(io.BytesIO(content))
    return "\n".join(
        str(value)
        for row in book.worksheets[0].iter_rows(values_only=True)
        for value in row
        if value is not None
    )


def csv_rows(response):
    text = streamed(response).decode("utf-8").lstrip("\ufeff")
    names, _french, _arabic, *data = csv.reader(io.StringIO(text))
    return [dict(zip(names, row, strict=True)) for row in data]


def test_url_names(registry):
    assert reverse("data:index") == "/fr/data/"
    assert reverse("data:export", kwargs={"resource": "projects", "fmt": "csv"}) == "/fr/data/projects.csv"
    assert reverse("iati:activities") == "/api/v1/iati/activities.xml"
    assert reverse("iati:project", kwargs={"slug": "thamm"}) == "/api/v1/projects/thamm/iati.xml"


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("resource", list(RESOURCES))
def test_drafts_are_absent_from_every_download(client, registry, resource, fmt):
    response = client.get(url(resource, fmt))
    assert response.status_code == 200
    text = text_of(response, fmt)
    for hidden in HIDDEN:
        assert hidden not in text, (resource, fmt, hidden)


@pytest.mark.parametrize("resource", list(RESOURCES))
def test_every_table_has_rows_and_unique_column_names(client, registry, resource):
    rows = csv_rows(client.get(url(resource, "csv")))
    assert rows
    names = [column.name for column in RESOURCES[resource].columns]
    assert len(names) == len(set(names))


def test_headers_are_bilingual_whatever_the_page_language(client, registry):
    french_page = streamed(client.get(url("projects", "csv", "fr")))
    arabic_page = streamed(client.get(url("projects", "csv", "ar")))
    assert french_page.split(b"\r\n")[:3] == arabic_page.split(b"\r\n")[:3]


def test_unknown_table_or_format_is_a_404(client, registry):
    assert client.get("/fr/data/secrets.csv").status_code == 404
    assert client.get("/fr/data/projects.pdf").status_code == 404


# The lists' filters


def test_projects_download_takes_the_project_list_filters(client, registry):
    CountryFactory(code="EG", name_fr="Égypte")
    rows = csv_rows(client.get(url("projects", "csv"), {"country": "TN"}))
    assert [row["slug"] for row in rows] == ["thamm"]
    rows = csv_rows(client.get(url("projects", "csv"), {"funder": "ue", "status": "implementation"}))
    assert sorted(row["slug"] for row in rows) == ["prog", "thamm"]
    assert csv_rows(client.get(url("projects", "csv"), {"country": "EG"})) == []


def test_filters_apply_to_every_format(client, registry):
    data = json.loads(streamed(client.get(url("projects", "json"), {"country": "TN"})))
    assert [row["slug"] for row in data["rows"]] == ["thamm"]
    book = load_workbook(io.BytesIO(streamed(client.get(url("projects", "xlsx"), {"country": "TN"}))))
    assert book.worksheets[0].max_row == 4  # three header rows and THAMM


def test_activities_download_takes_the_activity_list_filters(client, registry):
    other = ActivityFactory(title_fr="Atelier ailleurs", kind="workshop")
    rows = csv_rows(client.get(url("activities", "csv"), {"country": "MA"}))
    assert [row["title_fr"] for row in rows] == ["Étude sur la mobilité"]
    rows = csv_rows(client.get(url("activities", "csv"), {"kind": "workshop"}))
    assert [row["title_fr"] for row in rows] == [other.title_fr]
    rows = csv_rows(client.get(url("activities", "csv"), {"project": "thamm"}))
    assert [row["project"] for row in rows] == ["thamm"]


@pytest.mark.parametrize(
    ("resource", "query", "parameter"),
    [
        ("projects", {"country": "ZZ"}, "country"),
        ("projects", {"year": "abc"}, "year"),
        ("projects", {"funder": "nobody"}, "funder"),
        ("projects", {"status": "sleeping"}, "status"),
        ("activities", {"kind": "nope"}, "kind"),
        ("activities", {"project": "drafty"}, "project"),
        ("events", {"year": "1e400"}, "year"),
        ("organisations", {"modified_since": "yesterday"}, "modified_since"),
    ],
)
def test_invalid_filters_are_a_400_naming_the_parameter(client, registry, resource, query, parameter):
    response = client.get(url(resource, "csv"), query)
    assert response.status_code == 400
    assert response.content.decode().startswith(f"{parameter}: ")


@pytest.mark.parametrize(
    ("query", "parameter"),
    [({"q": "a\x00b"}, "q"), ({"country": "M\x00A"}, "country"), ({"x\x00": "1"}, "x")],
)
def test_nul_characters_are_a_400_naming_the_parameter(client, registry, query, parameter):
    response = client.get(url("projects", "csv"), query)
    assert response.status_code == 400
    assert response.content.decode().startswith(f"{parameter}: ")


def test_unknown_parameters_are_ignored(client, registry):
    rows = csv_rows(client.get(url("projects", "csv"), {"colour": "blue"}))
    assert len(rows) == 4


# Query counts


def make_registry(count):
    morocco = CountryFactory()
    funder = OrganisationFactory(slug="funder")
    for _ in range(count):
        project = ProjectFactory()
        ProjectCountryFactory(project=project, country=morocco)
        ParticipationFactory(project=project, organisation=funder, role=Participation.Role.FUNDER)
        ParticipationFactory(project=project, role=Participation.Role.IMPLEMENTER)
        activity = ActivityFactory(project=project, country=morocco)
        activity.partners.add(funder)
        EventFactory(project=project).organisations.add(funder)
        indicator = IndicatorFactory(project=project)
        IndicatorPeriod.objects.create(
            indicator=indicator, start=datetime.date(2020, 1, 1), end=datetime.date(2020, 12, 31), actual=5
        )


def rows_in(content: bytes, fmt: str) -> int:
    if fmt == "csv":
        return len(list(csv.reader(io.StringIO(content.decode("utf-8").lstrip("\ufeff"))))) - 3
    if fmt == "json":
        return len(json.loads(content)["rows"])
    return load_workbook(io.BytesIO(content)).worksheets[0].max_row - 3


# What make_registry(count) puts in each table: one implementer of its own
# per project beside the one funder, two participations per project.
ROWS = {
    "projects": lambda count: count,
    "organisations": lambda count: count + 1,
    "participations": lambda count: 2 * count,
    "activities": lambda count: count,
    "events": lambda count: count,
    "indicators": lambda count: count,
    "indicator_periods": lambda count: count,
}
# Queries per download: the FilterSet's own lookups, then one per table and
# per prefetched relation for each chunk of rows; projects first read their
# keys and stamps (rows kept in the cache, opendata/exports/kept_rows.py).
MAX_QUERIES = {
    "projects": 9,
    "organisations": 2,
    "participations": 2,
    "activities": 3,
    "events": 3,
    "indicators": 2,
    "indicator_periods": 2,
}


@pytest.mark.parametrize("count", [1, 50])
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("resource", list(RESOURCES))
def test_query_count_does_not_grow_with_the_rows(
    client, db, resource, fmt, count, django_assert_max_num_queries
):
    make_registry(count)
    catch_up()  # as the first reader after the writes does
    with django_assert_max_num_queries(MAX_QUERIES[resource]):
        response = client.get(url(resource, fmt))
        content = streamed(response)
    assert response.status_code == 200
    assert rows_in(content, fmt) == ROWS[resource](count)


@pytest.mark.parametrize("count", [1, 50])
def test_filtered_download_query_count_does_not_grow(client, db, count, django_assert_max_num_queries):
    make_registry(count)
    catch_up()
    with django_assert_max_num_queries(MAX_QUERIES["projects"] + 3):
        rows = csv_rows(
            client.get(url("projects", "csv"), {"country": "MA", "funder": "funder", "year": "2020"})
        )
    assert len(rows) == count
