"""Wrong parameters give the page with a visible error, or a 404: never a 500."""

import re
from html.parser import HTMLParser
from urllib.parse import urlencode

import pytest

from tests.factories import ProjectFactory
from tests.pages.conftest import html

pytestmark = pytest.mark.django_db

LISTS = ("projects/", "organisations/", "activities/", "events/")


def assert_visible_error(response):
    assert response.status_code == 400
    content = html(response)
    assert 'class="error-summary" role="alert"' in content
    # The page is still the whole page, with its form to correct the filters.
    assert '<form class="filters"' in content
    assert "data-count=" not in content


@pytest.mark.parametrize(
    "query",
    [
        "projects/?year=abc",
        "projects/?year=1e400",
        "projects/?year=3000",
        "projects/?status=unknown",
        "projects/?funder=nobody",
        "projects/?implementer=ue",  # a real organisation, but not an implementer
        "projects/?country=XX",
        "projects/?country=%00",
        "projects/?theme=%3Cscript%3E",
        "projects/?ordering=password",
        "projects/?ordering=-budget",
        "projects/?q=" + "x" * 201,
        "projects/?modified_since=yesterday",
        "organisations/?kind=ghost",
        "organisations/?role=king",
        "organisations/?country=ZZ",
        "activities/?project=nope",
        "activities/?status=%00",
        "events/?year=abc",
        "events/?kind=party",
        "events/?project=%00",
    ],
)
def test_invalid_filter_shows_the_form_error(client, registry, query):
    for language in ("fr", "ar"):
        assert_visible_error(client.get(f"/{language}/{query}"))


def test_error_names_the_faulty_filter(client, registry):
    content = html(client.get("/en/projects/?year=abc"))
    assert 'href="#id_year"' in content
    assert 'aria-invalid="true"' in content


@pytest.mark.parametrize("page", LISTS)
@pytest.mark.parametrize("q", ["%00", "abc%00def", "%00%00"])
def test_nul_characters_are_refused_visibly(client, registry, page, q):
    assert_visible_error(client.get(f"/fr/{page}?q={q}"))


@pytest.mark.parametrize("page", LISTS)
def test_injected_markup_is_shown_as_text(client, registry, page):
    response = client.get(f"/fr/{page}?q=%3Cscript%3Ealert(1)%3C/script%3E")
    assert response.status_code == 200
    content = html(response)
    assert "<script>alert(1)</script>" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content


@pytest.mark.parametrize("page", (*LISTS, "funders/"))
@pytest.mark.parametrize("number", ["999", "abc", "0", "-1", "1e3", "99999999999999999999999"])
def test_page_out_of_range_is_404(client, registry, page, number):
    assert client.get(f"/fr/{page}?page={number}").status_code == 404


@pytest.mark.parametrize("page", LISTS)
def test_a_page_out_of_range_says_so_and_shows_the_last_one(client, registry, page):
    response = client.get(f"/ar/{page}?page=9999")
    assert response.status_code == 404
    content = html(response)
    assert 'class="notice" role="alert"' in content
    assert "9999" in content
    last = client.get(f"/ar/{page}?page=last")
    assert response.context["page_obj"].number == last.context["page_obj"].number


@pytest.mark.parametrize("page", LISTS)
def test_a_nul_in_the_page_number_is_a_bad_request(client, registry, page):
    assert client.get(f"/fr/{page}?page=%00").status_code == 400


@pytest.mark.parametrize("page", LISTS)
def test_last_page_keyword_works(client, registry, page):
    assert client.get(f"/fr/{page}?page=last").status_code == 200


def acronyms(response) -> list[str]:
    assert response.status_code == 200
    return re.findall(r'<span class="acronym">([^<]+)</span>', html(response))


@pytest.mark.parametrize(
    ("size", "rows"),
    # At most 100 rows, at least one; a size that is no number gives the usual 20.
    [("100000", 100), ("-5", 1), ("0", 1), ("abc", 20), ("1e9", 20), ("%3Cb%3E", 20)],
)
def test_page_size_abuse_is_bounded(client, registry, size, rows):
    ProjectFactory.create_batch(98)
    response = client.get(f"/fr/projects/?page_size={size}")
    assert len(acronyms(response)) == rows
    assert 'data-count="101"' in html(response)


def test_unknown_parameters_are_ignored(client, registry):
    shown = acronyms(client.get("/fr/projects/?colour=blue&utm_source=x"))
    assert shown == acronyms(client.get("/fr/projects/"))
    assert set(shown) == {"AMEM", "THAMM", "THAMM Plus"}


@pytest.mark.parametrize("query", ["q%00=x", "page_size=%00", "ordering=start%00"])
def test_nul_anywhere_in_the_query_is_refused_visibly(client, registry, query):
    assert_visible_error(client.get(f"/fr/projects/?{query}"))


@pytest.mark.parametrize(
    "address",
    [
        "/fr/projects/%00/",
        "/fr/projects/amem%00/",
        "/fr/organisations/..%2F/",
        "/fr/projects/" + "a" * 300 + "/",
    ],
)
def test_strange_addresses_are_404(client, registry, address):
    assert client.get(address).status_code == 404


class FormReader(HTMLParser):
    """What a browser submits for the filter form as it stands."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self._select = None
        self._options = []
        self._in_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and "filters" in attrs.get("class", ""):
            self._in_form = True
        if not self._in_form:
            return
        if tag == "input" and attrs.get("type") in ("search", "text"):
            self.fields.append((attrs["name"], attrs.get("value", "")))
        elif tag == "input" and attrs.get("type") == "checkbox" and "checked" in attrs:
            self.fields.append((attrs["name"], attrs["value"]))
        elif tag == "select":
            self._select, self._options = attrs["name"], []
        elif tag == "option" and self._select:
            self._options.append((attrs.get("value", ""), "selected" in attrs))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_form = False
        if tag == "select" and self._select:
            chosen = [value for value, selected in self._options if selected] or [self._options[0][0]]
            self.fields.append((self._select, chosen[-1]))
            self._select = None


def submitted(content) -> str:
    reader = FormReader()
    reader.feed(content)
    return urlencode(reader.fields)


@pytest.mark.parametrize("page", LISTS)
@pytest.mark.parametrize("start", ["", "?status=closed&ordering=-start", "?q=migration&year=2019"])
def test_submitting_the_form_as_it_stands_never_fails(client, registry, page, start):
    first = client.get(f"/ar/{page}{start}")
    query = submitted(html(first))
    assert "q=" in query
    again = client.get(f"/ar/{page}?{query}")
    assert again.status_code == 200, (query, again.status_code)
    assert re.search(r'data-count="\d+"', html(again))
