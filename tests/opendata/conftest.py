"""Fixtures for the open-data tests: a registry with one complete project and
the official IATI oracle (schema + codelists) kept in `tests/iati/standard/`."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from projects.models import Component, IndicatorPeriod, Participation, Project, ProjectRelation
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    ParticipationFactory,
    ProjectFactory,
    ProjectRelationFactory,
)
from tests.registry import (
    DRAFT_MARKERS,
    build_registry,
    draft_organisation,
    draft_project,
    drafts_inside,
    project,
    withheld_projects,
)

IATI_DIR = Path(__file__).resolve().parent.parent / "iati" / "standard"
IATI_EXAMPLES = IATI_DIR.parent / "examples"
XML_NS = {"xml": "http://www.w3.org/XML/1998/namespace"}
Role = Participation.Role


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
    plus the drafts of tests/registry.py, which no export may show."""
    registry = build_registry(
        countries=("MA", "TN", "LY"),
        organisations=("ue", "oit", "mtip", "anapec", "umt"),
        themes=("labour-migration", "employment", "dialogue"),
    )
    programme = registry["programme"] = project(
        registry,
        acronym="PROG",
        title_fr="Programme régional de mobilité",
        title_ar="البرنامج الجهوي للتنقل",
        title_en="Regional mobility programme",
        status=Project.Status.IMPLEMENTATION,
        start_date=datetime.date(2018, 1, 1),
        end_date=datetime.date(2030, 12, 31),
        funders={"ue": None},
    )
    predecessor = registry["predecessor"] = project(
        registry,
        acronym="OLD",
        status=Project.Status.CLOSED,
        start_date=datetime.date(2014, 1, 1),
        end_date=datetime.date(2017, 12, 31),
        implementers=("oit",),
    )

    thamm = registry["project"] = project(
        registry,
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
        countries=("MA", "TN"),
        suspended={"LY": ""},
        themes=("labour-migration", "employment", "dialogue"),
        funders={"ue": (Decimal("20000000"), "EUR")},
        implementers=("oit",),
        partners=("oit",),
    )
    for name, role in (("mtip", Role.COORDINATOR), ("anapec", Role.BENEFICIARY), ("umt", Role.STAKEHOLDER)):
        ParticipationFactory(project=thamm, organisation=registry[name], role=role)
    draft_organisation(registry, thamm, slug="secret-funder", amount=Decimal("5"), currency="EUR")
    ProjectRelationFactory(project=thamm, related=programme, kind=ProjectRelation.Kind.PART_OF)
    ProjectRelationFactory(project=thamm, related=predecessor, kind=ProjectRelation.Kind.FOLLOWS)

    objective = ComponentFactory(
        project=thamm,
        kind=Component.Kind.SPECIFIC_OBJECTIVE,
        code="OS 1",
        title_fr="Objectif spécifique 1",
        title_ar="الهدف الخاص 1",
        order=1,
    )
    trained = IndicatorFactory(
        project=thamm,
        component=objective,
        label_fr="Conseillers formés",
        label_ar="المستشارون المكونون",
        baseline=Decimal("0"),
        target=Decimal("120"),
        actual=Decimal("95"),
        period_start=datetime.date(2024, 1, 1),
        period_end=datetime.date(2024, 12, 31),
    )
    # Two reporting periods of it; the draft indicator's period stays hidden.
    registry["first_period"] = IndicatorPeriod.objects.create(
        indicator=trained,
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 6, 30),
        target=Decimal("60"),
        actual=Decimal("41"),
        comment_fr="Premier semestre",
        comment_ar="الأسدس الأول",
        source="https://example.org/rapport-2024.pdf",
    )
    IndicatorPeriod.objects.create(
        indicator=trained,
        start=datetime.date(2024, 7, 1),
        end=datetime.date(2024, 12, 31),
        target=Decimal("60"),
    )
    IndicatorFactory(project=thamm, label_fr="Taux d'insertion", unit_fr="%", target=Decimal("60.5"))
    DocumentFactory(
        project=thamm,
        kind="sheet",
        title_fr="Fiche du projet",
        title_ar="بطاقة المشروع",
        url="https://example.org/fiche.pdf",
        date=datetime.date(2020, 1, 15),
    )
    DocumentFactory(
        project=thamm, title_fr="Page du projet", url="https://example.org/thamm", kind="web_page"
    )
    ActivityFactory(
        project=thamm,
        component=objective,
        country=registry["MA"],
        code="1.1",
        title_fr="Étude sur la mobilité",
        title_ar="دراسة حول التنقل",
    )
    EventFactory(
        project=thamm, title_fr="Comité de pilotage", title_ar="لجنة القيادة", country=registry["MA"]
    )
    EventFactory(project=None, title_fr="Mission de l'UE", title_ar="بعثة الاتحاد الأوروبي")
    drafts_inside(registry, thamm, objective, code="OS 9")
    IndicatorPeriod.objects.create(
        indicator=registry["draft_indicator"],
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
        actual=Decimal("7"),
        comment_fr=DRAFT_MARKERS[0],
    )
    # Published, under a draft component: exported with the project's own indicators.
    IndicatorFactory(
        project=thamm, component=registry["draft_component"], label_fr="Sous brouillon", target=None
    )
    draft_project(registry, acronym="DRAFTY", funders={"ue": None})
    withheld_projects(registry)

    registry["incomplete"] = ProjectFactory(
        acronym="BARE",
        title_fr="Projet sans description",
        summary_fr="",
        summary_ar="",
        objective_fr="",
        objective_ar="",
        start_date=None,
        end_date=None,
    )
    return registry
