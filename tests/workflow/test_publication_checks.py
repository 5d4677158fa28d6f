"""A project is published only when it is complete and coherent."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.publication import Publication
from projects.models import Participation
from projects.services import project_publication_blockers, project_publish
from tests.factories import ComponentFactory, ParticipationFactory
from tests.workflow.conftest import publishable_project

pytestmark = pytest.mark.django_db


def blockers_of(**fields):
    project = publishable_project()
    for name, value in fields.items():
        setattr(project, name, value)
    project.save()
    return project, project_publication_blockers(project)


def test_a_complete_project_has_no_blocker(project):
    assert project_publication_blockers(project) == []


@pytest.mark.parametrize(
    "field", ["title_fr", "title_ar", "objective_fr", "objective_ar", "summary_fr", "summary_ar"]
)
def test_texts_are_required_in_french_and_arabic(field, publisher):
    project, blockers = blockers_of(**{field: ""})
    assert len(blockers) == 1
    with pytest.raises(ValidationError) as refused:
        project_publish(project=project, user=publisher)
    assert refused.value.messages == blockers
    project.refresh_from_db()
    assert project.publication == Publication.DRAFT


def test_english_texts_are_optional():
    _project, blockers = blockers_of(title_en="", summary_en="", objective_en="")
    assert blockers == []


def test_blanks_do_not_count_as_text():
    _project, blockers = blockers_of(summary_ar="   ")
    assert len(blockers) == 1


def test_a_country_is_required(project):
    project.country_links.all().delete()
    assert len(project_publication_blockers(project)) == 1


def test_a_funder_is_required(project):
    project.participations.update(role=Participation.Role.IMPLEMENTER)
    assert len(project_publication_blockers(project)) == 1


def test_a_start_date_is_required():
    _project, blockers = blockers_of(start_date=None)
    assert len(blockers) == 1


def test_the_end_cannot_come_before_the_start():
    _project, blockers = blockers_of(start_date="2022-01-01", end_date="2021-01-01")
    assert len(blockers) == 1


@pytest.mark.parametrize(
    ("budget", "currency"),
    [(Decimal("-1"), "EUR"), (Decimal("1000"), ""), (None, "EUR")],
)
def test_the_budget_is_coherent(budget, currency):
    _project, blockers = blockers_of(budget=budget, budget_currency=currency)
    assert len(blockers) == 1


def test_a_contribution_needs_its_currency(project):
    project.participations.update(amount=Decimal("500000"), currency="")
    assert len(project_publication_blockers(project)) == 1


def test_contributions_cannot_exceed_the_budget_in_its_currency(project):
    project.budget, project.budget_currency = Decimal("1000000"), "EUR"
    project.save()
    project.participations.update(amount=Decimal("800000"), currency="EUR")
    ParticipationFactory(
        project=project, role=Participation.Role.FUNDER, amount=Decimal("300000"), currency="EUR"
    )
    assert len(project_publication_blockers(project)) == 1


def test_contributions_in_another_currency_are_not_added_to_the_budget(project):
    project.budget, project.budget_currency = Decimal("1000000"), "EUR"
    project.save()
    project.participations.update(amount=Decimal("5000000"), currency="MAD")
    assert project_publication_blockers(project) == []


def test_component_allocations_cannot_exceed_the_budget(project):
    project.budget, project.budget_currency = Decimal("1000000"), "EUR"
    project.save()
    ComponentFactory(project=project, amount=Decimal("600000"), currency="EUR")
    ComponentFactory(project=project, amount=Decimal("600000"), currency="EUR")
    assert len(project_publication_blockers(project)) == 1


def test_every_blocker_is_listed_at_once():
    _project, blockers = blockers_of(title_ar="", summary_fr="", start_date=None)
    assert len(blockers) == 3
