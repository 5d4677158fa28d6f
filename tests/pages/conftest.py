"""The registry of the public pages: three published projects with their
partners, components, activities, indicators, documents and events, and a
draft of every kind around them (tests/registry.py), whose markers must
never reach a public page, the feed or the sitemap."""

import datetime
from decimal import Decimal

import pytest

from activities.models import Activity, Event
from core.periods import DatePrecision
from projects.models import Participation, Project, ProjectRelation
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

Role = Participation.Role


@pytest.fixture
def registry(db):
    registry = build_registry(
        countries=("MA", "TN", "LY", "EG"),
        organisations=("ue", "oit", "giz", "usdol", "anapec"),
        themes=("labour-migration",),
    )
    morocco, tunisia, libya = registry["MA"], registry["TN"], registry["LY"]
    oit, anapec = registry["oit"], registry["anapec"]

    amem = registry["amem"] = project(
        registry,
        acronym="AMEM",
        title_fr="Appui à la migration équitable pour le Maghreb",
        title_ar="دعم الهجرة العادلة للمغرب العربي",
        title_en="Support to fair migration in the Maghreb",
        summary_fr="Protection des travailleurs migrants.",
        summary_ar="حماية العمال المهاجرين.",
        context_fr="Contexte de la mobilité régionale.",
        expected_results_fr="Des politiques migratoires équitables.",
        beneficiaries_fr="Travailleurs migrants et leurs familles.",
        target_groups_fr="Inspecteurs du travail.",
        stakeholders_fr="Partenaires sociaux.",
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2018, 8, 1),
        start_precision=DatePrecision.MONTH,
        end_date=datetime.date(2021, 7, 31),
        end_precision=DatePrecision.MONTH,
        duration_months=36,
        budget=Decimal("3000000"),
        budget_currency="EUR",
        countries=("MA", "TN"),
        suspended={"LY": "Activités suspendues pour des raisons de sécurité."},
        themes=("labour-migration",),
        funders={"ue": (Decimal("3000000"), "EUR")},
        implementers=("oit",),
        partners=("anapec",),
    )
    draft_org = draft_organisation(registry, amem, role=Role.INSTITUTIONAL_PARTNER)
    axis = ComponentFactory(project=amem, code="1", title_fr="Gouvernance des migrations de travail")
    axis.managers.add(oit, draft_org)
    ActivityFactory(
        project=amem,
        component=axis,
        code="1.1",
        country=morocco,
        title_fr="Étude sur le recrutement équitable",
    )
    ActivityFactory(project=amem, component=axis, code="1.2", country=None, title_fr="Atelier sous-régional")
    libyan = ActivityFactory(
        project=amem,
        component=axis,
        code="1.3",
        country=libya,
        title_fr="Formation des inspecteurs libyens",
        status=Activity.Status.SUSPENDED,
    )
    libyan.partners.add(anapec, draft_org)
    IndicatorFactory(
        project=amem, component=axis, label_fr="Enfants retirés du travail", target=1000, actual=250
    )
    DocumentFactory(project=amem, title_fr="Fiche du projet AMEM", date=datetime.date(2019, 3, 1))
    EventFactory(
        project=amem,
        title_fr="Atelier de lancement AMEM",
        title_ar="ورشة إطلاق برنامج أمم",
        start_date=datetime.date(2019, 2, 12),
        end_date=datetime.date(2019, 2, 13),
        kind=Event.Kind.LAUNCH,
        place_fr="Rabat",
        country=morocco,
    )
    drafts_inside(registry, amem, axis)

    thamm = registry["thamm"] = project(
        registry,
        acronym="THAMM",
        title_fr="Gouvernance de la migration et de la mobilité de main-d'œuvre",
        title_ar="حكامة الهجرة",
        title_en="Governance of migration and labour mobility",
        summary_fr="Mobilité légale et sécurité des travailleurs.",
        summary_ar="التنقل القانوني وأمن العمال.",
        status=Project.Status.CLOSED,
        start_date=datetime.date(2019, 1, 1),
        start_precision=DatePrecision.YEAR,
        end_date=datetime.date(2023, 12, 31),
        end_precision=DatePrecision.YEAR,
        budget=Decimal("15000000"),
        budget_currency="EUR",
        countries=("MA", "TN", "EG"),
        funders={"ue": (Decimal("15000000"), "EUR")},
        implementers=("oit", "giz"),
    )
    EventFactory(
        project=thamm,
        title_fr="Comité de pilotage THAMM",
        start_date=datetime.date(2020, 3, 1),
        date_precision=DatePrecision.MONTH,
        kind=Event.Kind.STEERING_COMMITTEE,
        country=tunisia,
    )

    registry["thamm_plus"] = project(
        registry,
        acronym="THAMM Plus",
        title_fr="THAMM Plus : mobilité de main-d'œuvre",
        title_ar="",
        title_en="",
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        countries=("MA",),
        funders={"giz": (Decimal("2500000"), "EUR"), "usdol": (Decimal("1200000"), "USD")},
        implementers=("giz",),
    )
    ProjectRelationFactory(project=registry["thamm_plus"], related=thamm, kind=ProjectRelation.Kind.FOLLOWS)

    # Its 1 MAD from the EU must count in no funder's total.
    draft = draft_project(
        registry, acronym="DRAFTP", slug="draft-project", countries=("EG",), funders={"ue": (1, "MAD")}
    )
    ProjectRelationFactory(project=draft, related=amem, kind=ProjectRelation.Kind.PART_OF)
    withheld_projects(registry)
    # An event of a cooperation partner, with no project.
    EventFactory(
        project=None,
        title_fr="Table ronde des partenaires",
        start_date=datetime.date(2021, 5, 1),
        kind=Event.Kind.ROUND_TABLE,
    )
    return registry


def html(response) -> str:
    return response.content.decode()
