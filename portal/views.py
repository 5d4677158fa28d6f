"""Site-wide public pages: the home page, the funders, robots.txt."""

from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from django.views.generic import ListView, TemplateView

from activities.models import Event
from core.response_cache import CachedPageMixin
from partners.models import Country, Organisation
from projects.models import Participation, Project


class HomeView(CachedPageMixin, TemplateView):
    """Key figures, ongoing projects and the latest events."""

    template_name = "portal/home.html"
    ongoing_count = 6
    event_count = 5

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        projects = Project.objects.published()
        counts = projects.status_counts()
        context["status_counts"] = [
            {"status": status, "label": status.label, "count": counts[status]}
            for status in Project.Status
            if counts.get(status)
        ]
        context["project_count"] = sum(counts.values())
        context["funder_count"] = (
            Organisation.objects.published().taking_part(Participation.objects.funding()).count()
        )
        context["country_count"] = Country.objects.with_project_counts().filter(project_count__gt=0).count()
        context["budget_totals"] = projects.budget_totals()
        context["ongoing_projects"] = projects.ongoing().for_list()[: self.ongoing_count]
        context["latest_events"] = Event.objects.published().for_list()[: self.event_count]
        return context


class FunderListView(CachedPageMixin, ListView):
    """Funders with the published projects they fund and their totals per currency."""

    template_name = "portal/funder_list.html"
    context_object_name = "funders"
    paginate_by = 50

    def get_queryset(self):
        contributions = Participation.objects.funding()
        funders = Organisation.objects.published().taking_part(contributions)
        return funders.for_funders(contributions=contributions).order_by("name", "pk")


@require_safe
def robots_txt(request):
    """What crawlers may read: every public page (the sitemap lists them),
    not the admin nor the language switch."""
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /i18n/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
