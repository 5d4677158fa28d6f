"""An organisation's page lists, for each role, its latest projects only,
with the role's number of published projects and a link to them all."""

import datetime
import re

import pytest

from core.publication import Publication
from projects.models import Participation
from tests.factories import OrganisationFactory, ParticipationFactory, ProjectFactory
from tests.pages.conftest import html

pytestmark = pytest.mark.django_db

Role = Participation.Role


def take_part(organisation, role, count, *, first_year=1990, **project_fields):
    """`count` projects, one a year from `first_year`, in which `organisation` has `role`."""
    projects = [
        ProjectFactory(start_date=datetime.date(first_year + n, 1, 1), **project_fields) for n in range(count)
    ]
    for project in projects:
        ParticipationFactory(project=project, organisation=organisation, role=role)
    return projects


def role_section(content, role):
    start = content.index(f'<section class="role-group role-{role}"')
    return content[start : content.index("</section>", start)]


def project_slugs(content):
    return re.findall(r'href="/\w\w/projects/([\w-]+)/"', content)


@pytest.fixture
def funder():
    funder = OrganisationFactory(slug="big-funder")
    projects = take_part(funder, Role.FUNDER, 25)
    take_part(funder, Role.FUNDER, 1, first_year=2030, acronym="DRAFTPRJ", publication=Publication.DRAFT)
    return {"organisation": funder, "projects": projects}


def test_funder_page_shows_the_20_latest_of_25_projects(client, funder):
    section = role_section(html(client.get("/en/organisations/big-funder/")), Role.FUNDER)
    latest = [project.slug for project in reversed(funder["projects"])][:20]
    assert project_slugs(section) == latest
    assert "DRAFTPRJ" not in section


def test_funder_page_gives_the_number_of_published_projects(client, funder):
    section = role_section(html(client.get("/en/organisations/big-funder/")), Role.FUNDER)
    assert '<p class="meta project-count" data-count="25">25 projects</p>' in section


def test_funder_page_links_to_all_its_funded_projects(client, funder):
    section = role_section(html(client.get("/en/organisations/big-funder/")), Role.FUNDER)
    link = re.search(r'<a class="more" href="([^"]+)">All 25 projects</a>', section)
    assert link is not None
    assert link.group(1) == "/en/projects/?funder=big-funder"

    listed = html(client.get(link.group(1) + "&page_size=50"))
    assert 'data-count="25"' in listed
    assert set(project_slugs(listed)) == {project.slug for project in funder["projects"]}


def test_each_role_is_limited_and_linked_to_its_own_filter(client):
    agency = OrganisationFactory(slug="agency")
    take_part(agency, Role.IMPLEMENTER, 22)
    take_part(agency, Role.COORDINATOR, 21, first_year=1900)
    take_part(agency, Role.FUNDER, 2, first_year=1800)
    content = html(client.get("/en/organisations/agency/"))

    assert re.findall(r'<section class="role-group role-(\w+)"', content) == [
        "funder",
        "implementer",
        "coordinator",
    ]
    implementer = role_section(content, Role.IMPLEMENTER)
    assert len(project_slugs(implementer)) == 20
    assert 'href="/en/projects/?implementer=agency">All 22 projects</a>' in implementer
    coordinator = role_section(content, Role.COORDINATOR)
    assert len(project_slugs(coordinator)) == 20
    assert 'href="/en/projects/?partner=agency">All 21 projects</a>' in coordinator
    funder = role_section(content, Role.FUNDER)
    assert len(project_slugs(funder)) == 2
    assert "2 projects" in funder
    assert 'class="more"' not in funder


def test_a_role_whose_projects_are_all_drafts_is_not_shown(client):
    organisation = OrganisationFactory(slug="waiting")
    take_part(organisation, Role.FUNDER, 1)
    take_part(organisation, Role.IMPLEMENTER, 3, publication=Publication.DRAFT)
    content = html(client.get("/en/organisations/waiting/"))
    assert 'id="role-funder"' in content
    assert 'id="role-implementer"' not in content


def test_staff_preview_of_a_draft_organisation_lists_its_latest_projects(staff_client):
    organisation = OrganisationFactory(slug="draft-funder", publication=Publication.DRAFT)
    take_part(organisation, Role.FUNDER, 21)
    content = html(staff_client.get("/en/organisations/draft-funder/"))
    assert 'class="preview-banner"' in content
    section = role_section(content, Role.FUNDER)
    assert len(project_slugs(section)) == 20
    assert "21 projects" in section
    # The project list filters on published organisations only: a link to
    # it from a draft would answer 400.
    assert 'class="more"' not in section


def test_organisation_page_queries_do_not_grow_with_its_projects(client, django_assert_max_num_queries):
    organisation = OrganisationFactory(slug="counted", parent=OrganisationFactory())
    OrganisationFactory(parent=organisation)
    counts = []
    for first_year, count in ((1900, 3), (1950, 27)):
        for role in (Role.FUNDER, Role.IMPLEMENTER, Role.INSTITUTIONAL_PARTNER):
            take_part(organisation, role, count, first_year=first_year)
        # The organisation with its totals per role, its latest projects and
        # its units, and one read the site may make for any page.
        with django_assert_max_num_queries(4) as queries:
            response = client.get("/fr/organisations/counted/")
        assert response.status_code == 200
        counts.append(len(queries))
    assert 'data-count="30"' in html(response)
    assert counts[0] == counts[1], counts
