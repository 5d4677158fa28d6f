"""History: who changed what, the differences between versions, and revert."""

import re

import pytest
from django.urls import reverse

from tests.factories import OrganisationFactory
from tests.workflow.conftest import form_data, member_of, signed_in

pytestmark = pytest.mark.django_db


def admin_url(record, view, *args):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk, *args])


@pytest.fixture
def editor_client(editor):
    return signed_in(editor)


def revert_data(page, **overrides) -> dict:
    """What the revert page posts back: its form, and the plan it showed."""
    [plan] = re.findall(r'name="revert_plan" value="([0-9a-f]*)"', page.content.decode())
    return form_data(page, **overrides) | {"revert_plan": plan}


def edit(client, record, **changes):
    response = client.post(
        admin_url(record, "change"), form_data(client.get(admin_url(record, "change")), **changes)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()


def test_history_records_who_changed_and_shows_the_differences(project, editor, editor_client):
    edit(editor_client, project, title_ar="عنوان جديد", end_date="2023-06-30")
    latest = project.history.latest()
    assert latest.history_user == editor

    response = editor_client.get(admin_url(project, "history"))
    assert response.status_code == 200
    [newest, *_older] = response.context["page_obj"].object_list
    changes = {
        str(change["field"]): (change["old"], change["new"]) for change in newest.history_delta_changes
    }
    assert any("عنوان جديد" in new for _old, new in changes.values())
    assert any("2023" in new for _old, new in changes.values())
    # Bookkeeping columns are not shown as changes.
    assert not {"Version", "Search text", "Last update"} & set(changes)
    page = response.content.decode()
    assert "عنوان جديد" in page and "editor" in page


def test_revert_to_an_earlier_version(editor_client, editor):
    # A draft: an editor may not revert what the public reads (test_history_diff.py).
    organisation = OrganisationFactory(name_fr="Organisation internationale du travail", publication="draft")
    first = organisation.history.earliest()
    edit(editor_client, organisation, name_fr="Nom erroné")

    revert_page = editor_client.get(admin_url(organisation, "simple_history", first.history_id))
    assert revert_page.status_code == 200
    assert (
        revert_page.context["adminform"].form["name_fr"].value() == "Organisation internationale du travail"
    )
    response = editor_client.post(
        admin_url(organisation, "simple_history", first.history_id), revert_data(revert_page)
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.name_fr == "Organisation internationale du travail"
    # The revert is a new version, after the others.
    assert organisation.version == 3
    assert organisation.history.count() == 3
    assert organisation.history.latest().history_user == editor


def test_revert_is_refused_when_the_record_changed_since_the_page_was_opened(editor_client):
    organisation = OrganisationFactory(name_fr="Premier nom", publication="draft")
    first = organisation.history.earliest()
    edit(editor_client, organisation, name_fr="Deuxième nom")
    revert_page = editor_client.get(admin_url(organisation, "simple_history", first.history_id))
    other = signed_in(member_of("Editors", "other"))
    edit(other, organisation, name_fr="Troisième nom")

    response = editor_client.post(
        admin_url(organisation, "simple_history", first.history_id), revert_data(revert_page)
    )
    assert response.status_code == 200
    organisation.refresh_from_db()
    assert organisation.name_fr == "Troisième nom"
