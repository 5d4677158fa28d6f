"""Read-only API of countries (organisations, with their roles in projects,
are served by projects/api.py)."""

from drf_spectacular.utils import extend_schema, extend_schema_view

from core.rest.views import RegistryViewSet
from partners.models import Country
from partners.serializers import CountrySerializer


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
