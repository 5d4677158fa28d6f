"""Language prefixes, the redirect from /, the language switcher, hreflang and canonical links."""

import re

import pytest

from tests.pages.conftest import html

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("ar", "/ar/"),
        ("ar-MA,ar;q=0.9", "/ar/"),
        ("en-GB,en;q=0.8", "/en/"),
        ("fr-FR", "/fr/"),
        ("de", "/fr/"),
        ("", "/fr/"),
    ],
)
def test_root_redirects_by_browser_language_french_by_default(client, accept_language, expected):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/", **headers)
    assert response.status_code == 302
    assert response["Location"] == expected


def test_unprefixed_page_redirects_to_its_language_version(client, registry):
    response = client.get("/projects/amem/", HTTP_ACCEPT_LANGUAGE="ar")
    assert response.status_code == 302
    assert response["Location"] == "/ar/projects/amem/"


def test_switcher_links_keep_the_page_and_the_query(client, registry):
    content = html(client.get("/ar/projects/?status=closed&country=MA&page_size=5"))
    nav = re.search(r'<nav class="languages".*?</nav>', content, re.S).group(0)
    for code in ("fr", "ar", "en"):
        query = "status=closed&amp;country=MA&amp;page_size=5"
        assert f'href="/{code}/projects/?{query}" hreflang="{code}" lang="{code}"' in nav
    assert re.search(r'hreflang="ar" lang="ar" aria-current="true"', nav)


def test_switcher_on_a_project_sheet(client, registry):
    content = html(client.get("/en/projects/thamm-plus/"))
    for code in ("fr", "ar", "en"):
        assert f'href="/{code}/projects/thamm-plus/"' in content


def test_every_page_names_its_alternates_and_canonical(client, registry):
    content = html(client.get("/fr/organisations/oit/"))
    for code in ("fr", "ar", "en"):
        assert (
            f'<link rel="alternate" hreflang="{code}" href="http://testserver/{code}/organisations/oit/">'
            in content
        )
    assert (
        '<link rel="alternate" hreflang="x-default" href="http://testserver/organisations/oit/">' in content
    )
    assert '<link rel="canonical" href="http://testserver/fr/organisations/oit/">' in content


def test_alternates_keep_the_filters(client, registry):
    content = html(client.get("/en/events/?kind=launch"))
    assert '<link rel="alternate" hreflang="ar" href="http://testserver/ar/events/?kind=launch">' in content


def test_switcher_on_a_404_page_leads_to_existing_pages(client, registry):
    response = client.get("/ar/projects/nope/")
    assert response.status_code == 404
    content = html(response)
    assert '<html lang="ar" dir="rtl">' in content
    assert 'href="/fr/projects/nope/"' in content
    response = client.get("/nowhere/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert 'href="/ar/" hreflang="ar"' in html(response)


def test_interface_follows_the_language_of_the_address(client, registry):
    # Django's own catalogue: month names in each language.
    assert "août 2018" in html(client.get("/fr/projects/amem/"))
    assert "August 2018" in html(client.get("/en/projects/amem/"))


def test_english_page_shows_english_titles(client, registry):
    content = html(client.get("/en/projects/"))
    assert "Support to fair migration in the Maghreb" in content


def test_arabic_page_falls_back_to_french_marked_as_french(client, registry):
    content = html(client.get("/ar/projects/thamm-plus/"))
    # THAMM Plus has a French title only, marked lang="fr" on the Arabic page.
    assert '<span lang="fr" dir="ltr">THAMM Plus : mobilité de main-d&#x27;œuvre</span>' in content
