"""Read-only API of projects, themes, components, indicators and
organisations with their roles in projects."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from core.rest.views import RegistryViewSet
from partners.models import Organisation
from partners.serializers import OrganisationListSerializer
from projects.filters import IndicatorFilterSet, OrganisationFilterSet
from projects.models import (
    Indicator,
    Participation,
    Theme,
)
from projects.serializers import (
    IndicatorSerializer,
    OrganisationSerializer,
    ThemeSerializer,
)

SLUG_PATTERN = "[-a-zA-Z0-9_]+"


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
    list=extend_schema(summary="Indicators of published projects", tags=["indicators"]),
    retrieve=extend_schema(summary="An indicator", tags=["indicators"]),
)
class IndicatorViewSet(RegistryViewSet):
    """Indicators of published projects, found by id."""

    serializer_class = IndicatorSerializer
    filterset_class = IndicatorFilterSet

    def get_queryset(self):
        return Indicator.objects.published().for_list().with_periods()


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
        if self.detailed:
            return organisations.for_api_detail(participations=Participation.objects.in_published_projects())
        return organisations.for_list()
