"""No lost update: two people editing the same record in the admin."""

import pytest
from django.urls import reverse

from projects.models import Component, Project
from tests.factories import ComponentFactory, OrganisationFactory
from tests.workflow.conftest import form_data, member_of, signed_in

pytestmark = pytest.mark.django_db


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


@pytest.fixture
def amina(db):
    return member_of("Editors", "amina")


@pytest.fixture
def karim(db):
    return member_of("Editors", "karim")


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_second_save_of_the_same_version_is_refused_and_keeps_both_edits(project, amina, karim):
    first, second = signed_in(amina), english(signed_in(karim))
    opened_by_first = first.get(change_url(project))
    opened_by_second = second.get(change_url(project))

    saved = first.post(change_url(project), form_data(opened_by_first, title_fr="Titre corrigé par Amina"))
    assert saved.status_code == 302

    refused = second.post(
        change_url(project), form_data(opened_by_second, summary_fr="Résumé réécrit par Karim")
    )
    assert refused.status_code == 200
    form = refused.context["adminform"].form
    [error] = form.non_field_errors().as_data()
    assert error.code == "stale_version"
    message = error.messages[0]
    assert message.startswith("This record was changed by amina at ")
    assert "Titre corrigé par Amina" in message  # what changed since
    page = refused.content.decode()
    assert "Résumé réécrit par Karim" in page  # the user's input is kept
    project.refresh_from_db()
    assert project.title_fr == "Titre corrigé par Amina"
    assert project.summary_fr != "Résumé réécrit par Karim"

    # Saving again, having seen the other edit, keeps this one too.
    again = second.post(change_url(project), form_data(refused))
    assert again.status_code == 302
    project.refresh_from_db()
    assert (project.title_fr, project.summary_fr) == ("Titre corrigé par Amina", "Résumé réécrit par Karim")
    assert project.history.latest().history_user == karim


def test_a_change_in_the_inlines_also_moves_the_parent_version(project, amina, karim):
    first, second = signed_in(amina), signed_in(karim)
    opened_by_first = first.get(change_url(project))
    opened_by_second = second.get(change_url(project))
    data = form_data(opened_by_first)
    data["country_links-0-note_fr"] = "Suspendu pour raisons de sécurité"
    assert first.post(change_url(project), data).status_code == 302

    refused = second.post(change_url(project), form_data(opened_by_second, acronym="AUTRE"))
    assert refused.status_code == 200
    project.refresh_from_db()
    assert project.acronym != "AUTRE"
    assert project.country_links.get().note_fr == "Suspendu pour raisons de sécurité"


def test_an_inline_row_changed_elsewhere_is_refused_when_edited_again(project, amina, karim):
    component = ComponentFactory(project=project, title_fr="Axe initial")
    in_project_form = signed_in(karim).get(change_url(project))
    alone = signed_in(amina)
    opened = alone.get(change_url(component))
    assert alone.post(change_url(component), form_data(opened, title_fr="Axe renommé")).status_code == 302

    data = form_data(in_project_form)
    data["components-0-title_fr"] = "Axe réécrit dans le projet"
    response = signed_in(karim).post(change_url(project), data)
    assert response.status_code == 200
    [formset] = [
        f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "components"
    ]
    assert formset.forms[0].non_field_errors().as_data()[0].code == "stale_version"
    component.refresh_from_db()
    assert component.title_fr == "Axe renommé"


def test_untouched_inline_rows_changed_elsewhere_do_not_block_a_save(project, amina, karim):
    component = ComponentFactory(project=project)
    in_project_form = signed_in(karim).get(change_url(project))
    component.title_fr = "Renommé ailleurs"
    component.save()
    response = signed_in(karim).post(change_url(project), form_data(in_project_form, acronym="NOUVEAU"))
    assert response.status_code == 302
    component.refresh_from_db()
    assert component.title_fr == "Renommé ailleurs"


def test_version_rises_with_every_save_and_never_goes_back():
    organisation = OrganisationFactory()
    assert organisation.version == 1
    organisation.save()
    stale = type(organisation).objects.get(pk=organisation.pk)
    organisation.save()
    stale.version = 1
    stale.save()
    stale.refresh_from_db()
    assert stale.version == 4


def test_a_form_without_version_still_saves(project, amina):
    # Older clients or scripts that post without the hidden field are not
    # blocked (the check needs the version the form was opened on).
    client = signed_in(amina)
    data = form_data(client.get(change_url(project)), title_fr="Sans version")
    del data["record_version"]
    assert client.post(change_url(project), data).status_code == 302
    assert Project.objects.get(pk=project.pk).title_fr == "Sans version"
    assert Component.objects.count() == 0


def test_saving_a_project_leaves_its_untouched_rows_alone(project, amina):
    component = ComponentFactory(project=project)
    client = signed_in(amina)
    assert client.post(change_url(project), form_data(client.get(change_url(project)))).status_code == 302
    component.refresh_from_db()
    assert component.version == 1
    assert component.history.count() == 1
