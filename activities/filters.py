"""Filters of the activity list and the event timeline (pages and API)."""

import django_filters
from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Event
from core.filters import (
    RegistryFilterSet,
    SearchFilter,
    SlugMultipleChoiceFilter,
    modified_since_filter,
    year_filter,
)
from partners.models import Country
from projects.models import Component, Project


class ActivityFilterSet(RegistryFilterSet):
    q = SearchFilter()
    project = SlugMultipleChoiceFilter(
        label=_("Project"), field_name="project__slug", queryset=Project.objects.published()
    )
    country = django_filters.ModelMultipleChoiceFilter(
        distinct=False,
        label=_("Country"),
        field_name="country",
        queryset=Country.objects.all(),
        to_field_name="code",
    )
    component = django_filters.MultipleChoiceFilter(
        distinct=False,
        label=_("Component kind"),
        field_name="component__kind",
        choices=Component.Kind.choices,
    )
    kind = django_filters.MultipleChoiceFilter(
        distinct=False, label=_("Activity kind"), choices=Activity.Kind.choices
    )
    status = django_filters.MultipleChoiceFilter(
        distinct=False, label=_("Status"), choices=Activity.Status.choices
    )
    subregional = django_filters.BooleanFilter(
        label=_("Sub-regional"),
        field_name="country",
        lookup_expr="isnull",
        # Not Django's "Unknown / Yes / No": no choice means every activity.
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )
    modified_since = modified_since_filter()
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("code", "code"), ("updated_at", "updated")),
        field_labels={"code": _("Code"), "updated_at": _("Last update")},
    )

    class Meta:
        model = Activity
        fields = ["q", "project", "country", "component", "kind", "status"]


class EventFilterSet(RegistryFilterSet):
    q = SearchFilter()
    project = SlugMultipleChoiceFilter(
        label=_("Project"), field_name="project__slug", queryset=Project.objects.published()
    )
    country = django_filters.ModelMultipleChoiceFilter(
        distinct=False,
        label=_("Country"),
        field_name="country",
        queryset=Country.objects.all(),
        to_field_name="code",
    )
    kind = django_filters.MultipleChoiceFilter(distinct=False, label=_("Kind"), choices=Event.Kind.choices)
    year = year_filter(method="filter_year")
    modified_since = modified_since_filter()
    ordering = django_filters.OrderingFilter(
        label=_("Sort by"),
        fields=(("start_date", "date"), ("updated_at", "updated")),
        field_labels={"start_date": _("Date"), "updated_at": _("Last update")},
    )

    class Meta:
        model = Event
        fields = ["q", "project", "country", "kind", "year"]

    def filter_year(self, queryset, name, years):
        condition = models.Q()
        for year in years:
            condition |= models.Q(start_date__year__lte=year) & (
                models.Q(end_date__year__gte=year) | models.Q(end_date__isnull=True, start_date__year=year)
            )
        return queryset.filter(condition)
