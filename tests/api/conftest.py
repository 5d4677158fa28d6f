"""Fixtures of the API tests: a client, a small registry with a draft of
every model, and throttle counters cleared between tests."""

import datetime
from decimal import Decimal

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

from activities.models import Event
from core.feed import catch_up
from projects.models import Project, ProjectRelation
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    ProjectRelationFactory,
)
from tests.registry import (
    build_registry,
    draft_organisation,
    draft_project,
    drafts_inside,
    project,
    withheld_projects,
)


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
    publishable model (tests/registry.py)."""
    registry = build_registry(
        countries=("MA", "TN", "LY"), organisations=("ue", "oit", "anapec"), themes=("labour-migration",)
    )
    thamm = registry["thamm"] = project(
        registry,
        acronym="THAMM",
        title_fr="Gouvernance de la migration de main-d'œuvre",
        title_ar="حكامة هجرة اليد العاملة",
        title_en="",
        budget=Decimal("15000000.00"),
        budget_currency="EUR",
        start_date=datetime.date(2019, 1, 1),
        end_date=datetime.date(2023, 12, 31),
        countries=("MA", "TN"),
        suspended={"LY": "Sécurité"},
        themes=("labour-migration",),
        funders={"ue": (Decimal("15000000"), "EUR")},
        lead="ue",
        implementers=("oit",),
        partners=("anapec",),
    )
    amem = registry["amem"] = project(
        registry,
        acronym="AMEM",
        title_fr="Appui à la migration équitable pour le Maghreb",
        title_ar="",
        title_en="Fair migration in the Maghreb",
        budget=Decimal("2000000.00"),
        budget_currency="USD",
        status=Project.Status.CLOSED,
        start_date=datetime.date(2018, 8, 1),
        end_date=datetime.date(2021, 7, 31),
        countries=("MA", "TN"),
        themes=("labour-migration",),
        funders={"ue": (Decimal("1000000"), "USD")},
        implementers=("oit",),
    )
    draft_org = draft_organisation(registry, thamm, amount=Decimal("5"), currency="EUR")
    axis = registry["axis"] = ComponentFactory(
        project=thamm, code="1", title_fr="Axe 1 : gouvernance", amount=Decimal("1000.00"), currency="EUR"
    )
    axis.managers.add(registry["oit"])
    activity = registry["activity"] = ActivityFactory(
        project=thamm, component=axis, country=registry["MA"], title_fr="Étude sur les compétences"
    )
    activity.partners.add(registry["anapec"], draft_org)
    IndicatorFactory(project=thamm, component=axis, label_fr="Travailleurs placés", target=Decimal("500"))
    DocumentFactory(project=thamm, title_fr="Fiche THAMM")
    launch = registry["launch"] = EventFactory(
        project=thamm, title_fr="Lancement de THAMM", kind=Event.Kind.LAUNCH, country=registry["MA"]
    )
    launch.organisations.add(registry["ue"], draft_org)
    EventFactory(project=None, title_fr="Table ronde de l'OIT", kind=Event.Kind.ROUND_TABLE)
    drafts_inside(registry, thamm, axis)
    # Published, under a draft axis: an indicator is public on its own.
    IndicatorFactory(
        project=thamm, component=registry["draft_component"], label_fr="Indicateur sous un axe non publié"
    )
    draft = draft_project(registry, acronym="DRAFTP", funders={"ue": None})
    ProjectRelationFactory(project=thamm, related=amem, kind=ProjectRelation.Kind.FOLLOWS)
    ProjectRelationFactory(project=thamm, related=draft, kind=ProjectRelation.Kind.PART_OF)
    withheld_projects(registry)
    # As after load_registry: the change feed knows what the API shows.
    catch_up()
    return registry
