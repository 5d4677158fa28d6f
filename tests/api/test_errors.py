"""Every bad parameter is a 400 or 404 whose JSON body names it; never a 500."""

import pytest

pytestmark = pytest.mark.django_db

BAD = [
    ("/api/v1/projects/", "status", "unknown", 400),
    ("/api/v1/projects/", "country", "XX", 400),
    ("/api/v1/projects/", "country", "%00", 400),
    ("/api/v1/projects/", "funder", "nobody", 400),
    ("/api/v1/projects/", "year", "abc", 400),
    ("/api/v1/projects/", "year", "1e400", 400),
    ("/api/v1/projects/", "year", "1789", 400),
    ("/api/v1/projects/", "modified_since", "yesterday", 400),
    ("/api/v1/projects/", "modified_since", "2024-02-30T00:00:00Z", 400),
    ("/api/v1/projects/", "modified_since", "%00", 400),
    ("/api/v1/projects/", "modified_since", "0001-01-01T00:00:00%2B05:00", 400),
    ("/api/v1/withdrawals/", "since", "0001-01-01T00:00:00%2B05:00", 400),
    ("/api/v1/projects/", "ordering", "secret", 400),
    ("/api/v1/projects/", "q", "%00", 400),
    ("/api/v1/projects/", "q", "x" * 201, 400),
    ("/api/v1/projects/", "page", "0", 404),
    ("/api/v1/projects/", "page", "abc", 404),
    ("/api/v1/projects/", "page", "%00", 400),
    ("/api/v1/projects/", "page_size", "101", 400),
    ("/api/v1/projects/", "page_size", "%00", 400),
    ("/api/v1/projects/", "lang", "xx", 400),
    ("/api/v1/projects/", "lang", "%00", 400),
    ("/api/v1/projects/", "format", "xml", 404),
    ("/api/v1/projects/", "pagination", "%00", 400),
    ("/api/v1/organisations/", "kind", "bank", 400),
    ("/api/v1/organisations/", "country", "%00", 400),
    ("/api/v1/activities/", "status", "done", 400),
    ("/api/v1/activities/", "component", "chapter", 400),
    ("/api/v1/events/", "year", "-5", 400),
    ("/api/v1/stats/", "group_by", "planet", 400),
    ("/api/v1/stats/", "group_by", "%00", 400),
    ("/api/v1/withdrawals/", "since", "%00", 400),
]


@pytest.mark.parametrize(("url", "name", "value", "status"), BAD)
def test_a_bad_parameter_is_named(api, registry, url, name, value, status):
    query = f"{name}={value}" + ("&group_by=status" if "stats" in url and name != "group_by" else "")
    response = api.get(f"{url}?{query}")
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/json")
    assert name in response.json()


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/projects/%00/",
        "/api/v1/projects/n%C3%A9/",
        "/api/v1/components/abc/",
        "/api/v1/components/99999999999999999999999/",
        "/api/v1/countries/ma/",
        "/api/v1/countries/%00/",
    ],
)
def test_a_malformed_key_is_a_json_404(api, registry, url):
    response = api.get(url)
    assert response.status_code == 404
    assert response.json() == {"detail": response.json()["detail"]}


def test_a_csv_request_with_a_bad_parameter_still_names_it(api, registry):
    # An error is never a table that could pass for data: it stays JSON.
    response = api.get("/api/v1/projects/", {"format": "csv", "status": "unknown"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/json")
    assert list(response.json()) == ["status"]


@pytest.mark.parametrize(
    ("url", "keys"),
    # Every published project changed since 1656; nothing has been withdrawn.
    [("/api/v1/projects/?modified_since=", ["amem", "thamm"]), ("/api/v1/withdrawals/?since=", [])],
)
def test_an_unusual_but_valid_utc_offset_is_accepted(api, registry, url, keys):
    # PostgreSQL refuses offsets past 15:59 if they reach it as they are.
    response = api.get(f"{url}1656-05-06T20:06:49%2B22:06")
    assert response.status_code == 200
    assert sorted(row.get("slug", row.get("key")) for row in response.json()["results"]) == keys
