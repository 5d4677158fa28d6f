"""A project sheet's content is kept in the cache under its project's stamp
in the sheets feed (activities/feeds.py): a kept sheet reads its
project's row and stamp only, and after an edit of anything it shows the
sheet served is the one rendered afresh."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from activities.models import Activity, Event
from core.publication import Publication
from projects.models import Document, Indicator, IndicatorPeriod, Participation
from tests.factories import OrganisationFactory
from tests.pages.conftest import html
from tests.registry import edit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_answers_not_kept")]

CONTENT = "projects/sheet_content.html"


def address(project, language="fr") -> str:
    return f"/{language}/projects/{project.slug}/"


def content(page: str) -> str:
    """The sheet's article: the page around it (its nonce, the language
    switcher) is the base template's, rendered on every request."""
    return page[page.index('<article class="project-sheet"') : page.rindex("</article>")]


def sheet(client, url) -> tuple[bool, str]:
    """Whether the content was rendered, and the content."""
    response = client.get(url)
    assert response.status_code == 200
    return any(template.name == CONTENT for template in response.templates), content(html(response))


def manager_added(registry):
    registry["amem"].components.get(code="1").managers.add(registry["giz"])


def activity_partner_renamed(registry):
    partner = OrganisationFactory(acronym_fr="CNDH", name_fr="Conseil national des droits de l'homme")
    Activity.objects.get(code="1.2", project=registry["amem"]).partners.add(partner)
    edit(partner, acronym_fr="CNDH-MA")


def period_reported(registry):
    indicator = Indicator.objects.get(label_fr="Enfants retirés du travail")
    IndicatorPeriod.objects.create(
        indicator=indicator,
        start=datetime.date(2020, 1, 1),
        end=datetime.date(2020, 12, 31),
        target=Decimal("400"),
        actual=Decimal("321"),
    )


# Each edit: the project whose sheet shows it, and what the sheet then says.
EDITS = {
    "the project's title": (
        "amem",
        lambda r: edit(r["amem"], title_fr="Migration équitable, revue"),
        "revue",
    ),
    "a funder's name": ("amem", lambda r: edit(r["ue"], name_fr="Union européenne (DG INTPA)"), "DG INTPA"),
    "a contribution": (
        "amem",
        lambda r: edit(
            Participation.objects.get(project=r["amem"], organisation=r["ue"]), amount=Decimal("3250000")
        ),
        "3\xa0250\xa0000",
    ),
    "a country's name": ("amem", lambda r: edit(r["MA"], name_fr="Royaume du Maroc"), "Royaume du Maroc"),
    "a theme's name": (
        "amem",
        lambda r: edit(r["labour-migration"], name_fr="Migration de main-d'œuvre"),
        "Migration de main-d&#x27;œuvre",
    ),
    "a component's manager added": ("amem", manager_added, ">GIZ</a>"),
    "an activity's partner renamed": ("amem", activity_partner_renamed, ">CNDH-MA</a>"),
    "an activity withdrawn": (
        "amem",
        lambda r: edit(Activity.objects.get(code="1.2", project=r["amem"]), publication=Publication.DRAFT),
        None,
    ),
    "an indicator's target": (
        "amem",
        lambda r: edit(Indicator.objects.get(label_fr="Enfants retirés du travail"), target=Decimal("1200")),
        "1\xa0200",
    ),
    "a reporting period": ("amem", period_reported, "321"),
    "an event's place": (
        "amem",
        lambda r: edit(Event.objects.get(title_fr="Atelier de lancement AMEM"), place_fr="Casablanca"),
        "Casablanca",
    ),
    "a document's title": (
        "amem",
        lambda r: edit(
            Document.objects.get(title_fr="Fiche du projet AMEM"), title_fr="Fiche révisée du projet"
        ),
        "Fiche révisée du projet",
    ),
    "a successor's title": (
        "thamm",
        lambda r: edit(r["thamm_plus"], title_fr="THAMM Plus, deuxième phase"),
        "deuxième phase",
    ),
}


@pytest.mark.parametrize("change", list(EDITS))
def test_after_an_edit_the_sheet_is_the_one_rendered_afresh(client, registry, afresh, change):
    slug, change, shown = EDITS[change]
    url = address(registry[slug])
    before = sheet(client, url)[1]
    assert sheet(client, url) == (False, before)
    change(registry)
    rendered, after = sheet(client, url)
    assert rendered
    with afresh():
        assert after == sheet(client, url)[1]
    assert after != before
    if shown:
        assert shown in after
    # Kept again until the next edit.
    assert sheet(client, url) == (False, after)


def test_a_kept_sheet_reads_its_project_only(client, registry):
    url = address(registry["amem"])
    sheet(client, url)
    with CaptureQueriesContext(connection) as queries:
        rendered, kept = sheet(client, url)
    assert not rendered
    assert "Atelier de lancement AMEM" in kept
    assert "Enfants retirés du travail" in kept
    read = " ".join(query["sql"] for query in queries.captured_queries)
    for table in ("participation", "component", "indicator", "document", "event", "activity"):
        assert f"_{table}" not in read, table


def test_an_edit_elsewhere_leaves_the_sheet_kept(client, registry):
    url = address(registry["amem"])
    sheet(client, url)
    edit(registry["usdol"], name_fr="Département du Travail (USDOL)")
    edit(registry["thamm"], title_fr="THAMM, titre revu")
    assert sheet(client, url)[0] is False


def test_each_language_keeps_its_own_sheet(client, registry):
    project = registry["amem"]
    french, arabic = sheet(client, address(project))[1], sheet(client, address(project, "ar"))[1]
    assert "Appui à la migration équitable" in french
    assert "دعم الهجرة العادلة" in arabic
    assert sheet(client, address(project, "ar")) == (False, arabic)


def test_a_withdrawn_project_is_no_kept_sheet(client, registry):
    project = registry["amem"]
    sheet(client, address(project))
    edit(project, publication=Publication.DRAFT)
    assert client.get(address(project)).status_code == 404


def test_staff_get_the_sheet_rendered(client, registry, admin_user):
    url = address(registry["amem"])
    sheet(client, url)
    client.force_login(admin_user)
    assert sheet(client, url)[0] is True
