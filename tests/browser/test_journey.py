"""A visitor's journey through the public portal in a real browser: filtering
the project list with its form, opening a sheet, switching language; the
same without JavaScript; and no asset fetched from another host."""

from urllib.parse import parse_qs, urlsplit

import pytest

from projects.models import Participation, Project

pytestmark = pytest.mark.browser

RESULT_LINKS = "article.project-item h3 a"


def funded_by_in(funder: str, country: str) -> set[str]:
    """The published projects a funder funds in a country, read straight from
    the registry (not through the list's FilterSet)."""
    projects = Project.objects.published().filter(
        participations__organisation__slug=funder,
        participations__role=Participation.Role.FUNDER,
        countries__code=country,
    )
    return set(projects.values_list("slug", flat=True))


def listed_slugs(page) -> set[str]:
    hrefs = page.locator(RESULT_LINKS).evaluate_all("links => links.map(link => link.pathname)")
    return {href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs}


def filter_projects(page, *, funder: str, country: str):
    """Ticks a funder and a country in the filter form and submits it, as a
    visitor does (the form is a plain GET form)."""
    form = page.locator("form.filters")
    for name, value in (("funder", funder), ("country", country)):
        choice = page.locator(f'input[name="{name}"][value="{value}"]')
        box = form.locator(choice)
        # Long lists of choices start folded: the visitor unfolds them first.
        group = form.locator("details.filter").filter(has=choice)
        if not group.evaluate("details => details.open"):
            group.locator("summary").click()
        box.check()
    with page.expect_navigation():
        form.locator('button[type="submit"]').click()


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def switch_language(page, language: str):
    with page.expect_navigation():
        page.locator(f'nav.languages a[hreflang="{language}"]').click()


def test_french_visitor_filters_opens_a_sheet_and_reads_it_in_arabic(page):
    expected = funded_by_in("ue", "MA")
    assert len(expected) >= 2, "the seed registry should have several EU-funded projects in Morocco"

    page.goto("/fr/projects/")
    assert page.locator("html").get_attribute("lang") == "fr"
    everything = int(page.locator(".result-count").get_attribute("data-count"))

    filter_projects(page, funder="ue", country="MA")

    assert urlsplit(page.url).path == "/fr/projects/"
    assert query_of(page)["funder"] == ["ue"]
    assert query_of(page)["country"] == ["MA"]
    assert int(page.locator(".result-count").get_attribute("data-count")) == len(expected) < everything
    assert listed_slugs(page) == expected
    # The form shows what was chosen.
    assert page.locator('input[name="funder"][value="ue"]').is_checked()
    assert page.locator('input[name="country"][value="MA"]').is_checked()

    slug = "thamm" if "thamm" in expected else sorted(expected)[0]
    acronym = Project.objects.get(slug=slug).acronym
    with page.expect_navigation():
        page.locator(f'{RESULT_LINKS}[href="/fr/projects/{slug}/"]').click()
    assert urlsplit(page.url).path == f"/fr/projects/{slug}/"
    assert page.locator("h1 .acronym").inner_text() == acronym

    switch_language(page, "ar")

    assert urlsplit(page.url).path == f"/ar/projects/{slug}/"
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar"
    assert html.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    assert page.locator("h1 .acronym").inner_text() == acronym
    assert page.locator('nav.languages a[aria-current="true"]').get_attribute("hreflang") == "ar"


def test_filters_and_language_switch_work_without_javascript(new_page):
    page = new_page(java_script_enabled=False)
    expected = funded_by_in("ue", "MA")

    page.goto("/fr/projects/")
    filter_projects(page, funder="ue", country="MA")
    assert query_of(page)["funder"] == ["ue"]
    assert listed_slugs(page) == expected

    # The switcher keeps the filters: the same list, in Arabic.
    switch_language(page, "ar")
    assert urlsplit(page.url).path == "/ar/projects/"
    assert query_of(page)["funder"] == ["ue"]
    assert query_of(page)["country"] == ["MA"]
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert listed_slugs(page) == expected
    assert page.locator('input[name="funder"][value="ue"]').is_checked()


def test_javascript_is_really_off_in_the_no_script_context(new_page):
    page = new_page(java_script_enabled=False)
    # With scripts off, an inline script cannot mark the page.
    page.set_content("<p id=mark>off</p><script>document.getElementById('mark').textContent = 'on'</script>")
    assert page.locator("#mark").inner_text() == "off"


@pytest.mark.parametrize("path", ["/fr/", "/ar/projects/amem/"])
def test_every_asset_of_a_page_comes_from_the_portal_itself(page, live_server, path):
    requested, failed, refused = [], [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on("requestfailed", lambda request: failed.append(f"{request.url}: {request.failure}"))
    page.on("response", lambda response: response.status >= 400 and failed.append(response.url))
    # A Content-Security-Policy refusal (an inline style, say) shows as a console error.
    page.on("console", lambda message: message.type == "error" and refused.append(message.text))
    page.on("pageerror", lambda error: refused.append(str(error)))
    page.goto(path, wait_until="networkidle")

    portal = urlsplit(live_server.url).netloc
    elsewhere = [url for url in requested if urlsplit(url).netloc != portal]
    assert not elsewhere, f"requests to other hosts from {path}: {elsewhere}"
    assert not failed, f"failed requests from {path}: {failed}"
    assert not refused, f"console errors on {path}: {refused}"
    # The stylesheet and the fonts did load, from the portal.
    paths = [urlsplit(url).path for url in requested]
    assert any(path.endswith(".css") for path in paths), paths
    assert any(path.endswith(".woff2") for path in paths), paths
