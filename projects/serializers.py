"""What the API says about projects, themes, components and indicators.

A project list row is light: what `for_list()` loads and nothing more. A
project detail is a superset of its list row (the same fields with the same
types, some objects with more keys) plus what a partner system needs in one
call; its long lists (activities, events, indicators) are counted and linked
rather than nested, so that it costs the same few queries for 1 or 500 of
them.
"""

from urllib.parse import urlencode

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.periods import DatePrecision
from core.rest.fields import (
    CodedField,
    LinkField,
    OptionalCodeField,
    OptionalURLField,
    RelatedLinkField,
    TranslatedField,
)
from partners.serializers import (
    CountryReferenceSerializer,
    OrganisationListSerializer,
    OrganisationReferenceSerializer,
)
from projects.models import Component, Document, Participation, Project, ProjectCountry, ProjectRelation
from projects.roles import partners_by_country, with_role

Role = Participation.Role


def money_field(help_text):
    return serializers.DecimalField(
        max_digits=16, decimal_places=2, read_only=True, allow_null=True, help_text=help_text
    )


class ThemeReferenceSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    name = TranslatedField()
    url = LinkField(view_name="api:theme-detail", lookup_field="slug")


class ThemeSerializer(ThemeReferenceSerializer):
    dac_code = serializers.CharField(read_only=True, help_text=_("OECD DAC 5-digit purpose code, if any."))
    project_count = serializers.IntegerField(read_only=True, help_text=_("Published projects on the theme."))


class ProjectReferenceSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True)
    acronym = serializers.CharField(read_only=True)
    url = LinkField(view_name="api:project-detail", lookup_field="slug")


class RoleListSerializer(serializers.ListSerializer):
    """The participations of one role, from a prefetched list of several."""

    def __init__(self, *args, role, **kwargs):
        self.role = role
        super().__init__(*args, **kwargs)

    def to_representation(self, data):
        participations = data.all() if isinstance(data, models.Manager) else data
        return super().to_representation(with_role(participations, self.role))


class ParticipantSerializer(serializers.Serializer):
    """An organisation taking part in a project (from its participation)."""

    slug = serializers.SlugField(source="organisation.slug", read_only=True)
    name = TranslatedField(source="organisation.name")
    acronym = TranslatedField(source="organisation.acronym")
    url = RelatedLinkField(
        view_name="api:organisation-detail", lookup_field="slug", source="organisation", read_only=True
    )


def participants(role, child=ParticipantSerializer, source="main_participations", **kwargs):
    return RoleListSerializer(child=child(), role=role, source=source, read_only=True, **kwargs)


class ProjectListSerializer(serializers.Serializer):
    slug = serializers.SlugField(read_only=True, help_text=_("The acronym slugified; the project's key."))
    acronym = serializers.CharField(read_only=True)
    iati_key = serializers.CharField(
        read_only=True,
        help_text=_("Fixed when the project is created; it never changes, even when the slug does."),
    )
    iati_identifier = serializers.CharField(read_only=True, help_text=_("Its IATI activity identifier."))
    title = TranslatedField()
    short_name = TranslatedField(
        help_text=_("How it is called for short where its acronym is a French phrase; else empty.")
    )
    status = CodedField(Project.Status)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    countries = serializers.SerializerMethodField(help_text=_("ISO codes of the countries it works in."))
    funders = participants(Role.FUNDER, help_text=_("Funding organisations."))
    implementers = participants(Role.IMPLEMENTER, help_text=_("Implementing agencies."))
    themes = ThemeReferenceSerializer(many=True, read_only=True)
    url = LinkField(view_name="api:project-detail", lookup_field="slug")
    updated_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_countries(self, project) -> list[str]:
        return [link.country_id for link in project.country_links.all()]


class FunderSerializer(ParticipantSerializer):
    amount = money_field(_("Contributed amount."))
    currency = OptionalCodeField(help_text=_("ISO 4217 currency of the amount; amounts are never converted."))
    is_lead = serializers.BooleanField(
        read_only=True, help_text=_("The cooperation partner the project is filed under.")
    )
    note = TranslatedField()


class ImplementerSerializer(ParticipantSerializer):
    country = serializers.CharField(
        source="country_id", read_only=True, allow_null=True, help_text=_("Country in which it implements.")
    )
    is_lead = serializers.BooleanField(read_only=True)
    note = TranslatedField()


class PartnerSerializer(ParticipantSerializer):
    role = CodedField(Participation.Role)
    is_lead = serializers.BooleanField(read_only=True)
    note = TranslatedField()


class PartnerGroupSerializer(serializers.Serializer):
    country = CountryReferenceSerializer(
        read_only=True, allow_null=True, help_text=_("Null: regional or international.")
    )
    partners = PartnerSerializer(many=True, read_only=True)


class CountryLinkSerializer(serializers.Serializer):
    code = serializers.CharField(source="country_id", read_only=True)
    name = TranslatedField(source="country.name")
    status = CodedField(ProjectCountry.Status)
    note = TranslatedField()


class ProjectComponentSerializer(serializers.Serializer):
    """A component inside its project's detail; its managers and activities
    are in its own detail (`url`)."""

    id = serializers.IntegerField(read_only=True)
    kind = CodedField(Component.Kind)
    code = serializers.CharField(read_only=True)
    title = TranslatedField()
    description = TranslatedField()
    expected_results = TranslatedField()
    amount = money_field(_("Allocated amount."))
    currency = OptionalCodeField()
    activity_count = serializers.IntegerField(read_only=True, help_text=_("Its published activities."))
    url = LinkField(view_name="api:component-detail")


class ComponentReferenceSerializer(serializers.Serializer):
    """A component named by another record, shown only when published."""

    id = serializers.IntegerField(read_only=True)
    kind = CodedField(Component.Kind)
    code = serializers.CharField(read_only=True)
    url = LinkField(view_name="api:component-detail")

    def get_attribute(self, instance):
        component = super().get_attribute(instance)
        return component if component is not None and component.is_published else None


class IndicatorPeriodSerializer(serializers.Serializer):
    start = serializers.DateField(read_only=True)
    end = serializers.DateField(read_only=True)
    target = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True, allow_null=True)
    actual = serializers.DecimalField(
        max_digits=14, decimal_places=2, read_only=True, allow_null=True, help_text=_("Value reached.")
    )
    comment = TranslatedField()
    source = serializers.CharField(
        read_only=True, help_text=_("The address of the document the figures come from, or its name.")
    )


class ProjectIndicatorSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    component = ComponentReferenceSerializer(read_only=True, allow_null=True)
    label = TranslatedField()
    baseline = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True, allow_null=True)
    target = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True, allow_null=True)
    actual = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True, allow_null=True)
    unit = TranslatedField()
    period_start = serializers.DateField(read_only=True, allow_null=True)
    period_end = serializers.DateField(read_only=True, allow_null=True)
    note = TranslatedField()
    url = LinkField(view_name="api:indicator-detail")


class DocumentSerializer(serializers.Serializer):
    title = TranslatedField()
    kind = CodedField(Document.Kind)
    language = CodedField(Document.Language)
    date = serializers.DateField(read_only=True, allow_null=True)
    link = serializers.SerializerMethodField(help_text=_("Where to read the document."))

    def get_link(self, document) -> str:
        request = self.context.get("request")
        link = document.link
        return request.build_absolute_uri(link) if request is not None and link else link


class RelatedProjectSerializer(serializers.Serializer):
    class Relation(models.TextChoices):
        PART_OF = ProjectRelation.Kind.PART_OF.value, _("is a sub-project of")
        HAS_PART = "has_part", _("has as a sub-project")
        FOLLOWS = ProjectRelation.Kind.FOLLOWS.value, _("follows")
        FOLLOWED_BY = "followed_by", _("is followed by")

    relation = CodedField(Relation, help_text=_("How this project stands to the related one."))
    project = ProjectReferenceSerializer(read_only=True)


@extend_schema_field(OpenApiTypes.URI)
class ProjectListLinkField(serializers.Field):
    """The address of an API list filtered to the project (`?project=<slug>`),
    for children too many to nest in its detail."""

    def __init__(self, view_name, **kwargs):
        self.view_name = view_name
        super().__init__(source="slug", read_only=True, **kwargs)

    def to_representation(self, slug):
        url = f"{reverse(self.view_name)}?{urlencode({'project': slug})}"
        request = self.context.get("request")
        return request.build_absolute_uri(url) if request is not None else url


class ProjectSerializer(ProjectListSerializer):
    funders = participants(
        Role.FUNDER,
        FunderSerializer,
        source="participations",
        help_text=_("Funders with their contributions."),
    )
    implementers = participants(Role.IMPLEMENTER, ImplementerSerializer, source="participations")
    partners_by_country = serializers.SerializerMethodField(
        help_text=_("Every other participant (coordinators, partners, beneficiaries...), by country.")
    )
    summary = TranslatedField()
    context = TranslatedField()
    objective = TranslatedField()
    expected_results = TranslatedField()
    beneficiaries = TranslatedField()
    target_groups = TranslatedField()
    stakeholders = TranslatedField()
    start_precision = CodedField(
        DatePrecision, help_text=_("Whether the start is known to the year, month or day.")
    )
    end_precision = CodedField(DatePrecision)
    duration_months = serializers.IntegerField(read_only=True, allow_null=True)
    period_note = TranslatedField()
    budget = money_field(_("Total budget."))
    budget_currency = OptionalCodeField(help_text=_("ISO 4217 currency of the budget."))
    source_url = OptionalURLField(help_text=_("The document the record was taken from."))
    country_details = CountryLinkSerializer(
        source="country_links", many=True, read_only=True, help_text=_("Its countries with their status.")
    )
    components = ProjectComponentSerializer(many=True, read_only=True)
    components_url = ProjectListLinkField(
        "api:component-list", help_text=_("Its components with their managers, as a list.")
    )
    activity_count = serializers.IntegerField(read_only=True, help_text=_("Its published activities."))
    activities_url = ProjectListLinkField("api:activity-list", help_text=_("Its activities, as a list."))
    indicator_count = serializers.IntegerField(read_only=True, help_text=_("Its published indicators."))
    indicators_url = ProjectListLinkField("api:indicator-list", help_text=_("Its indicators, as a list."))
    event_count = serializers.IntegerField(read_only=True, help_text=_("Its published events."))
    events_url = ProjectListLinkField("api:event-list", help_text=_("Its timeline, as a list of events."))
    documents = DocumentSerializer(many=True, read_only=True)
    related_projects = serializers.SerializerMethodField()
    created_at = serializers.DateTimeField(read_only=True)

    @extend_schema_field(PartnerGroupSerializer(many=True))
    def get_partners_by_country(self, project):
        groups = partners_by_country(project.participations.all(), project.country_links.all())
        groups = [{"country": group["country"], "partners": group["items"]} for group in groups]
        return PartnerGroupSerializer(groups, many=True, context=self.context).data

    @extend_schema_field(RelatedProjectSerializer(many=True))
    def get_related_projects(self, project):
        Relation = RelatedProjectSerializer.Relation
        inverse = {
            ProjectRelation.Kind.PART_OF: Relation.HAS_PART,
            ProjectRelation.Kind.FOLLOWS: Relation.FOLLOWED_BY,
        }
        outward = [link for link in project.related_links if link.project_id == project.pk]
        inward = [link for link in project.related_links if link.project_id != project.pk]
        related = [{"relation": link.kind, "project": link.related} for link in outward]
        related += [{"relation": inverse[link.kind], "project": link.project} for link in inward]
        return RelatedProjectSerializer(related, many=True, context=self.context).data


class ComponentListSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    project = ProjectReferenceSerializer(read_only=True)
    kind = CodedField(Component.Kind)
    code = serializers.CharField(read_only=True, help_text=_('As the documents number it: "1", "OS 3".'))
    title = TranslatedField()
    amount = money_field(_("Allocated amount."))
    currency = OptionalCodeField()
    managers = OrganisationReferenceSerializer(many=True, read_only=True)
    activity_count = serializers.IntegerField(read_only=True, help_text=_("Its published activities."))
    url = LinkField(view_name="api:component-detail")
    updated_at = serializers.DateTimeField(read_only=True)


class IndicatorSerializer(ProjectIndicatorSerializer):
    project = ProjectReferenceSerializer(read_only=True)
    periods = IndicatorPeriodSerializer(
        many=True,
        read_only=True,
        help_text=_("Target and value reached per reporting period, in date order."),
    )
    updated_at = serializers.DateTimeField(read_only=True)


class ParticipatedProjectSerializer(serializers.Serializer):
    """A published project in which the organisation takes part."""

    slug = serializers.SlugField(read_only=True)
    acronym = serializers.CharField(read_only=True)
    title = TranslatedField()
    url = LinkField(view_name="api:project-detail", lookup_field="slug")


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
