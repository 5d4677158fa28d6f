"""Fixtures of the API tests: a client, a small registry with a draft of
every model, and throttle counters cleared between tests."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from activities.models import Event
from core.publication import Publication
from partners.models import Organisation
from projects.models import Participation, Project, ProjectCountry, ProjectRelation
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
    ProjectRelationFactory,
    ThemeFactory,
)

DRAFT = Publication.DRAFT
Role = Participation.Role


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "api_fuzz: property-based run of the whole API over HTTP (schemathesis; about a minute)"
    )


@pytest.fixture(autouse=True)
def _fresh_throttle_counters():
    # Rate limits count in the cache: every test starts with none used.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def registry(db):
    """Two published projects with one of everything, and a draft of every
    publishable model (marked "DRAFT" in its French title or name)."""
    morocco = CountryFactory(code="MA")
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس", name_en="Tunisia")
    libya = CountryFactory(code="LY", name_fr="Libye", name_ar="ليبيا", name_en="Libya")
    ue = OrganisationFactory(
        slug="ue",
        name_fr="Union européenne",
        name_ar="الاتحاد الأوروبي",
        name_en="European Union",
        acronym_fr="UE",
        acronym_ar="",
        acronym_en="EU",
        kind=Organisation.Kind.INTERGOVERNMENTAL,
    )
    oit = OrganisationFactory(
        slug="oit",
        name_fr="Organisation internationale du travail",
        name_ar="منظمة العمل الدولية",
        acronym_fr="OIT",
        acronym_en="ILO",
        kind=Organisation.Kind.UN_AGENCY,
    )
    anapec = OrganisationFactory(
        slug="anapec", acronym_fr="ANAPEC", country=morocco, kind=Organisation.Kind.PUBLIC_AGENCY
    )
    draft_organisation = OrganisationFactory(
        slug="draft-org", name_fr="DRAFT organisation", publication=DRAFT
    )
    migration = ThemeFactory(
        slug="labour-migration",
        name_fr="Migration de travail",
        name_ar="هجرة العمل",
        name_en="Labour migration",
    )

    thamm = ProjectFactory(
        acronym="THAMM",
        title_fr="Gouvernance de la migration de main-d'œuvre",
        title_ar="حكامة هجرة اليد العاملة",
        title_en="",
        budget=Decimal("15000000.00"),
        budget_currency="EUR",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2023, 12, 31),
    )
    amem = ProjectFactory(
        acronym="AMEM",
        title_fr="Appui à la migration équitable pour le Maghreb",
        title_ar="",
        title_en="Fair migration in the Maghreb",
        budget=Decimal("2000000.00"),
        budget_currency="USD",
        status=Project.Status.CLOSED,
        start_date=datetime.date(2018, 8, 1),
        end_date=datetime.date(2021, 7, 31),
    )
    draft_project = ProjectFactory(acronym="DRAFTP", title_fr="DRAFT project", publication=DRAFT)
    for project in (thamm, amem):
        project.themes.add(migration)
        ProjectCountryFactory(project=project, country=morocco)
        ProjectCountryFactory(project=project, country=tunisia)
    ProjectCountryFactory(
        project=thamm, country=libya, status=ProjectCountry.Status.SUSPENDED, note_fr="Sécurité"
    )
    ParticipationFactory(
        project=thamm,
        organisation=ue,
        role=Role.FUNDER,
        amount=Decimal("15000000"),
        currency="EUR",
        is_lead=True,
    )
    ParticipationFactory(
        project=amem, organisation=ue, role=Role.FUNDER, amount=Decimal("1000000"), currency="USD"
    )
    ParticipationFactory(project=thamm, organisation=oit, role=Role.IMPLEMENTER)
    ParticipationFactory(project=amem, organisation=oit, role=Role.IMPLEMENTER)
    ParticipationFactory(project=thamm, organisation=anapec, role=Role.INSTITUTIONAL_PARTNER, country=morocco)
    ParticipationFactory(
        project=thamm, organisation=draft_organisation, role=Role.FUNDER, amount=Decimal("5"), currency="EUR"
    )
    ParticipationFactory(project=draft_project, organisation=ue, role=Role.FUNDER)

    axis = ComponentFactory(
        project=thamm, code="1", title_fr="Axe 1 : gouvernance", amount=Decimal("1000.00"), currency="EUR"
    )
    axis.managers.add(oit)
    draft_component = ComponentFactory(project=thamm, code="9", title_fr="DRAFT component", publication=DRAFT)
    ComponentFactory(project=draft_project, code="1", title_fr="Component of a DRAFT project")
    activity = ActivityFactory(
        project=thamm, component=axis, country=morocco, title_fr="Étude sur les compétences"
    )
    activity.partners.add(anapec, draft_organisation)
    ActivityFactory(project=thamm, component=axis, title_fr="DRAFT activity", publication=DRAFT)
    ActivityFactory(project=thamm, component=draft_component, title_fr="Activity of a DRAFT component")
    IndicatorFactory(project=thamm, component=axis, label_fr="Travailleurs placés", target=Decimal("500"))
    IndicatorFactory(project=thamm, label_fr="DRAFT indicator", publication=DRAFT)
    IndicatorFactory(project=thamm, component=draft_component, label_fr="Indicateur sous un axe non publié")
    DocumentFactory(project=thamm, title_fr="Fiche THAMM")
    DocumentFactory(project=thamm, title_fr="DRAFT document", publication=DRAFT)
    ProjectRelationFactory(project=thamm, related=amem, kind=ProjectRelation.Kind.FOLLOWS)
    ProjectRelationFactory(project=thamm, related=draft_project, kind=ProjectRelation.Kind.PART_OF)
    launch = EventFactory(
        project=thamm, title_fr="Lancement de THAMM", kind=Event.Kind.LAUNCH, country=morocco
    )
    launch.organisations.add(ue, draft_organisation)
    EventFactory(project=None, title_fr="Table ronde de l'OIT", kind=Event.Kind.ROUND_TABLE)
    EventFactory(project=thamm, title_fr="DRAFT event", publication=DRAFT)
    EventFactory(project=draft_project, title_fr="Event of a DRAFT project")
    return {
        "thamm": thamm,
        "amem": amem,
        "draft_project": draft_project,
        "ue": ue,
        "oit": oit,
        "anapec": anapec,
        "draft_organisation": draft_organisation,
        "axis": axis,
        "draft_component": draft_component,
        "activity": activity,
        "launch": launch,
        "theme": migration,
    }
