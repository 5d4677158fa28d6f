"""One published project as an IATI 2.03 `iati-activity` element.

Elements are written in the order of the schema's sequence (iati-identifier,
reporting-org, title, description, participating-org, activity-status,
activity-date, recipient-country, sector, budget, transaction, document-link,
related-activity, result); an element without data is left out, never
written empty. The mapping decisions are explained in `opendata.iati`.

The element is written as text, indented as lxml's `pretty_print` would,
from the plain rows of `opendata.iati.rows`: building an lxml tree (or a
model instance) per project costs more than the rest of the export.
"""

import datetime
import functools
import mimetypes
import operator
import re
from decimal import ROUND_DOWN, Decimal
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.urls.converters import SlugConverter
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core.languages import CODES
from core.publication import Publication
from partners.models import Organisation
from projects.models import Component, Participation, Project
from projects.models import iati_identifier as identifier_of

XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What `escape_text` and `attribute` change: most texts have none of it.
TEXT_SPECIAL = re.compile("[&<>\r]")
ATTRIBUTE_SPECIAL = re.compile('[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff&<>"\t\n\r]')
LANGUAGES = CODES
DEFAULT_LANGUAGE = "fr"

# Activity-date types (codelist ActivityDateType).
PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"
STARTED = {
    Project.Status.IMPLEMENTATION,
    Project.Status.FINALISATION,
    Project.Status.CLOSED,
    Project.Status.SUSPENDED,
}
ENDED = {Project.Status.CLOSED}

# Description types (codelist DescriptionType) and the fields behind them.
DESCRIPTIONS = (("summary", "1"), ("objective", "2"), ("target_groups", "3"))

INCOMING_COMMITMENT = "11"  # TransactionType
PARENT, CHILD = "1", "2"  # RelatedActivityType
ORIGINAL_BUDGET = "1"  # BudgetType
INDICATIVE, COMMITTED = "1", "2"  # BudgetStatus
OUTCOME, OTHER_RESULT = "2", "9"  # ResultType
UNIT, PERCENTAGE = "1", "2"  # IndicatorMeasure
ACTIVITY_WEB_PAGE = "A12"  # DocumentCategory
PROJECT_INDICATORS = gettext_noop("Project indicators")

# File formats (codelist FileFormat) by extension; a link without an
# extension is a web page.
FILE_FORMATS = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".odp": "application/vnd.oasis.opendocument.presentation",
    ".csv": "text/csv",
    ".txt": "text/plain",
    ".zip": "application/zip",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".htm": "text/html",
    ".html": "text/html",
    ".php": "text/html",
    ".aspx": "text/html",
}
WEB_PAGE_FORMAT = "text/html"
UNKNOWN_FORMAT = "application/octet-stream"

# Why a published project cannot become a valid activity (the schema
# requires at least one of each).
MISSING = {
    "description": _("no summary, objective or target groups in any language"),
    "participating_org": _(
        "no published organisation as funder, coordinator, implementing agency or partner"
    ),
    "activity_date": _("neither a start nor an end date"),
}

# A slug the project page's URL pattern accepts; the page's address is
# reversed once per file with SLUG_MARK in its place (one `reverse()` per
# project costs as much as writing the rest of its activity).
PAGE_SLUG = re.compile(SlugConverter.regex)
SLUG_MARK = "iati-project-slug"
# Organisations whose lines a writer keeps (a few hundred kilobytes).
ORGANISATIONS_KEPT = 1000


def iati_participations() -> models.Prefetch:
    """The participations an activity names: an IATI role and a published
    organisation (beneficiaries and stakeholders have no IATI role)."""
    return models.Prefetch(
        "participations",
        queryset=Participation.objects.filter(
            role__in=list(Participation.IATI_ROLES),
            organisation__publication=Publication.PUBLISHED,
        ).select_related("organisation"),
        to_attr="iati_participations",
    )


def for_iati_check(queryset):
    """Published projects with just what `missing_essentials` reads (and the
    title), for listing the projects the export leaves out."""
    texts = [f"{name}_{language}" for name, _type in (*DESCRIPTIONS, ("title", "")) for language in LANGUAGES]
    return (
        queryset.only("pk", "slug", "acronym", "iati_key", "start_date", "end_date", *texts)
        .prefetch_related(iati_participations())
        .order_by("iati_key")
    )


def iati_identifier(project) -> str:
    """Of a project or of its plain row."""
    return identifier_of(project.iati_key)


def xml_text(text: str) -> str:
    """`text` without the control characters XML 1.0 cannot carry (text
    pasted from a word processor has some)."""
    return XML_INVALID.sub("", text)


def escape_text(text: str) -> str:
    """XML-safe element content escaped as libxml2 writes it (a carriage
    return would otherwise be read back as a line feed)."""
    if TEXT_SPECIAL.search(text) is None:
        return text
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def attribute(value: str) -> str:
    """Any `value` made XML-safe and escaped, as libxml2 writes it, for an
    attribute in double quotes (whitespace other than a space would be
    normalised away by a reader)."""
    if ATTRIBUTE_SPECIAL.search(value) is None:
        return value
    return (
        xml_text(value)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\t", "&#9;")
        .replace("\n", "&#10;")
        .replace("\r", "&#13;")
    )


@functools.cache
def translated_columns(field: str) -> operator.attrgetter:
    return operator.attrgetter(*(f"{field}_{language}" for language in LANGUAGES))


def translations(obj, field: str) -> dict[str, str]:
    """The non-blank texts of a translated field, XML-safe, by language in
    the order of LANGUAGES (`obj` is a model instance or a row with the
    `<field>_<language>` columns)."""
    texts = {}
    for language, text in zip(LANGUAGES, translated_columns(field)(obj), strict=True):
        if not text:
            continue
        if not text.isprintable():  # the quick test: control characters are not printable
            text = xml_text(text)
        if text := text.strip():
            texts[language] = text
    return texts


def missing_essentials(project, participations=None) -> list[str]:
    """Keys of `MISSING` for what `project` lacks. `participations` are its
    IATI participations; by default `project.iati_participations`, as
    `for_iati_check` loads them."""
    if participations is None:
        participations = project.iati_participations
    missing = []
    if not any(translations(project, field) for field, _type in DESCRIPTIONS):
        missing.append("description")
    if not participations:
        missing.append("participating_org")
    if not project.start_date and not project.end_date:
        missing.append("activity_date")
    return missing


def activity_dates(project, today: datetime.date) -> list[tuple[str, datetime.date]]:
    """(ActivityDateType, date) pairs; see the module docstring of `opendata.iati`."""
    dates = []
    if project.start_date:
        actual = project.status in STARTED and project.start_date <= today
        dates.append((ACTUAL_START if actual else PLANNED_START, project.start_date))
    if project.end_date:
        actual = project.status in ENDED and project.end_date <= today
        dates.append((ACTUAL_END if actual else PLANNED_END, project.end_date))
    return dates


def even_shares(count: int) -> list[Decimal]:
    """`count` percentages with two decimals summing to exactly 100."""
    if count <= 0:
        return []
    share = (Decimal(100) / count).quantize(Decimal("0.01"), rounding=ROUND_DOWN)
    shares = [share] * count
    cents_left = int((Decimal(100) - share * count) * 100)
    for index in range(cents_left):
        shares[index] += Decimal("0.01")
    return shares


def decimal_text(value: Decimal) -> str:
    """A decimal as the schema wants it: no exponent, no trailing zeros."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def within_a_year(start: datetime.date, end: datetime.date) -> bool:
    try:
        year_later = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        year_later = start.replace(year=start.year + 1, day=28)
    return start <= end < year_later


def file_format(link: str) -> str:
    suffix = PurePosixPath(urlsplit(link).path).suffix.lower()
    if not suffix:
        return WEB_PAGE_FORMAT
    return FILE_FORMATS.get(suffix) or (
        guessed if (guessed := mimetypes.types_map.get(suffix)) in FILE_FORMATS.values() else UNKNOWN_FORMAT
    )


def translated_interface_text(message: str) -> dict[str, str]:
    """An interface string in each language whose catalogue translates it,
    and in English (the language of the message ids): a narrative never
    claims to be French while it is still English."""
    texts = {}
    for language in LANGUAGES:
        with translation.override(language):
            rendered = gettext(message)
        if language == "en" or rendered != message:
            texts[language] = rendered
    return texts


def organisation_type(organisation) -> str:
    return Organisation.IATI_TYPES.get(organisation.kind, "90")


@functools.cache
def share_texts(count: int) -> tuple[str, ...]:
    return tuple(decimal_text(share) for share in even_shares(count))


def narratives(lines: list[str], indent: str, opening: str, closing: str, texts: dict[str, str]):
    """An element (`opening` and `closing` tags at `indent`) holding a
    narrative per text of `texts` (XML-safe, in the order of LANGUAGES, as
    `translations` gives them), self-closed when there is none."""
    if not texts:
        lines.append(f"{indent}{opening[:-1]}/>")
        return
    lines.append(indent + opening)
    for language, text in texts.items():
        lines.append(f'{indent}  <narrative xml:lang="{language}">{escape_text(text)}</narrative>')
    lines.append(indent + closing)


class ActivityWriter:
    """Writes `iati-activity` elements from `rows.ActivityRows`; one writer
    serves a whole file. An element is a list of lines, one per tag,
    indented by two spaces per level as in lxml's pretty print; every value
    read from the database goes through `attribute` or `translations`."""

    def __init__(self, *, base_url: str, today: datetime.date):
        self.base_url = base_url.rstrip("/") + "/"
        self.today = today
        self.reporting_org = []
        narratives(
            self.reporting_org,
            "  ",
            f'<reporting-org ref="{attribute(settings.IATI_REPORTING_ORG_REF)}"'
            f' type="{attribute(settings.IATI_REPORTING_ORG_TYPE)}">',
            "</reporting-org>",
            {
                language: text
                for language in LANGUAGES
                if (text := xml_text(settings.IATI_REPORTING_ORG_NAME.get(language) or "").strip())
            },
        )
        indicators = translated_interface_text(PROJECT_INDICATORS)
        self.project_indicators_title = {language: xml_text(text) for language, text in indicators.items()}
        # In the activity's default language (see `stream.activities_xml`).
        page = reverse("projects:project_detail", kwargs={"slug": SLUG_MARK})
        self.page_url = attribute(self.absolute(page))
        # The participating-org and provider-org lines of the organisations
        # met last: a few funders take part in thousands of projects.
        self.organisation = functools.lru_cache(maxsize=ORGANISATIONS_KEPT)(self.organisation_lines)

    def absolute(self, link: str) -> str:
        return urljoin(self.base_url, link)

    def activity(self, rows) -> str:
        """The `iati-activity` element of `rows` (one project and its
        children, see `rows.ActivityRows`), ending with a line feed."""
        project = rows.project
        updated = project.updated_at.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
        opening = f'<iati-activity xml:lang="{DEFAULT_LANGUAGE}" last-updated-datetime="{updated}"'
        if project.budget_currency:
            opening += f' default-currency="{attribute(project.budget_currency)}"'
        if rows.parent_keys:
            opening += ' hierarchy="2"'
        lines = [
            opening + ">",
            f"  <iati-identifier>{escape_text(xml_text(iati_identifier(project)))}</iati-identifier>",
            *self.reporting_org,
        ]
        titles = translations(project, "title")
        narratives(lines, "  ", "<title>", "</title>", titles)
        for field, description_type in DESCRIPTIONS:
            texts = translations(project, field)
            if texts:
                narratives(lines, "  ", f'<description type="{description_type}">', "</description>", texts)
        self.add_participating_orgs(lines, rows)
        lines.append(f'  <activity-status code="{Project.IATI_STATUS[project.status]}"/>')
        for date_type, date in activity_dates(project, self.today):
            lines.append(f'  <activity-date type="{date_type}" iso-date="{date.isoformat()}"/>')
        codes = rows.country_codes
        for code, share in zip(codes, share_texts(len(codes)), strict=True):
            lines.append(f'  <recipient-country code="{attribute(code)}" percentage="{share}"/>')
        codes = list(dict.fromkeys(code for code in rows.dac_codes if code))
        for code, share in zip(codes, share_texts(len(codes)), strict=True):
            lines.append(f'  <sector vocabulary="1" code="{attribute(code)}" percentage="{share}"/>')
        self.add_budget(lines, project)
        self.add_transactions(lines, rows)
        self.add_document_links(lines, rows, titles)
        reporting_org_ref = attribute(settings.IATI_REPORTING_ORG_REF)
        for key in rows.parent_keys:
            lines.append(f'  <related-activity ref="{reporting_org_ref}-{attribute(key)}" type="{PARENT}"/>')
        for key in rows.child_keys:
            lines.append(f'  <related-activity ref="{reporting_org_ref}-{attribute(key)}" type="{CHILD}"/>')
        self.add_results(lines, rows)
        lines.append("</iati-activity>\n")
        return "\n".join(lines)

    @staticmethod
    def organisation_lines(organisation, indent: str, tag: str, attributes: str) -> tuple[str, ...]:
        """The `tag` lines naming `organisation` (a row), `attributes` (text)
        between its ref and type."""
        lines = []
        ref = organisation.iati_identifier.strip()
        ref = f' ref="{attribute(ref)}"' if ref else ""
        opening = f'<{tag}{ref}{attributes} type="{organisation_type(organisation)}">'
        narratives(lines, indent, opening, f"</{tag}>", translations(organisation, "name"))
        return tuple(lines)

    def add_participating_orgs(self, lines, rows):
        seen = set()
        participations = sorted(rows.participations, key=lambda p: (p.iati_role, p.order, p.pk))
        for participation in participations:
            organisation = participation.organisation
            if (organisation.pk, participation.iati_role) in seen:
                continue
            seen.add((organisation.pk, participation.iati_role))
            role = f' role="{participation.iati_role}"'
            lines += self.organisation(organisation, "  ", "participating-org", role)

    def add_budget(self, lines, project):
        start, end = project.start_date, project.end_date
        if project.budget is None or not project.budget_currency or not (start and end):
            return
        if not within_a_year(start, end):
            return
        status = INDICATIVE if project.status == Project.Status.PIPELINE else COMMITTED
        start_text = start.isoformat()
        lines += [
            f'  <budget type="{ORIGINAL_BUDGET}" status="{status}">',
            f'    <period-start iso-date="{start_text}"/>',
            f'    <period-end iso-date="{end.isoformat()}"/>',
            f'    <value currency="{attribute(project.budget_currency)}" value-date="{start_text}">'
            f"{decimal_text(project.budget)}</value>",
            "  </budget>",
        ]

    def add_transactions(self, lines, rows):
        start = rows.project.start_date
        if rows.project.status not in STARTED or not start or start > self.today:
            return
        start_text = start.isoformat()
        for participation in rows.participations:
            if participation.role != Participation.Role.FUNDER or participation.amount is None:
                continue
            if not participation.currency:
                continue
            lines += [
                "  <transaction>",
                f'    <transaction-type code="{INCOMING_COMMITMENT}"/>',
                f'    <transaction-date iso-date="{start_text}"/>',
                f'    <value currency="{attribute(participation.currency)}" value-date="{start_text}">'
                f"{decimal_text(participation.amount)}</value>",
            ]
            lines += self.organisation(participation.organisation, "    ", "provider-org", "")
            lines.append("  </transaction>")

    def add_document_links(self, lines, rows, titles):
        slug = rows.project.slug
        if PAGE_SLUG.fullmatch(slug):
            url = self.page_url.replace(SLUG_MARK, slug)
            self.add_document_link(lines, url, WEB_PAGE_FORMAT, titles, ACTIVITY_WEB_PAGE, (), None)
        for document in rows.documents:
            link = document.link
            if not link:
                continue
            self.add_document_link(
                lines,
                attribute(self.absolute(link)),
                file_format(link),
                translations(document, "title"),
                document.category,
                (document.language,),
                document.date,
            )

    @staticmethod
    def add_document_link(lines, url, format, titles, category, languages, date):
        lines.append(f'  <document-link url="{url}" format="{format}">')
        narratives(lines, "    ", "<title>", "</title>", titles)
        lines.append(f'    <category code="{category}"/>')
        for language in languages:
            lines.append(f'    <language code="{attribute(language)}"/>')
        if date:
            lines.append(f'    <document-date iso-date="{date.isoformat()}"/>')
        lines.append("  </document-link>")

    def add_results(self, lines, rows):
        """One result per published component with indicators, one for the
        project's own indicators; an objective is an outcome, anything else
        "other" (the registry does not say)."""
        groups: dict[int | None, list] = {}
        for indicator in rows.indicators:
            component = indicator.component_id
            if component is not None and indicator.component_publication != Publication.PUBLISHED:
                component = None
            groups.setdefault(component, []).append(indicator)
        # The project's own indicators last, the components in their order.
        for component, indicators in sorted(
            groups.items(), key=lambda item: (item[0] is None, item[1][0].component_order if item[0] else 0)
        ):
            if component is None:
                result_type, title = OTHER_RESULT, self.project_indicators_title
            else:
                first = indicators[0]
                kind = first.component_kind
                result_type = OUTCOME if kind == Component.Kind.SPECIFIC_OBJECTIVE else OTHER_RESULT
                title = translations(first, "component_title")
            lines.append(f'  <result type="{result_type}">')
            narratives(lines, "    ", "<title>", "</title>", title)
            for indicator in indicators:
                self.add_indicator(lines, indicator, rows.project, rows.periods.get(indicator.pk, ()))
            lines.append("  </result>")

    @staticmethod
    def add_indicator(lines, indicator, project, periods=()):
        measure = PERCENTAGE if "%" in translations(indicator, "unit").values() else UNIT
        lines.append(f'    <indicator measure="{measure}">')
        narratives(lines, "      ", "<title>", "</title>", translations(indicator, "label"))
        notes = translations(indicator, "note")
        if notes:
            narratives(lines, "      ", "<description>", "</description>", notes)
        # The indicator's own period, else the project's: targets are set for it.
        start = indicator.period_start or project.start_date
        end = indicator.period_end or project.end_date
        if indicator.baseline is not None and start:
            lines.append(f'      <baseline year="{start.year}" value="{decimal_text(indicator.baseline)}"/>')
        # Its values over that period, then its reporting periods; a
        # reporting period with the same dates is the one written.
        has_values = indicator.target is not None or indicator.actual is not None
        reported = {(period.start, period.end) for period in periods}
        if has_values and start and end and start <= end and (start, end) not in reported:
            add_period(lines, start, end, indicator.target, indicator.actual)
        for period in periods:
            comments = translations(period, "comment")
            add_period(lines, period.start, period.end, period.target, period.actual, comments)
        lines.append("    </indicator>")


def add_period(lines, start, end, target, actual, comments=None):
    """A `period` of an indicator; its comment goes with the value reached,
    or with the target when no value is reported."""
    lines += [
        "      <period>",
        f'        <period-start iso-date="{start.isoformat()}"/>',
        f'        <period-end iso-date="{end.isoformat()}"/>',
    ]
    for name, value in (("target", target), ("actual", actual)):
        if value is None:
            continue
        commented = comments and (name == "actual" or actual is None)
        if not commented:
            lines.append(f'        <{name} value="{decimal_text(value)}"/>')
            continue
        lines.append(f'        <{name} value="{decimal_text(value)}">')
        narratives(lines, "          ", "<comment>", "</comment>", comments)
        lines.append(f"        </{name}>")
    lines.append("      </period>")
