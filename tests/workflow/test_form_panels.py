"""Editors know before they submit: the record's form lists what blocks its
publication (each item linking to its field), shows the comment it was sent
back with, and archiving says what leaves the public site first."""

import pytest
from django.urls import reverse

from core.workflow import Transition
from projects.services import project_transition

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def in_english(settings):
    settings.LANGUAGE_CODE = "en"


def change_url(project):
    return reverse("admin:projects_project_change", args=[project.pk])


def test_the_form_lists_what_blocks_publication_with_links_to_the_fields(project, editor_client):
    project.title_ar = ""
    project.save()
    project.country_links.all().delete()
    page = editor_client.get(change_url(project)).content.decode()
    assert "What keeps this record from being published" in page
    assert '<a href="#id_title_ar">The title in Arabic is missing.</a>' in page
    assert '<a href="#country_links-group">The project has no country.</a>' in page
    # The targets are on the page.
    assert 'id="id_title_ar"' in page and 'id="country_links-group"' in page


def test_a_publishable_draft_shows_no_blockers(project, editor_client):
    page = editor_client.get(change_url(project)).content.decode()
    assert "What keeps this record from being published" not in page


def test_the_comment_it_was_sent_back_with_is_on_the_form(project, editor, publisher, editor_client):
    project_transition(project=project, user=editor, transition=Transition.SUBMIT)
    project_transition(
        project=project, user=publisher, transition=Transition.SEND_BACK, comment="Préciser les dates."
    )
    page = editor_client.get(change_url(project)).content.decode()
    assert "Sent back to draft" in page
    assert "Préciser les dates." in page

    # Once submitted again, the comment has done its work.
    project_transition(project=project, user=editor, transition=Transition.SUBMIT)
    assert "Préciser les dates." not in editor_client.get(change_url(project)).content.decode()


def test_archiving_from_the_list_says_first_what_leaves_the_public_site(project, publisher_client):
    project.publication = "published"
    project.save()
    url = reverse("admin:projects_project_changelist")
    selection = {"action": "archive", "_selected_action": [project.pk]}

    confirmation = publisher_client.post(url, selection)
    assert confirmation.status_code == 200
    page = confirmation.content.decode()
    assert "leave the public site, the API, the downloads and the IATI file" in page
    project.refresh_from_db()
    assert project.publication == "published"

    publisher_client.post(url, selection | {"apply": "yes"})
    project.refresh_from_db()
    assert project.publication == "archived"
