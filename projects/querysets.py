"""Reads of projects and their children, each loading what its page needs.

Views, viewsets, exports and the admin call these methods rather than
writing their own `select_related`, so a page's query count is fixed here.
"""

from django.db import models

from cooperation.publication import Publication, PublishableQuerySet
from cooperation.search import matching

PUBLISHED = Publication.PUBLISHED


class ThemeQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_project_counts(self):
        return self.annotate(
            project_count=models.Count(
                "projects", filter=models.Q(projects__publication=PUBLISHED), distinct=True
            )
        )


class ProjectQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def search(self, query: str):
        """Projects whose acronym, title or summary contains every word of
        `query`, or in which an organisation whose names contain them takes part."""
        from projects.models import Participation

        own = matching(self.model.objects.all(), query).values("pk")
        through_organisation = Participation.objects.filter(
            organisation__in=matching(_organisations().published(), query)
        ).values("project_id")
        return self.filter(models.Q(pk__in=own) | models.Q(pk__in=through_organisation))

    def active_in(self, years):
        """Projects whose period overlaps one of `years`."""
        condition = models.Q()
        for year in years:
            condition |= models.Q(
                models.Q(start_date__year__lte=year) | models.Q(start_date__isnull=True),
                models.Q(end_date__year__gte=year) | models.Q(end_date__isnull=True),
                models.Q(start_date__isnull=False) | models.Q(end_date__isnull=False),
            )
        return self.filter(condition)

    def taking_part(self, organisations, roles=()):
        """Projects in which one of `organisations` takes part, in one of
        `roles` (any role when none is given)."""
        from projects.models import Participation

        participations = Participation.objects.filter(
            project=models.OuterRef("pk"), organisation__in=organisations
        )
        if roles:
            participations = participations.filter(role__in=roles)
        return self.filter(models.Exists(participations))

    def ongoing(self):
        """Projects being carried out (implementation or finalisation)."""
        from projects.models import Project

        return self.filter(status__in=[Project.Status.IMPLEMENTATION, Project.Status.FINALISATION])

    def status_counts(self) -> dict[str, int]:
        """Number of projects per status code, in one query."""
        rows = self.order_by().values("status").annotate(count=models.Count("pk"))
        return {row["status"]: row["count"] for row in rows}

    def budget_totals(self) -> list[dict]:
        """Total budget per currency (never summed across currencies)."""
        return list(
            self.exclude(budget__isnull=True)
            .exclude(budget_currency="")
            .order_by()
            .values("budget_currency")
            .annotate(total=models.Sum("budget"), count=models.Count("pk"))
            .order_by("budget_currency")
        )

    def for_list(self):
        from projects.models import Participation, ProjectCountry

        return self.prefetch_related(
            models.Prefetch(
                "country_links",
                queryset=ProjectCountry.objects.select_related("country"),
            ),
            models.Prefetch(
                "participations",
                queryset=Participation.objects.filter(
                    role__in=[Participation.Role.FUNDER, Participation.Role.IMPLEMENTER],
                    organisation__publication=PUBLISHED,
                ).select_related("organisation"),
                to_attr="main_participations",
            ),
            "themes",
        )

    def for_detail(self):
        from activities.models import Activity, Event
        from projects.models import (
            Component,
            Document,
            Indicator,
            Participation,
            ProjectCountry,
            ProjectRelation,
        )

        activities = (
            Activity.objects.published()
            .select_related("country")
            .prefetch_related(models.Prefetch("partners", queryset=_organisations().published()))
        )
        return self.prefetch_related(
            models.Prefetch("country_links", queryset=ProjectCountry.objects.select_related("country")),
            models.Prefetch(
                "participations",
                queryset=Participation.objects.filter(organisation__publication=PUBLISHED).select_related(
                    "organisation", "organisation__country", "country"
                ),
            ),
            models.Prefetch(
                "components",
                queryset=Component.objects.published().prefetch_related(
                    models.Prefetch("managers", queryset=_organisations().published()),
                    models.Prefetch("activities", queryset=activities),
                ),
            ),
            models.Prefetch("indicators", queryset=Indicator.objects.published().select_related("component")),
            models.Prefetch("documents", queryset=Document.objects.published()),
            models.Prefetch(
                "relations",
                queryset=ProjectRelation.objects.filter(related__publication=PUBLISHED).select_related(
                    "related"
                ),
            ),
            models.Prefetch(
                "inverse_relations",
                queryset=ProjectRelation.objects.filter(project__publication=PUBLISHED).select_related(
                    "project"
                ),
            ),
            models.Prefetch(
                "events",
                queryset=Event.objects.published().select_related("country").order_by("-start_date"),
            ),
            "themes",
        )


def _organisations():
    from partners.models import Organisation

    return Organisation.objects.all()


class ComponentQuerySet(PublishableQuerySet):
    published_through = ("project",)

    def get_by_natural_key(self, project_slug, code):
        return self.get(project__slug=project_slug, code=code)

    def for_list(self):
        return self.select_related("project").prefetch_related(
            models.Prefetch("managers", queryset=_organisations().published())
        )

    def for_detail(self):
        from activities.models import Activity

        return self.for_list().prefetch_related(
            models.Prefetch("activities", queryset=Activity.objects.published().select_related("country"))
        )

    def with_activity_counts(self):
        """`activity_count`: the component's published activities."""
        return self.annotate(
            activity_count=models.Count(
                "activities", filter=models.Q(activities__publication=PUBLISHED), distinct=True
            )
        )


class IndicatorQuerySet(PublishableQuerySet):
    published_through = ("project",)

    def for_list(self):
        return self.select_related("project", "component")


class DocumentQuerySet(PublishableQuerySet):
    published_through = ("project",)
