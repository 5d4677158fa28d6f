"""One published project as an IATI 2.03 `iati-activity` element.

Elements are added in the order of the schema's sequence (iati-identifier,
reporting-org, title, description, participating-org, activity-status,
activity-date, recipient-country, sector, budget, transaction, document-link,
related-activity, result); an element without data is left out, never
written empty. The mapping decisions are explained in `cooperation.iati`.
"""

import datetime
import mimetypes
import re
from decimal import ROUND_DOWN, Decimal
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _
from lxml import etree

from cooperation.publication import Publication
from projects.models import (
    Component,
    Participation,
    Project,
    ProjectCountry,
    ProjectRelation,
)

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
LANGUAGES = ("fr", "ar", "en")
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


def for_iati(queryset):
    """Published projects with everything their activity needs, in a fixed
    number of queries per chunk of projects. Every prefetch goes to a list
    (`to_attr`): Django then skips building a queryset per project and per
    relation, which halves the time of a large export."""
    from projects.models import Document, Indicator, Theme

    return (
        queryset.defer("search_text")
        .prefetch_related(
            iati_participations(),
            models.Prefetch(
                "country_links",
                queryset=ProjectCountry.objects.exclude(status=ProjectCountry.Status.SUSPENDED).order_by(
                    "order", "country_id"
                ),
                to_attr="iati_country_links",
            ),
            models.Prefetch("themes", queryset=Theme.objects.all(), to_attr="iati_themes"),
            models.Prefetch("documents", queryset=Document.objects.published(), to_attr="iati_documents"),
            models.Prefetch(
                "indicators",
                queryset=Indicator.objects.published().select_related("component"),
                to_attr="iati_indicators",
            ),
            models.Prefetch(
                "relations",
                queryset=ProjectRelation.objects.filter(
                    kind=ProjectRelation.Kind.PART_OF, related__publication=Publication.PUBLISHED
                ).select_related("related"),
                to_attr="iati_parents",
            ),
            models.Prefetch(
                "inverse_relations",
                queryset=ProjectRelation.objects.filter(
                    kind=ProjectRelation.Kind.PART_OF, project__publication=Publication.PUBLISHED
                ).select_related("project"),
                to_attr="iati_children",
            ),
        )
        .order_by("iati_key")
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


def iati_identifier(project: Project) -> str:
    return f"{settings.IATI_REPORTING_ORG_REF}-{project.iati_key}"


def xml_text(text: str) -> str:
    """`text` without the control characters XML 1.0 cannot carry (text
    pasted from a word processor has some); lxml would refuse it mid-file."""
    return XML_INVALID.sub("", text)


def translations(obj, field: str) -> dict[str, str]:
    """The non-blank texts of a translated field, by language."""
    texts = {
        language: xml_text(getattr(obj, f"{field}_{language}", "") or "").strip() for language in LANGUAGES
    }
    return {language: text for language, text in texts.items() if text}


def missing_essentials(project: Project) -> list[str]:
    """Keys of `MISSING` for what `project` lacks (needs `iati_participations`)."""
    missing = []
    if not any(translations(project, field) for field, _type in DESCRIPTIONS):
        missing.append("description")
    if not project.iati_participations:
        missing.append("participating_org")
    if not project.start_date and not project.end_date:
        missing.append("activity_date")
    return missing


def activity_dates(project: Project, today: datetime.date) -> list[tuple[str, datetime.date]]:
    """(ActivityDateType, date) pairs; see the module docstring of `cooperation.iati`."""
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


class ActivityWriter:
    """Builds `iati-activity` elements; one writer serves a whole file."""

    def __init__(self, *, base_url: str, today: datetime.date):
        self.base_url = base_url.rstrip("/") + "/"
        self.today = today
        self.reporting_org_names = {
            language: name.strip()
            for language, name in settings.IATI_REPORTING_ORG_NAME.items()
            if language in LANGUAGES and name and name.strip()
        }
        self.project_indicators_title = translated_interface_text(PROJECT_INDICATORS)

    # Building blocks

    def sub(self, parent, tag: str, **attributes) -> etree._Element:
        return etree.SubElement(
            parent, tag, {key.replace("_", "-"): xml_text(value) for key, value in attributes.items()}
        )

    def narratives(self, parent, texts: dict[str, str]):
        for language in LANGUAGES:
            if texts.get(language):
                narrative = etree.SubElement(parent, "narrative", {XML_LANG: language})
                narrative.text = texts[language]

    def value(self, parent, amount: Decimal, currency: str, value_date: datetime.date):
        element = self.sub(parent, "value", currency=currency, value_date=value_date.isoformat())
        element.text = decimal_text(amount)

    def absolute(self, link: str) -> str:
        return urljoin(self.base_url, link)

    # The activity

    def element(self, project: Project) -> etree._Element:
        attributes = {
            XML_LANG: DEFAULT_LANGUAGE,
            "last-updated-datetime": project.updated_at.astimezone(datetime.UTC)
            .replace(microsecond=0)
            .isoformat(),
        }
        if project.budget_currency:
            attributes["default-currency"] = project.budget_currency
        if project.iati_parents:
            attributes["hierarchy"] = "2"
        activity = etree.Element("iati-activity", attributes)
        self.sub(activity, "iati-identifier").text = iati_identifier(project)
        self.add_reporting_org(activity)
        self.narratives(self.sub(activity, "title"), translations(project, "title"))
        self.add_descriptions(activity, project)
        self.add_participating_orgs(activity, project)
        self.sub(activity, "activity-status", code=project.iati_status)
        for date_type, date in activity_dates(project, self.today):
            self.sub(activity, "activity-date", type=date_type, iso_date=date.isoformat())
        self.add_recipient_countries(activity, project)
        self.add_sectors(activity, project)
        self.add_budget(activity, project)
        self.add_transactions(activity, project)
        self.add_document_links(activity, project)
        self.add_related_activities(activity, project)
        self.add_results(activity, project)
        return activity

    def add_reporting_org(self, activity):
        org = self.sub(
            activity,
            "reporting-org",
            ref=settings.IATI_REPORTING_ORG_REF,
            type=settings.IATI_REPORTING_ORG_TYPE,
        )
        self.narratives(org, self.reporting_org_names)

    def add_descriptions(self, activity, project):
        for field, description_type in DESCRIPTIONS:
            texts = translations(project, field)
            if texts:
                self.narratives(self.sub(activity, "description", type=description_type), texts)

    def add_participating_orgs(self, activity, project):
        seen = set()
        participations = sorted(project.iati_participations, key=lambda p: (p.iati_role, p.order, p.pk))
        for participation in participations:
            organisation = participation.organisation
            if (organisation.pk, participation.iati_role) in seen:
                continue
            seen.add((organisation.pk, participation.iati_role))
            attributes = {"role": participation.iati_role, "type": organisation.iati_type}
            if organisation.iati_identifier.strip():
                attributes = {"ref": organisation.iati_identifier.strip(), **attributes}
            org = self.sub(activity, "participating-org", **attributes)
            self.narratives(org, translations(organisation, "name"))

    def add_recipient_countries(self, activity, project):
        links = project.iati_country_links
        for link, share in zip(links, even_shares(len(links)), strict=True):
            self.sub(activity, "recipient-country", code=link.country_id, percentage=decimal_text(share))

    def add_sectors(self, activity, project):
        codes = list(dict.fromkeys(theme.dac_code for theme in project.iati_themes if theme.dac_code))
        for code, share in zip(codes, even_shares(len(codes)), strict=True):
            self.sub(activity, "sector", vocabulary="1", code=code, percentage=decimal_text(share))

    def add_budget(self, activity, project):
        start, end = project.start_date, project.end_date
        if project.budget is None or not project.budget_currency or not (start and end):
            return
        if not within_a_year(start, end):
            return
        status = INDICATIVE if project.status == Project.Status.PIPELINE else COMMITTED
        budget = self.sub(activity, "budget", type=ORIGINAL_BUDGET, status=status)
        self.sub(budget, "period-start", iso_date=start.isoformat())
        self.sub(budget, "period-end", iso_date=end.isoformat())
        self.value(budget, project.budget, project.budget_currency, start)

    def add_transactions(self, activity, project):
        start = project.start_date
        if project.status not in STARTED or not start or start > self.today:
            return
        for participation in project.iati_participations:
            if participation.role != Participation.Role.FUNDER or participation.amount is None:
                continue
            if not participation.currency:
                continue
            organisation = participation.organisation
            transaction = self.sub(activity, "transaction")
            self.sub(transaction, "transaction-type", code=INCOMING_COMMITMENT)
            self.sub(transaction, "transaction-date", iso_date=start.isoformat())
            self.value(transaction, participation.amount, participation.currency, start)
            attributes = {"type": organisation.iati_type}
            if organisation.iati_identifier.strip():
                attributes = {"ref": organisation.iati_identifier.strip(), **attributes}
            provider = self.sub(transaction, "provider-org", **attributes)
            self.narratives(provider, translations(organisation, "name"))

    def add_document_links(self, activity, project):
        try:
            # In the activity's default language (see `stream.activities_xml`).
            page = project.get_absolute_url()
        except NoReverseMatch:  # the public pages are not wired (yet)
            page = None
        if page:
            self.add_document_link(
                activity,
                url=self.absolute(page),
                format=WEB_PAGE_FORMAT,
                titles=translations(project, "title"),
                category=ACTIVITY_WEB_PAGE,
                languages=(),
                date=None,
            )
        for document in project.iati_documents:
            link = document.link
            if not link:
                continue
            self.add_document_link(
                activity,
                url=self.absolute(link),
                format=file_format(link),
                titles=translations(document, "title"),
                category=document.IATI_CATEGORIES[document.kind],
                languages=(document.language,),
                date=document.date,
            )

    def add_document_link(self, activity, *, url, format, titles, category, languages, date):
        link = self.sub(activity, "document-link", url=url, format=format)
        self.narratives(self.sub(link, "title"), titles)
        self.sub(link, "category", code=category)
        for language in languages:
            self.sub(link, "language", code=language)
        if date:
            self.sub(link, "document-date", iso_date=date.isoformat())

    def add_related_activities(self, activity, project):
        for relation in project.iati_parents:
            self.sub(activity, "related-activity", ref=iati_identifier(relation.related), type=PARENT)
        for relation in project.iati_children:
            self.sub(activity, "related-activity", ref=iati_identifier(relation.project), type=CHILD)

    def add_results(self, activity, project):
        """One result per published component with indicators, one for the
        project's own indicators; an objective is an outcome, anything else
        "other" (the registry does not say)."""
        groups: dict[Component | None, list] = {}
        for indicator in project.iati_indicators:
            component = indicator.component
            if component is not None and component.publication != Publication.PUBLISHED:
                component = None
            groups.setdefault(component, []).append(indicator)
        for component, indicators in sorted(
            groups.items(), key=lambda item: (item[0] is None, item[0].order if item[0] else 0)
        ):
            if component is None:
                result_type, title = OTHER_RESULT, self.project_indicators_title
            else:
                result_type = OUTCOME if component.kind == Component.Kind.SPECIFIC_OBJECTIVE else OTHER_RESULT
                title = translations(component, "title")
            result = self.sub(activity, "result", type=result_type)
            self.narratives(self.sub(result, "title"), title)
            for indicator in indicators:
                self.add_indicator(result, indicator, project)

    def add_indicator(self, result, indicator, project):
        measure = PERCENTAGE if "%" in translations(indicator, "unit").values() else UNIT
        element = self.sub(result, "indicator", measure=measure)
        self.narratives(self.sub(element, "title"), translations(indicator, "label"))
        notes = translations(indicator, "note")
        if notes:
            self.narratives(self.sub(element, "description"), notes)
        # The indicator's own period, else the project's: targets are set for it.
        start = indicator.period_start or project.start_date
        end = indicator.period_end or project.end_date
        if indicator.baseline is not None and start:
            self.sub(element, "baseline", year=str(start.year), value=decimal_text(indicator.baseline))
        has_values = indicator.target is not None or indicator.actual is not None
        if has_values and start and end and start <= end:
            period = self.sub(element, "period")
            self.sub(period, "period-start", iso_date=start.isoformat())
            self.sub(period, "period-end", iso_date=end.isoformat())
            if indicator.target is not None:
                self.sub(period, "target", value=decimal_text(indicator.target))
            if indicator.actual is not None:
                self.sub(period, "actual", value=decimal_text(indicator.actual))
