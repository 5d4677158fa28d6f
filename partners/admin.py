from django.contrib import admin
from django.contrib.auth.models import User
from django.utils.translation import gettext_lazy as _

from core.admin import PublishableAdmin, RegistryAdmin, SpreadsheetImportMixin
from core.admin_languages import RegistryUserAdmin
from partners.models import Country, Organisation, StaffScope
from partners.resources import OrganisationResource
from partners.scoping import OrganisationScope


@admin.register(Country)
class CountryAdmin(RegistryAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_fr", "name_ar", "name_en")
    readonly_fields = ()


@admin.register(Organisation)
class OrganisationAdmin(SpreadsheetImportMixin, PublishableAdmin):
    scope = OrganisationScope()
    list_display = ("name", "acronym", "kind", "country", "publication", "updated_at")
    list_filter = ("publication", "kind", "country")
    list_select_related = ("country",)
    search_fields = ("slug", "search_text")
    prepopulated_fields = {"slug": ("acronym_fr",)}
    autocomplete_fields = ("country", "parent")
    fieldsets = (
        (None, {"fields": ("name", "acronym", "slug", "kind", "country", "parent")}),
        (_("Details"), {"fields": ("description", "website", "iati_identifier", "aliases")}),
        (_("Publication"), {"fields": ("publication", "created_at", "updated_at")}),
    )
    resource_classes = (OrganisationResource,)


class StaffScopeInline(admin.StackedInline):
    """The organisations an account works for, on the account's page."""

    model = StaffScope
    autocomplete_fields = ("organisations",)
    can_delete = False
    extra = 1
    max_num = 1


class StaffUserAdmin(RegistryUserAdmin):
    """The user admin (permissions in the interface language, core's
    `translate_permissions`) with the organisations the account works for.
    Registered here, after core's: only this app knows organisations."""

    def get_inlines(self, request, obj):
        # Like groups and permissions, set on the account's page once it
        # exists (the add page asks only for the name and the password).
        inlines = super().get_inlines(request, obj)
        return inlines if obj is None else (*inlines, StaffScopeInline)


admin.site.unregister(User)
admin.site.register(User, StaffUserAdmin)
