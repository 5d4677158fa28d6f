"""Read-only API of organisations and countries."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from core.rest.views import RegistryViewSet
from partners.filters import OrganisationFilterSet
from partners.models import Country, Organisation
from partners.serializers import CountrySerializer, OrganisationListSerializer, OrganisationSerializer


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
        return organisations.for_detail() if self.action == "retrieve" else organisations.for_list()


@extend_schema_view(
    list=extend_schema(summary="Countries", tags=["countries"]),
    retrieve=extend_schema(summary="A country", tags=["countries"]),
)
class CountryViewSet(RegistryViewSet):
    """Countries, found by ISO 3166-1 alpha-2 code, with their number of published projects."""

    serializer_class = CountrySerializer
    lookup_field = "code"
    lookup_pattern = "[A-Z]{2}"
    cursor_keys = ("pk",)

    def get_queryset(self):
        return Country.objects.with_project_counts()
