"""An empty value means no filter, for every filter of every list, on the
API and on the pages alike (a form sends its untouched fields empty)."""

import pytest
from django.urls import reverse

from activities.filters import ActivityFilterSet, EventFilterSet
from projects.filters import ComponentFilterSet, IndicatorFilterSet, OrganisationFilterSet, ProjectFilterSet
from tests.factories import (
    ActivityFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

LISTS = {
    "projects": ProjectFilterSet,
    "organisations": OrganisationFilterSet,
    "components": ComponentFilterSet,
    "activities": ActivityFilterSet,
    "events": EventFilterSet,
    "indicators": IndicatorFilterSet,
}


@pytest.fixture
def rows():
    project = ProjectFactory(acronym="P")
    OrganisationFactory()
    ActivityFactory(project=project)
    EventFactory(project=project)
    IndicatorFactory(project=project)


@pytest.mark.parametrize(
    ("name", "parameter"),
    [(name, parameter) for name, filterset in LISTS.items() for parameter in filterset.base_filters],
)
def test_an_empty_filter_is_no_filter_in_the_api(client, rows, name, parameter):
    whole = client.get(f"/api/v1/{name}/").json()["count"]
    for empty in ("", "%20"):
        response = client.get(f"/api/v1/{name}/?{parameter}={empty}")
        assert response.status_code == 200, response.content
        assert response.json()["count"] == whole


@pytest.mark.parametrize("parameter", list(ProjectFilterSet.base_filters))
def test_an_empty_filter_is_no_filter_on_the_page(client, rows, parameter):
    response = client.get(reverse("projects:project_list") + f"?{parameter}=")
    assert response.status_code == 200
    assert 'class="error-summary"' not in response.content.decode()
