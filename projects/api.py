"""Read-only API of projects, themes, components, indicators and
organisations with their roles in projects."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from core.rest.views import RegistryViewSet
from partners.models import Organisation
from partners.serializers import OrganisationListSerializer
from projects.filters import ComponentFilterSet, IndicatorFilterSet, OrganisationFilterSet, ProjectFilterSet
from projects.models import (
    Component,
    Indicator,
    Participation,
    Project,
    Theme,
)
from projects.serializers import (
    ComponentListSerializer,
    ComponentSerializer,
    IndicatorSerializer,
    OrganisationSerializer,
    ProjectListSerializer,
    ProjectSerializer,
    ThemeSerializer,
)

SLUG_PATTERN = "[-a-zA-Z0-9_]+"


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
        return projects.for_api_detail() if self.action == "retrieve" else projects.for_list()


@extend_schema_view(
    list=extend_schema(summary="Themes", tags=["themes"]),
    retrieve=extend_schema(summary="A theme", tags=["themes"]),
)
class ThemeViewSet(RegistryViewSet):
    """Themes (sectors), found by slug, with their number of published projects."""

    serializer_class = ThemeSerializer
    lookup_field = "slug"
    lookup_pattern = SLUG_PATTERN
    cursor_keys = ("pk",)

    def get_queryset(self):
        return Theme.objects.with_project_counts()


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
        return components.for_detail() if self.action == "retrieve" else components.for_list()


@extend_schema_view(
    list=extend_schema(summary="Indicators of published projects", tags=["indicators"]),
    retrieve=extend_schema(summary="An indicator", tags=["indicators"]),
)
class IndicatorViewSet(RegistryViewSet):
    """Indicators of published projects, found by id."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet

    def get_queryset(self):
        return Indicator.objects.published().for_list()


@extend_schema_view(
    list=extend_schema(summary="Published organisations", tags=["organisations"]),
    retrieve=extend_schema(
        summary="A published organisation with its roles in projects", tags=["organisations"]
    ),
)
class OrganisationViewSet(RegistryViewSet):
    """Funders, implementing agencies and partners, found by slug."""

    list_serializer_class = OrganisationListSerializer
    serializer_class = OrganisationSerializer
    filterset_class = OrganisationFilterSet
    lookup_field = "slug"
    lookup_pattern = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        organisations = Organisation.objects.published()
        if self.action == "retrieve":
            return organisations.for_detail(participations=Participation.objects.in_published_projects())
        return organisations.for_list()
