"""Public pages: the project list, and the organisation pages, which list
each organisation's projects by role (the project sheet, which shows
activities, is in activities/views.py)."""

from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from core.views import FilteredListView, PreviewMixin
from partners.models import Organisation
from projects.filters import OrganisationFilterSet, ProjectFilterSet
from projects.models import Participation, Project

Role = Participation.Role


class ProjectListView(FilteredListView):
    model = Project
    filterset_class = ProjectFilterSet
    template_name = "projects/project_list.html"
    context_object_name = "projects"
    # Cards and options show projects and organisations, no activity.
    reads = options_read = ("partners", "projects")
    directory_filters = {
        name: (
            "organisations:organisation_list",
            gettext_lazy("Each organisation's page links to its projects."),
        )
        for name in ("implementer", "partner")
    }

    def option_counts(self):
        return Project.objects.published().option_counts()


# The project list's filter that gives all the projects of a role.
ROLE_FILTERS = {Role.FUNDER: "funder", Role.IMPLEMENTER: "implementer"}


class OrganisationListView(FilteredListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    template_name = "projects/organisation_list.html"
    context_object_name = "organisations"
    options_read = ("partners", "projects")

    def get_base_queryset(self):
        return Organisation.objects.published().for_list().with_project_counts()


class OrganisationDetailView(PreviewMixin, DetailView):
    """An organisation's identity and, for each of its roles, its latest
    projects with a link to the filtered project list of all of them."""

    model = Organisation
    template_name = "projects/organisation_detail.html"
    context_object_name = "organisation"
    latest_per_role = 20

    def loaded(self, organisations):
        # Not the API's `for_api_detail()`, which loads every participation: for
        # a large funder, thousands of projects.
        return organisations.for_detail(
            participations=Participation.objects.latest_per_role(self.latest_per_role)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["role_groups"] = by_role(self.object)
        context["units"] = list(self.object.units.all())
        parent = self.object.parent
        context["parent"] = parent if parent is not None and parent.is_published else None
        return context


def by_role(organisation) -> list[dict]:
    """The roles the organisation has in published projects, in the order
    they are declared (funder, implementing agency, coordinator, partners...),
    each with its latest participations, its number of published projects and
    the project-list filter that gives them all (`partner`, any role, for the
    roles without a filter of their own)."""
    latest = {role: [] for role in Role}
    for participation in organisation.latest_participations:
        latest[participation.role].append(participation)
    return [
        {
            "role": role,
            "label": role.label,
            "participations": participations,
            "total": participations[0].role_total,
            "is_partial": participations[0].role_total > len(participations),
            "filter": ROLE_FILTERS.get(role, "partner"),
        }
        for role, participations in latest.items()
        if participations
    ]
