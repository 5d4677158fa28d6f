import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import translation

from projects.models import Participation, Project, Theme
from tests.factories import (
    ComponentFactory,
    DocumentFactory,
    IndicatorFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectRelationFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_project_end_before_start_is_refused():
    project = ProjectFactory.build(start_date=datetime.date(2021, 1, 1), end_date=datetime.date(2020, 1, 1))
    assert "end_date" in errors_of(project)


def test_project_budget_needs_a_currency_and_cannot_be_negative():
    project = ProjectFactory.build(budget=Decimal("25000000"), budget_currency="")
    assert "budget_currency" in errors_of(project)
    project = ProjectFactory.build(budget=Decimal("-1"), budget_currency="EUR")
    assert "budget" in errors_of(project)


def test_project_slug_defaults_to_slugified_acronym_and_iati_key_is_fixed():
    project = ProjectFactory(acronym="THAMM Plus", slug="")
    assert project.slug == "thamm-plus"
    assert project.iati_key == "THAMM-PLUS"
    project.slug = "renamed"
    project.save()
    project.refresh_from_db()
    assert project.iati_key == "THAMM-PLUS"


def test_project_slugs_are_unique():
    ProjectFactory(slug="amem")
    with pytest.raises(IntegrityError):
        ProjectFactory(slug="amem", acronym="AMEM2")


def test_participation_amount_needs_a_currency():
    participation = ParticipationFactory.build(
        project=ProjectFactory(), organisation=ParticipationFactory().organisation, amount=Decimal("10")
    )
    assert "currency" in errors_of(participation)


def test_participation_roles_map_to_iati_organisation_roles():
    assert Participation(role=Participation.Role.FUNDER).iati_role == "1"
    assert Participation(role=Participation.Role.COORDINATOR).iati_role == "2"
    assert Participation(role=Participation.Role.IMPLEMENTER).iati_role == "4"
    assert Participation(role=Participation.Role.BENEFICIARY).iati_role is None


def test_component_allocation_cannot_be_negative():
    component = ComponentFactory.build(project=ProjectFactory(), amount=Decimal("-5"), currency="USD")
    assert "amount" in errors_of(component)


def test_indicator_component_must_belong_to_the_same_project():
    indicator = IndicatorFactory.build(project=ProjectFactory(), component=ComponentFactory())
    assert "component" in errors_of(indicator)


def test_document_needs_an_address_or_a_file():
    document = DocumentFactory.build(project=ProjectFactory(), url="")
    assert "__all__" in errors_of(document)


def test_a_project_cannot_follow_itself():
    project = ProjectFactory()
    relation = ProjectRelationFactory.build(project=project, related=project)
    assert "related" in errors_of(relation)


def test_theme_dac_code_has_five_digits():
    assert "dac_code" in errors_of(Theme(name_fr="Emploi", slug="emploi", dac_code="160"))


def test_arabic_title_falls_back_to_french_when_blank():
    project = ProjectFactory(title_fr="Appui à la migration équitable", title_ar="")
    with translation.override("ar"):
        assert Project.objects.get(pk=project.pk).title == "Appui à la migration équitable"


def test_arabic_title_is_used_when_filled():
    project = ProjectFactory(title_fr="Appui", title_ar="دعم")
    with translation.override("ar"):
        assert Project.objects.get(pk=project.pk).title == "دعم"


def test_saving_a_translated_project_records_every_language_in_history():
    project = ProjectFactory(title_fr="Avant", title_ar="قبل")
    project.title_ar = "بعد"
    project.save()
    versions = list(project.history.order_by("history_date"))
    assert [v.title_ar for v in versions] == ["قبل", "بعد"]
    assert versions[-1].title_fr == "Avant"
