"""List rows are kept under the change feed's stamps (core/rest/rows.py):
a row whose record did not change comes from the cache, a row that shows an
edited record (its own or a related one) is serialized again."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from projects.models import Participation
from tests.factories import OrganisationFactory, ParticipationFactory, ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_answers_not_kept")]


@pytest.fixture
def registry():
    funder = OrganisationFactory(acronym_fr="GIZ", name_fr="Coopération allemande")
    projects = [ProjectFactory(acronym=f"P{number}", title_fr=f"Titre {number}") for number in range(3)]
    ParticipationFactory(project=projects[0], organisation=funder, role=Participation.Role.FUNDER)
    return {"projects": projects, "funder": funder}


def titles(client, path="/api/v1/projects/?lang=fr") -> dict[str, str]:
    return {row["slug"]: row["title"] for row in client.get(path).json()["results"]}


def retitle_without_signal(project, title):
    """A write nothing hears of: the feed does not stamp it, kept rows stay."""
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects_project SET title_fr = %s WHERE id = %s", [title, project.pk])


def test_unchanged_rows_come_from_the_cache(registry):
    client = APIClient()
    assert titles(client)["p1"] == "Titre 1"
    retitle_without_signal(registry["projects"][1], "Titre changé sans signal")
    assert titles(client)["p1"] == "Titre 1"
    # Another language, another row.
    assert "Titre changé sans signal" in titles(client, "/api/v1/projects/?lang=all").get("p1", {}).values()


def test_an_edit_renews_the_rows_that_show_it(registry):
    client = APIClient()
    titles(client)
    project = registry["projects"][2]
    project.title_fr = "Titre revu"
    project.save()
    assert titles(client)["p2"] == "Titre revu"
    # A funder renamed: the rows of its projects show the new name.
    registry["funder"].name_fr = "Agence allemande de coopération"
    registry["funder"].save()
    rows = {
        row["slug"]: row for row in client.get("/api/v1/projects/?lang=fr&expand=details").json()["results"]
    }
    assert "Agence allemande de coopération" in str(rows["p0"])
    assert "Coopération allemande" not in str(rows["p0"])


def test_rows_can_be_serialized_each_time(registry, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client = APIClient()
    titles(client)
    retitle_without_signal(registry["projects"][1], "Titre changé sans signal")
    assert titles(client)["p1"] == "Titre changé sans signal"


@pytest.mark.parametrize("path", ["/api/v1/projects/?lang=fr", "/api/v1/projects/p0/?lang=fr"])
def test_kept_rows_are_found_by_their_keys_alone(registry, path):
    client = APIClient()
    first = client.get(path).json()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).json() == first
    read = " ".join(query["sql"] for query in queries.captured_queries)
    # The records' keys and stamps: no title, no participation.
    assert '"projects_project"."title_fr"' not in read
    assert "projects_participation" not in read


def test_a_cursor_page_of_kept_rows_leads_to_the_next(registry):
    client = APIClient()
    path = "/api/v1/projects/?pagination=cursor&page_size=2"
    client.get(path)
    first = client.get(path).json()
    rest = client.get(first["next"]).json()
    slugs = [row["slug"] for row in first["results"] + rest["results"]]
    assert sorted(slugs) == ["p0", "p1", "p2"]
    assert rest["next"] is None
