"""The sitemap: every public page in every language, with alternates."""

import xml.etree.ElementTree as ET

import pytest

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture
def sitemap(client, registry):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return ET.fromstring(response.content)


def locations(sitemap):
    return {url.findtext(f"{SITEMAP}loc") for url in sitemap.findall(f"{SITEMAP}url")}


def test_every_page_in_every_language(sitemap):
    found = locations(sitemap)
    for language in ("fr", "ar", "en"):
        for path in (
            "",
            "projects/",
            "organisations/",
            "funders/",
            "activities/",
            "events/",
            "projects/amem/",
            "projects/thamm-plus/",
            "organisations/oit/",
        ):
            assert f"http://testserver/{language}/{path}" in found, (language, path)


def test_entries_name_their_alternates_and_x_default(sitemap):
    entry = next(
        url
        for url in sitemap.findall(f"{SITEMAP}url")
        if url.findtext(f"{SITEMAP}loc").endswith("/ar/projects/amem/")
    )
    alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
    assert alternates == {
        "fr": "http://testserver/fr/projects/amem/",
        "ar": "http://testserver/ar/projects/amem/",
        "en": "http://testserver/en/projects/amem/",
        "x-default": "http://testserver/projects/amem/",
    }
    assert entry.findtext(f"{SITEMAP}lastmod")


def test_drafts_are_not_in_the_sitemap(sitemap):
    found = " ".join(locations(sitemap))
    assert "draft-project" not in found
    assert "draft-org" not in found
