"""The project sheet as a PDF, in French, Arabic and English: the sheet on
at most two A4 pages, a project's many activities in an annex after it,
Arabic set in the site's Arabic font."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation

from activities.sheet_pdf import sheet_documents
from activities.views import ProjectSheetPDFView

pytestmark = pytest.mark.django_db


def laid_out(language, slug):
    """The sheet and its annex as the view lays them out."""
    with translation.override(language):
        request = RequestFactory().get(f"/{language}/projects/{slug}/sheet.pdf")
        request.user = AnonymousUser()
        view = ProjectSheetPDFView()
        view.setup(request, slug=slug)
        view.object = view.get_object()
        return sheet_documents(view.get_context_data(object=view.object), request)


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
def test_the_pdf_sheet_is_served_in_each_language(client, seed, language):
    response = client.get(f"/{language}/projects/thamm/sheet.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    assert f'filename="thamm-{language}.pdf"' in response["Content-Disposition"]
    # Kept until the registry changes, like the pages.
    assert client.get(f"/{language}/projects/thamm/sheet.pdf").content == response.content


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize("slug", ["thamm", "wafira", "rsa-ii", "paraae"])
def test_a_sheet_fits_on_two_pages(seed, language, slug):
    sheet, annex = laid_out(language, slug)
    assert len(sheet.pages) <= 2
    assert annex is None


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_many_activities_go_to_an_annex(seed, language):
    sheet, annex = laid_out(language, "amem")
    assert len(sheet.pages) <= 2
    assert annex is not None and len(annex.pages) >= 1


def fonts(language, slug="thamm") -> list[bytes]:
    sheet, _annex = laid_out(language, slug)
    sheet.write_pdf()
    return [font.name for font in sheet.fonts.values()]


def test_arabic_is_set_in_the_site_s_arabic_font(seed):
    assert any(b"Noto-Naskh-Arabic" in name for name in fonts("ar"))
    french = fonts("fr")
    assert any(b"Noto-Sans" in name for name in french)
    # No system font stands in for a missing glyph.
    assert all(b"Noto-Sans" in name or b"Noto-Naskh-Arabic" in name for name in french)


def test_a_draft_has_no_public_pdf(client, seed):
    from projects.models import Project

    Project.objects.filter(slug="wafira").update(publication="draft")
    assert client.get("/fr/projects/wafira/sheet.pdf").status_code == 404


def test_the_sheet_links_its_pdf(client, seed):
    page = client.get("/ar/projects/amem/").content.decode()
    assert 'href="/ar/projects/amem/sheet.pdf" type="application/pdf"' in page
