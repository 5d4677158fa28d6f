"""Countries and the organisations that fund, implement and partner in projects."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedModel
from core.publication import PublishableModel
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
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def get_absolute_url(self):
        return reverse("organisations:organisation_detail", kwargs={"slug": self.slug})

    def natural_key(self):
        return (self.slug,)

    @property
    def short_name(self) -> str:
        return self.acronym or self.name

    @property
    def iati_type(self) -> str:
        return self.IATI_TYPES.get(self.kind, "90")

    def clean(self):
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": _("An organisation cannot sit under itself.")})
            ancestor = ancestor.parent
