"""The registry's data-quality board: what staff have to fix, kind by kind.

Each check is a small function returning `Problem`s: a kind of problem, how
many records have it, and the first `LIST_LIMIT` of them, each with what to
fix and a link to the element of its admin form (`id_<field>`, or
`<prefix>-group` for an inline). The admin's board (portal/admin.py), the
"to do" panel of its index and `manage.py check_registry` read the same list.

Why here: the checks read partners, projects, activities and the IATI
selection of `opendata`, so they belong at or above `opendata`; what they
serve is neither open data nor a public download but the staff's view over
the whole registry, like the seed and generation commands, so `portal`.

Cost: each kind of problem is one query, whatever the size of the
registry: two when its list is full (the count of the rest), one more for
the IATI reasons (the participations they read) and, for the pending
changes, one per kind of record listed. A rule is evaluated in SQL over
every record; Python only words the problems of the records listed. Where
the rule lives in Python elsewhere (a project's publication checks, the
IATI export's reasons, `Project.is_past_its_end`), the query says the same
thing, the words come from that code, and the tests pin that both agree.
Two checks prove invariants the forms enforce (an activity or event within
its project's countries and period): SQL picks the records whose country is
not one of their project's or whose dates lie past the project's stored
ones, and the model's own rule (`Project.dates_outside`, reading each date
at its precision) decides.

A staff account scoped to its organisations (projects/scoping.py) reads
the problems of its own projects and organisations, and of the countries
and themes everyone shares: each check's query gets one more condition
(a subquery), and the pending changes one query more (their kinds).

The board looks at what the public reads (published records; every country
and theme, which have no publication), except for
those invariants, checked on every record, and for the changes waiting
for review.
"""

import datetime
import functools
import operator
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.contrib.admin.utils import quote
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.db import models
from django.db.models.functions import ExtractMonth, ExtractYear
from django.db.models.lookups import Exact, GreaterThan
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from modeltranslation.translator import translator

from activities.models import Activity, Event
from core.languages import CODES
from core.models import PendingChange
from core.money import check_amount
from core.periods import DatePrecision
from core.publication import Publication
from opendata.iati.activity import DESCRIPTIONS, MISSING, for_iati_check, missing_essentials, xml_text
from partners.models import Organisation
from projects.models import (
    Component,
    Document,
    Indicator,
    Participation,
    Project,
    ProjectCountry,
    check_period,
    first_day,
    shown_date,
)
from projects.services import REQUIRED_LANGUAGES, REQUIRED_TEXTS

# Records listed per kind; the count is always the whole registry's.
LIST_LIMIT = 50
PUBLISHED = Publication.PUBLISHED
FUNDER = Participation.Role.FUNDER
# What str.strip() removes, so that SQL finds blank what the publication
# checks find blank (U+3000, the ideographic space, is the last character
# Python counts as whitespace).
WHITESPACE = "".join(character for character in map(chr, range(1, 0x3001)) if character.isspace())
# The relations a record's name reads (its __str__), loaded with it.
NAMED_WITH = {
    Participation: ("organisation", "project"),
    ProjectCountry: ("project", "country"),
    Component: ("project",),
}
# Where, on the project's form, each reason the IATI file gives is fixed.
IATI_ANCHORS = {
    "description": "id_summary_fr",
    "participating_org": "participations-group",
    "activity_date": "id_start_date",
}


@dataclass(frozen=True)
class Fix:
    """What to fix on a record, linked to the element of its form."""

    text: str
    link: str


@dataclass(frozen=True)
class Finding:
    """A record with a problem: its name, its form and what to fix there."""

    record: str
    url: str
    fixes: list[Fix] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """A kind of problem: `key` names it (the board's anchor, the
    command's line), `count` is every record that has it, `findings` the
    first `LIST_LIMIT` of them."""

    key: str
    label: str
    count: int
    findings: list[Finding]

    @property
    def unlisted(self) -> int:
        return self.count - len(self.findings)


def everything(queryset):
    return queryset


def registry_problems(limit: int = LIST_LIMIT, within=everything) -> list[Problem]:
    """Every kind of problem, in the board's order, with none left out
    (a kind without any record has a count of 0). `within(queryset)` keeps
    the records the reader is to fix (a scoped editor's, projects/scoping.py);
    each check applies it to the records it reads, as one more condition of
    its query."""
    return [problem for check in CHECKS for problem in check(limit, within)]


# Building blocks.


class Trimmed(models.Func):
    """A text without any of `characters` at either end: SQLite's
    trim(X, Y), PostgreSQL's btrim."""

    function = "TRIM"
    arity = 2
    output_field = models.TextField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="BTRIM", **extra_context)


def blank(column: str, characters: str = WHITESPACE) -> models.Q:
    """`column` is NULL, or empty once `characters` are stripped from it."""
    return models.Q(**{f"{column}__isnull": True}) | models.Q(
        Exact(Trimmed(models.F(column), models.Value(characters)), "")
    )


def flag(condition) -> models.ExpressionWrapper:
    return models.ExpressionWrapper(condition, output_field=models.BooleanField())


def amount_refused(amount: str, currency: str) -> models.Q:
    """What `core.money.check_amount` refuses: a negative amount, an amount
    without its currency or a currency without its amount."""
    return (
        models.Q(**{f"{amount}__lt": 0})
        | models.Q(**{f"{amount}__isnull": False, currency: ""})
        | (models.Q(**{f"{amount}__isnull": True}) & ~models.Q(**{currency: ""}))
    )


def first_and_count(queryset, limit: int) -> tuple[list, int]:
    """The first `limit` rows of `queryset` and how many it has: one query,
    and a count only when the list is full. (A window count would do it in
    one, but holds every matching row: a common problem, such as English
    missing, matches most of a table.)"""
    rows = list(queryset[:limit])
    return rows, queryset.count() if len(rows) == limit else len(rows)


def change_url(model, pk) -> str:
    opts = model._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(pk)])


def finding(record, fixes: list[tuple[str, str]]) -> Finding:
    """`record` with its `fixes`, each (text, id of the form's element)."""
    url = change_url(type(record), record.pk)
    return Finding(
        str(record), url, [Fix(str(text), f"{url}#{anchor}" if anchor else url) for text, anchor in fixes]
    )


def named(queryset):
    return queryset.select_related(*NAMED_WITH.get(queryset.model, ()))


def shown_day(value) -> str:
    return formats.date_format(value, "DATE_FORMAT")


# The checks, in the board's order.


def unpublishable_published_projects(limit: int, within=everything) -> list[Problem]:
    """Published projects that `project_publication_blockers` would refuse
    to publish now, each rule a column; the texts are the same."""
    funders = Participation.objects.filter(project=models.OuterRef("pk"), role=FUNDER)
    components = Component.objects.filter(project=models.OuterRef("pk"))

    def total_in_budget_currency(rows):
        # Within the budget's currency only: never across currencies.
        return models.Subquery(
            rows.filter(currency=models.OuterRef("budget_currency"), amount__isnull=False)
            .order_by()
            .values("project")
            .annotate(total=models.Sum("amount"))
            .values("total")
        )

    budget_set = models.Q(budget__gte=0) & ~models.Q(budget_currency="")
    rules = {
        **{
            f"no_{name}_{code}": blank(f"{name}_{code}")
            for name in REQUIRED_TEXTS
            for code, _language in REQUIRED_LANGUAGES
        },
        "no_country": ~models.Exists(ProjectCountry.objects.filter(project=models.OuterRef("pk"))),
        "no_funder": ~models.Exists(funders),
        "no_start": models.Q(start_date__isnull=True),
        "ends_before_start": models.Q(end_date__lt=models.F("start_date")),
        "budget_refused": amount_refused("budget", "budget_currency"),
        "contribution_refused": models.Exists(funders.filter(amount_refused("amount", "currency"))),
        "allocation_refused": models.Exists(components.filter(amount_refused("amount", "currency"))),
        "contributions_exceed": budget_set
        & models.Q(GreaterThan(models.F("contributions"), models.F("budget"))),
        "allocations_exceed": budget_set & models.Q(GreaterThan(models.F("allocations"), models.F("budget"))),
    }
    projects = (
        within(Project.objects.published())
        .annotate(
            contributions=total_in_budget_currency(funders),
            allocations=total_in_budget_currency(components),
        )
        .annotate(**{name: flag(rule) for name, rule in rules.items()})
        .filter(functools.reduce(operator.or_, (models.Q(**{name: True}) for name in rules)))
        .order_by("acronym", "pk")
    )
    rows, count = first_and_count(projects, limit)
    return [
        Problem(
            "publication",
            gettext("Published projects missing what publication requires"),
            count,
            [finding(project, publication_fixes(project)) for project in rows],
        )
    ]


def as_stored_amount(total: Decimal) -> Decimal:
    """A sum as the amounts it adds are written (SQLite leaves out the
    trailing zeros)."""
    return total.quantize(Decimal(1).scaleb(-Participation._meta.get_field("amount").decimal_places))


def publication_fixes(project) -> list[tuple[str, str]]:
    """What `project`'s flags say, in the words of its publication checks."""
    fixes = []
    for name in REQUIRED_TEXTS:
        label = Project._meta.get_field(name).verbose_name
        for code, language in REQUIRED_LANGUAGES:
            if getattr(project, f"no_{name}_{code}"):
                fixes.append(
                    (
                        gettext("The %(field)s in %(language)s is missing.")
                        % {"field": label, "language": language},
                        f"id_{name}_{code}",
                    )
                )
    if project.no_country:
        fixes.append((gettext("The project has no country."), "country_links-group"))
    if project.no_funder:
        fixes.append((gettext("The project has no funder."), "participations-group"))
    if project.no_start:
        fixes.append((gettext("The start date is missing."), "id_start_date"))
    fixes += [
        (message, f"id_{name}")
        for name, message in check_period(project.start_date, project.end_date).items()
    ]
    fixes += [
        (gettext("Total budget: %(error)s") % {"error": message}, "id_budget")
        for message in check_amount(project.budget, project.budget_currency).values()
    ]
    if project.contribution_refused:
        fixes.append(
            (
                gettext("A funder's contribution is negative or lacks its amount or currency."),
                "participations-group",
            )
        )
    if project.allocation_refused:
        fixes.append(
            (
                gettext("A component's allocation is negative or lacks its amount or currency."),
                "components-group",
            )
        )
    if project.contributions_exceed:
        fixes.append(
            (
                gettext("The funders' contributions (%(sum)s %(currency)s) exceed the total budget.")
                % {"sum": as_stored_amount(project.contributions), "currency": project.budget_currency},
                "participations-group",
            )
        )
    if project.allocations_exceed:
        fixes.append(
            (
                gettext("The components' allocations (%(sum)s %(currency)s) exceed the total budget.")
                % {"sum": as_stored_amount(project.allocations), "currency": project.budget_currency},
                "components-group",
            )
        )
    return fixes


# An acronym is written in a language only where one is in use there (most
# Moroccan bodies have none in Arabic, fixtures/README.md): a missing one is
# no missing translation.
OWN_PER_LANGUAGE = {"acronym"}


def missing_translations(limit: int, within=everything) -> list[Problem]:
    """Per model and translated field, the records whose field has a text
    in some language but none in Arabic or in English."""
    languages = dict(settings.LANGUAGES)
    others = [code for code in CODES if code != settings.MODELTRANSLATION_DEFAULT_LANGUAGE]
    problems = []
    for model in sorted(translator.get_registered_models(abstract=False), key=lambda m: m._meta.label):
        records = within(model._default_manager.all())
        if hasattr(records, "published"):
            records = records.published()
        for name in translator.get_options_for_model(model).fields:
            if name in OWN_PER_LANGUAGE:
                continue
            missing = {code: flag(blank(f"{name}_{code}")) for code in others}
            with_text = ~functools.reduce(operator.and_, (blank(f"{name}_{code}") for code in CODES))
            rows, count = first_and_count(
                named(records)
                .annotate(**{f"missing_{code}": condition for code, condition in missing.items()})
                .filter(
                    with_text, functools.reduce(operator.or_, (blank(f"{name}_{code}") for code in others))
                )
                .order_by("pk"),
                limit,
            )
            opts = model._meta
            problems.append(
                Problem(
                    f"translation-{opts.app_label}-{opts.model_name}-{name}",
                    gettext("%(records)s – %(field)s: Arabic or English missing")
                    % {
                        "records": capfirst(opts.verbose_name_plural),
                        "field": opts.get_field(name).verbose_name,
                    },
                    count,
                    [
                        finding(
                            record,
                            [
                                (languages[code], f"id_{name}_{code}")
                                for code in others
                                if getattr(record, f"missing_{code}")
                            ],
                        )
                        for record in rows
                    ],
                )
            )
    return problems


def status_contradicting_dates(limit: int, within=everything) -> list[Problem]:
    """Published projects under way after their end (as
    `Project.is_past_its_end` says) or in pipeline after their start
    (the whole period its start date stands for is over)."""
    today = timezone.localdate()
    past_its_end = models.Q(
        status__in=[Project.Status.IMPLEMENTATION, Project.Status.FINALISATION], end_date__lt=today
    )
    started = functools.reduce(
        operator.or_,
        (
            models.Q(start_precision=precision, start_date__lt=first_day(today, precision))
            for precision in DatePrecision
        ),
    )
    rows, count = first_and_count(
        within(Project.objects.published())
        .filter(past_its_end | (models.Q(status=Project.Status.PIPELINE) & started))
        .order_by("acronym", "pk"),
        limit,
    )
    findings = []
    for project in rows:
        if project.is_past_its_end:
            text = gettext("End date passed: status to be confirmed")
        else:
            text = gettext(
                "Still in pipeline after its start (%(start)s): confirm the status or the start date."
            ) % {"start": shown_date(project.start_date, project.start_precision)}
        findings.append(finding(project, [(text, "id_status")]))
    return [Problem("status", gettext("Projects whose status contradicts their dates"), count, findings)]


def month_number(date: str, precision: str, *, last: bool):
    """The earliest (or the `last`) month `date`, known to `precision`, may
    stand for, counted from year 0."""
    month = models.Case(
        models.When(**{precision: DatePrecision.YEAR}, then=models.Value(12 if last else 1)),
        default=ExtractMonth(date),
    )
    return ExtractYear(date) * 12 + month


def durations_contradicting_periods(limit: int, within=everything) -> list[Problem]:
    """Published projects whose duration in months cannot be their period's.

    A period touching n calendar months lasts between n - 2 and n months
    (12 January to 11 March touches 3 and lasts 2), and a date known to
    the year may stand for any of its months: the duration contradicts
    the period only when no reading of the dates gives it.
    """
    longest = month_number("end_date", "end_precision", last=True) - month_number(
        "start_date", "start_precision", last=False
    )
    shortest = month_number("end_date", "end_precision", last=False) - month_number(
        "start_date", "start_precision", last=True
    )
    rows, count = first_and_count(
        within(Project.objects.published())
        .filter(duration_months__isnull=False, start_date__isnull=False, end_date__isnull=False)
        .alias(longest=longest + 1, shortest=shortest + 1)
        .filter(
            models.Q(duration_months__gt=models.F("longest"))
            | models.Q(duration_months__lt=models.F("shortest") - 2)
        )
        .order_by("acronym", "pk"),
        limit,
    )
    findings = [
        finding(
            project,
            [
                (
                    ngettext(
                        "%(count)d month given, but the period runs from %(start)s to %(end)s.",
                        "%(count)d months given, but the period runs from %(start)s to %(end)s.",
                        project.duration_months,
                    )
                    % {
                        "count": project.duration_months,
                        "start": shown_date(project.start_date, project.start_precision),
                        "end": shown_date(project.end_date, project.end_precision),
                    },
                    "id_duration_months",
                )
            ],
        )
        for project in rows
    ]
    return [Problem("duration", gettext("Projects whose duration contradicts their period"), count, findings)]


@functools.cache
def iati_blank_characters() -> str:
    """What the IATI file drops from a text (xml_text) and then strips."""
    dropped = "".join(character for character in map(chr, range(1, 0x10000)) if not xml_text(character))
    return WHITESPACE + dropped


def left_out_of_iati(limit: int, within=everything) -> list[Problem]:
    """Published projects the IATI file leaves out, with its reasons.

    The query says what `missing_essentials` says; the reasons of the
    projects listed are its own (MISSING), as on the data page.
    """
    iati_participations = Participation.objects.filter(
        project=models.OuterRef("pk"),
        role__in=list(Participation.IATI_ROLES),
        organisation__publication=PUBLISHED,
    )
    no_description = functools.reduce(
        operator.and_,
        (blank(f"{name}_{code}", iati_blank_characters()) for name, _type in DESCRIPTIONS for code in CODES),
    )
    left_out = within(Project.objects.published()).filter(
        no_description
        | ~models.Exists(iati_participations)
        | models.Q(start_date__isnull=True, end_date__isnull=True)
    )
    rows, count = first_and_count(for_iati_check(left_out), limit)
    findings = [
        finding(project, [(MISSING[key], IATI_ANCHORS[key]) for key in missing_essentials(project)])
        for project in rows
    ]
    return [
        Problem("iati-left-out", gettext("Published projects left out of the IATI file"), count, findings)
    ]


def funders_without_iati_identifier(limit: int, within=everything) -> list[Problem]:
    """Published organisations funding a published project, named in the
    IATI file without their IATI organisation identifier."""
    funding = Participation.objects.filter(
        organisation=models.OuterRef("pk"), role=FUNDER, project__publication=PUBLISHED
    )
    rows, count = first_and_count(
        within(Organisation.objects.published())
        .filter(models.Exists(funding), blank("iati_identifier"))
        .order_by("name", "pk"),
        limit,
    )
    label = Organisation._meta.get_field("iati_identifier").verbose_name
    findings = [finding(organisation, [(capfirst(label), "id_iati_identifier")]) for organisation in rows]
    return [
        Problem("iati-funders", gettext("Funders without an IATI organisation identifier"), count, findings)
    ]


def not_reviewed(limit: int, within=everything) -> list[Problem]:
    """Per publishable model, published records last updated longer ago
    than REGISTRY_REVIEW_AFTER_DAYS (a setting; 365 by default), oldest
    first."""
    days = settings.REGISTRY_REVIEW_AFTER_DAYS
    before = timezone.now() - datetime.timedelta(days=days)
    problems = []
    for model in (Project, Organisation, Component, Indicator, Document, Activity, Event):
        rows, count = first_and_count(
            named(within(model.objects.published()))
            .filter(updated_at__lt=before)
            .order_by("updated_at", "pk"),
            limit,
        )
        opts = model._meta
        problems.append(
            Problem(
                f"review-{opts.app_label}-{opts.model_name}",
                ngettext(
                    "%(records)s not updated for more than %(days)d day",
                    "%(records)s not updated for more than %(days)d days",
                    days,
                )
                % {"records": capfirst(opts.verbose_name_plural), "days": days},
                count,
                [
                    finding(
                        record,
                        [
                            (
                                gettext("Last updated on %(date)s")
                                % {"date": shown_day(timezone.localdate(record.updated_at))},
                                "",
                            )
                        ],
                    )
                    for record in rows
                ],
            )
        )
    return problems


def waiting_for_a_publisher(limit: int, within=everything) -> list[Problem]:
    """Pending changes (core/review.py), oldest first, each linked to its
    panel on the record's form. Their records are read once per kind of
    record listed (a generic relation)."""
    changes = within(PendingChange.objects.filter(state=PendingChange.State.PENDING)).select_related(
        "content_type", "author"
    )
    rows, count = first_and_count(
        changes.prefetch_related(
            GenericPrefetch("record", [named(model.objects.all()) for model in NAMED_WITH])
        ).order_by("created_at", "pk"),
        limit,
    )
    findings = []
    for change in rows:
        model = change.content_type.model_class()
        record = change.record
        name = str(record) if record is not None else f"{model._meta.verbose_name} {change.object_id}"
        url = change_url(model, change.object_id)
        text = gettext("Proposed by %(author)s on %(date)s") % {
            "author": change.author or "—",
            "date": shown_day(timezone.localdate(change.created_at)),
        }
        findings.append(Finding(name, url, [Fix(text, f"{url}#pending-{change.pk}-title")]))
    return [Problem("pending", gettext("Changes waiting for a publisher"), count, findings)]


def past_project_bounds() -> models.Q:
    """Rows whose start or end date lies past their project's stored start
    or end: a superset of those `Project.dates_outside` refuses (a date
    outside its project's period, read at any precision, is past the
    stored date too)."""
    conditions = [
        models.Q(**{f"{date}__{lookup}": models.F(f"project__{bound}")})
        for date in ("start_date", "end_date")
        for lookup, bound in (("lt", "start_date"), ("gt", "end_date"))
    ]
    return functools.reduce(operator.or_, conditions)


def outside_their_project(model, dates_outside, limit: int, within=everything) -> tuple[list[Finding], int]:
    """Rows of `model` (activities or events) whose country is not one of
    their project's, or whose dates `dates_outside(row)` refuses."""
    elsewhere = ~models.Exists(
        ProjectCountry.objects.filter(project=models.OuterRef("project"), country=models.OuterRef("country"))
    )
    candidates = (
        within(model.objects.filter(project__isnull=False))
        .annotate(elsewhere=flag(models.Q(country__isnull=False) & elsewhere))
        .filter(models.Q(elsewhere=True) | past_project_bounds())
        .select_related("project")
        .order_by("project__acronym", "pk")
    )
    findings, count = [], 0
    for row in candidates:
        fixes = [(message, f"id_{name}") for name, message in dates_outside(row).items()]
        if row.elsewhere:
            fixes.insert(0, (gettext("The country must be one of the project's countries."), "id_country"))
        if fixes:
            count += 1
            if len(findings) < limit:
                findings.append(finding(row, fixes))
    return findings, count


def activities_outside_their_project(limit: int, within=everything) -> list[Problem]:
    findings, count = outside_their_project(
        Activity,
        lambda activity: activity.project.dates_outside(
            {"start_date": activity.start_date, "end_date": activity.end_date}
        ),
        limit,
        within,
    )
    return [
        Problem(
            "activities-outside",
            gettext("Activities outside their project's countries or period"),
            count,
            findings,
        )
    ]


def events_outside_their_project(limit: int, within=everything) -> list[Problem]:
    findings, count = outside_their_project(
        Event,
        lambda event: event.project.dates_outside(
            {"start_date": event.start_date, "end_date": event.end_date},
            event.date_precision,
            may_precede=event.may_precede_project,
        ),
        limit,
        within,
    )
    return [
        Problem(
            "events-outside", gettext("Events outside their project's countries or period"), count, findings
        )
    ]


CHECKS = (
    unpublishable_published_projects,
    missing_translations,
    status_contradicting_dates,
    durations_contradicting_periods,
    left_out_of_iati,
    funders_without_iati_identifier,
    not_reviewed,
    waiting_for_a_publisher,
    activities_outside_their_project,
    events_outside_their_project,
)
