"""The bilingual admin as staff use it, on the seed registry: the interface
language's tab first, the tabs named in their own language, the French
source beside the Arabic, the language switch in the header, a project form
that fits a 1,366 px screen, and errors summarised at the top and linked to
their fields."""

import re

import pytest
from django.contrib.auth.models import User

from projects.models import Project

pytestmark = pytest.mark.browser

LAPTOP = {"width": 1366, "height": 768}
PASSWORD = "a long passphrase 42"


@pytest.fixture
def staff_page(new_page):
    """A page signed in to the admin, in French (the sign-in page's switch
    is what changes the language)."""
    # The browser tests share the committed registry: the user outlives a test.
    if not User.objects.filter(username="bilingual").exists():
        User.objects.create_superuser("bilingual", password=PASSWORD)
    page = new_page(viewport=LAPTOP, locale="fr-FR")
    page.goto("/admin/login/")
    page.fill("#id_username", "bilingual")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url("**/admin/")
    return page


def switch_language(page, name: str):
    with page.expect_navigation():
        page.click(f".language-switch button:text-is('{name}')")


@pytest.fixture
def amem():
    # The seed project with the most participations.
    return Project.objects.get(slug="amem")


def open_project(page, project):
    page.goto(f"/admin/projects/project/{project.pk}/change/")
    # The admin's scripts have run once the language tabs are built (waiting
    # for the network to fall silent instead proved fragile on a busy machine).
    page.locator(".ui-tabs-nav").first.wait_for(state="attached")
    page.locator(".translation-layout-toggle").first.wait_for(state="attached")


def tab_names(page, field: str) -> list[str]:
    tabs = page.locator(f".ui-tabs:has(#id_{field}) > .ui-tabs-nav a")
    return [name.strip() for name in tabs.all_inner_texts()]


def test_arabic_admin_opens_the_arabic_tab_first_and_names_each_language(staff_page, amem):
    switch_language(staff_page, "العربية")
    open_project(staff_page, amem)
    assert staff_page.locator("html").get_attribute("lang") == "ar"
    assert tab_names(staff_page, "title_ar") == ["العربية", "Français", "English"]
    assert staff_page.locator("#id_title_ar").is_visible()
    assert not staff_page.locator("#id_title_fr").is_visible()
    # Right to left: the first tab is the rightmost.
    boxes = [
        tab.bounding_box() for tab in staff_page.locator(".ui-tabs:has(#id_title_ar) > .ui-tabs-nav a").all()
    ]
    assert boxes[0]["x"] > boxes[1]["x"] > boxes[2]["x"]


def test_the_header_switch_changes_the_admin_language_and_its_first_tab(staff_page, amem):
    open_project(staff_page, amem)
    assert tab_names(staff_page, "title_fr") == ["Français", "العربية", "English"]
    switch_language(staff_page, "العربية")
    assert staff_page.url.endswith(f"/admin/projects/project/{amem.pk}/change/")
    assert staff_page.locator("html").get_attribute("dir") == "rtl"
    assert tab_names(staff_page, "title_ar")[0] == "العربية"
    switch_language(staff_page, "Français")
    assert staff_page.locator("html").get_attribute("lang") == "fr"


def test_the_french_source_shows_beside_the_arabic(staff_page, amem):
    switch_language(staff_page, "العربية")
    open_project(staff_page, amem)
    staff_page.click(".translation-layout-toggle")
    arabic, french = staff_page.locator("#id_title_ar"), staff_page.locator("#id_title_fr")
    assert arabic.is_visible() and french.is_visible()
    assert french.input_value() == amem.title_fr
    arabic_box, french_box = arabic.bounding_box(), french.bounding_box()
    # Side by side, in reading order: the Arabic on the right.
    assert abs(arabic_box["y"] - french_box["y"]) < 2
    assert french_box["x"] + french_box["width"] <= arabic_box["x"]
    # The choice holds on the next page.
    open_project(staff_page, amem)
    assert staff_page.locator("#id_title_fr").is_visible()
    assert staff_page.locator(".translation-layout-toggle").get_attribute("aria-pressed") == "true"


@pytest.mark.parametrize("language", ["Français", "العربية"])
def test_the_project_form_fits_a_laptop_screen(staff_page, amem, screenshots, language):
    if language != "Français":
        switch_language(staff_page, language)
    open_project(staff_page, amem)
    width = staff_page.evaluate("document.scrollingElement.scrollWidth")
    staff_page.screenshot(
        path=screenshots / f"admin-project-{amem.slug}-{LAPTOP['width']}.png", full_page=True
    )
    assert width <= LAPTOP["width"], f"the project form is {width} px wide"
    # Every participation's organisation is within the screen.
    for box in [
        select.bounding_box() for select in staff_page.locator("#participations-group .select2").all()
    ]:
        assert box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"]


def test_filter_widget_speaks_arabic(staff_page, amem):
    switch_language(staff_page, "العربية")
    open_project(staff_page, amem)
    widget = staff_page.locator(".selector").first
    texts = " ".join(
        [*widget.all_inner_texts(), *widget.locator("[title]").evaluate_all("els => els.map(e => e.title)")]
    )
    assert re.findall(r"[A-Za-z]{3,}", texts) == []


def test_errors_are_summarised_at_the_top_and_linked_to_their_fields(staff_page, amem):
    switch_language(staff_page, "العربية")
    open_project(staff_page, amem)
    # An acronym and an organisation left empty (the form is sent as is).
    staff_page.fill("#id_acronym", "")
    staff_page.evaluate("document.querySelector('#id_participations-1-organisation').replaceChildren()")
    with staff_page.expect_navigation():
        staff_page.click("input[name=_continue]")
    staff_page.locator(".error-summary").wait_for()

    links = staff_page.locator(".errornote + .error-summary a")
    assert links.count() == 2
    assert links.nth(0).inner_text().startswith("الاختصار")
    assert links.nth(1).inner_text().startswith("المشاركات #2 › الهيئة")
    assert staff_page.locator(".error-summary").bounding_box()["y"] < 400

    links.nth(1).click()
    field = staff_page.locator("#id_participations-1-organisation").locator("xpath=..")
    error = staff_page.locator("#id_participations-1-organisation_error")
    assert error.is_visible() and error.inner_text() == "هذا الحقل مطلوب."
    # The error is beside its field, and both are on the screen.
    error_box, field_box = error.bounding_box(), field.bounding_box()
    assert 0 <= error_box["y"] < LAPTOP["height"] and 0 <= field_box["y"] < LAPTOP["height"]
    assert abs(error_box["y"] - field_box["y"]) < 80
    assert staff_page.evaluate("document.activeElement.closest('.field-organisation') !== null")
