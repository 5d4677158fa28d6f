"""Organisation import and export columns (see core/imports.py), headed by
their labels in French and Arabic; each field's name is also read as its
header."""

from import_export import fields, widgets

from core.imports import CountryWidget, RegistryResource
from partners.models import Country, Organisation


class OrganisationResource(RegistryResource):
    country = fields.Field(attribute="country", widget=CountryWidget(Country, "code"))
    parent = fields.Field(attribute="parent", widget=widgets.ForeignKeyWidget(Organisation, "slug"))

    class Meta(RegistryResource.Meta):
        model = Organisation
        import_id_fields = ("slug",)
        fields = (
            "slug",
            "name_fr",
            "name_ar",
            "name_en",
            "acronym_fr",
            "acronym_ar",
            "acronym_en",
            "kind",
            "country",
            "parent",
            "website",
            "iati_identifier",
            "description_fr",
            "description_ar",
            "description_en",
            "aliases",
        )
        export_order = fields
