"""Read-only API of activities and events."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from activities.filters import ActivityFilterSet, EventFilterSet
from activities.models import Activity, Event
from activities.serializers import (
    ActivityListSerializer,
    ActivitySerializer,
    EventListSerializer,
    EventSerializer,
)
from core.rest.views import RegistryViewSet


@extend_schema_view(
    list=extend_schema(summary="Published activities, per component and country", tags=["activities"]),
    retrieve=extend_schema(summary="A published activity", tags=["activities"]),
)
class ActivityViewSet(RegistryViewSet):
    """Activities of published projects, found by id."""

    list_serializer_class = ActivityListSerializer
    serializer_class = ActivitySerializer
    filterset_class = ActivityFilterSet

    def get_queryset(self):
        return Activity.objects.published().for_list()


@extend_schema_view(
    list=extend_schema(summary="The timeline of published events", tags=["events"]),
    retrieve=extend_schema(summary="A published event", tags=["events"]),
)
class EventViewSet(RegistryViewSet):
    """Dated events of published projects and of cooperation partners, found by id."""

    list_serializer_class = EventListSerializer
    serializer_class = EventSerializer
    filterset_class = EventFilterSet

    def get_queryset(self):
        return Event.objects.published().for_list()
