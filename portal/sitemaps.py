"""The sitemap: every public page in French, Arabic and English, each with
its alternates (`hreflang`) and an x-default address that redirects by the
browser's language. Only published records appear."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from partners.models import Organisation
from projects.models import Project


class LocalizedSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class PageSitemap(LocalizedSitemap):
    changefreq = "weekly"
    priority = 0.8

    def items(self):
        return [
            "site:home",
            "projects:project_list",
            "organisations:organisation_list",
            "site:funder_list",
            "activities:activity_list",
            "site:event_list",
        ]

    def location(self, item):
        return reverse(item)


class ProjectSitemap(LocalizedSitemap):
    changefreq = "weekly"
    priority = 0.9

    def items(self):
        return Project.objects.published().order_by("slug")

    def lastmod(self, item):
        return item.updated_at


class OrganisationSitemap(LocalizedSitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return Organisation.objects.published().order_by("slug")

    def lastmod(self, item):
        return item.updated_at


sitemaps = {
    "pages": PageSitemap,
    "projects": ProjectSitemap,
    "organisations": OrganisationSitemap,
}
