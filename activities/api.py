"""Read-only API of activities and events, and of the records that show
them: a project (which counts them) and a component (which lists them)."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from activities.filters import ActivityFilterSet, EventFilterSet
from activities.models import Activity, Event
from activities.serializers import (
    ActivityListSerializer,
    ActivitySerializer,
    ComponentSerializer,
    EventListSerializer,
    EventSerializer,
)
from core.rest.views import RegistryViewSet
from projects.api import SLUG_PATTERN
from projects.filters import ComponentFilterSet, ProjectFilterSet
from projects.models import Component, Project
from projects.serializers import ComponentListSerializer, ProjectListSerializer, ProjectSerializer


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


@extend_schema_view(
    list=extend_schema(summary="Published projects", tags=["projects"]),
    retrieve=extend_schema(
        summary="A published project, with links to its activities, indicators and events", tags=["projects"]
    ),
)
class ProjectViewSet(RegistryViewSet):
    """Projects, found by slug. A list row is light; a detail nests funders
    with their amounts, implementers, partners by country, components,
    countries with their status, themes, documents and related projects, and
    counts and links its activities, indicators and events (lists of their
    own, filtered by `project`)."""

    list_serializer_class = ProjectListSerializer
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet
    lookup_field = "slug"
    lookup_pattern = SLUG_PATTERN

    def get_queryset(self):
        projects = Project.objects.published()
        if self.detailed:
            return projects.for_api_detail(
                activities=Activity.objects.published(), events=Event.objects.published()
            )
        return projects.for_list()


@extend_schema_view(
    list=extend_schema(
        summary="Components (axes, specific objectives) of published projects", tags=["components"]
    ),
    retrieve=extend_schema(summary="A component with its activities", tags=["components"]),
)
class ComponentViewSet(RegistryViewSet):
    """Components of published projects, found by id."""

    list_serializer_class = ComponentListSerializer
    serializer_class = ComponentSerializer
    filterset_class = ComponentFilterSet

    def get_queryset(self):
        components = Component.objects.published().with_activity_counts()
        if self.detailed:
            return components.for_api_detail(activities=Activity.objects.for_project_sheet())
        return components.for_list()
