"""Public organisation pages: the directory and an organisation's projects by role."""

from django.views.generic import DetailView

from core.views import FilteredListView, PreviewMixin
from partners.filters import OrganisationFilterSet
from partners.models import Organisation
from projects.models import Participation

Role = Participation.Role

# The project list's filter that gives all the projects of a role.
ROLE_FILTERS = {Role.FUNDER: "funder", Role.IMPLEMENTER: "implementer"}


class OrganisationListView(FilteredListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    template_name = "partners/organisation_list.html"
    context_object_name = "organisations"

    def get_base_queryset(self):
        return Organisation.objects.published().for_list().with_project_counts()


class OrganisationDetailView(PreviewMixin, DetailView):
    """An organisation's identity and, for each of its roles, its latest
    projects with a link to the filtered project list of all of them."""

    model = Organisation
    template_name = "partners/organisation_detail.html"
    context_object_name = "organisation"
    latest_per_role = 20

    def get_queryset(self):
        # PreviewMixin's rule (staff also reach drafts) with the page's own
        # read: the API's `for_detail()` loads every participation, which for
        # a large funder means thousands of projects.
        organisations = Organisation.objects
        readable = organisations.all() if self.request.user.is_staff else organisations.published()
        return readable.for_page(latest_per_role=self.latest_per_role)

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
