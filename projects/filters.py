"""Filters of the project list, of the project children and of the
organisation directory, whose role filter reads participations (pages and API)."""

import django_filters
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.filters import (
    RegistryFilterSet,
    SearchFilter,
    SlugMultipleChoiceFilter,
    modified_since_filter,
    year_filter,
)
from core.text import words
from partners.models import Country, Organisation
from projects.models import Component, Indicator, Participation, Project, Theme

Role = Participation.Role


class ProjectFilterSet(RegistryFilterSet):
    q = SearchFilter()
    status = django_filters.MultipleChoiceFilter(
        distinct=False, label=_("Status"), choices=Project.Status.choices
    )
    funder = SlugMultipleChoiceFilter(
        label=_("Funder"),
        queryset=Organisation.objects.published().taking_part(Participation.objects.in_roles(Role.FUNDER)),
        method="filter_funder",
    )
    implementer = SlugMultipleChoiceFilter(
        label=_("Implementing agency"),
        queryset=Organisation.objects.published().taking_part(
            Participation.objects.in_roles(Role.IMPLEMENTER)
        ),
        method="filter_implementer",
    )
    partner = SlugMultipleChoiceFilter(
        label=_("Partner"),
        help_text=_("An organisation taking part in the project in any role."),
        queryset=Organisation.objects.published(),
        method="filter_partner",
    )
    country = django_filters.ModelMultipleChoiceFilter(
        distinct=False,
        label=_("Country"),
        queryset=Country.objects.all(),
        to_field_name="code",
        method="filter_country",
    )
    theme = SlugMultipleChoiceFilter(label=_("Theme"), queryset=Theme.objects.all(), method="filter_theme")
    year = year_filter(method="filter_year")
    modified_since = modified_since_filter()
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(
            ("start_date", "start"),
            ("end_date", "end"),
            ("acronym", "acronym"),
            ("title", "title"),
            ("updated_at", "updated"),
        ),
        field_labels={
            "start_date": _("Start date"),
            "end_date": _("End date"),
            "acronym": _("Acronym"),
            "title": _("Title"),
            "updated_at": _("Last update"),
        },
    )

    class Meta:
        model = Project
        fields = ["q", "status", "funder", "implementer", "partner", "country", "theme", "year"]

    def filter_funder(self, queryset, name, organisations):
        return queryset.taking_part(organisations, [Role.FUNDER]) if organisations else queryset

    def filter_implementer(self, queryset, name, organisations):
        return queryset.taking_part(organisations, [Role.IMPLEMENTER]) if organisations else queryset

    def filter_partner(self, queryset, name, organisations):
        return queryset.taking_part(organisations) if organisations else queryset

    def filter_country(self, queryset, name, countries):
        if not countries:
            return queryset
        return queryset.filter(
            models.Exists(
                Project.countries.through.objects.filter(project=models.OuterRef("pk"), country__in=countries)
            )
        )

    def filter_theme(self, queryset, name, themes):
        if not themes:
            return queryset
        return queryset.filter(
            models.Exists(
                Project.themes.through.objects.filter(project=models.OuterRef("pk"), theme__in=themes)
            )
        )

    def filter_year(self, queryset, name, years):
        return queryset.active_in(years) if years else queryset


class ComponentFilterSet(RegistryFilterSet):
    q = SearchFilter(method="filter_q")
    project = SlugMultipleChoiceFilter(
        label=_("Project"), field_name="project__slug", queryset=Project.objects.published()
    )
    kind = django_filters.MultipleChoiceFilter(
        distinct=False, label=_("Kind"), choices=Component.Kind.choices
    )
    modified_since = modified_since_filter()

    class Meta:
        model = Component
        fields = ["project", "kind"]

    def filter_q(self, queryset, name, value):
        for word in words(value):
            queryset = queryset.filter(
                models.Q(title_fr__icontains=word)
                | models.Q(title_ar__icontains=word)
                | models.Q(title_en__icontains=word)
                | models.Q(code__iexact=word)
            )
        return queryset


class IndicatorFilterSet(RegistryFilterSet):
    project = SlugMultipleChoiceFilter(
        label=_("Project"), field_name="project__slug", queryset=Project.objects.published()
    )
    modified_since = modified_since_filter()

    class Meta:
        model = Indicator
        fields = ["project"]


class OrganisationFilterSet(RegistryFilterSet):
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
        return queryset.taking_part(Participation.objects.in_roles(*roles)) if roles else queryset
