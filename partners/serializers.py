"""What the API says about countries and organisations.

List serializers stay light (the fields of a list row, from what
`for_list()` loads); detail serializers add what a partner needs in one call.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from core.rest.fields import (
    CodedField,
    LinkField,
    OptionalCodeField,
    OptionalURLField,
    TranslatedField,
)
from partners.models import Organisation
from projects.models import Participation


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


class ParticipatedProjectSerializer(serializers.Serializer):
    """A published project in which the organisation takes part."""

    slug = serializers.SlugField(read_only=True)
    acronym = serializers.CharField(read_only=True)
    title = TranslatedField()
    url = LinkField(view_name="api:project-detail", lookup_field="slug")


class OrganisationListSerializer(serializers.Serializer):
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


class OrganisationRoleSerializer(serializers.Serializer):
    """One of the organisation's roles in a published project."""

    project = ParticipatedProjectSerializer(read_only=True)
    role = CodedField(Participation.Role)
    country = serializers.CharField(
        source="country_id",
        read_only=True,
        allow_null=True,
        help_text=_("ISO code of the country in which it takes part, where that matters."),
    )
    amount = serializers.DecimalField(
        max_digits=16, decimal_places=2, read_only=True, allow_null=True, help_text=_("Contributed amount.")
    )
    currency = OptionalCodeField(help_text=_("ISO 4217 currency of the amount."))
    is_lead = serializers.BooleanField(
        read_only=True, help_text=_("The cooperation partner the project is filed under.")
    )


class OrganisationSerializer(OrganisationListSerializer):
    description = TranslatedField()
    units = OrganisationReferenceSerializer(
        many=True, read_only=True, help_text=_("Its published sub-units.")
    )
    participations = OrganisationRoleSerializer(
        many=True, read_only=True, help_text=_("Its roles in published projects.")
    )
