"""Project cards are kept under their project's stamp in the projects feed,
which moves with everything a card shows: after an edit, the next list
renders again exactly the cards that show the edited record, and takes the
others from the cache (whole pages are not kept here, as after any edit).
The filters' options and counts are kept until the records they count
change."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.feed import catch_up
from projects.models import Participation, Project
from tests.factories import (
    ActivityFactory,
    CountryFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_answers_not_kept")]

CARD = "includes/project_item.html"
LIST = "/fr/projects/?page_size=50"


@pytest.fixture
def registry():
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس", name_en="Tunisia")
    funder = OrganisationFactory(acronym_fr="GIZ")
    other = OrganisationFactory(acronym_fr="OIT")
    projects = [ProjectFactory(acronym=f"P{number}") for number in range(6)]
    for project in projects[:2]:
        ParticipationFactory(project=project, organisation=funder, role=Participation.Role.FUNDER)
        project.country_links.create(country=tunisia)
    ParticipationFactory(project=projects[5], organisation=other, role=Participation.Role.FUNDER)
    return {"projects": projects, "funder": funder, "tunisia": tunisia}


def cards_rendered(client, address=LIST) -> tuple[int, str]:
    response = client.get(address)
    assert response.status_code == 200
    return sum(template.name == CARD for template in response.templates), response.content.decode()


def test_a_list_renders_its_cards_once(client, registry):
    assert cards_rendered(client)[0] == 6
    again, page = cards_rendered(client)
    assert again == 0
    assert page.count('class="card project-item"') == 6
    # Each language has its cards.
    assert cards_rendered(client, "/ar/projects/")[0] == 6


def test_an_edited_project_is_the_one_card_rendered_again(client, registry):
    cards_rendered(client)
    project = registry["projects"][3]
    project.title_fr = "Titre revu du projet"
    project.save()
    rendered, page = cards_rendered(client)
    assert rendered == 1
    assert "Titre revu du projet" in page


def test_a_renamed_funder_or_country_renews_the_cards_that_show_it(client, registry):
    cards_rendered(client)
    registry["funder"].acronym_fr = "GIZ-Maroc"
    registry["funder"].save()
    rendered, page = cards_rendered(client)
    assert rendered == 2
    assert page.count("<li>GIZ-Maroc</li>") == 2
    registry["tunisia"].name_fr = "République tunisienne"
    registry["tunisia"].save()
    rendered, page = cards_rendered(client)
    assert rendered == 2
    assert "République tunisienne" in page


def test_a_withdrawn_funder_leaves_its_cards(client, registry):
    cards_rendered(client)
    registry["funder"].publication = "draft"
    registry["funder"].save()
    rendered, page = cards_rendered(client)
    assert rendered == 2
    assert "<li>GIZ</li>" not in page


def test_a_bulk_update_renews_its_cards(client, registry):
    cards_rendered(client)
    Project.objects.filter(acronym__in=["P0", "P4"]).update(status=Project.Status.CLOSED)
    rendered, page = cards_rendered(client)
    assert rendered == 2
    assert page.count("status-closed") == 2


def test_a_reloaded_registry_renews_every_card(client, registry):
    cards_rendered(client)
    call_command("load_registry", stdout=io.StringIO())
    rendered, _page = cards_rendered(client)
    assert rendered == Project.objects.published().count()


def test_cards_can_be_rendered_each_time(client, registry, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    cards_rendered(client)
    assert cards_rendered(client)[0] == 6


def queries_of(client, address=LIST) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(address).status_code == 200
    return len(queries)


def test_filter_options_are_counted_again_only_when_their_records_change(client, registry):
    activity = ActivityFactory(project=registry["projects"][0])
    first = queries_of(client)
    warm = queries_of(client)
    # The options' counts (4), the years (1) and the organisations,
    # countries and themes offered (3) come from the cache, and the cards
    # too: the page's keys and their stamps say which (not the four queries
    # that load them).
    assert warm <= first - 8
    # An activity is no part of the project list's options: only the list's
    # count, kept under the registry's revision, is taken again (once the
    # change feed has stamped the edit, which its first reader does).
    activity.title_fr = "Étude revue"
    activity.save()
    catch_up()
    assert queries_of(client) == warm + 1
    # A project that moves to another status is.
    registry["projects"][1].status = Project.Status.CLOSED
    registry["projects"][1].save()
    assert queries_of(client) >= warm + 8
    page = client.get(LIST).content.decode()
    assert 'value="closed" id="id_status_3"> <label for="id_status_3">Clôturé (1)</label>' in page
