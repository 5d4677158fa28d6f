import pytest

from activities.models import Activity, Event
from core.publication import Publication
from partners.models import Organisation
from projects.models import Component, Document, Indicator, Project
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db
DRAFT = Publication.DRAFT


def test_only_published_projects_and_organisations_are_public():
    shown = ProjectFactory()
    ProjectFactory(publication=DRAFT)
    ProjectFactory(publication=Publication.ARCHIVED)
    assert list(Project.objects.published()) == [shown]
    OrganisationFactory(publication=Publication.REVIEW)
    assert not Organisation.objects.published().exists()


@pytest.mark.parametrize(
    ("factory", "model"),
    [
        (ComponentFactory, Component),
        (IndicatorFactory, Indicator),
        (DocumentFactory, Document),
        (EventFactory, Event),
    ],
)
def test_published_children_of_a_draft_project_stay_hidden(factory, model):
    factory(project=ProjectFactory(publication=DRAFT))
    visible = factory(project=ProjectFactory())
    assert list(model.objects.published()) == [visible]


def test_activity_is_hidden_when_its_component_is_a_draft():
    hidden = ActivityFactory()
    hidden.component.publication = DRAFT
    hidden.component.save()
    shown = ActivityFactory()
    assert list(Activity.objects.published()) == [shown]


def test_event_without_project_is_public_when_published():
    event = EventFactory(project=None)
    EventFactory(project=None, publication=DRAFT)
    assert list(Event.objects.published()) == [event]
