"""One publication policy: nothing unfinished reaches an anonymous reader.

A draft of every public model, and published children of a draft project
or component, each carrying a marker in every language, must appear on no
public page, in no API response, export, feed or sitemap, while the
published registry around them does appear. The URLs are listed here one by
one (checked against the URL configuration when this test was written): a
new public URL must be added to this list.
"""

import io

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from opendata.exports import FORMATS, RESOURCES
from opendata.stats import GROUPINGS
from tests.factories import ActivityFactory, ComponentFactory, EventFactory, OrganisationFactory
from tests.registry import (
    build_registry,
    draft_organisation,
    draft_project,
    drafts_inside,
    marked,
    project,
    withheld_projects,
)

pytestmark = pytest.mark.django_db
LANGUAGES = ("fr", "ar", "en")
# Every hidden record carries this mark, filled with its kind.
HIDDEN = "HIDDEN{}"


@pytest.fixture
def registry():
    """The published registry, with hidden records inside and around it."""
    registry = build_registry(countries=("MA",))
    registry["funder"] = OrganisationFactory(name_fr="VISIBLEFUNDER", slug="funder")
    visible = project(
        registry,
        acronym="VISIBLE",
        slug="visible",
        countries=("MA",),
        funders={"funder": None},
        **marked("VISIBLEPROJECT"),
    )
    component = ComponentFactory(project=visible, **marked("VISIBLECOMPONENT"))
    ActivityFactory(project=visible, component=component, **marked("VISIBLEACTIVITY"))
    EventFactory(project=visible, **marked("VISIBLEEVENT"))

    # A draft of every public model inside the published project, published
    # rows under a draft parent, and projects archived or in review.
    draft_funder = draft_organisation(registry, visible, mark=HIDDEN, slug="hidden-org")
    drafts_inside(registry, visible, component, mark=HIDDEN)
    registry["draft_activity"].partners.add(draft_funder)
    draft_project(
        registry,
        mark=HIDDEN,
        acronym="HIDDENPROJECT",
        slug="hidden",
        countries=("MA",),
        funders={"draft_organisation": None},
    )
    withheld_projects(registry, mark=HIDDEN)
    return registry


def page_urls() -> list[str]:
    urls = []
    for language in LANGUAGES:
        with translation.override(language):
            urls += [
                reverse("site:home"),
                reverse("site:funder_list"),
                reverse("site:event_list"),
                reverse("site:event_feed"),
                reverse("projects:project_list"),
                reverse("projects:project_list") + "?q=hidden",
                reverse("projects:project_detail", kwargs={"slug": "visible"}),
                reverse("organisations:organisation_list"),
                reverse("organisations:organisation_detail", kwargs={"slug": "funder"}),
                reverse("activities:activity_list"),
                reverse("activities:activity_list") + "?q=hidden",
                reverse("data:index"),
            ]
    return urls


def export_urls() -> list[str]:
    with translation.override("fr"):
        return [
            reverse("data:export", kwargs={"resource": resource, "fmt": fmt})
            for resource in RESOURCES
            for fmt in FORMATS
        ]


API_LISTS = ["project", "organisation", "country", "theme", "component", "activity", "event", "indicator"]
# The other lists have no free-text search: they refuse `q` as unknown.
SEARCHABLE_API_LISTS = {"project", "organisation", "component", "activity", "event"}


def api_urls() -> list[str]:
    urls = [reverse("api:api-root"), reverse("api:withdrawal-list") + "?since=2000-01-01T00:00:00Z"]
    urls += [f"{reverse('api:stats-list')}?group_by={grouping}" for grouping in GROUPINGS]
    for name in API_LISTS:
        url = reverse(f"api:{name}-list")
        urls += [url, f"{url}?format=csv"]
        if name in SEARCHABLE_API_LISTS:
            urls.append(f"{url}?q=hidden")
    urls += [
        reverse("api:project-detail", kwargs={"slug": "visible"}),
        reverse("api:project-list") + "?lang=ar",
        reverse("api:project-list") + "?lang=en",
        reverse("api:project-list") + "?lang=all",
        reverse("api:project-detail", kwargs={"slug": "visible"}) + "?lang=all",
        reverse("iati:activities"),
        reverse("iati:project", kwargs={"slug": "visible"}),
        reverse("sitemap"),
    ]
    return urls


def hidden_urls() -> list[str]:
    """Addresses of the hidden records themselves: none may answer."""
    urls = []
    for language in LANGUAGES:
        with translation.override(language):
            urls += [
                reverse("projects:project_detail", kwargs={"slug": slug})
                for slug in ("hidden", "archived", "review")
            ]
            urls.append(reverse("organisations:organisation_detail", kwargs={"slug": "hidden-org"}))
    urls += [
        reverse("api:project-detail", kwargs={"slug": "hidden"}),
        reverse("api:organisation-detail", kwargs={"slug": "hidden-org"}),
        reverse("iati:project", kwargs={"slug": "hidden"}),
    ]
    return urls


def text_of(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content.startswith(b"PK"):  # an XLSX workbook
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
        return " ".join(
            str(cell)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for cell in row
        )
    return content.decode()


@pytest.mark.parametrize("url_list", [page_urls, export_urls, api_urls], ids=["pages", "exports", "api"])
def test_no_draft_reaches_an_anonymous_reader(registry, url_list):
    anonymous = Client()
    seen = []
    for url in url_list():
        response = anonymous.get(url)
        assert response.status_code == 200, url
        text = text_of(response)
        assert "HIDDEN" not in text, f"{url} shows {text[text.index('HIDDEN') : text.index('HIDDEN') + 40]}"
        seen.append(text)
    # The published registry around them is shown: the test is not vacuous.
    assert "VISIBLE" in " ".join(seen)


def test_the_published_project_shows_its_published_rows(registry):
    with translation.override("fr"):
        page = Client().get(reverse("projects:project_detail", kwargs={"slug": "visible"})).content.decode()
    for marker in ("VISIBLEPROJECT", "VISIBLEFUNDER", "VISIBLECOMPONENT", "VISIBLEACTIVITY", "VISIBLEEVENT"):
        assert marker in page


def test_hidden_records_have_no_public_address(registry):
    anonymous = Client()
    for url in hidden_urls():
        assert anonymous.get(url).status_code == 404, url
