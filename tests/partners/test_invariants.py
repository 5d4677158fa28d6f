"""An organisation that records still name cannot be deleted: the refusal
names the projects it takes part in, the activities, events and components
that name it and its units, and nothing is deleted (not even the links,
which would otherwise go without a word)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from partners.models import Organisation
from projects.models import Participation
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    EventFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def refusal_of(organisation) -> str:
    with pytest.raises(ValidationError) as refusal:
        organisation.delete()
    return " ".join(refusal.value.messages)


@pytest.fixture
def oit():
    return OrganisationFactory(acronym_fr="OIT", slug="oit")


def test_an_organisation_that_takes_part_in_projects_is_not_deleted(oit):
    for acronym in ("AMEM", "THAMM", "WAFIRA", "UNDAF", "JLMP", "PADIDFA"):
        ParticipationFactory(project=ProjectFactory(acronym=acronym), organisation=oit)
    # Two roles in one project name it once.
    ParticipationFactory(
        project=Participation.objects.get(project__acronym="AMEM").project,
        organisation=oit,
        role=Participation.Role.IMPLEMENTER,
    )

    message = refusal_of(oit)

    assert " 6 " in message and "AMEM, JLMP, PADIDFA, THAMM, UNDAF, …" in message
    assert oit.participations.count() == 7


def test_an_organisation_named_by_activities_events_and_components_keeps_those_links(oit):
    amem = ProjectFactory(acronym="AMEM")
    activity = ActivityFactory(project=amem, code="2.2")
    activity.partners.add(oit)
    event = EventFactory(project=amem, title_fr="Signature du contrat AICS-OIT")
    event.organisations.add(oit)
    component = ComponentFactory(project=ProjectFactory(acronym="THAMM"), code="OS 2")
    component.managers.add(oit)

    message = refusal_of(oit)

    assert "AMEM 2.2" in message
    assert "Signature du contrat AICS-OIT" in message
    assert "THAMM OS 2" in message
    assert list(activity.partners.all()) == [oit]
    assert list(event.organisations.all()) == [oit]
    assert list(component.managers.all()) == [oit]


def test_an_organisation_with_units_is_not_deleted(oit):
    OrganisationFactory(acronym_fr="BEMOE", parent=oit)
    assert "BEMOE" in refusal_of(oit)
    assert Organisation.objects.filter(pk=oit.pk).exists()


def test_an_organisation_nothing_names_can_be_deleted(oit):
    oit.delete()
    assert not Organisation.objects.filter(slug="oit").exists()


def test_the_admin_does_not_delete_an_organisation_that_takes_part_in_a_project(staff_client, oit):
    ParticipationFactory(project=ProjectFactory(acronym="AMEM"), organisation=oit)
    url = reverse("admin:partners_organisation_delete", args=[oit.pk])

    shown = staff_client.get(url)
    confirmed = staff_client.post(url, {"post": "yes"})

    for response in (shown, confirmed):
        assert response.status_code == 200
        assert "AMEM" in response.content.decode()
    assert Organisation.objects.filter(pk=oit.pk).exists()


def test_the_admin_says_why_an_organisation_named_by_an_activity_stays(staff_client, oit):
    activity = ActivityFactory(project=ProjectFactory(acronym="AMEM"), code="2.2")
    activity.partners.add(oit)
    url = reverse("admin:partners_organisation_delete", args=[oit.pk])

    confirmed = staff_client.post(url, {"post": "yes"})
    assert confirmed.status_code == 200
    assert "AMEM 2.2" in confirmed.content.decode()

    # Nor does the list's "delete selected" action, which deletes in bulk.
    changelist = reverse("admin:partners_organisation_changelist")
    action = {"action": "delete_selected", "_selected_action": [oit.pk], "post": "yes"}
    assert "AMEM 2.2" in staff_client.post(changelist, action).content.decode()
    assert list(activity.partners.all()) == [oit]
