"""Lists that grow with the registry: filters on every project or organisation
show only the chosen values and point to the directory, and counts past a
thousand rows are given as "more than"."""

import re

import lxml.html
import pytest

from partners.models import Organisation
from projects.models import Participation
from tests.factories import OrganisationFactory, ParticipationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def checkboxes(response, name):
    page = lxml.html.fromstring(response.content)
    boxes = page.xpath(f'//input[@type="checkbox"][@name="{name}"]')
    return {box.get("value"): box.get("checked") is not None for box in boxes}


def count_heading(response) -> str:
    heading = lxml.html.fromstring(response.content).get_element_by_id("results-title")
    return re.sub(r"\s+", " ", heading.text_content()).strip()


@pytest.mark.parametrize("path", ["/fr/activities/", "/fr/events/"])
def test_the_project_filter_lists_only_the_chosen_projects(client, path):
    for number in range(30):
        ProjectFactory(acronym=f"P{number}", slug=f"p{number}")
    assert checkboxes(client.get(path), "project") == {}
    chosen = client.get(f"{path}?project=p7&project=p12")
    assert chosen.status_code == 200
    assert checkboxes(chosen, "project") == {"p7": True, "p12": True}
    hints = lxml.html.fromstring(chosen.content).xpath('//form//a[@href="/fr/projects/"]')
    assert [hint.text_content() for hint in hints] == [
        "La page de chaque projet liste ses activités."
        if "activities" in path
        else "La page de chaque projet liste ses événements."
    ]


def test_an_unknown_project_is_still_a_form_error(client):
    project = ProjectFactory(acronym="AMEM", slug="amem")
    ParticipationFactory(
        project=project, organisation=OrganisationFactory(slug="oit"), role=Participation.Role.IMPLEMENTER
    )
    response = client.get("/fr/activities/?project=nowhere")
    assert response.status_code == 400
    assert "nowhere" in response.content.decode()
    # A chosen value of another filter stays shown beside the error.
    response = client.get("/fr/projects/?partner=nowhere&implementer=oit")
    assert response.status_code == 400
    assert checkboxes(response, "implementer") == {"oit": True}


def test_short_filters_keep_every_choice(client):
    ProjectFactory(acronym="AMEM", slug="amem")
    assert set(checkboxes(client.get("/fr/activities/"), "kind")) >= {"workshop", "study"}


def test_counts_past_a_thousand_are_given_as_more_than(client):
    organisations = [
        Organisation(
            name_fr=f"Organisation {number:04}",
            name_ar=f"منظمة {number:04}",
            name_en=f"Organisation {number:04}",
            slug=f"org-{number:04}",
            kind=Organisation.Kind.INTERNATIONAL,
            publication="published",
        )
        for number in range(1005)
    ]
    for organisation in organisations:
        organisation.search_text = organisation.build_search_text()
    Organisation.objects.bulk_create(organisations)

    first = client.get("/fr/organisations/")
    assert count_heading(first) == "Plus de 1000 organisations"
    assert "Plus de 1000 organisations" not in client.get("/fr/organisations/?kind=ministry").content.decode()
    # The page links go one page past the count, where the count moves on.
    assert 'href="?page=51"' in first.content.decode()
    last = client.get("/fr/organisations/?page=51")
    assert last.status_code == 200
    assert "Organisation 1000" in last.content.decode()
    assert client.get("/fr/organisations/?page=60").status_code == 404
    arabic = client.get("/ar/organisations/")
    assert count_heading(arabic).startswith("أكثر من")


def test_a_small_list_counts_exactly(client):
    OrganisationFactory.create_batch(3)
    assert count_heading(client.get("/fr/organisations/")) == "3 organisations"
