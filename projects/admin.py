from django.contrib import admin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline, TranslationTabularInline

from core.admin import (
    PublicationInline,
    PublishableAdmin,
    RecordAdmin,
    RegistryAdmin,
    SpreadsheetImportMixin,
    VersionedInline,
)
from projects.models import (
    Component,
    Document,
    Indicator,
    IndicatorPeriod,
    Participation,
    Project,
    ProjectCountry,
    ProjectRelation,
    Theme,
)
from projects.resources import ProjectResource
from projects.scoping import ProjectScope
from projects.services import project_publication_blockers, project_transition


class DeletionCheckedFormSet(BaseInlineFormSet):
    """Rows whose model may refuse to be deleted (`check_deletable()`: a
    country activities use, a component that has activities): the refusal is
    said on the form, with nothing saved, rather than halfway through the
    save."""

    def clean(self):
        # Before the inherited checks: the admin's own inline form refuses
        # rows the database protects with a list of every protected record.
        refusals = []
        for form in self.deleted_forms:
            if form.instance.pk:
                try:
                    form.instance.check_deletable()
                except ValidationError as refusal:
                    form.add_error(None, refusal)
                    refusals += refusal.messages
        if refusals:
            raise ValidationError(refusals)
        super().clean()


class ProjectCountryInline(VersionedInline, TranslationTabularInline):
    model = ProjectCountry
    formset = DeletionCheckedFormSet
    autocomplete_fields = ("country",)
    extra = 0


class ParticipationInline(VersionedInline, TranslationTabularInline):
    model = Participation
    autocomplete_fields = ("organisation", "country")
    extra = 0


class ComponentInline(PublicationInline, TranslationStackedInline):
    model = Component
    formset = DeletionCheckedFormSet
    autocomplete_fields = ("managers",)
    show_change_link = True
    extra = 0


class IndicatorInline(PublicationInline, TranslationStackedInline):
    model = Indicator
    # Its reporting periods are edited on the indicator's own page.
    show_change_link = True
    extra = 0


class IndicatorPeriodInline(VersionedInline, TranslationTabularInline):
    model = IndicatorPeriod
    fields = ("start", "end", "target", "actual", "comment", "source")
    extra = 0


class DocumentInline(PublicationInline, TranslationTabularInline):
    model = Document
    extra = 0


class ProjectRelationInline(VersionedInline, admin.TabularInline):
    model = ProjectRelation
    fk_name = "project"
    autocomplete_fields = ("related",)
    extra = 0


@admin.register(Theme)
class ThemeAdmin(RegistryAdmin):
    list_display = ("name", "slug", "dac_code", "order")
    search_fields = ("slug", "name_fr", "name_ar", "name_en", "dac_code")
    prepopulated_fields = {"slug": ("name_fr",)}
    readonly_fields = ()


@admin.register(Project)
class ProjectAdmin(SpreadsheetImportMixin, PublishableAdmin):
    scope = ProjectScope("pk")
    list_display = ("acronym", "title", "status", "start_date", "end_date", "publication", "updated_at")
    list_filter = ("publication", "status", "themes", "countries")
    search_fields = ("slug", "search_text")
    prepopulated_fields = {"slug": ("acronym",)}
    filter_horizontal = ("themes",)
    date_hierarchy = "start_date"
    fieldsets = (
        (None, {"fields": ("acronym", "slug", "title", "status", "themes")}),
        (
            _("Description"),
            {
                "fields": (
                    "summary",
                    "context",
                    "objective",
                    "expected_results",
                    "beneficiaries",
                    "target_groups",
                    "stakeholders",
                )
            },
        ),
        (
            _("Period and budget"),
            {
                "fields": (
                    ("start_date", "start_precision"),
                    ("end_date", "end_precision"),
                    "duration_months",
                    "period_note",
                    ("budget", "budget_currency"),
                )
            },
        ),
        (_("Source and publication"), {"fields": ("source_url", "publication", "created_at", "updated_at")}),
    )
    inlines = (
        ProjectCountryInline,
        ParticipationInline,
        ComponentInline,
        IndicatorInline,
        DocumentInline,
        ProjectRelationInline,
    )
    resource_classes = (ProjectResource,)

    def apply_transition(self, request, record, transition, comment=""):
        # A project moves with its children and must pass its publication checks.
        project_transition(project=record, user=request.user, transition=transition, comment=comment)

    def publication_blockers(self, record):
        return project_publication_blockers(record)


@admin.register(Indicator)
class IndicatorAdmin(PublishableAdmin):
    scope = ProjectScope()
    list_display = ("label", "project", "baseline", "target", "actual", "unit", "publication")
    list_filter = ("publication", "project")
    list_select_related = ("project",)
    search_fields = ("label_fr", "label_ar", "label_en", "project__acronym")
    autocomplete_fields = ("project", "component")
    inlines = (IndicatorPeriodInline,)


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    scope = ProjectScope()
    list_display = ("title", "project", "kind", "language", "date", "publication")
    list_filter = ("publication", "kind", "language")
    list_select_related = ("project",)
    search_fields = ("title_fr", "title_ar", "title_en", "project__acronym")
    autocomplete_fields = ("project",)


@admin.register(Participation)
class ParticipationAdmin(RegistryAdmin):
    scope = ProjectScope()
    list_display = ("organisation", "role", "project", "country", "amount", "currency", "is_lead")
    list_filter = ("role", "is_lead", "project")
    list_select_related = ("organisation", "project", "country")
    search_fields = ("organisation__search_text", "project__acronym")
    autocomplete_fields = ("project", "organisation", "country")
    readonly_fields = ()

    def publication_blockers(self, record):
        # A project's funders are among its publication rules.
        return project_publication_blockers(record.project)


@admin.register(ProjectCountry)
class ProjectCountryAdmin(RegistryAdmin):
    scope = ProjectScope()
    list_display = ("project", "country", "status")
    list_filter = ("status", "country")
    list_select_related = ("project", "country")
    search_fields = ("project__acronym", "country__name_fr", "country__code")
    autocomplete_fields = ("project", "country")
    readonly_fields = ()

    def publication_blockers(self, record):
        # A project's countries are among its publication rules.
        return project_publication_blockers(record.project)


@admin.register(ProjectRelation)
class ProjectRelationAdmin(RecordAdmin):
    scope = ProjectScope()
    list_display = ("project", "kind", "related")
    list_filter = ("kind",)
    list_select_related = ("project", "related")
    search_fields = ("project__acronym", "related__acronym")
    autocomplete_fields = ("project", "related")
