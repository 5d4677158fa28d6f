"""Funders with their projects and their contributions per currency."""

import re
from decimal import Decimal

import pytest

from projects.models import Participation
from tests.factories import ParticipationFactory, ProjectFactory
from tests.pages.conftest import html

pytestmark = pytest.mark.django_db


def funder_section(content, name):
    start = content.index(name)
    end = content.find('<section class="card funder"', start)
    return content[start : end if end != -1 else None]


def test_funders_are_listed_with_their_projects(client, registry):
    content = html(client.get("/fr/funders/"))
    assert 'data-count="3"' in content
    ue = funder_section(content, "Union européenne")
    assert "/fr/projects/amem/" in ue
    assert "/fr/projects/thamm/" in ue
    # Implementing only: not a funder.
    assert "Organisation internationale du Travail" not in content


def test_totals_per_currency_never_summed_across(client, registry):
    usd_funder = registry["ue"]
    ParticipationFactory(
        project=registry["thamm_plus"],
        organisation=usd_funder,
        role=Participation.Role.FUNDER,
        amount=Decimal("500000"),
        currency="USD",
    )
    content = html(client.get("/en/funders/"))
    ue = funder_section(content, "European Union")
    totals = re.search(r'<ul class="inline-list totals">(.*?)</ul>', ue).group(1)
    assert '<li data-currency="EUR"><bdi class="amount">18,000,000&nbsp;EUR</bdi></li>' in totals
    assert '<li data-currency="USD"><bdi class="amount">500,000&nbsp;USD</bdi></li>' in totals


def test_draft_project_contributions_are_not_counted(client, registry):
    # The draft project gives UE 1 MAD: no MAD total may appear.
    assert 'data-currency="MAD"' not in html(client.get("/fr/funders/"))


def test_amounts_follow_the_language(client, registry):
    assert "15\xa0000\xa0000&nbsp;EUR" in html(client.get("/fr/funders/"))
    assert "15,000,000&nbsp;EUR" in html(client.get("/en/funders/"))
    assert "15.000.000&nbsp;EUR" in html(client.get("/ar/funders/"))


def test_a_funder_with_many_projects(client, db):
    from tests.factories import OrganisationFactory

    funder = OrganisationFactory(slug="big")
    for _ in range(5):
        ParticipationFactory(
            project=ProjectFactory(),
            organisation=funder,
            role=Participation.Role.FUNDER,
            amount=10,
            currency="EUR",
        )
    content = html(client.get("/en/funders/"))
    assert '<li data-currency="EUR"><bdi class="amount">50&nbsp;EUR</bdi></li>' in content
