"""Admin of activities and events, and of components, whose form lists
their activities."""

from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from activities.models import Activity, Event
from activities.resources import ActivityResource
from core.admin import PublicationInline, PublishableAdmin, SpreadsheetImportMixin
from projects.models import Component
from projects.scoping import ProjectScope


@admin.register(Activity)
class ActivityAdmin(SpreadsheetImportMixin, PublishableAdmin):
    scope = ProjectScope()
    list_display = ("code", "title", "project", "component", "country", "kind", "status", "publication")
    list_filter = ("publication", "project", "country", "kind", "status", "component__kind")
    # A component names itself with its project's acronym.
    list_select_related = ("project", "component__project", "country")
    search_fields = ("search_text", "project__acronym")
    autocomplete_fields = ("project", "component", "country", "partners")
    fieldsets = (
        (None, {"fields": ("project", "component", "country", "code", "title", "description")}),
        (
            _("Kind and status"),
            {"fields": ("kind", "status", ("start_date", "end_date"), "is_recurring", "partners", "order")},
        ),
        (_("Publication"), {"fields": ("publication", "created_at", "updated_at")}),
    )
    resource_classes = (ActivityResource,)


@admin.register(Event)
class EventAdmin(PublishableAdmin):
    scope = ProjectScope()
    list_display = ("title", "start_date", "end_date", "project", "kind", "country", "publication")
    list_filter = ("publication", "kind", "project", "country")
    list_select_related = ("project", "country")
    search_fields = ("search_text", "project__acronym")
    autocomplete_fields = ("project", "country", "organisations")
    date_hierarchy = "start_date"
    fieldsets = (
        (None, {"fields": ("project", "kind", "title", "body")}),
        (_("When and where"), {"fields": (("start_date", "end_date", "date_precision"), "place", "country")}),
        (_("Organisations"), {"fields": ("organisations",)}),
        (_("Publication"), {"fields": ("publication", "created_at", "updated_at")}),
    )


class ActivityFormSet(BaseInlineFormSet):
    def _construct_form(self, i, **kwargs):
        # An activity belongs to its component's project: set it before
        # validation so that the model's own checks (country) run.
        form = super()._construct_form(i, **kwargs)
        form.instance.project_id = self.instance.project_id
        return form


class ActivityInline(PublicationInline, TranslationStackedInline):
    model = Activity
    formset = ActivityFormSet
    fields = ("code", "title", "country", "kind", "status", "is_recurring", "order", "publication")
    autocomplete_fields = ("country",)
    extra = 0


@admin.register(Component)
class ComponentAdmin(PublishableAdmin):
    scope = ProjectScope()
    list_display = ("code", "title", "project", "kind", "amount", "currency", "publication")
    list_filter = ("publication", "kind", "project")
    list_select_related = ("project",)
    search_fields = ("code", "title_fr", "title_ar", "title_en", "project__acronym")
    autocomplete_fields = ("project", "managers")
    inlines = (ActivityInline,)
