"""`?expand=details`: list rows as whole as the detail, at the cost of a
list, so that a mirror needs one call per 100 records."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.feed import catch_up
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

LISTS = {"projects": "slug", "organisations": "slug", "components": "id", "activities": "id", "events": "id"}


@pytest.mark.parametrize(("resource", "key"), LISTS.items())
def test_each_expanded_row_is_the_record_s_detail(api, registry, resource, key):
    rows = api.get(f"/api/v1/{resource}/", {"expand": "details", "lang": "all", "page_size": 100}).json()
    assert rows["count"] > 0
    for row in rows["results"]:
        detail = api.get(f"/api/v1/{resource}/{row[key]}/", {"lang": "all"}).json()
        assert row == detail


def test_a_plain_list_row_stays_light(api, registry):
    light = api.get("/api/v1/projects/").json()["results"][0]
    whole = api.get("/api/v1/projects/", {"expand": "details"}).json()["results"][0]
    assert "summary" not in light
    assert "summary" in whole and set(light) < set(whole)


def test_an_unknown_expansion_is_refused_by_name(api, registry):
    response = api.get("/api/v1/projects/", {"expand": "everything"})
    assert response.status_code == 400
    assert list(response.json()) == ["expand"]


def queries(api, url):
    """The queries of `url` with no row kept yet: every row is serialized."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def test_expanded_lists_cost_the_same_for_1_and_100_rows(api, db, django_assert_max_num_queries):
    funder = OrganisationFactory(slug="ue")
    for number in range(30):
        project = ProjectFactory(acronym=f"P{number}")
        ParticipationFactory(project=project, organisation=funder, role="funder")
        component = ComponentFactory(project=project, code=str(number))
        component.managers.add(funder)
        for _activity in range(3):
            ActivityFactory(project=project, component=component).partners.add(funder)
    catch_up()
    for resource in LISTS:
        one = queries(api, f"/api/v1/{resource}/?expand=details&page_size=1")
        # With the rows' stamps, under which rows are kept (core/rest/rows.py).
        with django_assert_max_num_queries(13):
            hundred = queries(api, f"/api/v1/{resource}/?expand=details&page_size=100")
        assert one == hundred, resource
