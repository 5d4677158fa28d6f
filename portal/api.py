"""The partner API: /api/v1/ (router and root), /api/schema/ (OpenAPI 3),
/api/docs/ (Swagger UI) and /api/redoc/, served from drf-spectacular-sidecar
so that nothing is loaded from another host.

The building blocks shared by every endpoint live in `core/rest/`.
"""

from csp.decorators import csp_replace
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.reverse import reverse
from rest_framework.routers import APIRootView, DefaultRouter

from activities.api import ActivityViewSet, ComponentViewSet, EventViewSet, ProjectViewSet
from core.rest.views import RegistryAPIMixin
from opendata.stats import StatisticsViewSet
from opendata.withdrawals import WithdrawalViewSet
from partners.api import CountryViewSet
from projects.api import IndicatorViewSet, OrganisationViewSet, ThemeViewSet

app_name = "api"


class RegistryAPIRoot(RegistryAPIMixin, APIRootView):
    """The registry of international cooperation projects of the Moroccan
    Ministry of Labour. Every list takes the filters of the public pages,
    `lang`, `page`/`page_size` or `pagination=cursor`, `modified_since`, and
    `format=csv`; see /api/docs/."""

    csv_actions = ()

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        for name in ("schema", "docs"):
            response.data[name] = reverse(f"api:{name}", request=request)
        return response


class RegistryRouter(DefaultRouter):
    APIRootView = RegistryAPIRoot


router = RegistryRouter()
router.register("projects", ProjectViewSet, basename="project")
router.register("organisations", OrganisationViewSet, basename="organisation")
router.register("countries", CountryViewSet, basename="country")
router.register("themes", ThemeViewSet, basename="theme")
router.register("components", ComponentViewSet, basename="component")
router.register("activities", ActivityViewSet, basename="activity")
router.register("events", EventViewSet, basename="event")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("withdrawals", WithdrawalViewSet, basename="withdrawal")
router.register("stats", StatisticsViewSet, basename="stats")

urlpatterns = [
    path("v1/", include(router.urls)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path(
        "redoc/",
        # Redoc injects its styles at run time and searches in a blob: worker:
        # the one page whose Content Security Policy allows inline styles.
        csp_replace({"style-src": ["'self'", "'unsafe-inline'"], "worker-src": ["'self'", "blob:"]})(
            SpectacularRedocView.as_view(url_name="api:schema", template_name="api/redoc.html")
        ),
        name="redoc",
    ),
]
