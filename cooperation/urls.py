"""Root URLs: the admin and the API without a language prefix, public pages
under /fr/, /ar/ and /en/ (the same English path segments in every language)."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from core.health import health
from core.rest.errors import api_not_found
from portal import admin as registry_admin
from portal.sitemaps import sitemaps
from portal.views import robots_txt

urlpatterns = [
    # The data-quality board, and the admin's index with its "to do" panel,
    # before the admin's own URLs (which would answer both otherwise).
    path("admin/quality/", admin.site.admin_view(registry_admin.quality_board), name="quality_board"),
    path("admin/", admin.site.admin_view(registry_admin.index), name="admin_index"),
    path("admin/", admin.site.urls),
    path("health/", health, name="health"),
    # IATI files, before the API router so that it does not shadow them.
    path("api/v1/", include("opendata.iati.urls")),
    path("api/", include("portal.api")),
    # Any other address under /api/ is a JSON 404 too (one without its final
    # slash is first sent to the one with it), whatever characters it holds.
    re_path(r"^api/(?P<path>(?:[^/]*/)*(?:[^/]*\.[^/]*)?)$", api_not_found),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots"),
]

urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("projects/", include("activities.project_urls")),
    path("organisations/", include("projects.organisation_urls")),
    path("activities/", include("activities.urls")),
    path("data/", include("opendata.urls")),
    prefix_default_language=True,
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
