"""A revert restores a project with its rows (countries, participations,
components, indicators, documents), says beforehand what it will restore and
what it cannot, and is itself a version that can be reverted."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation

from activities.models import Activity
from core.publication import Publication
from core.restore import REVERT_LABEL, RevertConflict, Rows, record_revert, revert_plan
from core.workflow import Transition, record_transition
from projects.models import (
    Component,
    Document,
    Indicator,
    Participation,
    Project,
    ProjectCountry,
    ProjectRelation,
)
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    DocumentFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
)
from tests.registry import country, organisation
from tests.workflow.conftest import member_of

pytestmark = pytest.mark.django_db

PROJECT_ROWS = [
    Rows.of(Project, ProjectCountry),
    Rows.of(Project, Participation),
    Rows.of(Project, Component),
    Rows.of(Project, Indicator),
    Rows.of(Project, Document),
    Rows.of(Project, ProjectRelation, "project"),
]


@pytest.fixture(autouse=True)
def _in_english():
    # The refusals are read as written in the code, whatever the catalogues say.
    with translation.override("en"):
        yield


@pytest.fixture
def publisher(db):
    return member_of("Publishers", "publisher")


@pytest.fixture
def editor(db):
    return member_of("Editors", "editor")


# Only a superuser deletes components, indicators and documents: the tests
# of a full restore revert as one (`admin_user`).


def project_with_rows():
    """A draft project with one row of each kind; its first version holds
    them all (they are saved after it, as the admin saves inline rows)."""
    project = ProjectFactory(publication=Publication.DRAFT, title_fr="Migration équitable")
    ProjectCountryFactory(project=project, country=country("MA"))
    ParticipationFactory(
        project=project,
        organisation=organisation("ue"),
        role=Participation.Role.FUNDER,
        amount=Decimal("100000"),
        currency="EUR",
    )
    component = ComponentFactory(project=project, code="1", title_fr="Gouvernance")
    IndicatorFactory(project=project, component=component, label_fr="Personnes formées", target=500)
    DocumentFactory(project=project, title_fr="Fiche du projet")
    return project


def edited_since(project, user):
    """The edits of a later admin save: the project first, then its rows."""
    project.title_fr = "Titre changé"
    project._history_user = user
    project.save()
    funder = project.participations.get()
    funder.amount = Decimal("250000")
    funder.save()
    ProjectCountryFactory(project=project, country=country("TN"))
    project.components.get().delete()  # its indicator loses its component
    project.documents.get().delete()
    IndicatorFactory(project=project, label_fr="Indicateur ajouté")


def first_version(project):
    return project.history.earliest()


def state(project) -> dict:
    project.refresh_from_db()
    return {
        "title": project.title_fr,
        "countries": sorted(project.country_links.values_list("country_id", flat=True)),
        "amounts": list(project.participations.values_list("amount", flat=True)),
        "components": list(project.components.values_list("code", "title_fr")),
        "indicators": sorted(project.indicators.values_list("label_fr", "component__code")),
        "documents": list(project.documents.values_list("title_fr", flat=True)),
    }


def test_the_plan_lists_each_row_to_recreate_delete_or_change_back(admin_user):
    project = project_with_rows()
    edited_since(project, admin_user)

    plan = revert_plan(record=project, version=first_version(project), user=admin_user, rows=PROJECT_ROWS)

    listed = {(step.model.__name__, step.action, step.label) for step in plan.steps}
    assert listed == {
        ("ProjectCountry", "delete", f"{project.acronym} – Tunisia"),
        ("Participation", "change", f"EU – Funder – {project.acronym}"),
        ("Component", "recreate", f"{project.acronym} 1 – Gouvernance"),
        ("Indicator", "change", "Personnes formées"),
        ("Indicator", "delete", "Indicateur ajouté"),
        ("Document", "recreate", "Fiche du projet"),
    }
    [funder] = [step for step in plan.steps if step.model is Participation]
    [amount] = funder.changes
    assert (amount.field.name, amount.current, amount.restored) == (
        "amount",
        Decimal("250000"),
        Decimal("100000"),
    )
    assert not plan.refused
    assert [(change.field.name, change.restored) for change in plan.record_changes] == [
        ("title_fr", "Migration équitable")
    ]
    # Nothing is written by the plan.
    assert state(project)["amounts"] == [Decimal("250000")]
    assert Component.history.filter(history_user=admin_user).count() == 0


def test_a_revert_restores_the_project_with_its_rows(admin_user):
    project = project_with_rows()
    before = state(project)
    edited_since(project, admin_user)

    plan = record_revert(record=project, version=first_version(project), user=admin_user, rows=PROJECT_ROWS)

    assert not plan.refused
    assert state(project) == before
    # Each restored row is a new version, by the user, saying what it was.
    for model in (Project, ProjectCountry, Participation, Component, Indicator, Document):
        latest = model.history.latest()
        assert latest.history_user == admin_user
        assert latest.history_change_reason.startswith(f"{REVERT_LABEL}: ")


def test_the_revert_itself_can_be_reverted(admin_user):
    project = project_with_rows()
    edited_since(project, admin_user)
    after_the_edit = state(project)
    edit = project.history.latest()
    record_revert(record=project, version=first_version(project), user=admin_user, rows=PROJECT_ROWS)

    record_revert(record=project, version=edit, user=admin_user, rows=PROJECT_ROWS)

    # The component the edit deleted is deleted again, the indicator it
    # added comes back.
    assert state(project) == after_the_edit


def test_what_cannot_be_restored_is_said_and_the_rest_is_restored(admin_user):
    project = project_with_rows()
    gone = OrganisationFactory(name_en="Fondation dissoute", acronym_fr="")
    implementer = ParticipationFactory(
        project=project, organisation=gone, role=Participation.Role.IMPLEMENTER
    )
    version = project.history.latest()
    project.save()  # the next version: what follows is not in `version`
    implementer_pk = implementer.pk
    implementer.delete()
    gone.delete()
    added = ComponentFactory(project=project, code="2", title_fr="Composante ajoutée")
    ActivityFactory(project=project, component=added, code="2.1", title_fr="Étude de marché")
    funder = project.participations.get()
    funder.amount = Decimal("1")
    funder.save()

    plan = revert_plan(record=project, version=version, user=admin_user, rows=PROJECT_ROWS)

    assert {step.label: step.refusal for step in plan.refused} == {
        f"participation #{implementer_pk}": "Organisation “Fondation dissoute” no longer exists.",
        f"{project.acronym} 2 – Composante ajoutée": (
            "1 other record depends on it (2.1 Étude de marché): move or delete it first."
        ),
    }
    record_revert(record=project, version=version, user=admin_user, rows=PROJECT_ROWS)
    assert project.participations.get().amount == Decimal("100000")
    assert project.components.filter(code="2").exists()
    assert Activity.objects.filter(code="2.1").exists()


def test_an_editor_is_told_what_they_may_not_restore(editor, admin_user):
    project = project_with_rows()
    version = project.history.latest()
    project.save()
    # Since: the component replaced by another with its code (a superuser's
    # deletion), a funder's amount changed.
    project.components.get().delete()
    ComponentFactory(project=project, code="1", title_fr="Remplaçante")
    funder = project.participations.get()
    funder.amount = Decimal("1")
    funder.save()

    plan = record_revert(record=project, version=version, user=editor, rows=PROJECT_ROWS)

    assert {(step.action, step.label): step.refusal for step in plan.refused} == {
        ("delete", f"{project.acronym} 1 – Remplaçante"): "You may not delete components.",
        ("recreate", f"{project.acronym} 1 – Gouvernance"): (
            "Component with this Project and Code already exists."
        ),
        # Its component cannot come back, so neither can the link to it.
        ("change", "Personnes formées"): f"Component “{project.acronym} 1 – Gouvernance” no longer exists.",
    }
    assert project.participations.get().amount == Decimal("100000")
    assert list(project.components.values_list("title_fr", flat=True)) == ["Remplaçante"]


def test_a_public_project_is_reverted_by_a_publisher_only_and_stays_published(editor, publisher):
    project = project_with_rows()
    draft = project.history.latest()
    record_transition(record=project, user=publisher, transition=Transition.PUBLISH)
    funder = project.participations.get()
    funder.amount = Decimal("1")
    funder.save()

    with pytest.raises(PermissionDenied, match="only a publisher may revert it"):
        record_revert(record=project, version=draft, user=editor, rows=PROJECT_ROWS)
    assert project.participations.get().amount == Decimal("1")

    record_revert(record=project, version=draft, user=publisher, rows=PROJECT_ROWS)
    project.refresh_from_db()
    assert project.participations.get().amount == Decimal("100000")
    # Publication moves through the workflow, not by reverting.
    assert project.publication == Publication.PUBLISHED


def test_a_row_an_editor_brings_back_comes_back_as_a_draft(editor, admin_user):
    project = project_with_rows()
    version = project.history.latest()
    project.save()
    project.documents.get().delete()

    plan = revert_plan(record=project, version=version, user=editor, rows=PROJECT_ROWS)
    assert [(step.action, step.as_draft) for step in plan.steps] == [("recreate", True)]

    record_revert(record=project, version=version, user=editor, rows=PROJECT_ROWS)
    assert project.documents.get().publication == Publication.DRAFT


def test_a_confirmation_of_another_plan_is_refused_and_nothing_is_written(admin_user):
    project = project_with_rows()
    edited_since(project, admin_user)
    shown = revert_plan(record=project, version=first_version(project), user=admin_user, rows=PROJECT_ROWS)
    funder = project.participations.get()
    funder.amount = Decimal("7")
    funder.save()

    with pytest.raises(RevertConflict):
        record_revert(
            record=project,
            version=first_version(project),
            user=admin_user,
            rows=PROJECT_ROWS,
            expected=shown.fingerprint,
        )
    assert state(project)["amounts"] == [Decimal("7")]
    assert state(project)["title"] == "Titre changé"


def test_empty_and_missing_texts_are_not_differences(admin_user):
    project = project_with_rows()
    version = project.history.latest()
    project.save()
    funder = project.participations.get()
    funder.note_en = None
    funder.save()
    funder.note_en = ""
    funder.save()

    plan = revert_plan(record=project, version=version, user=admin_user, rows=PROJECT_ROWS)

    assert plan.steps == [] and plan.record_changes == []


def test_a_deleted_project_comes_back_without_its_rows_and_says_so(admin_user):
    project = project_with_rows()
    version = project.history.latest()
    pk = project.pk
    project.delete()

    plan = record_revert(record=None, version=version, user=admin_user, rows=PROJECT_ROWS)

    assert plan.record_deleted and plan.steps == []
    restored = Project.objects.get(pk=pk)
    assert restored.title_fr == "Migration équitable"
    assert not restored.participations.exists()
