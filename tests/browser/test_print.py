"""A project sheet printed from the browser is the PDF sheet's: at most two
A4 pages, in French, Arabic and English, with the site's header, contents,
long texts and activity lists left out (AMEM's 52 activities fold under
their counts per country; the PDF lists them in its annex)."""

import io

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.browser


def printed(page) -> tuple[int, str]:
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return len(pdf.pages), " ".join(sheet.extract_text() for sheet in pdf.pages)


@pytest.mark.parametrize("language", ["fr", "ar", "en"])
@pytest.mark.parametrize("slug", ["thamm", "wafira", "amem"])
def test_a_printed_sheet_fits_on_two_pages(new_page, language, slug):
    page = new_page()
    page.goto(f"/{language}/projects/{slug}/")
    pages, text = printed(page)
    assert pages <= 2, pages
    assert page.locator("h1").inner_text().split()[0] in text


def test_printing_leaves_the_site_around_the_sheet_out(new_page):
    page = new_page()
    page.goto("/fr/projects/thamm/")
    page.emulate_media(media="print")
    for hidden in (
        ".site-header",
        ".sheet-contents",
        ".sheet-downloads",
        ".people",
        ".component-activities ul",
    ):
        assert all(not element.is_visible() for element in page.locator(hidden).all()), hidden
    assert page.locator("#identity-title").is_visible()
    assert page.locator("#components-title").is_visible()
