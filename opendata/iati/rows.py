"""What an IATI activity is written from: the projects of a selection and
their children, as plain rows, a chunk of projects at a time.

Each chunk costs the same eight queries (projects, participations, their
organisations, countries, themes, documents, indicators with their
components, and their reporting periods when there are indicators), whatever
the number of projects; the few programme links are
read once per file. The rows are tuples from `values_list()`, not model
instances: a model instance goes through modeltranslation and the model
signals, which cost more than writing the activity. The translated columns
are named per language, so the querysets skip modeltranslation's rewriting
(`rewrite(False)`).
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import models

from core.languages import CODES
from core.publication import Publication
from partners.models import Organisation
from projects.models import (
    Document,
    Indicator,
    IndicatorPeriod,
    Participation,
    Project,
    ProjectCountry,
    ProjectRelation,
)

LANGUAGES = CODES
# Projects per chunk: a chunk's rows take a few megabytes, and its key
# lists stay under SQLite's limit of 999 parameters per query.
CHUNK_SIZE = 500


def translated(*names: str) -> list[str]:
    return [f"{name}_{language}" for name in names for language in LANGUAGES]


PROJECT_COLUMNS = (
    "pk",
    "slug",
    "iati_key",
    "status",
    "start_date",
    "end_date",
    "budget",
    "budget_currency",
    "updated_at",
    *translated("title", "summary", "objective", "target_groups"),
)
ORGANISATION_COLUMNS = ("pk", "kind", "iati_identifier", *translated("name"))
PERIOD_COLUMNS = ("indicator_id", "project_id", "start", "end", "target", "actual", *translated("comment"))


class ParticipationRow(NamedTuple):
    pk: int
    role: str
    iati_role: str
    order: int
    amount: Decimal | None
    currency: str
    organisation: Any  # a row of ORGANISATION_COLUMNS


class DocumentRow(NamedTuple):
    link: str
    category: str
    language: str
    date: datetime.date | None
    title_fr: str
    title_ar: str
    title_en: str


@dataclass(slots=True)
class ActivityRows:
    """One project (a row of PROJECT_COLUMNS) and what its activity names."""

    project: Any
    participations: list[ParticipationRow] = field(default_factory=list)
    country_codes: list[str] = field(default_factory=list)
    dac_codes: list[str] = field(default_factory=list)
    documents: list[DocumentRow] = field(default_factory=list)
    indicators: list = field(default_factory=list)
    # An indicator's reporting periods (rows of PERIOD_COLUMNS), by its key.
    periods: dict[int, list] = field(default_factory=dict)
    parent_keys: list[str] = field(default_factory=list)
    child_keys: list[str] = field(default_factory=list)


def chunk_rows(ids: list[int], relations: "ProgrammeLinks") -> list[ActivityRows]:
    projects = (
        Project.objects.published()
        .rewrite(False)
        .filter(pk__in=ids)
        .order_by()
        .values_list(*PROJECT_COLUMNS, named=True)
    )
    by_id = {row.pk: ActivityRows(row) for row in projects}
    # The order of `ids`; a project unpublished since they were read is left out.
    chunk = [by_id[pk] for pk in ids if pk in by_id]
    if not chunk:
        return []
    ids = list(by_id)
    add_participations(by_id, ids)
    countries = (
        ProjectCountry.objects.rewrite(False)
        .filter(project__id__in=ids)
        .exclude(status=ProjectCountry.Status.SUSPENDED)
        .order_by("order", "country_id")
        .values_list("project_id", "country_id")
    )
    for project_id, country in countries:
        by_id[project_id].country_codes.append(country)
    themes = (
        Project.themes.through.objects.filter(project__id__in=ids)
        # The themes' own order, names in the activities' default language.
        .order_by("theme__order", "theme__name_fr", "theme_id")
        .values_list("project_id", "theme__dac_code")
    )
    for project_id, dac_code in themes:
        by_id[project_id].dac_codes.append(dac_code)
    add_documents(by_id, ids)
    add_indicators(by_id, ids)
    for project_id, rows in by_id.items():
        rows.parent_keys = relations.parents.get(project_id, [])
        rows.child_keys = relations.children.get(project_id, [])
    return chunk


def add_participations(by_id: dict[int, ActivityRows], ids: list[int]):
    """The participations in an IATI role of a published organisation, each
    with its organisation (read once per chunk: a few funders take part in
    thousands of projects)."""
    participations = Participation.objects.rewrite(False).filter(
        project__id__in=ids, role__in=list(Participation.IATI_ROLES)
    )
    organisations = (
        Organisation.objects.published()
        .rewrite(False)
        .filter(pk__in=participations.values("organisation_id"))
        .order_by()
        .values_list(*ORGANISATION_COLUMNS, named=True)
    )
    participations = participations.order_by("order", "pk").values_list(
        "project_id", "pk", "role", "order", "amount", "currency", "organisation_id"
    )
    organisations = {row.pk: row for row in organisations}
    iati_roles = Participation.IATI_ROLES
    for project_id, pk, role, order, amount, currency, organisation_id in participations:
        organisation = organisations.get(organisation_id)
        if organisation:  # else a draft
            row = ParticipationRow(pk, role, iati_roles[role], order, amount, currency, organisation)
            by_id[project_id].participations.append(row)


def add_documents(by_id: dict[int, ActivityRows], ids: list[int]):
    storage = Document._meta.get_field("file").storage
    categories = Document.IATI_CATEGORIES
    documents = (
        Document.objects.published()
        .rewrite(False)
        .filter(project__id__in=ids)
        .order_by("-date", "pk")
        .values_list("project_id", "url", "file", "kind", "language", "date", *translated("title"))
    )
    for project_id, url, file, kind, language, date, *titles in documents:
        link = storage.url(file) if file else url
        by_id[project_id].documents.append(DocumentRow(link, categories[kind], language, date, *titles))


def add_indicators(by_id: dict[int, ActivityRows], ids: list[int]):
    """Published indicators, with their component's publication, order,
    kind and title (an indicator of a draft component counts as the
    project's own)."""
    component = {
        "component_publication": models.F("component__publication"),
        "component_order": models.F("component__order"),
        "component_kind": models.F("component__kind"),
        **{f"component_title_{language}": models.F(f"component__title_{language}") for language in LANGUAGES},
    }
    indicators = (
        Indicator.objects.published()
        .rewrite(False)
        .filter(project__id__in=ids)
        .annotate(**component)
        .order_by("order", "pk")
        .values_list(
            "pk",
            "project_id",
            "component_id",
            *component,
            *translated("label", "unit", "note"),
            "baseline",
            "target",
            "actual",
            "period_start",
            "period_end",
            named=True,
        )
    )
    found = False
    for indicator in indicators:
        by_id[indicator.project_id].indicators.append(indicator)
        found = True
    if not found:
        return
    # Selected through the projects (at most a chunk's keys), not the
    # indicators, which may be more than SQLite takes as parameters.
    periods = (
        IndicatorPeriod.objects.rewrite(False)
        .filter(indicator__project__id__in=ids, indicator__publication=Publication.PUBLISHED)
        .annotate(project_id=models.F("indicator__project_id"))
        .order_by("start", "end", "pk")
        .values_list(*PERIOD_COLUMNS, named=True)
    )
    for period in periods:
        by_id[period.project_id].periods.setdefault(period.indicator_id, []).append(period)


class ProgrammeLinks(NamedTuple):
    parents: dict[int, list[str]]  # a sub-project's programmes (IATI keys)
    children: dict[int, list[str]]  # a programme's sub-projects


def programme_links() -> ProgrammeLinks:
    """Programme / sub-project links between published projects, read once
    per file: they are few (one project in a hundred is part of another)."""
    relations = (
        ProjectRelation.objects.published()
        .filter(kind=ProjectRelation.Kind.PART_OF)
        .order_by("pk")
        .values_list("project_id", "project__iati_key", "related_id", "related__iati_key")
    )
    links = ProgrammeLinks(defaultdict(list), defaultdict(list))
    for project_id, project_key, related_id, related_key in relations:
        links.parents[project_id].append(related_key)
        links.children[related_id].append(project_key)
    return links
