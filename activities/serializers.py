"""What the API says about activities and events, and about a component
with its activities."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from activities.models import Activity, Event
from core.periods import DatePrecision
from core.rest.fields import CodedField, LinkField, TranslatedField
from partners.serializers import OrganisationReferenceSerializer
from projects.serializers import (
    ComponentListSerializer,
    ComponentReferenceSerializer,
    ProjectReferenceSerializer,
)


class ActivityListSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    project = ProjectReferenceSerializer(read_only=True)
    component = ComponentReferenceSerializer(read_only=True)
    country = serializers.CharField(
        source="country_id", read_only=True, allow_null=True, help_text=_("ISO code; null when sub-regional.")
    )
    code = serializers.CharField(read_only=True, help_text=_('As the documents number it: "1.1", "3.10".'))
    title = TranslatedField()
    kind = CodedField(Activity.Kind)
    status = CodedField(Activity.Status)
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    partners = OrganisationReferenceSerializer(many=True, read_only=True)
    is_recurring = serializers.BooleanField(read_only=True, help_text=_("Meant to become recurrent."))
    url = LinkField(view_name="api:activity-detail")
    updated_at = serializers.DateTimeField(read_only=True)


class ActivitySerializer(ActivityListSerializer):
    description = TranslatedField()


class EventListSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    project = ProjectReferenceSerializer(
        read_only=True, allow_null=True, help_text=_("Null for an event of a cooperation partner.")
    )
    kind = CodedField(Event.Kind)
    start_date = serializers.DateField(read_only=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    date_precision = CodedField(DatePrecision)
    title = TranslatedField()
    place = TranslatedField()
    country = serializers.CharField(source="country_id", read_only=True, allow_null=True)
    organisations = OrganisationReferenceSerializer(many=True, read_only=True)
    url = LinkField(view_name="api:event-detail")
    updated_at = serializers.DateTimeField(read_only=True)


class EventSerializer(EventListSerializer):
    body = TranslatedField()


class ActivitySummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    code = serializers.CharField(read_only=True)
    title = TranslatedField()
    kind = CodedField(Activity.Kind)
    status = CodedField(Activity.Status)
    country = serializers.CharField(
        source="country_id", read_only=True, allow_null=True, help_text=_("ISO code; null when sub-regional.")
    )
    start_date = serializers.DateField(read_only=True, allow_null=True)
    end_date = serializers.DateField(read_only=True, allow_null=True)
    url = LinkField(view_name="api:activity-detail")


class ComponentSerializer(ComponentListSerializer):
    description = TranslatedField()
    expected_results = TranslatedField()
    activities = ActivitySummarySerializer(many=True, read_only=True)
