"""No draft record (project, organisation, component, activity, event,
indicator, document) ever reaches a public page, the feed or the sitemap."""

import pytest

from tests.pages.conftest import html
from tests.registry import DRAFT_MARKERS

PUBLIC_ADDRESSES = [
    f"/{language}/{page}"
    for language in ("fr", "ar", "en")
    for page in (
        "",
        "projects/",
        "projects/?page_size=100",
        "projects/amem/",
        "projects/thamm/",
        "projects/thamm-plus/",
        "organisations/",
        "organisations/ue/",
        "organisations/oit/",
        "organisations/anapec/",
        "funders/",
        "activities/",
        "activities/?page_size=100",
        "events/",
        "events/feed/",
    )
] + ["/sitemap.xml"]


@pytest.mark.parametrize("address", PUBLIC_ADDRESSES)
def test_no_draft_reaches_a_public_page(client, registry, address):
    response = client.get(address)
    assert response.status_code == 200
    content = html(response)
    for marker in (*DRAFT_MARKERS, "DRAFTP", "draft-project", "draft-org"):
        assert marker not in content, (marker, address)


def test_search_does_not_surface_drafts(client, registry):
    for address in (
        "/fr/projects/?q=DRAFTPROJECTMARK",
        "/fr/organisations/?q=DRAFTORGMARK",
        "/fr/activities/?q=DRAFTACTIVITYMARK",
        "/fr/events/?q=DRAFTEVENTMARK",
    ):
        assert 'data-count="0"' in html(client.get(address)), address


def test_draft_values_are_not_offered_as_filters(client, registry):
    content = html(client.get("/fr/projects/"))
    assert 'value="draft-org"' not in content
    assert 'value="draft-project"' not in html(client.get("/fr/activities/"))
    assert 'value="draft-project"' not in html(client.get("/fr/events/"))


def test_filtering_by_a_draft_is_refused(client, registry):
    response = client.get("/fr/projects/?partner=draft-org")
    assert response.status_code == 400
    assert "DRAFTORGMARK" not in html(response)
    assert client.get("/fr/activities/?project=draft-project").status_code == 400


def test_draft_organisation_is_404(client, registry):
    assert client.get("/fr/organisations/draft-org/").status_code == 404


def test_staff_preview_of_a_draft_organisation(staff_client, registry):
    response = staff_client.get("/fr/organisations/draft-org/")
    assert response.status_code == 200
    assert 'class="preview-banner"' in html(response)
    assert '<meta name="robots" content="noindex">' in html(response)


def test_a_draft_parent_organisation_is_not_named(client, registry):
    anapec = registry["anapec"]
    anapec.parent = registry["draft_organisation"]
    anapec.save()
    assert "DRAFTORGMARK" not in html(client.get("/fr/organisations/anapec/"))
