"""A page loads the fonts its language needs: a French page no Arabic font
(the switch's "العربية" is drawn by the system's), an Arabic page both."""

import pytest

pytestmark = pytest.mark.browser


def fonts_loaded(new_page, path) -> list[str]:
    page = new_page()
    loaded = []
    page.on("requestfinished", lambda request: loaded.append(request.url.rsplit("/", 1)[-1]))
    page.goto(path)
    page.evaluate("document.fonts.ready.then(() => true)")
    return [name for name in loaded if ".woff2" in name]


def test_a_french_page_loads_no_arabic_font(new_page):
    fonts = fonts_loaded(new_page, "/fr/projects/")
    assert fonts and all("NotoSans" in name for name in fonts), fonts


def test_an_arabic_page_loads_the_arabic_font(new_page):
    fonts = fonts_loaded(new_page, "/ar/projects/")
    assert any("NotoNaskhArabic" in name for name in fonts), fonts
