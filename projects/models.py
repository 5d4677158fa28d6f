"""Projects and what hangs off them: countries, participations, components,
indicators, documents and the links between projects."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.concurrency import VersionedModel
from core.money import amount_field, check_amount, currency_field
from core.periods import DatePrecision
from core.publication import PublishableModel
from core.search import SearchableModel
from partners.models import Country, Organisation
from projects.querysets import (
    ComponentQuerySet,
    DocumentQuerySet,
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

    search_fields = ("acronym", "title", "summary")

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
        errors |= check_amount(self.budget, self.budget_currency, "budget", "budget_currency")
        if errors:
            raise ValidationError(errors)


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
        # The admin's inline checks first (ProjectCountryFormSet) and names
        # them on the form; this is the last guard for every other path.
        self.check_no_activity_left(self.country_id)
        return super().delete(*args, **kwargs)

    def clean(self):
        if self.pk:
            stored = ProjectCountry.objects.filter(pk=self.pk).values_list("country_id", flat=True).first()
            if stored is not None and stored != self.country_id:
                self.check_no_activity_left(stored, field="country")

    def check_no_activity_left(self, country_id, *, field=None) -> None:
        """Refuse to take `country_id` from the project while activities of
        the project take place there (an activity's country must be one of
        its project's): name them, so the editor knows what to move first."""
        left = list(self.project.activities.filter(country_id=country_id).order_by("code", "pk")[:6])
        if not left:
            return
        total = self.project.activities.filter(country_id=country_id).count()
        names = ", ".join(activity.code or activity.title[:40] for activity in left[:5])
        if total > 5:
            names += ", …"
        message = ngettext(
            "%(country)s has an activity of the project: move or delete it first (%(activities)s).",
            "%(country)s has %(count)d activities of the project: move or delete them first "
            "(%(activities)s).",
            total,
        ) % {"country": Country.objects.get(pk=country_id), "count": total, "activities": names}
        raise ValidationError({field: message} if field else message)


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


class Component(PublishableModel):
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

    def clean(self):
        errors = check_amount(self.amount, self.currency, "amount", "currency")
        if errors:
            raise ValidationError(errors)


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
        for name in ("baseline", "target", "actual"):
            value = getattr(self, name)
            if value is not None and value < 0:
                errors[name] = _("An indicator value cannot be negative.")
        if errors:
            raise ValidationError(errors)


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
