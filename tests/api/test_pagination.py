"""Bounded numbered pages, a stable order, and errors that name the parameter."""

import datetime

import pytest

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thirty_projects(db):
    # Same start date for all: the order must still be total.
    return [
        ProjectFactory(acronym=f"P{number:02}", start_date=datetime.date(2020, 1, 1)) for number in range(30)
    ]


def test_pages_hold_25_by_default(api, thirty_projects):
    page = api.get("/api/v1/projects/").json()
    assert page["count"] == 30
    assert len(page["results"]) == 25
    assert page["next"].endswith("page=2")
    assert len(api.get(page["next"]).json()["results"]) == 5


def test_page_size_goes_up_to_100(api, thirty_projects):
    assert len(api.get("/api/v1/projects/", {"page_size": 100}).json()["results"]) == 30


@pytest.mark.parametrize("size", ["101", "1000", "0", "-1", "abc", "1e3"])
def test_a_page_size_out_of_bounds_is_refused(api, thirty_projects, size):
    response = api.get("/api/v1/projects/", {"page_size": size})
    assert response.status_code == 400
    assert list(response.json()) == ["page_size"]


@pytest.mark.parametrize("number", ["0", "-1", "abc", "3", "99999999999999999999"])
def test_a_page_that_does_not_exist_is_a_404_naming_page(api, thirty_projects, number):
    response = api.get("/api/v1/projects/", {"page": number})
    assert response.status_code == 404
    assert list(response.json()) == ["page"]


def test_an_unknown_pagination_mode_is_refused(api, thirty_projects):
    response = api.get("/api/v1/projects/", {"pagination": "offset"})
    assert response.status_code == 400
    assert list(response.json()) == ["pagination"]


@pytest.mark.parametrize("ordering", ["", "start", "-start", "acronym", "-updated", "title"])
def test_pages_never_overlap_whatever_the_order(api, thirty_projects, ordering):
    seen = []
    for number in (1, 2, 3, 4):
        page = api.get("/api/v1/projects/", {"page": number, "page_size": 8, "ordering": ordering}).json()
        seen += [row["slug"] for row in page["results"]]
    assert len(seen) == len(set(seen)) == 30


def test_an_empty_list_has_one_empty_page(api, db):
    page = api.get("/api/v1/projects/").json()
    assert (page["count"], page["results"]) == (0, [])
    assert api.get("/api/v1/projects/", {"page": 2}).status_code == 404
