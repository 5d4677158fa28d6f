"""A small registry for the public pages: three published projects with
their partners, components, activities, indicators, documents and events,
and one draft of every kind, each carrying a marker that must never reach
a public page, the feed or the sitemap."""

import datetime
from decimal import Decimal

import pytest

from activities.models import Activity, Event
from core.periods import DatePrecision
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

# Every draft record's title carries one of these; none may be public.
DRAFT_MARKERS = (
    "DRAFTPROJECTMARK",
    "DRAFTORGMARK",
    "DRAFTCOMPONENTMARK",
    "DRAFTACTIVITYMARK",
    "DRAFTEVENTMARK",
    "DRAFTINDICATORMARK",
    "DRAFTDOCUMENTMARK",
)


@pytest.fixture
def registry(db):
    morocco = CountryFactory(code="MA")
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس", name_en="Tunisia")
    libya = CountryFactory(code="LY", name_fr="Libye", name_ar="ليبيا", name_en="Libya")
    egypt = CountryFactory(code="EG", name_fr="Égypte", name_ar="مصر", name_en="Egypt")

    ue = OrganisationFactory(
        slug="ue",
        name_fr="Union européenne",
        name_ar="الاتحاد الأوروبي",
        name_en="European Union",
        acronym_fr="UE",
        acronym_en="EU",
        kind=Organisation.Kind.INTERGOVERNMENTAL,
    )
    oit = OrganisationFactory(
        slug="oit",
        name_fr="Organisation internationale du Travail",
        name_ar="منظمة العمل الدولية",
        name_en="International Labour Organization",
        acronym_fr="OIT",
        acronym_ar="",
        acronym_en="ILO",
        aliases="BIT\nBureau international du Travail",
        kind=Organisation.Kind.UN_AGENCY,
    )
    giz = OrganisationFactory(
        slug="giz",
        name_fr="Agence allemande de coopération internationale",
        name_en="German Agency for International Cooperation",
        acronym_fr="GIZ",
        kind=Organisation.Kind.BILATERAL_AGENCY,
        country=CountryFactory(code="DE", name_fr="Allemagne", name_ar="ألمانيا", name_en="Germany"),
    )
    usdol = OrganisationFactory(
        slug="usdol",
        name_fr="Département du Travail des États-Unis",
        acronym_fr="USDOL",
        kind=Organisation.Kind.GOVERNMENT,
    )
    anapec = OrganisationFactory(
        slug="anapec",
        name_fr="Agence nationale de promotion de l'emploi et des compétences",
        name_ar="الوكالة الوطنية لإنعاش التشغيل والكفاءات",
        acronym_fr="ANAPEC",
        kind=Organisation.Kind.PUBLIC_AGENCY,
        country=morocco,
    )
    draft_organisation = OrganisationFactory(
        slug="draft-org",
        name_fr="DRAFTORGMARK Organisation",
        name_ar="DRAFTORGMARK منظمة",
        name_en="DRAFTORGMARK Organisation",
        acronym_fr="",
        publication=DRAFT,
    )
    migration = ThemeFactory(slug="labour-migration", name_fr="Migration de main-d'œuvre")

    amem = ProjectFactory(
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
    )
    amem.themes.add(migration)
    for order, country in enumerate((morocco, tunisia)):
        ProjectCountryFactory(project=amem, country=country, order=order)
    ProjectCountryFactory(
        project=amem,
        country=libya,
        order=3,
        status=ProjectCountry.Status.SUSPENDED,
        note_fr="Activités suspendues pour des raisons de sécurité.",
    )
    ParticipationFactory(
        project=amem, organisation=ue, role=Role.FUNDER, amount=Decimal("3000000"), currency="EUR"
    )
    ParticipationFactory(project=amem, organisation=oit, role=Role.IMPLEMENTER)
    ParticipationFactory(project=amem, organisation=anapec, role=Role.INSTITUTIONAL_PARTNER, country=morocco)
    ParticipationFactory(project=amem, organisation=draft_organisation, role=Role.INSTITUTIONAL_PARTNER)

    axis = ComponentFactory(project=amem, code="1", title_fr="Gouvernance des migrations de travail")
    axis.managers.add(oit, draft_organisation)
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
    libyan.partners.add(anapec, draft_organisation)
    ActivityFactory(
        project=amem,
        component=axis,
        code="1.9",
        title_fr="DRAFTACTIVITYMARK",
        title_ar="DRAFTACTIVITYMARK",
        title_en="DRAFTACTIVITYMARK",
        publication=DRAFT,
    )
    draft_component = ComponentFactory(
        project=amem,
        code="9",
        title_fr="DRAFTCOMPONENTMARK",
        title_ar="DRAFTCOMPONENTMARK",
        title_en="DRAFTCOMPONENTMARK",
        publication=DRAFT,
    )
    # Published itself, but inside a draft component: not public either.
    ActivityFactory(
        project=amem,
        component=draft_component,
        code="9.1",
        title_fr="DRAFTACTIVITYMARK inside",
        title_ar="DRAFTACTIVITYMARK inside",
        title_en="DRAFTACTIVITYMARK inside",
    )
    IndicatorFactory(
        project=amem, component=axis, label_fr="Enfants retirés du travail", target=1000, actual=250
    )
    IndicatorFactory(
        project=amem, label_fr="DRAFTINDICATORMARK", label_ar="DRAFTINDICATORMARK", publication=DRAFT
    )
    DocumentFactory(project=amem, title_fr="Fiche du projet AMEM", date=datetime.date(2019, 3, 1))
    DocumentFactory(
        project=amem,
        title_fr="DRAFTDOCUMENTMARK",
        title_ar="DRAFTDOCUMENTMARK",
        title_en="DRAFTDOCUMENTMARK",
        publication=DRAFT,
    )
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
    EventFactory(
        project=amem,
        title_fr="DRAFTEVENTMARK",
        title_ar="DRAFTEVENTMARK",
        title_en="DRAFTEVENTMARK",
        publication=DRAFT,
    )

    thamm = ProjectFactory(
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
    )
    for country in (morocco, tunisia, egypt):
        ProjectCountryFactory(project=thamm, country=country)
    ParticipationFactory(
        project=thamm, organisation=ue, role=Role.FUNDER, amount=Decimal("15000000"), currency="EUR"
    )
    ParticipationFactory(project=thamm, organisation=oit, role=Role.IMPLEMENTER)
    ParticipationFactory(project=thamm, organisation=giz, role=Role.IMPLEMENTER)
    EventFactory(
        project=thamm,
        title_fr="Comité de pilotage THAMM",
        start_date=datetime.date(2020, 3, 1),
        date_precision=DatePrecision.MONTH,
        kind=Event.Kind.STEERING_COMMITTEE,
        country=tunisia,
    )

    thamm_plus = ProjectFactory(
        acronym="THAMM Plus",
        title_fr="THAMM Plus : mobilité de main-d'œuvre",
        title_ar="",
        title_en="",
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2023, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    ProjectCountryFactory(project=thamm_plus, country=morocco)
    ParticipationFactory(
        project=thamm_plus, organisation=giz, role=Role.FUNDER, amount=Decimal("2500000"), currency="EUR"
    )
    ParticipationFactory(
        project=thamm_plus, organisation=usdol, role=Role.FUNDER, amount=Decimal("1200000"), currency="USD"
    )
    ParticipationFactory(project=thamm_plus, organisation=giz, role=Role.IMPLEMENTER)
    ProjectRelationFactory(project=thamm_plus, related=thamm, kind=ProjectRelation.Kind.FOLLOWS)

    draft_project = ProjectFactory(
        acronym="DRAFTP",
        slug="draft-project",
        title_fr="DRAFTPROJECTMARK",
        title_ar="DRAFTPROJECTMARK",
        title_en="DRAFTPROJECTMARK",
        publication=DRAFT,
    )
    ProjectCountryFactory(project=draft_project, country=egypt)
    ParticipationFactory(project=draft_project, organisation=ue, role=Role.FUNDER, amount=1, currency="MAD")
    ComponentFactory(
        project=draft_project,
        code="1",
        title_fr="DRAFTCOMPONENTMARK of a draft project",
        title_ar="DRAFTCOMPONENTMARK of a draft project",
        title_en="DRAFTCOMPONENTMARK of a draft project",
    )
    EventFactory(
        project=draft_project,
        title_fr="DRAFTEVENTMARK of a draft project",
        title_ar="DRAFTEVENTMARK of a draft project",
        title_en="DRAFTEVENTMARK of a draft project",
    )
    ProjectRelationFactory(project=draft_project, related=amem, kind=ProjectRelation.Kind.PART_OF)
    # An event of a cooperation partner, with no project.
    EventFactory(
        project=None,
        title_fr="Table ronde des partenaires",
        start_date=datetime.date(2021, 5, 1),
        kind=Event.Kind.ROUND_TABLE,
    )
    return {
        "amem": amem,
        "thamm": thamm,
        "thamm_plus": thamm_plus,
        "draft_project": draft_project,
        "oit": oit,
        "ue": ue,
        "giz": giz,
        "usdol": usdol,
        "anapec": anapec,
        "draft_organisation": draft_organisation,
    }


def html(response) -> str:
    return response.content.decode()
