"""Filters of the organisation directory (pages and API)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import SearchFilter, modified_since_filter
from partners.models import Country, Organisation
from projects.models import Participation


class OrganisationFilterSet(django_filters.FilterSet):
    q = SearchFilter()
    country = django_filters.ModelMultipleChoiceFilter(
        distinct=False, label=_("Country"), queryset=Country.objects.all(), to_field_name="code"
    )
    kind = django_filters.MultipleChoiceFilter(
        distinct=False, label=_("Kind"), choices=Organisation.Kind.choices
    )
    role = django_filters.MultipleChoiceFilter(
        distinct=False, label=_("Role"), choices=Participation.Role.choices, method="filter_role"
    )
    modified_since = modified_since_filter()
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("name", "name"), ("slug", "slug"), ("updated_at", "updated")),
        field_labels={"name": _("Name"), "slug": _("Identifier"), "updated_at": _("Last update")},
    )

    class Meta:
        model = Organisation
        fields = ["q", "country", "kind", "role", "modified_since"]

    def filter_role(self, queryset, name, roles):
        return queryset.with_roles(*roles) if roles else queryset
