"""Fixtures for the open-data tests: a registry with one complete project and
the official IATI oracle (schema + codelists) kept in `tests/iati/standard/`."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from core.publication import Publication
from partners.models import Organisation
from projects.models import Component, Participation, Project, ProjectCountry, ProjectRelation
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

IATI_DIR = Path(__file__).resolve().parent.parent / "iati" / "standard"
IATI_EXAMPLES = IATI_DIR.parent / "examples"
XML_NS = {"xml": "http://www.w3.org/XML/1998/namespace"}
DRAFT = Publication.DRAFT


@pytest.fixture(scope="session")
def iati_schema():
    return etree.XMLSchema(etree.parse(str(IATI_DIR / "schema" / "iati-activities-schema.xsd")))


class CodelistChecker:
    """Every coded value of an activity file against the IATI codelists, as
    `codelists/mapping.xml` assigns them (the schema does not check codes)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.mapping = etree.parse(str(folder / "mapping.xml"))
        self.lists = {}

    def codes(self, ref):
        if ref not in self.lists:
            path = self.folder / f"{ref}.xml"
            self.lists[ref] = (
                {code.text.strip() for code in etree.parse(str(path)).iter("code") if code.text}
                if path.exists()
                else None
            )
        return self.lists[ref]

    def problems(self, document) -> tuple[int, list[str]]:
        checked, problems = 0, []
        for mapping in self.mapping.iter("mapping"):
            path = mapping.findtext("path")
            ref = mapping.find("codelist").get("ref")
            condition = mapping.findtext("condition")
            if path.startswith("//@"):
                values = [str(value) for value in document.xpath(path, namespaces=XML_NS)]
            elif path.startswith(("//iati-activities", "//iati-activity")):
                element_path, attribute = path.rsplit("/@", 1) if "/@" in path else (path, None)
                values = []
                for element in document.xpath(element_path):
                    if condition and not element.xpath(condition):
                        continue
                    value = element.get(attribute) if attribute else (element.text or "").strip()
                    if value is not None:
                        values.append(value)
            else:
                continue
            for value in values:
                codes = self.codes(ref)
                if codes is None:
                    problems.append(f"{path}={value!r}: codelist {ref} is not in tests/iati/standard")
                    continue
                checked += 1
                if value not in codes:
                    problems.append(f"{path}={value!r} not in {ref}")
        return checked, problems


@pytest.fixture(scope="session")
def codelists():
    return CodelistChecker(IATI_DIR / "codelists")


@pytest.fixture
def assert_valid_iati(iati_schema, codelists):
    """Parse `content`, check it against the schema and the codelists, and
    return the document."""

    def check(content: bytes):
        document = etree.fromstring(content).getroottree()
        assert iati_schema.validate(document), [str(error) for error in iati_schema.error_log]
        checked, problems = codelists.problems(document)
        assert not problems, problems
        assert checked > 0
        return document

    return check


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)


@pytest.fixture
def registry(db):
    """A programme with one complete sub-project and the things around it,
    plus drafts that no export may show."""
    morocco = CountryFactory(code="MA", name_fr="Maroc", name_ar="المغرب", name_en="Morocco")
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس", name_en="Tunisia")
    libya = CountryFactory(code="LY", name_fr="Libye", name_ar="ليبيا", name_en="Libya")
    migration = ThemeFactory(slug="migration", name_fr="Migration de travail", dac_code="15190")
    employment = ThemeFactory(slug="employment", name_fr="Emploi", dac_code="16020")
    no_code = ThemeFactory(slug="dialogue", name_fr="Dialogue social", dac_code="")

    eu = OrganisationFactory(
        slug="ue",
        name_fr="Union européenne",
        name_ar="الاتحاد الأوروبي",
        name_en="European Union",
        acronym_fr="UE",
        kind=Organisation.Kind.INTERGOVERNMENTAL,
        iati_identifier="XI-IATI-EC_INTPA",
    )
    ilo = OrganisationFactory(
        slug="oit",
        name_fr="Organisation internationale du Travail",
        name_ar="منظمة العمل الدولية",
        acronym_fr="OIT",
        kind=Organisation.Kind.UN_AGENCY,
        iati_identifier="XM-DAC-41302",
    )
    ministry = OrganisationFactory(
        slug="mtip",
        name_fr="Ministère du Travail et de l'Insertion Professionnelle",
        name_ar="وزارة الشغل والإدماج المهني",
        name_en="",
        acronym_fr="MTIP",
        kind=Organisation.Kind.MINISTRY,
        country=morocco,
    )
    anapec = OrganisationFactory(
        slug="anapec",
        name_fr="ANAPEC",
        name_ar="أنابيك",
        kind=Organisation.Kind.PUBLIC_AGENCY,
        country=morocco,
    )
    union = OrganisationFactory(slug="umt", name_fr="UMT", kind=Organisation.Kind.TRADE_UNION)
    hidden_funder = OrganisationFactory(
        slug="secret-funder", name_fr="Bailleur en brouillon", publication=DRAFT
    )

    programme = ProjectFactory(
        acronym="PROG",
        title_fr="Programme régional de mobilité",
        title_ar="البرنامج الجهوي للتنقل",
        title_en="Regional mobility programme",
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2030, 12, 31),
    )
    ParticipationFactory(project=programme, organisation=eu, role=Participation.Role.FUNDER)
    predecessor = ProjectFactory(
        acronym="OLD",
        status=Project.Status.CLOSED,
        start_date=datetime.date(2014, 1, 1),
        end_date=datetime.date(2017, 12, 31),
    )
    ParticipationFactory(project=predecessor, organisation=ilo, role=Participation.Role.IMPLEMENTER)

    project = ProjectFactory(
        acronym="THAMM",
        title_fr="Vers une approche holistique de la gouvernance de la migration de travail",
        title_ar="نحو مقاربة شاملة لحكامة هجرة اليد العاملة",
        title_en="Towards a holistic approach to labour migration governance",
        summary_fr="Appui à la gouvernance de la migration de travail.",
        summary_ar="دعم حكامة هجرة اليد العاملة.",
        summary_en="",
        objective_fr="Renforcer les capacités des institutions.",
        objective_ar="تعزيز قدرات المؤسسات.",
        target_groups_fr="Jeunes diplômés",
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2019, 11, 1),
        end_date=datetime.date(2029, 10, 31),
        budget=Decimal("25000000.00"),
        budget_currency="EUR",
    )
    project.themes.set([migration, employment, no_code])
    ProjectCountryFactory(project=project, country=morocco, order=1)
    ProjectCountryFactory(project=project, country=tunisia, order=2)
    ProjectCountryFactory(project=project, country=libya, order=3, status=ProjectCountry.Status.SUSPENDED)
    ParticipationFactory(
        project=project,
        organisation=eu,
        role=Participation.Role.FUNDER,
        amount=Decimal("20000000"),
        currency="EUR",
    )
    ParticipationFactory(project=project, organisation=ilo, role=Participation.Role.IMPLEMENTER)
    ParticipationFactory(project=project, organisation=ilo, role=Participation.Role.INSTITUTIONAL_PARTNER)
    ParticipationFactory(project=project, organisation=ministry, role=Participation.Role.COORDINATOR)
    ParticipationFactory(project=project, organisation=anapec, role=Participation.Role.BENEFICIARY)
    ParticipationFactory(project=project, organisation=union, role=Participation.Role.STAKEHOLDER)
    ParticipationFactory(
        project=project,
        organisation=hidden_funder,
        role=Participation.Role.FUNDER,
        amount=Decimal("5"),
        currency="EUR",
    )
    ProjectRelationFactory(project=project, related=programme, kind=ProjectRelation.Kind.PART_OF)
    ProjectRelationFactory(project=project, related=predecessor, kind=ProjectRelation.Kind.FOLLOWS)

    objective = ComponentFactory(
        project=project,
        kind=Component.Kind.SPECIFIC_OBJECTIVE,
        code="OS 1",
        title_fr="Objectif spécifique 1",
        title_ar="الهدف الخاص 1",
        order=1,
    )
    draft_component = ComponentFactory(project=project, code="OS 9", title_fr="Brouillon", publication=DRAFT)
    IndicatorFactory(
        project=project,
        component=objective,
        label_fr="Conseillers formés",
        label_ar="المستشارون المكونون",
        baseline=Decimal("0"),
        target=Decimal("120"),
        actual=Decimal("95"),
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    )
    IndicatorFactory(project=project, label_fr="Taux d'insertion", unit_fr="%", target=Decimal("60.5"))
    IndicatorFactory(project=project, component=draft_component, label_fr="Sous brouillon", target=None)
    IndicatorFactory(project=project, label_fr="Indicateur caché", publication=DRAFT)
    DocumentFactory(
        project=project,
        kind="sheet",
        title_fr="Fiche du projet",
        title_ar="بطاقة المشروع",
        url="https://example.org/fiche.pdf",
        date=datetime.date(2020, 1, 15),
    )
    DocumentFactory(
        project=project, title_fr="Page du projet", url="https://example.org/thamm", kind="web_page"
    )
    DocumentFactory(project=project, title_fr="Document caché", publication=DRAFT)

    ActivityFactory(
        project=project,
        component=objective,
        country=morocco,
        code="1.1",
        title_fr="Étude sur la mobilité",
        title_ar="دراسة حول التنقل",
    )
    ActivityFactory(
        project=project, component=objective, code="1.2", title_fr="Activité cachée", publication=DRAFT
    )
    EventFactory(project=project, title_fr="Comité de pilotage", title_ar="لجنة القيادة", country=morocco)
    EventFactory(project=None, title_fr="Mission de l'UE", title_ar="بعثة الاتحاد الأوروبي")
    EventFactory(project=project, title_fr="Événement caché", publication=DRAFT)

    draft = ProjectFactory(acronym="DRAFTY", title_fr="Projet en brouillon", publication=DRAFT)
    ParticipationFactory(project=draft, organisation=eu, role=Participation.Role.FUNDER)
    ActivityFactory(project=draft, title_fr="Activité d'un brouillon")
    IndicatorFactory(project=draft, label_fr="Indicateur d'un brouillon")
    EventFactory(project=draft, title_fr="Événement d'un brouillon")

    incomplete = ProjectFactory(
        acronym="BARE",
        title_fr="Projet sans description",
        summary_fr="",
        summary_ar="",
        objective_fr="",
        objective_ar="",
        start_date=None,
        end_date=None,
    )
    return {
        "project": project,
        "programme": programme,
        "predecessor": predecessor,
        "draft": draft,
        "incomplete": incomplete,
        "organisations": {"eu": eu, "ilo": ilo, "ministry": ministry, "hidden": hidden_funder},
    }
