"""The organisation directory and an organisation's page."""

import re

import pytest

from tests.pages.conftest import html

pytestmark = pytest.mark.django_db


def listed(client, query="", language="fr"):
    response = client.get(f"/{language}/organisations/{query}")
    assert response.status_code == 200
    return set(re.findall(r'href="/\w\w/organisations/([\w-]+)/"', html(response)))


def test_directory_lists_published_organisations(client, registry):
    assert listed(client) == {"ue", "oit", "giz", "usdol", "anapec"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?country=MA", {"anapec"}),
        ("?country=MA&country=DE", {"anapec", "giz"}),
        ("?kind=un_agency", {"oit"}),
        ("?kind=un_agency&kind=public_agency", {"oit", "anapec"}),
        ("?role=funder", {"ue", "giz", "usdol"}),
        ("?role=implementer", {"oit", "giz"}),
        ("?role=partner&role=implementer", {"oit", "giz", "anapec"}),
        ("?role=funder&kind=government", {"usdol"}),
    ],
)
def test_directory_filters(client, registry, query, expected):
    assert listed(client, query) == expected


@pytest.mark.parametrize(
    "q",
    ["ILO", "ilo", "OIT", "BIT", "منظمة العمل الدولية", "منظمه العمل الدوليه", "Organisation internationale"],
)
def test_an_organisation_is_found_by_any_of_its_names(client, registry, q):
    for language in ("fr", "ar", "en"):
        assert listed(client, f"?q={q}", language) == {"oit"}


def test_accents_do_not_matter(client, registry):
    assert listed(client, "?q=europeenne") == {"ue"}
    assert listed(client, "?q=EUROPÉENNE") == {"ue"}


def test_directory_shows_project_counts(client, registry):
    content = html(client.get("/fr/organisations/?q=UE"))
    assert "2 " in content


def test_organisation_page_groups_projects_by_role(client, registry):
    content = html(client.get("/fr/organisations/giz/"))
    funder = content[content.index('id="role-funder"') : content.index('id="role-implementer"')]
    implementer = content[content.index('id="role-implementer"') :]
    assert "THAMM Plus" in funder
    assert "/fr/projects/thamm/" not in funder
    assert "/fr/projects/thamm/" in implementer
    assert "/fr/projects/thamm-plus/" in implementer


def test_organisation_page_hides_draft_projects(client, registry):
    content = html(client.get("/fr/organisations/ue/"))
    assert "/fr/projects/amem/" in content
    assert "DRAFTP" not in content


def test_organisation_page_in_arabic(client, registry):
    content = html(client.get("/ar/organisations/oit/"))
    assert "منظمة العمل الدولية" in content
    assert '<html lang="ar" dir="rtl">' in content


def test_unknown_organisation_is_404(client, registry):
    assert client.get("/en/organisations/unknown/").status_code == 404
