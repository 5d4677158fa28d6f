"""Each page runs a fixed number of SQL queries, whether it shows 1 row or 50.

The bounds below are the measured counts; a template that starts querying
(a missing prefetch) makes the 50-row page exceed them. Each includes the
read of the registry's revision, the response cache's key (a page served
from the cache costs that one query only).
"""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.feed import catch_up
from projects.models import Participation
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

Role = Participation.Role


@pytest.fixture
def world(db):
    morocco = CountryFactory(code="MA")
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس", name_en="Tunisia")
    return {
        "countries": [morocco, tunisia],
        "funder": OrganisationFactory(country=morocco),
        "agency": OrganisationFactory(country=tunisia),
        "theme": ThemeFactory(),
    }


def add_project(world, **kwargs):
    project = ProjectFactory(budget=Decimal("1000"), budget_currency="EUR", **kwargs)
    for country in world["countries"]:
        ProjectCountryFactory(project=project, country=country)
    ParticipationFactory(
        project=project, organisation=world["funder"], role=Role.FUNDER, amount=10, currency="EUR"
    )
    ParticipationFactory(project=project, organisation=world["agency"], role=Role.IMPLEMENTER)
    project.themes.add(world["theme"])
    return project


def add_activity(world, project, component):
    activity = ActivityFactory(project=project, component=component, country=world["countries"][0])
    activity.partners.add(world["funder"], world["agency"])
    return activity


def add_event(world, project):
    event = EventFactory(project=project, country=world["countries"][1], end_date=datetime.date(2019, 1, 20))
    event.organisations.add(world["funder"])
    return event


def count(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def assert_constant(client, django_assert_max_num_queries, address, bound, grow):
    """Render `address` with one row, then with 50: same count, within `bound`.
    The change feed is stamped first: stamping what the growth marked is the
    edits' work (its first reader pays it once), not the page's."""
    grow(1)
    catch_up()
    with django_assert_max_num_queries(bound):
        one = count(client, address)
    grow(49)
    catch_up()
    with django_assert_max_num_queries(bound):
        many = count(client, address)
    assert one == many, (one, many)


def test_project_list(client, world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            add_project(world)

    # With the years the records span, for the year filter (1 query), and
    # the number of projects beside each status, funder, country, theme (4),
    # kept under the apps' revisions (1; a render after no change of
    # projects or partners reads none of those five); the cards' versions
    # (3), the cards not kept then loaded (4: none when all are kept).
    assert_constant(client, django_assert_max_num_queries, "/fr/projects/?page_size=50", 18, grow)


def test_project_list_filtered_and_searched(client, world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            add_project(world)

    address = f"/ar/projects/?page_size=50&q=cooperation&country=MA&funder={world['funder'].slug}&year=2020"
    # The search reads the names of themes and countries once (2 queries)
    # and, on PostgreSQL, asks whether its word is found as written before
    # allowing a typo (1); the year filter the years the records span (1),
    # the options their counts (4), kept under the apps' revisions (1); the
    # cards' versions before the cards not kept are loaded.
    assert_constant(client, django_assert_max_num_queries, address, 23, grow)


def test_project_sheet(client, world, django_assert_max_num_queries):
    project = add_project(world, slug="sheet")
    component = ComponentFactory(project=project)
    component.managers.add(world["agency"])

    def grow(n):
        for _ in range(n):
            add_activity(world, project, component)
            ParticipationFactory(
                project=project, organisation=OrganisationFactory(), role=Role.INSTITUTIONAL_PARTNER
            )
            add_event(world, project)
            IndicatorFactory(project=project, component=component)
            DocumentFactory(project=project)
            ComponentFactory(project=project)
            # Relations in both directions are read in one query.
            ProjectRelationFactory(project=ProjectFactory(), related=project)
            ProjectRelationFactory(project=project, related=ProjectFactory())

    # The indicators' reporting periods are one query more, however many;
    # the versions of what the activity blocks show two more, before the
    # activities of the blocks not kept are read. The sheet's stamp in the
    # sheets feed comes first (2: nothing to stamp, the stamp), then, the
    # sheet not being kept, its project again with all it shows.
    assert_constant(client, django_assert_max_num_queries, "/en/projects/sheet/", 18, grow)


def test_home(client, world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            add_event(world, add_project(world))

    # With the cards' stamps in the projects feed (2: nothing to stamp, the
    # stamps), under which they are kept.
    assert_constant(client, django_assert_max_num_queries, "/fr/", 13, grow)


def test_organisation_list(client, world, django_assert_max_num_queries):
    project = add_project(world)

    def grow(n):
        for _ in range(n):
            organisation = OrganisationFactory(country=world["countries"][0], parent=world["funder"])
            ParticipationFactory(project=project, organisation=organisation, role=Role.INSTITUTIONAL_PARTNER)

    # With the apps' revisions, under which the filter options are kept (1).
    assert_constant(client, django_assert_max_num_queries, "/fr/organisations/?page_size=50", 5, grow)


def test_organisation_page(client, world, django_assert_max_num_queries):
    organisation = world["funder"]

    def grow(n):
        for _ in range(n):
            ParticipationFactory(
                project=add_project(world), organisation=organisation, role=Role.INSTITUTIONAL_PARTNER
            )
            OrganisationFactory(parent=organisation)

    assert_constant(client, django_assert_max_num_queries, f"/ar/organisations/{organisation.slug}/", 4, grow)


def test_funder_list(client, world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            funder = OrganisationFactory()
            for _ in range(2):
                ParticipationFactory(
                    project=ProjectFactory(), organisation=funder, role=Role.FUNDER, amount=5, currency="USD"
                )

    assert_constant(client, django_assert_max_num_queries, "/fr/funders/", 4, grow)


def test_activity_list(client, world, django_assert_max_num_queries):
    project = add_project(world)
    component = ComponentFactory(project=project)

    def grow(n):
        for _ in range(n):
            add_activity(world, project, component)

    # With the apps' revisions, under which the filter options are kept (1),
    # and the items' keys and stamps (3: the page's keys, nothing to stamp,
    # the stamps) before the items not kept are loaded.
    assert_constant(client, django_assert_max_num_queries, "/fr/activities/?page_size=50", 9, grow)


def test_event_list(client, world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            add_event(world, add_project(world))

    # With the apps' revisions, under which the filter options are kept (1).
    assert_constant(client, django_assert_max_num_queries, "/ar/events/?page_size=50", 7, grow)


def test_event_feed(client, world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            add_event(world, add_project(world))

    assert_constant(client, django_assert_max_num_queries, "/fr/events/feed/", 2, grow)


def test_sitemap(client, world, django_assert_max_num_queries):
    def grow(n):
        for _ in range(n):
            add_project(world)
            OrganisationFactory()

    assert_constant(client, django_assert_max_num_queries, "/sitemap.xml", 2, grow)
