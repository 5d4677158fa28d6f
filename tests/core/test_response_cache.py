"""Whole public responses come from the cache until the registry changes:
an edit, a publication, a withdrawal or an import shows at once; staff
previews and drafts never enter it; rate limits still count cached answers."""

import datetime

import pytest
import tablib
from django.core.management import call_command
from django.db import connection
from django.test import Client
from rest_framework.test import APIClient

from core.models import RegistryRevision
from core.publication import Publication
from projects.models import Participation, Project
from projects.resources import ProjectResource
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db

PROJECT_LIST = "/fr/projects/"


@pytest.fixture
def project(db):
    return ProjectFactory(acronym="AMEM", slug="amem", title_fr="Appui à la migration équitable")


def test_a_second_visit_is_answered_from_the_cache(client, project, django_assert_max_num_queries):
    first = client.get(PROJECT_LIST)
    # Only the registry's revision is read to find the kept page.
    with django_assert_max_num_queries(1):
        second = client.get(PROJECT_LIST)
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Language"] == "fr"


def test_an_edit_shows_at_once(client, project):
    assert "Appui à la migration équitable" in client.get(PROJECT_LIST).content.decode()
    project.title_fr = "Migration équitable au Maghreb"
    project.save()
    page = client.get(PROJECT_LIST).content.decode()
    assert "Migration équitable au Maghreb" in page
    assert "Appui à la migration équitable" not in page


def test_a_publication_and_a_withdrawal_show_at_once(client, api_client, project):
    draft = ProjectFactory(acronym="WAFIRA", slug="wafira", publication=Publication.DRAFT)
    assert "WAFIRA" not in client.get(PROJECT_LIST).content.decode()
    assert client.get("/fr/projects/wafira/").status_code == 404
    api_client.get("/api/v1/projects/")

    draft.publication = Publication.PUBLISHED
    draft.save()
    assert "WAFIRA" in client.get(PROJECT_LIST).content.decode()
    assert client.get("/fr/projects/wafira/").status_code == 200
    assert "wafira" in [row["slug"] for row in api_client.get("/api/v1/projects/").json()["results"]]

    draft.publication = Publication.ARCHIVED
    draft.save()
    assert "WAFIRA" not in client.get(PROJECT_LIST).content.decode()
    assert client.get("/fr/projects/wafira/").status_code == 404
    assert "wafira" not in [row["slug"] for row in api_client.get("/api/v1/projects/").json()["results"]]


def test_a_draft_saved_again_leaves_every_kept_answer_kept(client, api_client, project):
    """No public answer shows a draft: saving or deleting one moves nothing
    on, so readers keep their kept pages after a day of drafting."""
    draft = ProjectFactory(acronym="DRAFTP", slug="draftp", publication=Publication.DRAFT)
    component = ComponentFactory(project=project)
    hidden = ActivityFactory(component=component, project=project, publication=Publication.DRAFT)
    page = client.get(PROJECT_LIST).content
    api_client.get("/api/v1/projects/")
    before = RegistryRevision.current().number

    draft.title_fr = "Brouillon retouché"
    draft.save()
    hidden.title_fr = "Activité en préparation"
    hidden.save()
    hidden.delete()
    assert RegistryRevision.current().number == before
    retitle_without_signal(project)
    # Still the kept page: the retitle above, made without a signal, is not on it.
    assert client.get(PROJECT_LIST).content == page

    draft.publication = Publication.PUBLISHED
    draft.save()
    assert RegistryRevision.current().number > before
    assert "DRAFTP" in client.get(PROJECT_LIST).content.decode()


def test_the_project_list_stays_kept_through_an_activity_s_edit(client, project):
    """The project list shows projects and organisations, never an activity."""
    funder = OrganisationFactory(acronym_fr="UE", name_fr="Union européenne")
    ParticipationFactory(project=project, organisation=funder, role=Participation.Role.FUNDER)
    component = ComponentFactory(project=project)
    activity = ActivityFactory(component=component, project=project, title_fr="Atelier de Rabat")
    page = client.get(PROJECT_LIST).content
    activity.title_fr = "Atelier de Tanger"
    activity.save()
    retitle_without_signal(project)
    assert client.get(PROJECT_LIST).content == page
    assert "Atelier de Tanger" in client.get("/fr/projects/amem/").content.decode()
    # An organisation's edit is on the list: its funder's acronym on the card.
    funder.acronym_fr = "Commission"
    funder.save()
    assert ">Commission<" in client.get(PROJECT_LIST).content.decode()


def test_a_deleted_child_disappears_from_its_project_page(client, project):
    component = ComponentFactory(project=project)
    activity = ActivityFactory(component=component, project=project, title_fr="Atelier de Rabat")
    assert "Atelier de Rabat" in client.get("/fr/projects/amem/").content.decode()
    activity.delete()
    assert "Atelier de Rabat" not in client.get("/fr/projects/amem/").content.decode()


def test_a_new_partner_shows_on_the_organisation_directory(client, project):
    assert "Fondation ETF" not in client.get("/fr/organisations/").content.decode()
    OrganisationFactory(name_fr="Fondation ETF", slug="etf")
    assert "Fondation ETF" in client.get("/fr/organisations/").content.decode()


def test_an_import_shows_at_once(client, project):
    assert "Nouveau titre importé" not in client.get("/fr/projects/amem/").content.decode()
    dataset = tablib.Dataset(headers=["slug", "acronym", "title_fr", "status", "start_date"])
    dataset.append(["amem", "AMEM", "Nouveau titre importé", "implementation", "2019-01-01"])
    result = ProjectResource().import_data(dataset, dry_run=False, raise_errors=True)
    assert not result.has_errors()
    assert "Nouveau titre importé" in client.get("/fr/projects/amem/").content.decode()


def test_a_generated_registry_written_in_bulk_moves_the_revision_on(client, project):
    before = RegistryRevision.current().number
    client.get(PROJECT_LIST)
    call_command(
        "generate_registry",
        "--append",
        "--projects=3",
        "--activities=6",
        "--organisations=10",
        "--events=3",
        "--seed=7",
        verbosity=0,
    )
    assert RegistryRevision.current().number > before
    count = Project.objects.published().count()
    assert f'data-count="{count}"' in client.get(PROJECT_LIST).content.decode()


def test_staff_are_never_served_a_kept_page_and_previews_are_never_kept(staff_client, project):
    visitor = Client()
    ProjectFactory(acronym="DRAFTP", slug="draftp", publication=Publication.DRAFT)
    preview = staff_client.get("/fr/projects/draftp/")
    assert preview.status_code == 200
    assert "no-store" in preview["Cache-Control"]
    assert visitor.get("/fr/projects/draftp/").status_code == 404

    visitor.get(PROJECT_LIST)
    # A page kept for visitors is not what staff get: theirs is rendered.
    retitle_without_signal(Project.objects.get(slug="amem"))
    assert "Titre changé sans signal" in staff_client.get(PROJECT_LIST).content.decode()


def test_each_language_and_format_has_its_own_answer(api_client, project):
    french = api_client.get("/api/v1/projects/amem/")
    arabic = api_client.get("/api/v1/projects/amem/?lang=ar")
    assert french["Content-Language"] == "fr"
    assert arabic["Content-Language"] == "ar"
    assert french.json()["title"] != arabic.json()["title"]
    assert (
        api_client.get("/api/v1/projects/amem/", HTTP_ACCEPT_LANGUAGE="ar").json()["title"]
        == (arabic.json()["title"])
    )
    table = api_client.get("/api/v1/projects/", HTTP_ACCEPT="text/csv")
    assert table["Content-Type"].startswith("text/csv")
    assert api_client.get("/api/v1/projects/")["Content-Type"] == "application/json"


def test_a_kept_api_answer_still_answers_304_and_moves_on_after_a_change(
    api_client, project, django_assert_max_num_queries
):
    first = api_client.get("/api/v1/projects/")
    with django_assert_max_num_queries(1):
        again = api_client.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    project.title_fr = "Titre revu"
    project.save()
    changed = api_client.get("/api/v1/projects/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]
    assert changed.json()["results"][0]["title"] == "Titre revu"


def test_rate_limits_count_answers_from_the_cache(api_client, project, settings):
    rates = {"anon": "3/minute", "user": "6/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    for _request in range(3):
        assert api_client.get("/api/v1/projects/").status_code == 200
    assert api_client.get("/api/v1/projects/").status_code == 429


def test_the_cache_can_be_turned_off(client, project, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    client.get(PROJECT_LIST)
    retitle_without_signal(project)
    assert "Titre changé sans signal" in client.get(PROJECT_LIST).content.decode()


def test_a_page_kept_yesterday_is_rendered_again_today(client, project, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 1, 12, tzinfo=datetime.UTC))
    client.get(PROJECT_LIST)
    retitle_without_signal(project)
    assert "Titre changé sans signal" not in client.get(PROJECT_LIST).content.decode()
    time_machine.move_to(datetime.datetime(2026, 3, 2, 12, tzinfo=datetime.UTC))
    assert "Titre changé sans signal" in client.get(PROJECT_LIST).content.decode()


def retitle_without_signal(project):
    """A write the registry does not hear of (raw SQL): only time renews the page."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Project._meta.db_table} SET title_fr = %s WHERE id = %s",
            ["Titre changé sans signal", project.pk],
        )


@pytest.fixture
def api_client():
    return APIClient()
