"""Public organisation pages: the directory and an organisation's projects by role."""

from django.views.generic import DetailView

from cooperation.views import FilteredListView, PreviewMixin
from partners.filters import OrganisationFilterSet
from partners.models import Organisation
from projects.models import Participation


class OrganisationListView(FilteredListView):
    model = Organisation
    filterset_class = OrganisationFilterSet
    template_name = "partners/organisation_list.html"
    context_object_name = "organisations"

    def get_base_queryset(self):
        return Organisation.objects.published().for_list().with_project_counts()


class OrganisationDetailView(PreviewMixin, DetailView):
    model = Organisation
    template_name = "partners/organisation_detail.html"
    context_object_name = "organisation"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["role_groups"] = by_role(self.object.participations.all())
        context["units"] = list(self.object.units.all())
        parent = self.object.parent
        context["parent"] = parent if parent is not None and parent.is_published else None
        return context


def by_role(participations) -> list[dict]:
    """Participations grouped by role, in the order the roles are declared
    (funder, implementing agency, coordinator, partners...)."""
    groups = {role: [] for role in Participation.Role}
    for participation in participations:
        groups[participation.role].append(participation)
    return [
        {"role": role, "label": role.label, "participations": items}
        for role, items in groups.items()
        if items
    ]
