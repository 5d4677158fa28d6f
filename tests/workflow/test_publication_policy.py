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

from core.publication import Publication
from opendata.exports import FORMATS, RESOURCES
from opendata.stats import GROUPINGS
from projects.models import Participation
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db
DRAFT = Publication.DRAFT
LANGUAGES = ("fr", "ar", "en")


def marked(name: str) -> dict:
    """Translated titles that carry `name` in every language."""
    return {f"title_{code}": f"{name} {code}" for code in LANGUAGES}


@pytest.fixture
def registry():
    """The published registry, with hidden records inside and around it."""
    visible = ProjectFactory(acronym="VISIBLE", slug="visible", **marked("VISIBLEPROJECT"))
    ProjectCountryFactory(project=visible)
    ParticipationFactory(
        project=visible, organisation=OrganisationFactory(name_fr="VISIBLEFUNDER", slug="funder")
    )
    component = ComponentFactory(project=visible, **marked("VISIBLECOMPONENT"))
    ActivityFactory(project=visible, component=component, **marked("VISIBLEACTIVITY"))
    EventFactory(project=visible, **marked("VISIBLEEVENT"))

    # A draft of every public model, inside the published project.
    draft_funder = OrganisationFactory(
        publication=DRAFT,
        slug="hidden-org",
        name_fr="HIDDENORG fr",
        name_ar="HIDDENORG ar",
        name_en="HIDDENORG en",
    )
    ParticipationFactory(project=visible, organisation=draft_funder, role=Participation.Role.FUNDER)
    draft_component = ComponentFactory(
        project=visible, publication=DRAFT, code="9", **marked("HIDDENCOMPONENT")
    )
    IndicatorFactory(
        project=visible,
        publication=DRAFT,
        **{f"label_{code}": f"HIDDENINDICATOR {code}" for code in LANGUAGES},
    )
    DocumentFactory(project=visible, publication=DRAFT, **marked("HIDDENDOCUMENT"))
    draft_activity = ActivityFactory(
        project=visible, component=component, publication=DRAFT, **marked("HIDDENACTIVITY")
    )
    draft_activity.partners.add(draft_funder)
    EventFactory(project=visible, publication=DRAFT, **marked("HIDDENEVENT"))
    EventFactory(project=None, publication=DRAFT, **marked("HIDDENPARTNEREVENT"))
    # Published rows hidden by a draft parent.
    ActivityFactory(project=visible, component=draft_component, **marked("HIDDENUNDERDRAFTCOMPONENT"))
    draft_project = ProjectFactory(
        publication=DRAFT, acronym="HIDDENPROJECT", slug="hidden", **marked("HIDDENPROJECT")
    )
    ProjectCountryFactory(project=draft_project)
    ParticipationFactory(project=draft_project, organisation=draft_funder)
    child_component = ComponentFactory(project=draft_project, **marked("HIDDENCHILDCOMPONENT"))
    ActivityFactory(project=draft_project, component=child_component, **marked("HIDDENCHILDACTIVITY"))
    IndicatorFactory(
        project=draft_project, **{f"label_{code}": f"HIDDENCHILDINDICATOR {code}" for code in LANGUAGES}
    )
    DocumentFactory(project=draft_project, **marked("HIDDENCHILDDOCUMENT"))
    EventFactory(project=draft_project, **marked("HIDDENCHILDEVENT"))
    # Archived and in-review records are not public either.
    ProjectFactory(
        publication=Publication.ARCHIVED,
        acronym="HIDDENARCHIVED",
        slug="archived",
        **marked("HIDDENARCHIVED"),
    )
    ProjectFactory(
        publication=Publication.REVIEW, acronym="HIDDENREVIEW", slug="review", **marked("HIDDENREVIEW")
    )
    return visible


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


def api_urls() -> list[str]:
    urls = [reverse("api:api-root"), reverse("api:withdrawal-list") + "?since=2000-01-01T00:00:00Z"]
    urls += [f"{reverse('api:stats-list')}?group_by={grouping}" for grouping in GROUPINGS]
    for name in API_LISTS:
        url = reverse(f"api:{name}-list")
        urls += [url, f"{url}?q=hidden", f"{url}?format=csv"]
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
