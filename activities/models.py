"""What projects do (activities per component and country) and when (events).

An activity or an event lies within its project: its country is one of the
project's, and its dates fall within the project's period (read at each
date's precision). The project refuses the edits that would leave one
outside (projects/models.py).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.querysets import ActivityQuerySet, EventQuerySet
from core.periods import DatePrecision
from core.publication import PublishableModel
from core.search import SearchableModel
from partners.models import Country, Organisation
from projects.models import Component, Project, check_period


class Activity(PublishableModel, SearchableModel):
    class Kind(models.TextChoices):
        STUDY = "study", _("Study")
        SURVEY = "survey", _("Survey")
        WORKSHOP = "workshop", _("Workshop")
        TRAINING = "training", _("Training")
        SEMINAR = "seminar", _("Seminar")
        TECHNICAL_MEETING = "meeting", _("Technical meeting")
        ROUND_TABLE = "round_table", _("Round table")
        PUBLICATION = "publication", _("Guide or publication")
        INSTITUTIONAL_SUPPORT = "support", _("Institutional support")
        COMMUNICATION = "communication", _("Communication")
        RATIFICATION = "ratification", _("Ratification support")
        CONSULTATION = "consultation", _("Consultation")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ONGOING = "ongoing", _("Ongoing")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")
        CANCELLED = "cancelled", _("Cancelled")

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="activities"
    )
    # RESTRICT, not CASCADE: deleting a component must not take its
    # activities along (Component.delete() names them); deleting the project
    # still deletes both.
    component = models.ForeignKey(
        Component, verbose_name=_("component"), on_delete=models.RESTRICT, related_name="activities"
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        help_text=_("Empty for a sub-regional activity."),
    )
    code = models.CharField(_("code"), max_length=20, blank=True, help_text=_('e.g. "1.1", "3.10".'))
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PLANNED, db_index=True
    )
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    partners = models.ManyToManyField(
        Organisation, verbose_name=_("partner organisations"), blank=True, related_name="activities"
    )
    is_recurring = models.BooleanField(
        _("meant to become recurrent"), default=False, help_text=_("A survey or study meant to be repeated.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    search_fields = ("code", "title", "description")

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        permissions = [("publish_activity", "Can publish, send back and archive activities")]
        # Sub-regional activities (no country) first, on SQLite and
        # PostgreSQL alike (they put NULL at opposite ends by default); the
        # country's name stays a plain lookup, which modeltranslation sorts
        # in the page's language.
        ordering = [
            "project",
            "component__order",
            models.ExpressionWrapper(
                models.Q(country__isnull=False), output_field=models.BooleanField()
            ).asc(),
            "country__name",
            "order",
            "pk",
        ]

    def __str__(self):
        return f"{self.code} {self.title}".strip()

    @property
    def is_subregional(self) -> bool:
        return self.country_id is None

    def clean(self):
        errors = check_period(self.start_date, self.end_date)
        if self.component_id and self.project_id and self.component.project_id != self.project_id:
            errors["component"] = _("The component must belong to the activity's project.")
        if (
            self.country_id
            and self.project_id
            and not self.project.country_links.filter(country_id=self.country_id).exists()
        ):
            errors["country"] = _("The country must be one of the project's countries.")
        if self.project_id and not errors.keys() & {"start_date", "end_date"}:
            errors |= self.project.dates_outside({"start_date": self.start_date, "end_date": self.end_date})
        if errors:
            raise ValidationError(errors)


class Event(PublishableModel, SearchableModel):
    class Kind(models.TextChoices):
        SIGNATURE = "signature", _("Signature")
        LAUNCH = "launch", _("Launch")
        WORKSHOP = "workshop", _("Workshop")
        STEERING_COMMITTEE = "committee", _("Steering committee")
        MISSION = "mission", _("Mission")
        MEETING = "meeting", _("Meeting")
        ROUND_TABLE = "round_table", _("Round table")
        STUDY_VISIT = "study_visit", _("Study visit")
        MILESTONE = "milestone", _("Milestone")
        OTHER = "other", _("Other")

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Empty for an event of a cooperation partner rather than of one project."),
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), blank=True, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    start_date = models.DateField(_("start date"), db_index=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=5, choices=DatePrecision.choices, default=DatePrecision.DAY
    )
    title = models.CharField(_("title"), max_length=400)
    body = models.TextField(_("text"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
    )

    search_fields = ("title", "body", "place")

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        permissions = [("publish_event", "Can publish, send back and archive events")]
        ordering = ["-start_date", "pk"]

    def __str__(self):
        return self.title

    @property
    def may_precede_project(self) -> bool:
        """An agreement is signed before the work it governs begins (AMEM's
        contract on 23 March 2018, the project from August 2018): a signature
        may come before its project's start, never after its end."""
        return self.kind == self.Kind.SIGNATURE

    def clean(self):
        errors = check_period(self.start_date, self.end_date)
        if self.project_id:
            if self.country_id and not self.project.country_links.filter(country_id=self.country_id).exists():
                errors["country"] = _("The country must be one of the project's countries.")
            if not errors.keys() & {"start_date", "end_date"}:
                errors |= self.project.dates_outside(
                    {"start_date": self.start_date, "end_date": self.end_date},
                    self.date_precision,
                    may_precede=self.may_precede_project,
                )
        if errors:
            raise ValidationError(errors)
