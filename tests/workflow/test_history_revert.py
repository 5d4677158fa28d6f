"""Reverting a project from its history page: the page lists what the revert
restores in each inline and what it cannot, and the revert restores the
project with its rows; a public project is reverted by a publisher only."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from core.publication import Publication
from core.workflow import Transition, record_transition
from projects.models import Participation
from tests.factories import (
    ComponentFactory,
    DocumentFactory,
    IndicatorFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
)
from tests.workflow.conftest import form_data, publishable_project, signed_in
from tests.workflow.test_history import revert_data

pytestmark = pytest.mark.django_db


def admin_url(record, view, *args):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk, *args])


def revert_url(project, version):
    return admin_url(project, "simple_history", version.history_id)


def project_with_rows():
    project = publishable_project()  # a draft
    funder = project.participations.get()
    funder.amount, funder.currency = Decimal("100000"), "EUR"
    funder.save()
    component = ComponentFactory(project=project, code="1", title_fr="Gouvernance")
    IndicatorFactory(project=project, component=component, label_fr="Personnes formées", target=500)
    DocumentFactory(project=project, title_fr="Fiche du projet")
    return project


def edit_with_rows(client, project):
    """An admin save of the project that changes its title and, in the same
    form, a funder's amount and an indicator's target."""
    url = admin_url(project, "change")
    page = client.get(url)
    changes = {"title_fr": "Titre changé", "participations-0-amount": "250000", "indicators-0-target": "900"}
    response = client.post(url, form_data(page, **changes))
    assert response.status_code == 302, response.context["adminform"].form.errors


def plan_of(page) -> dict:
    """Each inline's rows the page lists as restored (with their changes)
    and as not restored (with the reason)."""
    return {
        section["title"]: (
            [(step["text"], step["changes"]) for step in section["restored"]],
            [(step["text"], step["refusal"]) for step in section["refused"]],
        )
        for section in page.context["revert_plan"]["sections"]
        if section["restored"] or section["refused"]
    }


def test_the_revert_page_lists_the_rows_it_restores_and_the_revert_restores_them(admin_client):
    project = project_with_rows()
    first = project.history.earliest()
    edit_with_rows(admin_client, project)

    page = admin_client.get(revert_url(project, first))

    funder = project.participations.get()
    amount = {"field": "Montant de la contribution", "old": "250\xa0000,00", "new": "100\xa0000,00"}
    target = {"field": "Cible", "old": "900,00", "new": "500,00"}
    plan = plan_of(page)
    assert plan.keys() == {"Participations", "Indicateurs"}
    [(funder_step, funder_changes)], refused = plan["Participations"]
    assert str(funder) in funder_step and funder_changes == [amount] and refused == []
    [(indicator_step, indicator_changes)], refused = plan["Indicateurs"]
    assert "Personnes formées" in indicator_step and indicator_changes == [target] and refused == []
    assert [change["field"] for change in page.context["revert_plan"]["record_changes"]] == ["Titre [fr]"]
    text = page.content.decode()
    assert "Montant de la contribution" in text and "250\xa0000,00" in text

    response = admin_client.post(revert_url(project, first), revert_data(page))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title_fr.startswith("Projet de coopération")
    assert project.participations.get().amount == Decimal("100000")
    assert project.indicators.get().target == 500
    # The revert is a version of each row, which the history can revert in turn.
    assert project.participations.get().history.latest().history_user.is_superuser


def test_an_editor_may_not_revert_a_public_project(editor_client, publisher, publisher_client):
    project = project_with_rows()
    draft = project.history.latest()
    record_transition(record=project, user=publisher, transition=Transition.PUBLISH)
    funder = project.participations.get()
    funder.amount = Decimal("1")
    funder.save()

    page = editor_client.get(revert_url(project, draft), HTTP_ACCEPT_LANGUAGE="en")
    assert "only a publisher may revert it" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    refused = editor_client.post(revert_url(project, draft), revert_data(page), HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 302
    assert project.participations.get().amount == Decimal("1")
    assert any("only a publisher" in str(message) for message in get_messages(refused.wsgi_request))

    page = publisher_client.get(revert_url(project, draft))
    assert 'name="_save"' in page.content.decode()
    publisher_client.post(revert_url(project, draft), revert_data(page))
    project.refresh_from_db()
    assert project.participations.get().amount == Decimal("100000")
    assert project.publication == Publication.PUBLISHED


def test_what_an_editor_cannot_restore_is_listed_before_confirming(editor, editor_client):
    project = project_with_rows()
    version = project.history.latest()
    project.save()
    ComponentFactory(project=project, code="2", title_fr="Composante ajoutée")

    page = editor_client.get(revert_url(project, version), HTTP_ACCEPT_LANGUAGE="en")

    assert plan_of(page) == {
        "Components": (
            [],
            [
                (
                    f"Delete “{project.acronym} 2 – Composante ajoutée” (added since)",
                    "You may not delete components.",
                )
            ],
        )
    }
    assert "You may not delete components." in page.content.decode()


def test_a_revert_confirmed_on_a_plan_changed_since_is_not_applied(admin_client, editor):
    project = project_with_rows()
    first = project.history.earliest()
    edit_with_rows(admin_client, project)
    page = admin_client.get(revert_url(project, first))
    funder = project.participations.get()
    funder.amount = Decimal("7")
    funder.save()

    response = admin_client.post(revert_url(project, first), revert_data(page))

    assert response.status_code == 302 and response.url == revert_url(project, first)
    assert project.participations.get().amount == Decimal("7")
    project.refresh_from_db()
    assert project.title_fr == "Titre changé"
    # Opened again, the page shows the plan as it is now.
    again = signed_in(editor).get(revert_url(project, first))
    [(_text, [amount])] = plan_of(again)["Participations"][0]
    assert amount["old"] == "7,00"


def test_a_public_project_is_not_reverted_into_one_that_fails_its_publication_checks(
    publisher, publisher_client
):
    project = ProjectFactory(publication=Publication.DRAFT)
    ProjectCountryFactory(project=project)
    without_funder = project.history.latest()
    project.save()
    ParticipationFactory(project=project, role=Participation.Role.FUNDER)
    record_transition(record=project, user=publisher, transition=Transition.PUBLISH)

    page = publisher_client.get(revert_url(project, without_funder), HTTP_ACCEPT_LANGUAGE="en")
    response = publisher_client.post(
        revert_url(project, without_funder), revert_data(page), HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 302 and response.url == revert_url(project, without_funder)
    assert project.participations.exists()
    [message] = [str(message) for message in get_messages(response.wsgi_request)]
    assert "The project has no funder." in message
