"""Countries and the organisations that fund, implement and partner in projects."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModel
from core.publication import PublishableModel
from core.refusals import some_of
from core.search import SearchableModel
from partners.querysets import CountryQuerySet, OrganisationQuerySet


class Country(VersionedModel):
    code = models.CharField(
        _("ISO code"), max_length=2, primary_key=True, help_text=_("ISO 3166-1 alpha-2, e.g. MA.")
    )
    name = models.CharField(_("name"), max_length=100)

    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.code = self.code.upper()
        super().save(*args, **kwargs)

    def natural_key(self):
        return (self.code,)


class Organisation(PublishableModel, SearchableModel):
    class Kind(models.TextChoices):
        MINISTRY = "ministry", _("Ministry")
        PUBLIC_AGENCY = "public_agency", _("Public agency")
        STATISTICS_OFFICE = "statistics_office", _("Statistics office")
        SOCIAL_SECURITY = "social_security", _("Social security body")
        TRADE_UNION = "trade_union", _("Trade union")
        EMPLOYERS = "employers", _("Employers' organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil society organisation")
        CONSULTATIVE_BODY = "consultative_body", _("Consultative body")
        INTERNATIONAL = "international", _("International organisation")
        BILATERAL_AGENCY = "bilateral_agency", _("Bilateral development agency")
        DEVELOPMENT_BANK = "development_bank", _("Development bank")
        UN_AGENCY = "un_agency", _("UN agency")
        INTERGOVERNMENTAL = "intergovernmental", _("Intergovernmental body")
        GOVERNMENT = "government", _("Government")
        PRIVATE_COMPANY = "private_company", _("Private company")
        PROJECT_BODY = "project_body", _("Project body")

    # IATI OrganisationType codes (codelist OrganisationType).
    IATI_TYPES = {
        Kind.MINISTRY: "10",
        Kind.GOVERNMENT: "10",
        Kind.PUBLIC_AGENCY: "15",
        Kind.STATISTICS_OFFICE: "15",
        Kind.SOCIAL_SECURITY: "15",
        Kind.CONSULTATIVE_BODY: "15",
        Kind.PROJECT_BODY: "15",
        Kind.TRADE_UNION: "22",
        Kind.EMPLOYERS: "22",
        Kind.CIVIL_SOCIETY: "22",
        Kind.INTERNATIONAL: "40",
        Kind.DEVELOPMENT_BANK: "40",
        Kind.UN_AGENCY: "40",
        Kind.INTERGOVERNMENTAL: "40",
        Kind.BILATERAL_AGENCY: "10",
        Kind.PRIVATE_COMPANY: "70",
    }

    name = models.CharField(_("name"), max_length=300)
    acronym = models.CharField(_("acronym"), max_length=40, blank=True)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The French acronym slugified where there is one, else the French name."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey(
        Country,
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        help_text=_("Empty for international bodies."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    website = models.URLField(_("website"), blank=True)
    iati_identifier = models.CharField(_("IATI organisation identifier"), max_length=60, blank=True)
    description = models.TextField(_("description"), blank=True)
    aliases = models.TextField(
        _("other names"),
        blank=True,
        help_text=_("Other names and acronyms found in documents, one per line, for search."),
    )

    search_fields = ("name", "acronym", "aliases")

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        permissions = [("publish_organisation", "Can publish, send back and archive organisations")]
        ordering = ["name"]

    def __str__(self):
        acronym = self.local_acronym
        return f"{self.name} ({acronym})" if acronym else self.name

    def get_absolute_url(self):
        return reverse("organisations:organisation_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def local_acronym(self) -> str:
        """The acronym written for the active language, without falling back
        to the French one: "UE" on an Arabic page reads as noise."""
        language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return getattr(self, f"acronym_{language}", "") or ""

    @property
    def short_name(self) -> str:
        """Its acronym in the active language, else its name there."""
        return self.local_acronym or self.name

    @property
    def iati_type(self) -> str:
        return self.IATI_TYPES.get(self.kind, "90")

    def delete(self, *args, **kwargs):
        # Participations and units would stop the deletion anyway (PROTECT),
        # but the links to activities, events and components would go without
        # a word (many-to-many rows cascade): refused here, naming them all.
        self.check_deletable()
        return super().delete(*args, **kwargs)

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An organisation cannot sit under itself.")})
            ancestor = ancestor.parent

    def check_deletable(self) -> None:
        """Refuse to delete an organisation that records still name: the
        projects it takes part in, the activities it is a partner of, the
        events it is listed on, the components it manages and its units.
        Each is named (the first five), so the editor knows what to change
        first. The records are reached through their relations: they belong
        to the apps above this one."""
        messages = []
        projects = self.participations.order_by("project__acronym").values_list("project__acronym", flat=True)
        count, names = some_of(projects.distinct())
        if count:
            messages.append(
                ngettext(
                    "%(organisation)s takes part in a project: remove it from the project first "
                    "(%(projects)s).",
                    "%(organisation)s takes part in %(count)d projects: remove it from them first "
                    "(%(projects)s).",
                    count,
                )
                % {"organisation": self.short_name, "count": count, "projects": names}
            )
        activities = self.activities.select_related("project").order_by("project__acronym", "code", "pk")
        count, names = some_of(
            activities, lambda activity: f"{activity.project.acronym} {activity.code or activity.title[:40]}"
        )
        if count:
            messages.append(
                ngettext(
                    "%(organisation)s is a partner of an activity: remove it from the activity first "
                    "(%(activities)s).",
                    "%(organisation)s is a partner of %(count)d activities: remove it from them first "
                    "(%(activities)s).",
                    count,
                )
                % {"organisation": self.short_name, "count": count, "activities": names}
            )
        count, names = some_of(self.events.order_by("start_date", "pk"), lambda event: event.title[:40])
        if count:
            messages.append(
                ngettext(
                    "%(organisation)s is listed on an event: remove it from the event first (%(events)s).",
                    "%(organisation)s is listed on %(count)d events: remove it from them first (%(events)s).",
                    count,
                )
                % {"organisation": self.short_name, "count": count, "events": names}
            )
        components = self.managed_components.select_related("project").order_by("project__acronym", "code")
        count, names = some_of(components, lambda component: f"{component.project.acronym} {component.code}")
        if count:
            messages.append(
                ngettext(
                    "%(organisation)s manages a component: remove it from the component first "
                    "(%(components)s).",
                    "%(organisation)s manages %(count)d components: remove it from them first "
                    "(%(components)s).",
                    count,
                )
                % {"organisation": self.short_name, "count": count, "components": names}
            )
        count, names = some_of(self.units.all(), lambda unit: unit.short_name)
        if count:
            messages.append(
                ngettext(
                    "%(organisation)s has a unit: give it another parent organisation or delete it first "
                    "(%(units)s).",
                    "%(organisation)s has %(count)d units: give them another parent organisation or delete "
                    "them first (%(units)s).",
                    count,
                )
                % {"organisation": self.short_name, "count": count, "units": names}
            )
        if messages:
            raise ValidationError(messages)


class StaffScope(models.Model):
    """The organisations a staff account works for. An account attached to
    some sees and edits only their part of the registry (projects/scoping.py):
    the projects these organisations, or their units, take part in, with
    their rows. Publishers and superusers see everything whatever it holds."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_scope",
    )
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations"),
        blank=True,
        related_name="staff_scopes",
        help_text=_(
            "The account sees and edits only the projects these organisations (or their units) take "
            "part in. Leave empty for the whole registry."
        ),
    )

    class Meta:
        verbose_name = _("organisations worked for")
        verbose_name_plural = _("organisations worked for")

    def __str__(self):
        return str(self.user)
