"""Projects and what hangs off them: countries, participations, components,
indicators, documents and the links between projects."""

import calendar
import datetime

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.signals import m2m_changed
from django.dispatch import receiver
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModel
from core.money import amount_field, check_amount, currency_field
from core.periods import DATE_FORMATS, DatePrecision
from core.publication import PublishableModel
from core.refusals import some_of
from core.search import SearchableModel
from partners.models import Country, Organisation
from projects.querysets import (
    ComponentQuerySet,
    DocumentQuerySet,
    IndicatorPeriodQuerySet,
    IndicatorQuerySet,
    ParticipationQuerySet,
    ProjectCountryQuerySet,
    ProjectQuerySet,
    ProjectRelationQuerySet,
    ThemeQuerySet,
)


def check_period(start, end, start_name="start_date", end_name="end_date") -> dict:
    if start and end and end < start:
        return {end_name: _("The end date cannot come before the start date.")}
    return {}


# A date known to a year or a month stands for any day of it: a record is
# refused for falling outside a period only when none of its possible days
# can be inside.
def first_day(value: datetime.date, precision: str) -> datetime.date:
    """The earliest day `value`, known to `precision`, may stand for."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    return value


def last_day(value: datetime.date, precision: str) -> datetime.date:
    """The latest day `value`, known to `precision`, may stand for."""
    if precision == DatePrecision.YEAR:
        return value.replace(month=12, day=31)
    if precision == DatePrecision.MONTH:
        return value.replace(day=calendar.monthrange(value.year, value.month)[1])
    return value


def shown_date(value: datetime.date, precision: str) -> str:
    """`value` as the pages write it at `precision` ("2019", "août 2018")."""
    return formats.date_format(value, DATE_FORMATS.get(precision, "DATE_FORMAT"))


def activity_label(activity) -> str:
    return activity.code or activity.title[:40]


def event_label(event) -> str:
    return event.title[:40]


def indicator_period_label(period) -> str:
    return f"{period.indicator.label[:40]} ({period.start.isoformat()} – {period.end.isoformat()})"


def check_not_negative(record, names) -> dict:
    """An error on each of the `names` values of `record` (an indicator, a
    reporting period) that is below zero."""
    return {
        name: _("An indicator value cannot be negative.")
        for name in names
        if getattr(record, name) is not None and getattr(record, name) < 0
    }


class Theme(VersionedModel):
    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    dac_code = models.CharField(
        _("DAC sector code"),
        max_length=5,
        blank=True,
        help_text=_("OECD DAC 5-digit purpose code, for the IATI export."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def clean(self):
        if self.dac_code and not (self.dac_code.isdigit() and len(self.dac_code) == 5):
            raise ValidationError({"dac_code": _("A DAC sector code has five digits.")})


def iati_identifier(iati_key: str) -> str:
    """A project's IATI identifier: the reporting organisation's identifier
    (a setting), then the project's key, fixed when it was created."""
    return f"{settings.IATI_REPORTING_ORG_REF}-{iati_key}"


class Project(PublishableModel, SearchableModel):
    class Status(models.TextChoices):
        PIPELINE = "pipeline", _("Pipeline / identification")
        IMPLEMENTATION = "implementation", _("Implementation")
        FINALISATION = "finalisation", _("Finalisation")
        CLOSED = "closed", _("Closed")
        CANCELLED = "cancelled", _("Cancelled")
        SUSPENDED = "suspended", _("Suspended")

    # IATI ActivityStatus codes.
    IATI_STATUS = {
        Status.PIPELINE: "1",
        Status.IMPLEMENTATION: "2",
        Status.FINALISATION: "3",
        Status.CLOSED: "4",
        Status.CANCELLED: "5",
        Status.SUSPENDED: "6",
    }

    acronym = models.CharField(_("acronym"), max_length=40)
    short_name = models.CharField(
        _("short name"),
        max_length=80,
        blank=True,
        help_text=_(
            "How the project is called for short in each language, where its acronym is a French "
            "phrase rather than an acronym (“Partenariat pour les talents”). Empty: the acronym."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=80, unique=True, help_text=_("The acronym, slugified."))
    iati_key = models.CharField(
        _("IATI key"),
        max_length=60,
        unique=True,
        editable=False,
        help_text=_("Fixed at creation; the IATI identifier is built from it and never changes."),
    )
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    context = models.TextField(_("context"), blank=True)
    objective = models.TextField(_("objective"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    beneficiaries = models.TextField(_("beneficiaries"), blank=True)
    target_groups = models.TextField(_("target groups"), blank=True)
    stakeholders = models.TextField(_("stakeholders"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PIPELINE, db_index=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True, db_index=True)
    start_precision = models.CharField(
        _("start date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    end_date = models.DateField(_("end date"), null=True, blank=True, db_index=True)
    end_precision = models.CharField(
        _("end date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"), null=True, blank=True, help_text=_("Only where a document states it.")
    )
    period_note = models.TextField(
        _("period note"), blank=True, help_text=_("Per-agency periods, fiscal years, and other nuances.")
    )
    budget = amount_field(_("total budget"))
    budget_currency = currency_field(_("budget currency"))
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True, related_name="projects")
    countries = models.ManyToManyField(
        Country, verbose_name=_("countries"), through="ProjectCountry", blank=True, related_name="projects"
    )
    source_url = models.URLField(_("source"), max_length=500, blank=True)

    search_fields = ("acronym", "short_name", "title", "summary", "objective", "expected_results")

    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        permissions = [("publish_project", "Can publish, send back and archive projects")]
        # Projects without a start date last, on SQLite and PostgreSQL alike.
        ordering = [models.F("start_date").desc(nulls_last=True), "acronym"]

    def __str__(self):
        return f"{self.acronym} – {self.title}" if self.title else self.acronym

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.acronym)
        if not self.iati_key:
            self.iati_key = (self.slug or slugify(self.acronym)).upper()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("projects:project_detail", kwargs={"slug": self.slug})

    @property
    def short_label(self) -> str:
        """Its short name in the active language, else its acronym."""
        return self.short_name or self.acronym

    def natural_key(self):
        return (self.slug,)

    @property
    def iati_identifier(self) -> str:
        return iati_identifier(self.iati_key)

    @property
    def is_past_its_end(self) -> bool:
        """Still under way after its own end date: the pages say the status
        is to be confirmed rather than correct it silently."""
        under_way = self.status in (self.Status.IMPLEMENTATION, self.Status.FINALISATION)
        return under_way and self.end_date is not None and self.end_date < timezone.localdate()

    def clean(self):
        errors = check_period(self.start_date, self.end_date)
        if not errors:
            errors = self.records_left_outside(self.moved_dates())
        errors |= check_amount(self.budget, self.budget_currency, "budget", "budget_currency")
        if errors:
            raise ValidationError(errors)

    def period_bounds(self) -> tuple[datetime.date | None, datetime.date | None]:
        """The earliest day the project may start and the latest it may end,
        each date read at its precision (an end known to the year runs to 31
        December); None where a date is unknown, which bounds nothing."""
        first = first_day(self.start_date, self.start_precision) if self.start_date else None
        last = last_day(self.end_date, self.end_precision) if self.end_date else None
        return first, last

    def dates_outside(self, dates: dict, precision: str = DatePrecision.DAY, *, may_precede=False) -> dict:
        """The errors, by field, of a record of the project whose `dates`
        ({field name: date}, known to `precision`) cannot lie within the
        project's period; `may_precede` lets them come before its start."""
        first, last = self.period_bounds()
        errors = {}
        for name, value in dates.items():
            if value is None:
                continue
            if first is not None and not may_precede and last_day(value, precision) < first:
                errors[name] = gettext("This date comes before the start of the project (%(start)s).") % {
                    "start": shown_date(self.start_date, self.start_precision)
                }
            elif last is not None and first_day(value, precision) > last:
                errors[name] = gettext("This date comes after the end of the project (%(end)s).") % {
                    "end": shown_date(self.end_date, self.end_precision)
                }
        return errors

    def moved_dates(self) -> set[str]:
        """Which of the start and end dates this edit moves (its value or its
        precision), compared with the stored project."""
        bounds = {"start_date": "start_precision", "end_date": "end_precision"}
        if self.pk is None:
            return set()
        stored = type(self)._base_manager.filter(pk=self.pk).values(*bounds, *bounds.values()).first()
        if stored is None:
            return set()
        return {
            date
            for date, precision in bounds.items()
            if (stored[date], stored[precision]) != (getattr(self, date), getattr(self, precision))
        }

    def records_left_outside(self, moved: set[str]) -> dict:
        """Errors on the `moved` dates naming the activities, events and
        indicators' reporting periods of the project that the new period
        would leave outside."""
        first, last = self.period_bounds()
        errors = {}
        if "start_date" in moved and first is not None:
            errors["start_date"] = self.records_before(first)
        if "end_date" in moved and last is not None:
            errors["end_date"] = self.records_after(last)
        return {name: messages for name, messages in errors.items() if messages}

    def records_before(self, first: datetime.date) -> list[str]:
        """What a start on `first` would leave before it, one sentence for the
        activities, one for the events (a signature may precede the start:
        see Event.may_precede_project), one for the indicators' reporting
        periods."""
        messages = []
        activities = self.activities.filter(models.Q(start_date__lt=first) | models.Q(end_date__lt=first))
        count, names = some_of(activities.order_by("code", "pk"), activity_label)
        if count:
            messages.append(
                ngettext(
                    "An activity of the project starts before this date: change its dates first "
                    "(%(activities)s).",
                    "%(count)d activities of the project start before this date: change their dates first "
                    "(%(activities)s).",
                    count,
                )
                % {"count": count, "activities": names}
            )
        events = [
            event
            for event in self.events.filter(start_date__lt=first).order_by("start_date", "pk")
            if not event.may_precede_project and last_day(event.start_date, event.date_precision) < first
        ]
        count, names = some_of(events, event_label)
        if count:
            messages.append(
                ngettext(
                    "An event of the project takes place before this date: change its date first "
                    "(%(events)s).",
                    "%(count)d events of the project take place before this date: change their dates first "
                    "(%(events)s).",
                    count,
                )
                % {"count": count, "events": names}
            )
        periods = IndicatorPeriod.objects.filter(indicator__project=self, start__lt=first)
        count, names = some_of(
            periods.select_related("indicator").order_by("start", "pk"), indicator_period_label
        )
        if count:
            messages.append(
                ngettext(
                    "A reporting period of an indicator of the project starts before this date: change its "
                    "dates first (%(periods)s).",
                    "%(count)d reporting periods of indicators of the project start before this date: change "
                    "their dates first (%(periods)s).",
                    count,
                )
                % {"count": count, "periods": names}
            )
        return messages

    def records_after(self, last: datetime.date) -> list[str]:
        """What an end on `last` would leave after it, one sentence for the
        activities, one for the events, one for the indicators' reporting
        periods."""
        messages = []
        activities = self.activities.filter(models.Q(start_date__gt=last) | models.Q(end_date__gt=last))
        count, names = some_of(activities.order_by("code", "pk"), activity_label)
        if count:
            messages.append(
                ngettext(
                    "An activity of the project ends after this date: change its dates first "
                    "(%(activities)s).",
                    "%(count)d activities of the project end after this date: change their dates first "
                    "(%(activities)s).",
                    count,
                )
                % {"count": count, "activities": names}
            )
        later = self.events.filter(models.Q(start_date__gt=last) | models.Q(end_date__gt=last))
        events = [
            event
            for event in later.order_by("start_date", "pk")
            if first_day(event.end_date or event.start_date, event.date_precision) > last
        ]
        count, names = some_of(events, event_label)
        if count:
            messages.append(
                ngettext(
                    "An event of the project takes place after this date: change its date first "
                    "(%(events)s).",
                    "%(count)d events of the project take place after this date: change their dates first "
                    "(%(events)s).",
                    count,
                )
                % {"count": count, "events": names}
            )
        periods = IndicatorPeriod.objects.filter(indicator__project=self, end__gt=last)
        count, names = some_of(
            periods.select_related("indicator").order_by("start", "pk"), indicator_period_label
        )
        if count:
            messages.append(
                ngettext(
                    "A reporting period of an indicator of the project ends after this date: change its "
                    "dates first (%(periods)s).",
                    "%(count)d reporting periods of indicators of the project end after this date: change "
                    "their dates first (%(periods)s).",
                    count,
                )
                % {"count": count, "periods": names}
            )
        return messages


class ProjectCountry(VersionedModel):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        PLANNED = "planned", _("Planned")
        COMPLETED = "completed", _("Completed")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="country_links"
    )
    country = models.ForeignKey(
        Country, verbose_name=_("country"), on_delete=models.PROTECT, related_name="project_links"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ProjectCountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("project country")
        verbose_name_plural = _("project countries")
        ordering = ["order", "country__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "country"], name="unique_project_country"),
        ]

    def __str__(self):
        return f"{self.project.acronym} – {self.country}"

    def delete(self, *args, **kwargs):
        # The admin's inline checks first (DeletionCheckedFormSet) and names
        # them on the form; this is the last guard for every other path.
        self.check_deletable()
        return super().delete(*args, **kwargs)

    def clean(self):
        # Moving the row to another country or project takes its country
        # from the project it had.
        stored = self.stored()
        if stored is not None and stored.country_id != self.country_id:
            stored.check_country_unused(stored.country_id, field="country")
        elif stored is not None and stored.project_id != self.project_id:
            stored.check_country_unused(stored.country_id, field="project")

    def stored(self) -> "ProjectCountry | None":
        """The row as saved (a form may have changed this instance)."""
        return type(self)._base_manager.filter(pk=self.pk).first() if self.pk else None

    def check_deletable(self) -> None:
        link = self.stored() or self
        link.check_country_unused(link.country_id)

    def check_country_unused(self, country_id, *, field=None) -> None:
        """Refuse to take `country_id` from the project while activities or
        events of the project take place there (their country must be one of
        their project's): name them, so the editor knows what to move first."""
        messages = []
        activities = self.project.activities.filter(country_id=country_id).order_by("code", "pk")
        count, names = some_of(activities, activity_label)
        if count:
            messages.append(
                ngettext(
                    "%(country)s has an activity of the project: move or delete it first (%(activities)s).",
                    "%(country)s has %(count)d activities of the project: move or delete them first "
                    "(%(activities)s).",
                    count,
                )
                % {"country": Country.objects.get(pk=country_id), "count": count, "activities": names}
            )
        events = self.project.events.filter(country_id=country_id).order_by("start_date", "pk")
        count, names = some_of(events, event_label)
        if count:
            messages.append(
                ngettext(
                    "%(country)s has an event of the project: move or delete it first (%(events)s).",
                    "%(country)s has %(count)d events of the project: move or delete them first "
                    "(%(events)s).",
                    count,
                )
                % {"country": Country.objects.get(pk=country_id), "count": count, "events": names}
            )
        if messages:
            raise ValidationError({field: messages} if field else messages)


@receiver(m2m_changed, sender=ProjectCountry)
def countries_removed(sender, instance, action, reverse, pk_set, **kwargs):
    """`project.countries.set()`, `.remove()` and `.clear()` (an import's
    countries column, an approved change) delete the links in bulk, past
    `ProjectCountry.delete()`: the same check, before anything is deleted."""
    if action not in ("pre_remove", "pre_clear"):
        return
    links = ProjectCountry.objects.filter(**{"country" if reverse else "project": instance})
    if action == "pre_remove":
        links = links.filter(**{"project__in" if reverse else "country__in": pk_set})
    for link in links:
        link.check_deletable()


class Participation(VersionedModel):
    class Role(models.TextChoices):
        FUNDER = "funder", _("Funder")
        IMPLEMENTER = "implementer", _("Implementing agency")
        COORDINATOR = "coordinator", _("Coordinator")
        INSTITUTIONAL_PARTNER = "partner", _("Institutional partner")
        SOCIAL_PARTNER = "social_partner", _("Social partner")
        BENEFICIARY = "beneficiary", _("Beneficiary institution")
        STAKEHOLDER = "stakeholder", _("Stakeholder")

    # IATI OrganisationRole: 1 funding, 2 accountable, 3 extending, 4 implementing.
    # Beneficiaries and stakeholders have no IATI role and are left out there.
    IATI_ROLES = {
        Role.FUNDER: "1",
        Role.COORDINATOR: "2",
        Role.IMPLEMENTER: "4",
        Role.INSTITUTIONAL_PARTNER: "4",
        Role.SOCIAL_PARTNER: "4",
    }

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, db_index=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participations",
        help_text=_("The country in which the organisation takes part, where it matters."),
    )
    amount = amount_field(_("contributed amount"))
    currency = currency_field()
    is_lead = models.BooleanField(
        _("lead partner"), default=False, help_text=_("The cooperation partner the project is filed under.")
    )
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ParticipationQuerySet.as_manager()

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "organisation", "role"], name="unique_participation_role"
            ),
        ]

    def __str__(self):
        return f"{self.organisation.short_name} – {self.get_role_display()} – {self.project.acronym}"

    @property
    def iati_role(self) -> str | None:
        return self.IATI_ROLES.get(self.role)

    def clean(self):
        errors = check_amount(self.amount, self.currency, "amount", "currency")
        if errors:
            raise ValidationError(errors)


class Component(PublishableModel, SearchableModel):
    class Kind(models.TextChoices):
        AXIS = "axis", _("Axis")
        SPECIFIC_OBJECTIVE = "objective", _("Specific objective")
        COMPONENT = "component", _("Component")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="components"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.COMPONENT)
    code = models.CharField(_("code"), max_length=20, help_text=_('As the documents number it: "1", "OS 3".'))
    title = models.CharField(_("title"), max_length=400)
    description = models.TextField(_("description"), blank=True)
    expected_results = models.TextField(_("expected results"), blank=True)
    managers = models.ManyToManyField(
        Organisation, verbose_name=_("managing organisations"), blank=True, related_name="managed_components"
    )
    amount = amount_field(_("allocated amount"))
    currency = currency_field()
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = ("code", "title", "description", "expected_results")

    objects = ComponentQuerySet.as_manager()

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        permissions = [("publish_component", "Can publish, send back and archive components")]
        ordering = ["project", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["project", "code"], name="unique_component_code"),
        ]

    def __str__(self):
        return f"{self.project.acronym} {self.code} – {self.title}"

    def natural_key(self):
        return (*self.project.natural_key(), self.code)

    natural_key.dependencies = ["projects.project"]

    def delete(self, *args, **kwargs):
        # The project's inline checks first (DeletionCheckedFormSet), the
        # component's admin on its confirmation page; deletions that skip
        # this method meet the database's refusal (Activity.component).
        self.check_deletable()
        return super().delete(*args, **kwargs)

    def clean(self):
        errors = check_amount(self.amount, self.currency, "amount", "currency")
        errors |= self.records_left_behind()
        if errors:
            raise ValidationError(errors)

    def check_deletable(self) -> None:
        """Refuse to delete a component that has activities (an activity
        belongs to a component): name them, so the editor knows what to move
        or delete first."""
        count, names = some_of(self.activities.order_by("code", "pk"), activity_label)
        if count:
            raise ValidationError(
                ngettext(
                    "The component %(component)s has an activity: move or delete it first (%(activities)s).",
                    "The component %(component)s has %(count)d activities: move or delete them first "
                    "(%(activities)s).",
                    count,
                )
                % {"component": self.code, "count": count, "activities": names}
            )

    def records_left_behind(self) -> dict:
        """An error on the project, naming them, when the component would move
        to another project without its activities and indicators (theirs
        must be the component's project)."""
        if self.pk is None:
            return {}
        stored = type(self)._base_manager.filter(pk=self.pk).values_list("project_id", flat=True).first()
        if stored is None or stored == self.project_id:
            return {}
        messages = []
        count, names = some_of(self.activities.order_by("code", "pk"), activity_label)
        if count:
            messages.append(
                ngettext(
                    "The component has an activity in its project: it cannot move to another project "
                    "(%(activities)s).",
                    "The component has %(count)d activities in its project: it cannot move to another "
                    "project (%(activities)s).",
                    count,
                )
                % {"count": count, "activities": names}
            )
        count, names = some_of(
            self.indicators.order_by("order", "pk"), lambda indicator: indicator.label[:40]
        )
        if count:
            messages.append(
                ngettext(
                    "The component has an indicator in its project: it cannot move to another project "
                    "(%(indicators)s).",
                    "The component has %(count)d indicators in its project: it cannot move to another "
                    "project (%(indicators)s).",
                    count,
                )
                % {"count": count, "indicators": names}
            )
        return {"project": messages} if messages else {}


class Indicator(PublishableModel):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="indicators"
    )
    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="indicators",
    )
    label = models.CharField(_("label"), max_length=400)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=2, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual value"), max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=80, blank=True)
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        permissions = [("publish_indicator", "Can publish, send back and archive indicators")]
        ordering = ["project", "order", "pk"]

    def __str__(self):
        return self.label

    def clean(self):
        errors = check_period(self.period_start, self.period_end, "period_start", "period_end")
        if self.component_id and self.component.project_id != self.project_id:
            errors["component"] = _("The component must belong to the same project.")
        errors |= check_not_negative(self, ("baseline", "target", "actual"))
        if errors:
            raise ValidationError(errors)


class IndicatorPeriod(VersionedModel):
    """The target and the value reached of an indicator over one reporting
    period: an indicator's values over time, each period with its source."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="periods"
    )
    start = models.DateField(_("period start"))
    end = models.DateField(_("period end"))
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=2, null=True, blank=True)
    actual = models.DecimalField(_("actual value"), max_digits=14, decimal_places=2, null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    source = models.CharField(
        _("source"),
        max_length=500,
        blank=True,
        help_text=_("The address of the document the figures come from, or its name."),
    )

    objects = IndicatorPeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["start", "end", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "start", "end"], name="unique_indicator_period"),
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="indicator_period_order"
            ),
        ]

    def __str__(self):
        return f"{self.indicator} ({self.start.isoformat()} – {self.end.isoformat()})"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        self.indicator_changed()

    def delete(self, *args, **kwargs):
        deleted = super().delete(*args, **kwargs)
        self.indicator_changed()
        return deleted

    @property
    def source_link(self) -> str:
        """The source when it is a web address, to be shown as a link."""
        return self.source if self.source.startswith(("https://", "http://")) else ""

    def clean(self):
        errors = check_period(self.start, self.end, "start", "end")
        # An indicator being added with its periods is not saved yet.
        project = getattr(getattr(self, "indicator", None), "project", None)
        if not errors and project is not None:
            errors = project.dates_outside({"start": self.start, "end": self.end})
        errors |= check_not_negative(self, ("target", "actual"))
        if self.target is None and self.actual is None and not errors:
            errors[NON_FIELD_ERRORS] = _("Give the target of the period, the value reached, or both.")
        if errors:
            raise ValidationError(errors)

    def indicator_changed(self) -> None:
        # The API gives an indicator with its periods: a partner system that
        # asks for the indicators changed since a date must get this one.
        Indicator.objects.filter(pk=self.indicator_id).update(updated_at=timezone.now())


class Document(PublishableModel):
    class Kind(models.TextChoices):
        PROJECT_SHEET = "sheet", _("Project sheet")
        STUDY = "study", _("Study")
        TERMS_OF_REFERENCE = "tor", _("Terms of reference")
        REPORT = "report", _("Report")
        WEB_PAGE = "web_page", _("Web page")
        OTHER = "other", _("Other")

    # IATI DocumentCategory codes.
    IATI_CATEGORIES = {
        Kind.PROJECT_SHEET: "A02",
        Kind.STUDY: "A08",
        Kind.TERMS_OF_REFERENCE: "A09",
        Kind.REPORT: "A07",
        Kind.WEB_PAGE: "A12",
        Kind.OTHER: "A12",
    }

    class Language(models.TextChoices):
        FRENCH = "fr", _("French")
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    url = models.URLField(_("address"), max_length=500, blank=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/", blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.FRENCH
    )
    date = models.DateField(_("date"), null=True, blank=True)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        permissions = [("publish_document", "Can publish, send back and archive documents")]
        ordering = ["project", models.F("date").desc(nulls_last=True), "pk"]

    def __str__(self):
        return self.title

    @property
    def link(self) -> str:
        return self.file.url if self.file else self.url

    def clean(self):
        if not self.url and not self.file:
            raise ValidationError(_("Give the document's address or upload its file."))


class ProjectRelation(VersionedModel):
    class Kind(models.TextChoices):
        PART_OF = "part_of", _("is a sub-project of")
        FOLLOWS = "follows", _("follows")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="relations"
    )
    kind = models.CharField(_("relation"), max_length=10, choices=Kind.choices)
    related = models.ForeignKey(
        Project, verbose_name=_("related project"), on_delete=models.CASCADE, related_name="inverse_relations"
    )

    objects = ProjectRelationQuerySet.as_manager()

    class Meta:
        verbose_name = _("related project")
        verbose_name_plural = _("related projects")
        constraints = [
            models.UniqueConstraint(fields=["project", "kind", "related"], name="unique_project_relation"),
        ]

    def __str__(self):
        return f"{self.project.acronym} {self.get_kind_display()} {self.related.acronym}"

    def clean(self):
        if self.project_id and self.project_id == self.related_id:
            raise ValidationError({"related": _("A project cannot be related to itself.")})
