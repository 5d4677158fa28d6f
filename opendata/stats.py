"""Figures for dashboards: published projects counted per funder, country,
status, theme or year, with their budgets and the funders' contributions
summed per currency (never one currency added to another).

A project counts once in each group it belongs to: one working in Morocco
and Tunisia counts under both, so groups may add up to more than the total.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
    extend_schema_view,
)
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.viewsets import GenericViewSet

from core.filters import FIRST_YEAR, LAST_YEAR
from core.rest.fields import translations_schema
from core.rest.languages import label, translated_text
from core.rest.views import RegistryAPIMixin
from partners.models import Organisation
from projects.filters import ProjectFilterSet
from projects.models import Participation, Project, ProjectCountry

GROUP_BY_PARAM = "group_by"
GROUPINGS = ("funder", "country", "status", "theme", "year")


def _sums(amounts) -> list[dict]:
    totals: dict[str, Decimal] = defaultdict(Decimal)
    for amount, currency in amounts:
        totals[currency] += amount
    return [{"currency": currency, "amount": totals[currency]} for currency in sorted(totals)]


def _years(start: datetime.date | None, end: datetime.date | None) -> range:
    if start is None and end is None:
        return range(0)
    first = max((start or end).year, FIRST_YEAR)
    last = min((end or start).year, LAST_YEAR)
    return range(first, last + 1)


class Groups:
    """Projects gathered under keys, each with its label and place in the order."""

    def __init__(self):
        self.labels, self.order, self.projects = {}, {}, defaultdict(set)

    def add(self, key, name, order, project_id):
        self.labels.setdefault(key, name)
        self.order.setdefault(key, order)
        self.projects[key].add(project_id)

    def ordered(self) -> list:
        return sorted(self.projects, key=lambda key: self.order[key])


def _groups(projects, group_by: str, language: str, rows) -> Groups:
    groups = Groups()
    published = projects.values("pk")
    if group_by == "status":
        order = list(Project.Status.values)
        for pk, status, *_rest in rows:
            groups.add(status, label(Project.Status(status).label, language), order.index(status), pk)
    elif group_by == "year":
        for pk, _status, _budget, _currency, start, end in rows:
            for year in _years(start, end):
                groups.add(str(year), str(year), year, pk)
    elif group_by == "country":
        for link in ProjectCountry.objects.filter(project__in=published).select_related("country"):
            country = link.country
            groups.add(
                country.code, translated_text(country, "name", language), str(country), link.project_id
            )
    elif group_by == "theme":
        links = Project.themes.through.objects.filter(project__in=published).select_related("theme")
        for link in links:
            theme = link.theme
            groups.add(
                theme.slug,
                translated_text(theme, "name", language),
                (theme.order, str(theme)),
                link.project_id,
            )
    else:
        funders = Participation.objects.filter(
            project__in=published,
            role=Participation.Role.FUNDER,
            organisation__in=Organisation.objects.published(),
        ).select_related("organisation")
        for participation in funders:
            organisation = participation.organisation
            name = translated_text(organisation, "name", language)
            groups.add(organisation.slug, name, str(organisation), participation.project_id)
    return groups


def project_statistics(projects, group_by: str, language: str) -> dict:
    rows = list(
        projects.order_by().values_list("pk", "status", "budget", "budget_currency", "start_date", "end_date")
    )
    budgets = {
        pk: (budget, currency)
        for pk, _s, budget, currency, *_dates in rows
        if budget is not None and currency
    }
    contributions = defaultdict(list)
    funding = Participation.objects.filter(
        project__in=projects.values("pk"),
        role=Participation.Role.FUNDER,
        organisation__in=Organisation.objects.published(),
        amount__isnull=False,
    ).exclude(currency="")
    for project_id, slug, amount, currency in funding.values_list(
        "project_id", "organisation__slug", "amount", "currency"
    ):
        contributions[project_id].append((slug, amount, currency))

    def figures(project_ids, funder=None):
        return {
            "project_count": len(project_ids),
            "budgets": _sums(budgets[pk] for pk in project_ids if pk in budgets),
            "contributions": _sums(
                (amount, currency)
                for pk in project_ids
                for slug, amount, currency in contributions.get(pk, ())
                if funder is None or slug == funder
            ),
        }

    groups = _groups(projects, group_by, language, rows)
    results = [
        {
            "key": key,
            "label": groups.labels[key],
            **figures(groups.projects[key], key if group_by == "funder" else None),
        }
        for key in groups.ordered()
    ]
    ungrouped = {pk for pk, *_rest in rows}.difference(*groups.projects.values())
    if ungrouped:
        results.append({"key": None, "label": label(_("Not specified"), language), **figures(ungrouped)})
    return {"group_by": group_by, **figures([pk for pk, *_rest in rows]), "groups": results}


class AmountSerializer(serializers.Serializer):
    currency = serializers.CharField(read_only=True, help_text=_("ISO 4217 code."))
    amount = serializers.DecimalField(max_digits=20, decimal_places=2, read_only=True)


class FiguresSerializer(serializers.Serializer):
    project_count = serializers.IntegerField(read_only=True)
    budgets = AmountSerializer(many=True, read_only=True, help_text=_("Sum of total budgets, per currency."))
    contributions = AmountSerializer(
        many=True,
        read_only=True,
        help_text=_("Sum of the funders' contributions, per currency (with group_by=funder: that funder's)."),
    )


@extend_schema_field(translations_schema(_("The group's name in the response language, or by language.")))
class LabelField(serializers.ReadOnlyField):
    """A label already put in the response language."""


class GroupSerializer(FiguresSerializer):
    key = serializers.CharField(
        read_only=True,
        allow_null=True,
        help_text=_(
            "Funder slug, country code, status code, theme slug or year; null for projects without one."
        ),
    )
    label = LabelField()


@extend_schema_serializer(many=False)
class StatisticsSerializer(FiguresSerializer):
    group_by = serializers.ChoiceField(choices=GROUPINGS, read_only=True)
    groups = GroupSerializer(many=True, read_only=True)


@extend_schema_view(
    list=extend_schema(
        summary=_("Project counts and sums per funder, country, status, theme or year"),
        tags=["stats"],
        parameters=[
            OpenApiParameter(
                GROUP_BY_PARAM,
                OpenApiTypes.STR,
                enum=list(GROUPINGS),
                required=True,
                description=_("What to group the published projects by (year: the years each is active in)."),
            )
        ],
    )
)
class StatisticsViewSet(RegistryAPIMixin, GenericViewSet):
    """Figures over the published projects that match the project filters
    (the same parameters as /api/v1/projects/)."""

    serializer_class = StatisticsSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = ProjectFilterSet
    pagination_class = None
    csv_actions = ()

    def get_queryset(self):
        return Project.objects.published()

    def list(self, request, *args, **kwargs):
        return self.cached_or(self.figures, request)

    def figures(self, request):
        group_by = request.query_params.get(GROUP_BY_PARAM, "")
        if group_by not in GROUPINGS:
            raise ValidationError(
                {GROUP_BY_PARAM: [_("Choose one of: %(choices)s.") % {"choices": ", ".join(GROUPINGS)}]}
            )
        projects = self.filter_queryset(self.get_queryset())
        figures = project_statistics(projects, group_by, self.language)
        return Response(self.get_serializer(figures).data)
