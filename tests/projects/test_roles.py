"""The sheet and the API record present a project's participants alike:
funders and implementers apart, every other participant by country, in the
project's order of countries, the international ones last."""

import pytest

from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def amem():
    project = ProjectFactory(acronym="AMEM")
    tunisia = CountryFactory(code="TN", name_fr="Tunisie")
    morocco = CountryFactory(code="MA", name_fr="Maroc")
    ProjectCountryFactory(project=project, country=tunisia, order=1)
    ProjectCountryFactory(project=project, country=morocco, order=2)
    # Where a participation names no country, its organisation's counts.
    ParticipationFactory(
        project=project, role="partner", organisation=OrganisationFactory(slug="anapec", country=morocco)
    )
    ParticipationFactory(
        project=project, role="partner", organisation=OrganisationFactory(slug="ons"), country=tunisia
    )
    ParticipationFactory(
        project=project, role="stakeholder", organisation=OrganisationFactory(slug="oim", country=None)
    )
    ParticipationFactory(
        project=project, role="funder", organisation=OrganisationFactory(slug="ue", country=None)
    )
    return project


def test_the_api_groups_partners_as_the_sheet_does(client, amem):
    groups = client.get("/api/v1/projects/amem/").json()["partners_by_country"]
    assert [
        (group["country"] and group["country"]["code"], [p["slug"] for p in group["partners"]])
        for group in groups
    ] == [
        ("TN", ["ons"]),
        ("MA", ["anapec"]),
        (None, ["oim"]),
    ]
    sheet = client.get("/fr/projects/amem/").content.decode()
    assert sheet.index("Tunisie") < sheet.index("Maroc")
    funders = client.get("/api/v1/projects/amem/").json()["funders"]
    assert [funder["slug"] for funder in funders] == ["ue"]
