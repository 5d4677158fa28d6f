"""A filtered list on a phone: the count, the active filters and the results
come first, a button-like link leads down to the filters; on a desktop the
filters stay beside the results. No JavaScript is involved."""

import pytest

from tests.browser.pages import DESKTOP, PHONE

pytestmark = pytest.mark.browser

FILTERED = "projects/?funder=ue&country=MA&country=TN"


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_on_a_phone_the_results_come_before_the_filters(new_page, language):
    page = new_page(viewport=PHONE)
    page.goto(f"/{language}/{FILTERED}")
    count = page.locator(".result-count").bounding_box()
    filters = page.locator("#filters-title").bounding_box()
    assert count["y"] < PHONE["height"] < filters["y"], (count, filters)
    assert page.locator(".chips .chip").count() == 3
    toggle = page.locator(".filters-toggle a")
    assert toggle.is_visible()
    toggle.click()
    page.wait_for_function("location.hash === '#filters-title'")
    assert page.locator("#filters-title").bounding_box()["y"] < PHONE["height"]


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
    assert not page.locator(".filters-toggle a").is_visible()
    filters, results = (
        page.locator(".list-filters").bounding_box(),
        page.locator(".list-results").bounding_box(),
    )
    assert filters["x"] + filters["width"] <= results["x"] + 1
