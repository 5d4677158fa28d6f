"""A filtered list on a phone: the filters fold behind a button above the
count, the active filters and the results; on a desktop the filters stay
unfolded beside the results. No JavaScript is involved (a `<details>`)."""

import pytest

from tests.browser.pages import DESKTOP, PHONE

pytestmark = pytest.mark.browser

FILTERED = "projects/?funder=ue&country=MA&country=TN"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_on_a_phone_the_filters_fold_behind_a_button(new_page, language):
    page = new_page(viewport=PHONE)
    page.goto(f"/{language}/{FILTERED}")
    count = page.locator(".result-count").bounding_box()
    assert count["y"] < PHONE["height"] / 2, count
    assert page.locator(".chips .chip").count() == 3
    assert not page.locator("#filters-title").is_visible()
    toggle = page.locator(".filters-toggle")
    assert toggle.is_visible()
    assert toggle.bounding_box()["y"] < count["y"]
    assert "(3)" in toggle.inner_text()
    toggle.click()
    assert page.locator("#filters-title").is_visible()
    assert page.locator(".filters button[type=submit]").is_visible()


def test_removing_a_chip_removes_its_filter(new_page):
    page = new_page(viewport=PHONE)
    page.goto(f"/fr/{FILTERED}")
    before = int(page.locator(".result-count").get_attribute("data-count"))
    with page.expect_navigation():
        page.locator(".chips .chip", has_text="Tunisie").click()
    assert "TN" not in page.url
    assert page.locator(".chips .chip").count() == 2
    assert int(page.locator(".result-count").get_attribute("data-count")) <= before


def test_on_a_desktop_the_filters_stay_beside_the_results(new_page):
    page = new_page(viewport=DESKTOP)
    page.goto(f"/fr/{FILTERED}")
    assert page.locator("#filters-title").is_visible()
    assert not page.locator(".filters-toggle").is_visible()
    filters, results = (
        page.locator(".list-filters").bounding_box(),
        page.locator(".list-results").bounding_box(),
    )
    assert filters["x"] + filters["width"] <= results["x"] + 1
