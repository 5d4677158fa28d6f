from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.admin import PublishableAdmin, RegistryAdmin, SpreadsheetImportMixin
from partners.models import Country, Organisation
from partners.resources import OrganisationResource


@admin.register(Country)
class CountryAdmin(RegistryAdmin):
    list_display = ("code", "name")
    search_fields = ("code", "name_fr", "name_ar", "name_en")
    readonly_fields = ()


@admin.register(Organisation)
class OrganisationAdmin(SpreadsheetImportMixin, PublishableAdmin):
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
