"""A list asked without filters reads its records without building its
FilterSet (core/views.py, core/rest/views.py): it shows what the same list
shows with every filter left empty, and a NUL in its page number is still
refused by the form."""

import re

import pytest

from tests.pages.conftest import html

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_answers_not_kept")]

PAGES = ["/fr/projects/", "/ar/projects/", "/fr/activities/", "/fr/organisations/", "/fr/events/"]
APIS = ["/api/v1/projects/", "/api/v1/activities/", "/api/v1/organisations/", "/api/v1/events/"]


def results(page: str) -> tuple[str, list[str]]:
    """The count and the headings of the results shown."""
    section = page[page.index('<section class="list-results"') :]
    section = section[: section.index("</section>")]
    return re.search(r'data-count="(\d+)"', section).group(1), re.findall(r"<h3>.*?</h3>", section, re.S)


@pytest.mark.parametrize("address", PAGES)
def test_a_page_without_filters_shows_what_empty_filters_show(client, registry, address):
    unfiltered = client.get(f"{address}?page_size=50")
    with_empty_filters = client.get(f"{address}?page_size=50&q=")
    assert unfiltered.status_code == with_empty_filters.status_code == 200
    count, headings = results(html(unfiltered))
    assert int(count) > 0
    assert headings
    assert (count, headings) == results(html(with_empty_filters))
    # Its form is the whole form, with its options.
    assert 'name="q"' in html(unfiltered)


@pytest.mark.parametrize("address", APIS)
def test_an_api_list_without_filters_gives_what_empty_filters_give(client, registry, address):
    unfiltered = client.get(f"{address}?page_size=100").json()
    with_empty_filters = client.get(f"{address}?page_size=100&q=").json()
    assert unfiltered["count"] > 0
    assert unfiltered == with_empty_filters


def test_a_nul_in_the_page_number_of_a_list_without_filters_is_refused(client, registry):
    assert client.get("/fr/projects/?page=%00").status_code == 400
