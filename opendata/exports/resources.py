"""The tables offered for download, one per kind of published record, with
their columns, their published rows, how they load and their FilterSet.
An indicator's reporting periods are a table of their own, one row per
period, joined to the indicators by their identifier."""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.filters import ActivityFilterSet, EventFilterSet
from activities.models import Activity, Event
from core.publication import Publication
from opendata.exports.columns import (
    PAGE,
    UPDATED,
    Column,
    coded,
    column,
    country_columns,
    listed,
    public,
    translated,
    verbose,
)
from opendata.exports.kept_rows import kept_rows
from partners.models import Organisation
from projects.filters import IndicatorFilterSet, OrganisationFilterSet, ProjectFilterSet
from projects.models import (
    Component,
    Indicator,
    IndicatorPeriod,
    Participation,
    Project,
    ProjectCountry,
    ProjectRelation,
    Theme,
)
from projects.roles import with_role

PUBLISHED = Publication.PUBLISHED
# Rows read (with their prefetches) per query: memory stays near a couple
# of chunks whatever the size of the registry.
CHUNK_SIZE = 200


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
    # Whether rows are kept under the change feed's stamps: only when the
    # feed of the table's records covers every column (kept_rows.py).
    kept: bool = False

    def rows(self, queryset, *, base_url: str) -> Iterator[list]:
        if hasattr(queryset.model, "search_text"):  # a folded copy, of no use here
            queryset = queryset.defer("search_text")
        ordering = list(queryset.query.order_by or queryset.model._meta.ordering)
        if "pk" not in ordering:
            ordering.append("pk")
        queryset = queryset.order_by(*ordering)
        if self.kept and settings.FRAGMENT_CACHE_SECONDS > 0:
            yield from kept_rows(self, queryset, base_url=base_url, chunk_size=CHUNK_SIZE)
            return
        for _pk, row in self.written(self.load(queryset).iterator(chunk_size=CHUNK_SIZE), base_url=base_url):
            yield row

    def written(self, records, *, base_url: str) -> Iterator[tuple[int, list]]:
        """(primary key, row) of each record, loaded with `load`."""
        for obj in records:
            row = []
            for col in self.columns:
                value = col.value(obj)
                if col.link and value:
                    value = urljoin(base_url, value)
                row.append(value)
            pk = obj.pk
            release(obj)
            yield pk, row


def release(obj):
    """Forget what a row loaded, once written. Prefetched children point back
    at their parent, a reference cycle that only Python's cyclic garbage
    collector frees, late and after many chunks; emptying the row breaks the
    cycle, so each chunk's memory goes as soon as the next chunk is read."""
    vars(obj).clear()


def _projects(queryset):
    """What `for_list()` loads (and the relations), into lists: with
    `to_attr` Django skips building a queryset per project and relation,
    which halves the time of a large export."""
    return queryset.prefetch_related(
        models.Prefetch(
            "country_links",
            queryset=ProjectCountry.objects.select_related("country"),
            to_attr="export_country_links",
        ),
        models.Prefetch(
            "participations",
            queryset=Participation.objects.filter(
                role__in=[Participation.Role.FUNDER, Participation.Role.IMPLEMENTER],
                organisation__publication=PUBLISHED,
            ).select_related("organisation"),
            to_attr="main_participations",
        ),
        models.Prefetch("themes", queryset=Theme.objects.all(), to_attr="export_themes"),
        models.Prefetch(
            "relations",
            queryset=ProjectRelation.objects.filter(related__publication=PUBLISHED).select_related("related"),
            to_attr="public_relations",
        ),
    )


def _related(kind):
    return lambda project: [
        relation.related for relation in project.public_relations if relation.kind == kind
    ]


def _participants(role):
    return lambda project: [
        participation.organisation for participation in with_role(project.main_participations, role)
    ]


def _countries(project, suspended=None):
    return [
        link.country
        for link in project.export_country_links
        if suspended is None or (link.status == ProjectCountry.Status.SUSPENDED) == suspended
    ]


PROJECTS = Resource(
    name="projects",
    title=_("Projects"),
    description=_("Published cooperation projects, one row each."),
    queryset=lambda: Project.objects.published(),
    load=_projects,
    filterset_class=ProjectFilterSet,
    kept=True,
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
            lambda project: project.export_themes,
            lambda theme: theme.slug,
        ),
        column(
            "sectors",
            _("DAC sectors"),
            _("OECD DAC 5-digit purpose codes of the themes (as in the IATI export)."),
            lambda project: list(dict.fromkeys(t.dac_code for t in project.export_themes if t.dac_code)),
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
    queryset=lambda: Participation.objects.published().order_by("project__acronym", "order", "pk"),
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
            "id",
            _("Identifier"),
            _("Identifier of the indicator, as in the API and in the table of reporting periods."),
            lambda indicator: indicator.pk,
        ),
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

INDICATOR_PERIODS = Resource(
    name="indicator_periods",
    title=_("Reporting periods"),
    description=_("Target and value reached of each published indicator, per reporting period."),
    queryset=lambda: IndicatorPeriod.objects.published().order_by(
        "indicator__project__acronym", "indicator__order", "indicator_id", "start", "end"
    ),
    load=lambda queryset: queryset.select_related("indicator", "indicator__project"),
    columns=(
        column(
            "project",
            verbose(Indicator, "project"),
            _("Identifier of the project."),
            lambda period: period.indicator.project.slug,
        ),
        column(
            "indicator",
            verbose(IndicatorPeriod, "indicator"),
            _("Identifier of the indicator (column id of the indicators table)."),
            lambda period: period.indicator_id,
        ),
        *translated(
            "indicator_label",
            verbose(Indicator, "label"),
            _("What the indicator measures."),
            through=lambda period: period.indicator,
            source="label",
        ),
        column("start", verbose(IndicatorPeriod, "start"), _("First day of the reporting period.")),
        column("end", verbose(IndicatorPeriod, "end"), _("Last day of the reporting period.")),
        column("target", verbose(IndicatorPeriod, "target"), _("Value aimed at for the period.")),
        column(
            "actual", verbose(IndicatorPeriod, "actual"), _("Value reached over the period, where reported.")
        ),
        *translated("comment", verbose(IndicatorPeriod, "comment"), _("Comment on the period's values.")),
        column(
            "source",
            verbose(IndicatorPeriod, "source"),
            _("The address of the document the figures come from, or its name."),
        ),
    ),
)

RESOURCES = {
    resource.name: resource
    for resource in (
        PROJECTS,
        ORGANISATIONS,
        PARTICIPATIONS,
        ACTIVITIES,
        EVENTS,
        INDICATORS,
        INDICATOR_PERIODS,
    )
}
