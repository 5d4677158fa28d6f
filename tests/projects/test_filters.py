"""The project FilterSet: the one definition of filters for pages and API."""

import datetime

import pytest

from partners.models import Organisation
from projects.filters import ProjectFilterSet
from projects.models import Participation, Project
from tests.factories import (
    CountryFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def filtered(**params):
    filterset = ProjectFilterSet(params, queryset=Project.objects.published())
    assert filterset.is_valid(), filterset.errors
    return set(filterset.qs.values_list("acronym", flat=True))


def errors(**params):
    filterset = ProjectFilterSet(params, queryset=Project.objects.published())
    assert not filterset.is_valid()
    return filterset.errors


@pytest.fixture
def registry():
    morocco = CountryFactory(code="MA")
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس", name_en="Tunisia")
    egypt = CountryFactory(code="EG", name_fr="Égypte", name_ar="مصر", name_en="Egypt")
    ue = OrganisationFactory(slug="ue", acronym_fr="UE", kind=Organisation.Kind.INTERGOVERNMENTAL)
    oit = OrganisationFactory(
        slug="oit", acronym_fr="OIT", acronym_en="ILO", name_ar="منظمة العمل الدولية", aliases="BIT"
    )
    amem = ProjectFactory(
        acronym="AMEM",
        title_fr="Appui à la migration équitable pour le Maghreb",
        title_ar="دعم الهجرة العادلة للمغرب العربي",
        summary_fr="Protection des travailleurs migrants.",
        summary_ar="حماية العمال المهاجرين.",
        start_date=datetime.date(2018, 8, 1),
        end_date=datetime.date(2021, 7, 31),
    )
    thamm = ProjectFactory(
        acronym="THAMM",
        title_fr="Gouvernance de la migration et de la mobilité de main-d'œuvre",
        title_ar="حكامة الهجرة",
        summary_fr="Mobilité légale.",
        summary_ar="التنقل القانوني.",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2023, 12, 31),
        status=Project.Status.CLOSED,
    )
    ProjectFactory(acronym="DRAFT", publication="draft")
    for project, countries in ((amem, [morocco, tunisia]), (thamm, [morocco, egypt])):
        for country in countries:
            ProjectCountryFactory(project=project, country=country)
    ParticipationFactory(project=thamm, organisation=ue, role=Participation.Role.FUNDER)
    ParticipationFactory(project=amem, organisation=oit, role=Participation.Role.IMPLEMENTER)
    ParticipationFactory(project=thamm, organisation=oit, role=Participation.Role.IMPLEMENTER)
    amem.themes.add(ThemeFactory(slug="labour-migration"))


def test_several_countries_are_or_ed(registry):
    assert filtered(country=["TN"]) == {"AMEM"}
    assert filtered(country=["TN", "EG"]) == {"AMEM", "THAMM"}


def test_funder_and_implementer_by_slug(registry):
    assert filtered(funder=["ue"]) == {"THAMM"}
    assert filtered(implementer=["oit"]) == {"AMEM", "THAMM"}
    assert filtered(partner=["ue"]) == {"THAMM"}


def test_status_theme_and_year(registry):
    assert filtered(status=["closed"]) == {"THAMM"}
    assert filtered(theme=["labour-migration"]) == {"AMEM"}
    assert filtered(year=["2022"]) == {"THAMM"}
    assert filtered(year=["2018", "2023"]) == {"AMEM", "THAMM"}


def test_search_ignores_accents_and_case(registry):
    assert filtered(q="EQUITABLE") == {"AMEM"}
    assert filtered(q="mobilite main-d'œuvre") == {"THAMM"}


def test_search_ignores_arabic_diacritics_and_letter_forms(registry):
    assert filtered(q="الهِجْرَة") == {"AMEM", "THAMM"}
    assert filtered(q="العادله") == {"AMEM"}


def test_search_finds_projects_through_any_name_of_an_organisation(registry):
    assert filtered(q="ILO") == {"AMEM", "THAMM"}
    assert filtered(q="bit") == {"AMEM", "THAMM"}
    assert filtered(q="منظمة العمل") == {"AMEM", "THAMM"}


def test_drafts_never_match(registry):
    assert "DRAFT" not in filtered(q="projet")


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("year", "abc"),
        ("year", "1e400"),
        ("status", "finished"),
        ("country", "ZZ"),
        ("funder", "unknown-body"),
        ("ordering", "search_text"),
    ],
)
def test_invalid_values_are_errors_naming_the_parameter(registry, name, value):
    assert name in errors(**{name: [value] if name != "ordering" else value})


def test_search_does_not_reveal_a_draft_organisations_name(registry):
    hidden = OrganisationFactory(slug="secret", name_fr="Bailleur confidentiel", publication="draft")
    ParticipationFactory(project=Project.objects.get(acronym="AMEM"), organisation=hidden)
    assert filtered(q="confidentiel") == set()
