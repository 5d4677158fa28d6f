"""Downloads of the published registry: one table per resource (projects,
organisations, participations, activities, events, indicators) as CSV, XLSX
or JSON, with the same filters as the lists.

Every table has the same shape in the three formats:

* columns have a stable machine name (`title_fr`, `status`), a French label
  and an Arabic label. CSV and XLSX carry them as three header rows: machine
  names, then French labels, then Arabic labels; data starts on row 4. JSON
  carries them in `fields`, beside `rows` keyed by machine name.
* a translated text gives one column per language (`title_fr`, `title_ar`,
  `title_en`); a code gives its column and its label in French and Arabic
  (`status`, `status_fr`, `status_ar`), so a spreadsheet reader needs no
  codebook.
* several values in one cell (CSV, XLSX) are separated by "; "; JSON gives
  a list. Dates are ISO 8601 (YYYY-MM-DD).
* CSV is UTF-8 with a byte-order mark (so Excel shows Arabic), comma
  separated; a text starting with = + - @ gets a leading apostrophe there,
  so that a spreadsheet does not run it as a formula (XLSX and JSON keep it
  as it is).

CSV and JSON are streamed row by row from a chunked query; XLSX is written by
openpyxl in write-only mode to a temporary file, then sent.
"""

import csv
import datetime
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.db import models
from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.urls import NoReverseMatch
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from activities.filters import ActivityFilterSet, EventFilterSet
from activities.models import Activity, Event
from cooperation.publication import Publication
from partners.filters import OrganisationFilterSet
from partners.models import Organisation
from projects.filters import IndicatorFilterSet, ProjectFilterSet
from projects.models import Component, Indicator, Participation, Project, ProjectCountry, ProjectRelation

PUBLISHED = Publication.PUBLISHED
TEXT_LANGUAGES = ("fr", "ar", "en")
LABEL_LANGUAGES = ("fr", "ar")
LANGUAGE_NAMES = dict(settings.LANGUAGES)
SEPARATOR = "; "
CHUNK_SIZE = 500
ROWS_PER_PIECE = 100
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_TEXT = 32_767
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


# Columns


@dataclass(frozen=True)
class Column:
    name: str
    label: Any
    value: Callable[[Any], Any]
    description: Any = ""
    # A path on this site, written as an absolute address.
    link: bool = False

    def label_in(self, language: str) -> str:
        with translation.override(language):
            return str(self.label)


def verbose(model, name: str):
    return model._meta.get_field(name).verbose_name


def in_language(label, language: str):
    return format_lazy(_("{field} ({language})"), field=label, language=LANGUAGE_NAMES[language])


def column(name: str, label, description, value: Callable | None = None, **options) -> Column:
    return Column(name, label, value or (lambda obj: getattr(obj, name)), description, **options)


def translated(name: str, label, description, through: Callable | None = None, source: str = "") -> list:
    """One column per language of a translated field (of `through(obj)` if given)."""
    source = source or name
    columns = []
    for language in TEXT_LANGUAGES:
        attribute = f"{source}_{language}"

        def value(obj, attribute=attribute):
            target = through(obj) if through else obj
            return getattr(target, attribute, "") if target is not None else ""

        columns.append(Column(f"{name}_{language}", in_language(label, language), value, description))
    return columns


@lru_cache(maxsize=64)
def choice_labels(choices: type[models.Choices], language: str) -> dict[str, str]:
    with translation.override(language):
        return {choice.value: str(choice.label) for choice in choices}


def coded(
    name: str, label, description, choices: type[models.Choices], value: Callable | None = None
) -> list:
    """The code, then its label in French and in Arabic."""
    code = value or (lambda obj: getattr(obj, name))
    columns = [Column(name, label, code, description)]
    for language in LABEL_LANGUAGES:

        def label_value(obj, language=language):
            current = code(obj)
            return choice_labels(choices, language).get(current, current) if current else ""

        columns.append(
            Column(
                f"{name}_{language}",
                in_language(label, language),
                label_value,
                format_lazy(
                    _("The label of {field}, in {language}."), field=name, language=LANGUAGE_NAMES[language]
                ),
            )
        )
    return columns


def name_in(obj, language: str) -> str:
    """A translated name, falling back to French so that lists stay aligned."""
    if obj is None:
        return ""
    return getattr(obj, f"name_{language}", "") or obj.name_fr


def listed(name: str, label, description, items: Callable, code: Callable) -> list:
    """The codes (slugs, ISO codes) of related records, then their names in
    French and in Arabic, in the same order."""
    columns = [Column(name, label, lambda obj: [code(item) for item in items(obj)], description)]
    for language in LABEL_LANGUAGES:
        columns.append(
            Column(
                f"{name}_{language}",
                in_language(label, language),
                lambda obj, language=language: [name_in(item, language) for item in items(obj)],
                format_lazy(
                    _("The names of {field}, in {language}."), field=name, language=LANGUAGE_NAMES[language]
                ),
            )
        )
    return columns


def country_columns(name: str, label, description, get: Callable) -> list:
    """A country's ISO code, then its name in French and in Arabic."""
    columns = [Column(name, label, lambda obj: get(obj).code if get(obj) else "", description)]
    for language in LABEL_LANGUAGES:
        columns.append(
            Column(
                f"{name}_{language}",
                in_language(label, language),
                lambda obj, language=language: name_in(get(obj), language),
                format_lazy(
                    _("The name of {field}, in {language}."), field=name, language=LANGUAGE_NAMES[language]
                ),
            )
        )
    return columns


def page(obj) -> str:
    try:
        return obj.get_absolute_url()
    except NoReverseMatch:  # the public pages are not wired (yet)
        return ""


def public(obj):
    """`obj` when the public may see it, else None (a draft parent, component...)."""
    return obj if obj is not None and obj.publication == PUBLISHED else None


UPDATED = column("updated_at", _("last update"), _("When the record was last changed (ISO 8601)."))
PAGE = column("url", _("page"), _("Address of the record's public page."), lambda obj: page(obj), link=True)


# Resources


@dataclass(frozen=True)
class Resource:
    name: str
    title: Any
    description: Any
    columns: tuple[Column, ...]
    # Published rows, before filters.
    queryset: Callable[[], models.QuerySet]
    # What each row needs, in a fixed number of queries per chunk.
    load: Callable[[models.QuerySet], models.QuerySet] = lambda queryset: queryset
    filterset_class: type | None = None

    def rows(self, queryset, *, base_url: str) -> Iterator[list]:
        queryset = self.load(queryset)
        ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
        if "pk" not in ordering:
            ordering.append("pk")
        for obj in queryset.order_by(*ordering).iterator(chunk_size=CHUNK_SIZE):
            row = []
            for col in self.columns:
                value = col.value(obj)
                if col.link and value:
                    value = urljoin(base_url, value)
                row.append(value)
            yield row


def _projects(queryset):
    from projects.models import ProjectRelation

    return queryset.for_list().prefetch_related(
        models.Prefetch(
            "relations",
            queryset=ProjectRelation.objects.filter(related__publication=PUBLISHED).select_related("related"),
            to_attr="public_relations",
        )
    )


def _related(kind):
    return lambda project: [
        relation.related for relation in project.public_relations if relation.kind == kind
    ]


def _participants(role):
    return lambda project: [
        participation.organisation
        for participation in project.main_participations
        if participation.role == role
    ]


def _countries(project, suspended=None):
    return [
        link.country
        for link in project.country_links.all()
        if suspended is None or (link.status == ProjectCountry.Status.SUSPENDED) == suspended
    ]


PROJECTS = Resource(
    name="projects",
    title=_("Projects"),
    description=_("Published cooperation projects, one row each."),
    queryset=lambda: Project.objects.published(),
    load=_projects,
    filterset_class=ProjectFilterSet,
    columns=(
        column("slug", verbose(Project, "slug"), _("Stable identifier of the project in this registry.")),
        column(
            "iati_identifier",
            _("IATI identifier"),
            _("Identifier of the project's activity in the IATI export; it never changes."),
            lambda project: f"{settings.IATI_REPORTING_ORG_REF}-{project.iati_key}",
        ),
        column("acronym", verbose(Project, "acronym"), _("Acronym of the project.")),
        *translated("title", verbose(Project, "title"), _("Title of the project.")),
        *coded(
            "status",
            verbose(Project, "status"),
            _("Stage of the project (IATI activity status: pipeline, implementation, ...)."),
            Project.Status,
        ),
        column("start_date", verbose(Project, "start_date"), _("Start of the project.")),
        column(
            "start_precision",
            verbose(Project, "start_precision"),
            _("How precisely the start is known: year, month or day (a year is stored as 1 January)."),
        ),
        column("end_date", verbose(Project, "end_date"), _("End of the project.")),
        column(
            "end_precision",
            verbose(Project, "end_precision"),
            _("How precisely the end is known: year, month or day (a year is stored as 31 December)."),
        ),
        column(
            "duration_months",
            verbose(Project, "duration_months"),
            _("Duration in months, where a document states it."),
        ),
        column("budget", verbose(Project, "budget"), _("Total budget, in the currency of the next column.")),
        column("budget_currency", verbose(Project, "budget_currency"), _("ISO 4217 code of the budget.")),
        *listed(
            "countries",
            verbose(Project, "countries"),
            _("ISO 3166 codes of the countries where the project works."),
            _countries,
            lambda country: country.code,
        ),
        column(
            "suspended_countries",
            _("suspended in"),
            _("ISO 3166 codes of the countries where the project is suspended."),
            lambda project: [country.code for country in _countries(project, suspended=True)],
        ),
        *listed(
            "themes",
            verbose(Project, "themes"),
            _("Identifiers of the project's themes."),
            lambda project: list(project.themes.all()),
            lambda theme: theme.slug,
        ),
        column(
            "sectors",
            _("DAC sectors"),
            _("OECD DAC 5-digit purpose codes of the themes (as in the IATI export)."),
            lambda project: list(dict.fromkeys(t.dac_code for t in project.themes.all() if t.dac_code)),
        ),
        *listed(
            "funders",
            _("funders"),
            _("Identifiers of the funding organisations (see organisations)."),
            _participants(Participation.Role.FUNDER),
            lambda organisation: organisation.slug,
        ),
        *listed(
            "implementers",
            _("implementing agencies"),
            _("Identifiers of the implementing agencies (see organisations)."),
            _participants(Participation.Role.IMPLEMENTER),
            lambda organisation: organisation.slug,
        ),
        column(
            "part_of",
            _("part of"),
            _("Identifiers of the programmes this project is a sub-project of."),
            lambda project: [related.slug for related in _related(ProjectRelation.Kind.PART_OF)(project)],
        ),
        column(
            "follows",
            _("follows"),
            _("Identifiers of the projects this one follows (its predecessors)."),
            lambda project: [related.slug for related in _related(ProjectRelation.Kind.FOLLOWS)(project)],
        ),
        *translated("summary", verbose(Project, "summary"), _("Summary of the project.")),
        *translated("context", verbose(Project, "context"), _("Context the project answers.")),
        *translated("objective", verbose(Project, "objective"), _("Objective of the project.")),
        *translated("expected_results", verbose(Project, "expected_results"), _("Results expected.")),
        *translated("beneficiaries", verbose(Project, "beneficiaries"), _("Who benefits from the project.")),
        *translated("target_groups", verbose(Project, "target_groups"), _("Groups the project targets.")),
        *translated(
            "stakeholders", verbose(Project, "stakeholders"), _("Note on the stakeholders of the project.")
        ),
        *translated(
            "period_note",
            verbose(Project, "period_note"),
            _("Nuances of the period: per-agency periods, fiscal years."),
        ),
        column("source_url", verbose(Project, "source_url"), _("Document the record was taken from.")),
        PAGE,
        UPDATED,
    ),
)

ORGANISATIONS = Resource(
    name="organisations",
    title=_("Organisations"),
    description=_("Published organisations: funders, implementing agencies and partners."),
    queryset=lambda: Organisation.objects.published(),
    load=lambda queryset: queryset.for_list(),
    filterset_class=OrganisationFilterSet,
    columns=(
        column("slug", verbose(Organisation, "slug"), _("Stable identifier of the organisation.")),
        *translated("name", verbose(Organisation, "name"), _("Name of the organisation.")),
        *translated("acronym", verbose(Organisation, "acronym"), _("Acronym, which may differ by language.")),
        *coded("kind", verbose(Organisation, "kind"), _("Kind of organisation."), Organisation.Kind),
        column(
            "iati_type",
            _("IATI organisation type"),
            _("Code of the kind in the IATI OrganisationType codelist."),
            lambda organisation: organisation.iati_type,
        ),
        column(
            "iati_identifier",
            verbose(Organisation, "iati_identifier"),
            _("The organisation's IATI identifier, where it has one."),
        ),
        *country_columns(
            "country",
            verbose(Organisation, "country"),
            _("ISO 3166 code of the organisation's country; empty for international bodies."),
            lambda organisation: organisation.country,
        ),
        column(
            "parent",
            verbose(Organisation, "parent"),
            _("Identifier of the organisation this one sits under."),
            lambda organisation: public(organisation.parent).slug if public(organisation.parent) else "",
        ),
        column("website", verbose(Organisation, "website"), _("Website of the organisation.")),
        *translated("description", verbose(Organisation, "description"), _("Description.")),
        PAGE,
        UPDATED,
    ),
)

PARTICIPATIONS = Resource(
    name="participations",
    title=_("Participations"),
    description=_("Who takes part in which project, in which role, with which contribution."),
    # Participations have no publication of their own: they are public when
    # both their project and their organisation are.
    queryset=lambda: Participation.objects.filter(
        project__publication=PUBLISHED, organisation__publication=PUBLISHED
    ).order_by("project__acronym", "order", "pk"),
    load=lambda queryset: queryset.select_related("project", "organisation", "country"),
    columns=(
        column(
            "project",
            verbose(Participation, "project"),
            _("Identifier of the project."),
            lambda p: p.project.slug,
        ),
        column(
            "organisation",
            verbose(Participation, "organisation"),
            _("Identifier of the organisation."),
            lambda participation: participation.organisation.slug,
        ),
        *translated(
            "organisation_name",
            _("organisation name"),
            _("Name of the organisation."),
            through=lambda participation: participation.organisation,
            source="name",
        ),
        *coded("role", verbose(Participation, "role"), _("Role in the project."), Participation.Role),
        column(
            "iati_role",
            _("IATI role"),
            _("Code of the role in the IATI OrganisationRole codelist; empty when IATI has none."),
            lambda participation: participation.iati_role or "",
        ),
        column(
            "is_lead",
            verbose(Participation, "is_lead"),
            _("The cooperation partner the project is filed under."),
        ),
        *country_columns(
            "country",
            verbose(Participation, "country"),
            _("ISO 3166 code of the country in which the organisation takes part, where it matters."),
            lambda participation: participation.country,
        ),
        column(
            "amount",
            verbose(Participation, "amount"),
            _("Amount contributed, in the next column's currency."),
        ),
        column("currency", verbose(Participation, "currency"), _("ISO 4217 code of the amount.")),
        *translated("note", verbose(Participation, "note"), _("Note on the participation.")),
    ),
)

ACTIVITIES = Resource(
    name="activities",
    title=_("Activities"),
    description=_("Published activities of the projects, per component and country."),
    queryset=lambda: Activity.objects.published(),
    load=lambda queryset: queryset.for_list(),
    filterset_class=ActivityFilterSet,
    columns=(
        column(
            "project", verbose(Activity, "project"), _("Identifier of the project."), lambda a: a.project.slug
        ),
        column(
            "component",
            verbose(Activity, "component"),
            _("Code of the component."),
            lambda a: a.component.code,
        ),
        *coded(
            "component_kind",
            _("component kind"),
            _("Kind of component: axis, specific objective or component."),
            Component.Kind,
            lambda activity: activity.component.kind,
        ),
        *translated(
            "component_title",
            _("component title"),
            _("Title of the component."),
            through=lambda activity: activity.component,
            source="title",
        ),
        *country_columns(
            "country",
            verbose(Activity, "country"),
            _("ISO 3166 code of the country; empty for a sub-regional activity."),
            lambda activity: activity.country,
        ),
        column("code", verbose(Activity, "code"), _("Number of the activity in its component.")),
        *translated("title", verbose(Activity, "title"), _("Title of the activity.")),
        *translated("description", verbose(Activity, "description"), _("Description of the activity.")),
        *coded("kind", verbose(Activity, "kind"), _("Kind of activity."), Activity.Kind),
        *coded("status", verbose(Activity, "status"), _("Stage of the activity."), Activity.Status),
        column("start_date", verbose(Activity, "start_date"), _("Start of the activity.")),
        column("end_date", verbose(Activity, "end_date"), _("End of the activity.")),
        *listed(
            "partners",
            verbose(Activity, "partners"),
            _("Identifiers of the partner organisations."),
            lambda activity: list(activity.partners.all()),
            lambda organisation: organisation.slug,
        ),
        column(
            "is_recurring", verbose(Activity, "is_recurring"), _("A survey or study meant to be repeated.")
        ),
        UPDATED,
    ),
)

EVENTS = Resource(
    name="events",
    title=_("Events"),
    description=_("The dated timeline: signatures, launches, workshops, committees, missions."),
    queryset=lambda: Event.objects.published(),
    load=lambda queryset: queryset.for_list(),
    filterset_class=EventFilterSet,
    columns=(
        column(
            "project",
            verbose(Event, "project"),
            _("Identifier of the project; empty for an event of a cooperation partner."),
            lambda event: event.project.slug if event.project else "",
        ),
        *coded("kind", verbose(Event, "kind"), _("Kind of event."), Event.Kind),
        column("start_date", verbose(Event, "start_date"), _("Day (or first day) of the event.")),
        column("end_date", verbose(Event, "end_date"), _("Last day, for an event over several days.")),
        column(
            "date_precision",
            verbose(Event, "date_precision"),
            _("How precisely the date is known: year, month or day."),
        ),
        *translated("title", verbose(Event, "title"), _("Title of the event.")),
        *translated("body", verbose(Event, "body"), _("Account of the event.")),
        *translated("place", verbose(Event, "place"), _("Where it took place.")),
        *country_columns(
            "country",
            verbose(Event, "country"),
            _("ISO 3166 code of the country where it took place."),
            lambda event: event.country,
        ),
        *listed(
            "organisations",
            verbose(Event, "organisations"),
            _("Identifiers of the organisations involved."),
            lambda event: list(event.organisations.all()),
            lambda organisation: organisation.slug,
        ),
        UPDATED,
    ),
)

INDICATORS = Resource(
    name="indicators",
    title=_("Indicators"),
    description=_("Published indicators of the projects, with baseline, target and actual value."),
    queryset=lambda: Indicator.objects.published(),
    load=lambda queryset: queryset.for_list(),
    filterset_class=IndicatorFilterSet,
    columns=(
        column(
            "project",
            verbose(Indicator, "project"),
            _("Identifier of the project."),
            lambda i: i.project.slug,
        ),
        column(
            "component",
            verbose(Indicator, "component"),
            _("Code of the component the indicator belongs to, if any."),
            lambda indicator: public(indicator.component).code if public(indicator.component) else "",
        ),
        *translated("label", verbose(Indicator, "label"), _("What the indicator measures.")),
        *translated("unit", verbose(Indicator, "unit"), _("Unit of the values.")),
        column("baseline", verbose(Indicator, "baseline"), _("Value at the start.")),
        column("target", verbose(Indicator, "target"), _("Value aimed at.")),
        column("actual", verbose(Indicator, "actual"), _("Value reached, where reported.")),
        column("period_start", verbose(Indicator, "period_start"), _("Start of the period of the values.")),
        column("period_end", verbose(Indicator, "period_end"), _("End of the period of the values.")),
        *translated("note", verbose(Indicator, "note"), _("Note on the indicator.")),
        UPDATED,
    ),
)

RESOURCES = {
    resource.name: resource
    for resource in (PROJECTS, ORGANISATIONS, PARTICIPATIONS, ACTIVITIES, EVENTS, INDICATORS)
}


# Reading the filters


def filtered(request, filterset_class, queryset) -> tuple[models.QuerySet | None, Any]:
    """`queryset` narrowed by the query string through `filterset_class`, or
    a 400 response naming the parameters in error (never a 500)."""
    if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
        return None, HttpResponseBadRequest(
            _("The query string contains a NUL character."), content_type="text/plain; charset=utf-8"
        )
    if filterset_class is None:
        return queryset, None
    filterset = filterset_class(request.GET, queryset=queryset)
    if not filterset.is_valid():
        lines = [f"{name}: {message}" for name, messages in filterset.errors.items() for message in messages]
        return None, HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")
    return filterset.qs, None


# Formats


def metadata() -> dict:
    licence = settings.DATA_LICENCE
    summaries = {}
    for language in LABEL_LANGUAGES:
        with translation.override(language):
            summaries[language] = str(licence["summary"])
    return {
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "licence": {"name": licence["name"], "url": licence["url"], "summary": summaries},
    }


def _plain(value):
    """A value as text for CSV cells and joined lists."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date | Decimal):
        return value.isoformat() if isinstance(value, datetime.date) else format(value, "f")
    if isinstance(value, list | tuple):
        return SEPARATOR.join(_plain(item) for item in value)
    return str(value)


def csv_cell(value) -> str:
    text = _plain(value)
    if isinstance(value, str) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Line:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, text):
        return text


def csv_pieces(resource: Resource, rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([col.name for col in resource.columns])
    for language in LABEL_LANGUAGES:
        yield writer.writerow([col.label_in(language) for col in resource.columns])
    piece = []
    for row in rows:
        piece.append(writer.writerow([csv_cell(value) for value in row]))
        if len(piece) >= ROWS_PER_PIECE:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)


def json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return value


def json_pieces(resource: Resource, rows: Iterable[list]) -> Iterator[str]:
    head = {
        "resource": resource.name,
        **metadata(),
        "fields": [
            {
                "name": col.name,
                "label_fr": col.label_in("fr"),
                "label_ar": col.label_in("ar"),
                "description": str(col.description),
            }
            for col in resource.columns
        ],
    }
    # The head, then "rows": [ ... ] written one row at a time.
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [\n'
    names = [col.name for col in resource.columns]
    separator = ""
    piece = []
    for row in rows:
        record = {name: json_value(value) for name, value in zip(names, row, strict=True)}
        piece.append(separator + json.dumps(record, ensure_ascii=False))
        separator = ",\n"
        if len(piece) >= ROWS_PER_PIECE:
            yield "".join(piece)
            piece = []
    yield "".join(piece) + "\n]}\n"


def xlsx_value(sheet, value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, list | tuple):
        value = _plain(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_TEXT]
        if value.startswith("="):
            # A text, never a formula.
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"
            return cell
    return value


def xlsx_file(resource: Resource, rows: Iterable[list]):
    """The workbook in a temporary file: the table (three header rows, frozen),
    its data dictionary and a sheet on the licence."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(resource.name)
    sheet.freeze_panes = "A4"
    bold = Font(bold=True)

    def header(values):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value)
            cell.font = bold
            cells.append(cell)
        return cells

    sheet.append(header([col.name for col in resource.columns]))
    for language in LABEL_LANGUAGES:
        sheet.append(header([col.label_in(language) for col in resource.columns]))
    for row in rows:
        sheet.append([xlsx_value(sheet, value) for value in row])

    dictionary = workbook.create_sheet("dictionary")
    dictionary.append(["name", "label_fr", "label_ar", "description_fr", "description_ar"])
    for col in resource.columns:
        descriptions = []
        for language in LABEL_LANGUAGES:
            with translation.override(language):
                descriptions.append(str(col.description))
        dictionary.append([col.name, col.label_in("fr"), col.label_in("ar"), *descriptions])

    about = workbook.create_sheet("licence")
    meta = metadata()
    about.append(["resource", resource.name])
    about.append(["generated_at", meta["generated_at"]])
    about.append(["licence", meta["licence"]["name"]])
    about.append(["licence_url", meta["licence"]["url"]])
    for language, summary in meta["licence"]["summary"].items():
        about.append([f"licence_summary_{language}", summary])

    # Closed by the response once sent.
    output = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(output)
    output.seek(0)
    return output


def export_response(resource: Resource, queryset, fmt: str, *, base_url: str):
    """The download of `queryset` (already published and filtered) in `fmt`."""
    language = translation.get_language()
    filename = f"{resource.name}.{fmt}"

    def rows():
        # Page addresses in the language of the page the download came from,
        # even though a stream is read after the view has returned.
        with translation.override(language):
            yield from resource.rows(queryset, base_url=base_url)

    if fmt == "xlsx":
        response = FileResponse(xlsx_file(resource, rows()), as_attachment=True, filename=filename)
        response["Content-Type"] = FORMATS["xlsx"]
        return response
    pieces = csv_pieces(resource, rows()) if fmt == "csv" else json_pieces(resource, rows())
    response = StreamingHttpResponse(pieces, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
