"""CSV answers: a page of a longer list says so in its headers (a table has
no room for `count` and `next`), and an error is never a table."""

import csv
import io

import pytest

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def table(response):
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def next_link(response) -> str | None:
    for part in response.get("Link", "").split(", "):
        if part.endswith('rel="next"'):
            return part.split(";")[0].strip("<>")
    return None


def test_a_truncated_table_links_to_the_rest_and_gives_the_total(client):
    for number in range(5):
        ProjectFactory(acronym=f"P{number}")
    first = client.get("/api/v1/projects/?format=csv&page_size=2")
    assert first["Content-Type"].startswith("text/csv")
    assert len(table(first)) == 2
    assert first["X-Total-Count"] == "5"
    assert 'rel="next"' in first["Link"] and "page=2" in first["Link"]
    rows, url = [], "/api/v1/projects/?format=csv&page_size=2"
    while url:
        page = client.get(url)
        rows += [row["acronym"] for row in table(page)]
        url = next_link(page)
    assert sorted(rows) == [f"P{number}" for number in range(5)]


def test_a_whole_table_has_no_next_link(client):
    ProjectFactory(acronym="ONLY")
    response = client.get("/api/v1/projects/?format=csv")
    assert response["X-Total-Count"] == "1"
    assert 'rel="next"' not in response.get("Link", "")


@pytest.mark.parametrize("query", ["status=nope", "page_size=1000", "statuss=closed", "page=99"])
def test_an_error_asked_for_as_csv_is_json_naming_the_parameter(client, query):
    ProjectFactory()
    response = client.get(f"/api/v1/projects/?format=csv&{query}")
    assert response.status_code in (400, 404)
    assert response["Content-Type"].startswith("application/json")
    assert query.split("=")[0] in response.json()
