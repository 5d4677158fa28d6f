"""Layout in both directions and at both widths: French reads from the left,
Arabic from the right, and nothing is wider than a 360 px phone.

The reading-side tests leave full-page screenshots in
test-artifacts/screenshots/ (gitignored) for a human look at both directions;
a page too wide for a phone leaves one too.
"""

import pytest

from tests.browser.pages import DESKTOP, LANGUAGES, PAGES, PHONE, page_path

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": DESKTOP, "phone": PHONE}

# Where a heading's text starts and ends, against the main column's content box.
START_EDGES = """
selector => {
  const box = element => element.getBoundingClientRect();
  const main = document.querySelector("main");
  const style = getComputedStyle(main);
  const column = {
    left: box(main).left + parseFloat(style.paddingLeft),
    right: box(main).right - parseFloat(style.paddingRight),
  };
  const heading = document.querySelector(selector);
  const range = document.createRange();
  range.selectNodeContents(heading);
  const text = range.getBoundingClientRect();
  return {
    direction: getComputedStyle(heading).direction,
    leftGap: text.left - column.left,
    rightGap: column.right - text.right,
  };
}
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", ["home", "project-sheet"])
def test_page_starts_on_its_reading_side(new_page, screenshots, name, language, width):
    page = new_page(viewport=WIDTHS[width])
    page.goto(page_path(language, name))
    page.screenshot(path=screenshots / f"{name}-{language}-{width}.png", full_page=True)

    edges = page.evaluate(START_EDGES, "main h1")
    if language == "ar":
        assert edges["direction"] == "rtl"
        assert edges["rightGap"] < 2 < edges["leftGap"], edges
    else:
        assert edges["direction"] == "ltr"
        assert edges["leftGap"] < 2 < edges["rightGap"], edges


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("name", PAGES)
def test_page_fits_a_phone_screen(new_page, screenshots, name, language):
    page = new_page(viewport=PHONE)
    page.goto(page_path(language, name))

    width = page.evaluate("document.scrollingElement.scrollWidth")
    if width > PHONE["width"] + 1:
        page.screenshot(path=screenshots / f"overflow-{name}-{language}.png", full_page=True)
        wider = page.evaluate(
            """limit => [...document.querySelectorAll("body *")]
                .filter(element => element.getBoundingClientRect().right > limit
                                   || element.getBoundingClientRect().left < 0)
                .slice(0, 10)
                .map(element => `${element.tagName.toLowerCase()}.${element.className}`)""",
            PHONE["width"] + 1,
        )
        pytest.fail(f"{page.url} is {width} px wide at {PHONE['width']} px; wider elements: {wider}")
