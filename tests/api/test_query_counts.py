"""The number of SQL queries per request does not grow with the page size or
the number of children (see the figures in MAX_QUERIES)."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.feed import catch_up
from projects.models import Participation, ProjectRelation
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
    ProjectRelationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

# Queries per request with nothing kept, measured: the page's keys, count,
# the change feed's check for changes to stamp, the rows' stamps (the keys
# of the rows kept in the cache, core/rest/rows.py; resources in the change
# feed), the records not kept, their prefetches, Last-Modified.
MAX_QUERIES = {
    "/api/v1/projects/": 9,
    "/api/v1/organisations/": 6,
    "/api/v1/countries/": 4,
    "/api/v1/themes/": 4,
    "/api/v1/components/": 7,
    "/api/v1/activities/": 7,
    "/api/v1/events/": 7,
    "/api/v1/indicators/": 7,  # with the indicators' reporting periods
    "/api/v1/withdrawals/?since=2000-01-01T00:00:00Z": 10,
    "/api/v1/stats/?group_by=funder": 5,
    "/api/v1/stats/?group_by=country": 5,
    "/api/v1/stats/?group_by=year": 4,
}
# A project detail: the project's key, the change feed's check, its stamp
# (the key of the record kept in the cache, core/rest/rows.py), then, when it
# is not kept, the project, its countries, participants, themes, components,
# documents, relations (both directions at once); Last-Modified.
MAX_DETAIL_QUERIES = {"project": 11, "organisation": 7, "component": 7}


def project_with_everything(number, countries, theme, funder, implementer, size):
    project = ProjectFactory(acronym=f"BIG{number}")
    project.themes.add(theme)
    for country in countries:
        ProjectCountryFactory(project=project, country=country)
    ParticipationFactory(project=project, organisation=funder, role=Participation.Role.FUNDER)
    ParticipationFactory(project=project, organisation=implementer, role=Participation.Role.IMPLEMENTER)
    for index in range(size):
        partner = OrganisationFactory(country=countries[index % len(countries)])
        ParticipationFactory(
            project=project, organisation=partner, role=Participation.Role.INSTITUTIONAL_PARTNER
        )
        component = ComponentFactory(project=project, code=f"{index}")
        component.managers.add(implementer)
        for _activity in range(2):
            activity = ActivityFactory(project=project, component=component, country=countries[0])
            activity.partners.add(partner)
        IndicatorFactory(project=project, component=component)
        DocumentFactory(project=project)
        event = EventFactory(project=project, country=countries[0])
        event.organisations.add(funder)
    return project


@pytest.fixture
def many(db):
    countries = [
        CountryFactory(code="MA"),
        CountryFactory(code="TN", name_fr="Tunisie"),
        CountryFactory(code="EG", name_fr="Égypte"),
    ]
    theme = ThemeFactory()
    funder, implementer = OrganisationFactory(slug="ue"), OrganisationFactory(slug="oit")
    small = project_with_everything(0, countries[:1], theme, funder, implementer, size=1)
    big = project_with_everything(1, countries, theme, funder, implementer, size=8)
    previous = big
    for number in range(2, 40):
        project = project_with_everything(number, countries[:2], theme, funder, implementer, size=1)
        ProjectRelationFactory(project=project, related=previous)
        previous = project
    # The small project has a relation each way; the big one, several.
    ProjectRelationFactory(project=small, related=previous)
    ProjectRelationFactory(project=previous, related=small, kind=ProjectRelation.Kind.PART_OF)
    for number in range(40, 46):
        ProjectRelationFactory(project=big, related=ProjectFactory(acronym=f"OLD{number}"))
        ProjectRelationFactory(
            project=ProjectFactory(acronym=f"SUB{number}"), related=big, kind=ProjectRelation.Kind.PART_OF
        )
    catch_up()
    return {"small": small, "big": big, "theme": theme, "small_component": small.components.get()}


def queries(api, url):
    """The queries of `url` with nothing kept yet (no row, no count)."""
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        response = api.get(url)
    assert response.status_code == 200, response.content
    return len(captured)


def test_every_list_costs_the_same_queries_for_1_and_100_rows(api, many, django_assert_max_num_queries):
    # One test over every list, so that the registry is built once.
    for url, most in MAX_QUERIES.items():
        separator = "&" if "?" in url else "?"
        one = queries(api, f"{url}{separator}page_size=1")
        with django_assert_max_num_queries(most):
            hundred = queries(api, f"{url}{separator}page_size=100")
        assert one == hundred, url
        if "?" not in url:
            with django_assert_max_num_queries(most):
                queries(api, f"{url}?pagination=cursor&page_size=100")


def test_a_project_detail_costs_the_same_with_1_or_many_children(api, many, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES["project"]):
        small = queries(api, f"/api/v1/projects/{many['small'].slug}/")
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES["project"]):
        big = queries(api, f"/api/v1/projects/{many['big'].slug}/")
    assert small == big
    detail = api.get(f"/api/v1/projects/{many['big'].slug}/").json()
    assert (detail["activity_count"], detail["event_count"], detail["indicator_count"]) == (16, 8, 8)
    assert len(detail["related_projects"]) == 13


def test_other_details_cost_a_fixed_number_of_queries(api, many, django_assert_max_num_queries):
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES["organisation"]):
        funder = queries(api, "/api/v1/organisations/ue/")
    assert (
        queries(api, f"/api/v1/organisations/{many['small'].participations.last().organisation.slug}/")
        == funder
    )
    small = queries(api, f"/api/v1/components/{many['small_component'].pk}/")
    big_component = many["big"].components.first()
    with django_assert_max_num_queries(MAX_DETAIL_QUERIES["component"]):
        big = queries(api, f"/api/v1/components/{big_component.pk}/")
    assert small == big


def test_filters_add_a_fixed_number_of_queries(api, many):
    plain = queries(api, "/api/v1/projects/?page_size=100")
    filters = f"funder=ue&country=MA&country=TN&theme={many['theme'].slug}"
    filtered = queries(api, f"/api/v1/projects/?page_size=100&{filters}")
    one = queries(api, f"/api/v1/projects/?page_size=1&{filters}")
    assert filtered == one
    assert filtered <= plain + 3
