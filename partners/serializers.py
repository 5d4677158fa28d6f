"""What the API says about countries and organisations.

List serializers stay light (the fields of a list row, from what
`for_list()` loads); detail serializers add what a partner needs in one call.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.rest.fields import (
    CodedField,
    LinkField,
    OptionalURLField,
    TranslatedField,
)
from partners.models import Organisation


class OrganisationReferenceSerializer(serializers.Serializer):
    """An organisation named inside another record."""

    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    acronym = TranslatedField()
    url = LinkField(view_name="api:organisation-detail", lookup_field="slug")


class ParentOrganisationSerializer(OrganisationReferenceSerializer):
    """The parent organisation, shown only when it is published itself."""

    def get_attribute(self, instance):
        parent = instance.parent
        return parent if parent is not None and parent.is_published else None


class CountryReferenceSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text=_("ISO 3166-1 alpha-2 code."))
    name = TranslatedField()


class CountrySerializer(CountryReferenceSerializer):
    project_count = serializers.IntegerField(
        read_only=True, help_text=_("Published projects taking place in the country.")
    )
    url = LinkField(view_name="api:country-detail", lookup_field="code")


class OrganisationListSerializer(serializers.Serializer):
    id = serializers.IntegerField(
        read_only=True,
        help_text=_("Fixed when the organisation is created; it never changes, even when the slug does."),
    )
    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    acronym = TranslatedField()
    kind = CodedField(Organisation.Kind)
    iati_type = serializers.CharField(read_only=True, help_text=_("IATI OrganisationType code."))
    country = serializers.CharField(
        source="country_id",
        read_only=True,
        allow_null=True,
        help_text=_("ISO code of its country; null for an international body."),
    )
    parent = ParentOrganisationSerializer(read_only=True, allow_null=True)
    website = OptionalURLField()
    iati_identifier = serializers.CharField(
        read_only=True, help_text=_("IATI organisation identifier, if any.")
    )
    url = LinkField(view_name="api:organisation-detail", lookup_field="slug")
    updated_at = serializers.DateTimeField(read_only=True)
