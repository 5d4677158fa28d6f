"""A project sheet's activity blocks are kept under the versions of what
they show: after an edit, the next sheet renders again the block of the
component it touches and takes the others from the cache."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.publication import Publication
from tests.factories import ActivityFactory, ComponentFactory, OrganisationFactory, ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_answers_not_kept")]

BLOCK = "projects/component_activities.html"
SHEET = "/fr/projects/amem/"


@pytest.fixture
def sheet():
    project = ProjectFactory(acronym="AMEM", slug="amem")
    partner = OrganisationFactory(acronym_fr="OIT")
    components = [ComponentFactory(project=project, code=str(number)) for number in (1, 2)]
    activities = [
        ActivityFactory(project=project, component=component) for component in components for _ in range(3)
    ]
    activities[0].partners.add(partner)
    return {"activities": activities, "partner": partner}


def blocks_rendered(client) -> tuple[int, str]:
    response = client.get(SHEET)
    assert response.status_code == 200
    return sum(template.name == BLOCK for template in response.templates), response.content.decode()


def test_a_sheet_renders_its_blocks_once(client, sheet):
    assert blocks_rendered(client)[0] == 2
    rendered, page = blocks_rendered(client)
    assert rendered == 0
    assert page.count('class="activity"') == 6


def test_an_edited_activity_renews_its_block_only(client, sheet):
    blocks_rendered(client)
    activity = sheet["activities"][4]
    activity.title_fr = "Étude revue"
    activity.save()
    rendered, page = blocks_rendered(client)
    assert rendered == 1
    assert "Étude revue" in page


def test_a_renamed_partner_renews_the_block_that_names_it(client, sheet):
    blocks_rendered(client)
    sheet["partner"].acronym_fr = "OIT-BIT"
    sheet["partner"].save()
    rendered, page = blocks_rendered(client)
    assert rendered == 1
    assert ">OIT-BIT</a>" in page


def test_staff_get_every_block_rendered(client, sheet, admin_user):
    blocks_rendered(client)
    client.force_login(admin_user)
    assert blocks_rendered(client)[0] == 2


def test_kept_blocks_read_no_activity(client, sheet):
    blocks_rendered(client)
    with CaptureQueriesContext(connection) as queries:
        rendered, page = blocks_rendered(client)
    assert rendered == 0
    assert page.count('class="activity"') == 6
    # Only the versions of what the blocks show: no activity's text.
    assert not any(
        '"title_fr"' in query["sql"] and "activities_activity" in query["sql"] for query in queries
    )


def test_an_added_or_withdrawn_activity_renews_its_block(client, sheet):
    blocks_rendered(client)
    first = sheet["activities"][0]
    added = ActivityFactory(project=first.project, component=first.component, title_fr="Atelier ajouté")
    rendered, page = blocks_rendered(client)
    assert rendered == 1
    assert "Atelier ajouté" in page
    added.publication = Publication.DRAFT
    added.save()
    # The block shows again what it showed before the addition, as kept then.
    page = blocks_rendered(client)[1]
    assert "Atelier ajouté" not in page
    assert page.count('class="activity"') == 6


def test_a_component_without_activities_says_so(client, sheet):
    ComponentFactory(project=sheet["activities"][0].project, code="9")
    blocks_rendered(client)
    rendered, page = blocks_rendered(client)
    assert rendered == 0
    assert "Aucune activité enregistrée pour cette composante" in page
