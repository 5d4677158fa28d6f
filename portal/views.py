"""Site-wide public pages: the home page, the funders, the search of the
whole registry, robots.txt."""

from urllib.parse import urlencode

from django import forms
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from django.views.generic import ListView, TemplateView

from activities.filters import ActivityFilterSet, EventFilterSet
from activities.models import Activity, Event
from core.response_cache import CachedPageMixin
from core.text import fold
from partners.models import Country, Organisation
from projects.filters import OrganisationFilterSet, ProjectFilterSet
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


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search the registry"), max_length=200, required=False)


# What the search looks through: each list's own FilterSet, so that "all
# results" on the list page are the same ones.
SEARCHED = (
    (
        "projects",
        _("Projects"),
        ProjectFilterSet,
        Project.objects.published().for_list,
        "projects:project_list",
    ),
    (
        "organisations",
        _("Organisations"),
        OrganisationFilterSet,
        Organisation.objects.published().for_list,
        "organisations:organisation_list",
    ),
    (
        "activities",
        _("Activities"),
        ActivityFilterSet,
        Activity.objects.published().for_list,
        "activities:activity_list",
    ),
    ("events", _("Events"), EventFilterSet, Event.objects.published().for_list, "site:event_list"),
)


class SearchView(CachedPageMixin, TemplateView):
    """One search of the whole registry: the first matches of each kind of
    record, with a link to all of them on its list page."""

    template_name = "portal/search.html"
    shown = 5

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"] = SearchForm(self.request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        context["query"] = query
        context["groups"] = []
        if not fold(query):
            return context
        for key, label, filterset_class, records, list_url in SEARCHED:
            found = filterset_class({"q": query}, queryset=records()).qs
            context["groups"].append(
                {
                    "key": key,
                    "label": label,
                    "count": found.count(),
                    "items": found[: self.shown],
                    "url": f"{reverse(list_url)}?{urlencode({'q': query})}",
                }
            )
        context["found"] = sum(group["count"] for group in context["groups"])
        return context

    def render_to_response(self, context, **response_kwargs):
        if context["form"].errors:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


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
