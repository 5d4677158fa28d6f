"""Reads of countries and organisations, each loading what its page needs."""

from django.db import models
from django.db.models.functions import RowNumber

from core.publication import Publication, PublishableQuerySet

# An organisation's projects in each role, latest first.
LATEST_FIRST = [
    models.F("project__start_date").desc(),
    models.F("project__acronym").asc(),
    models.F("pk").asc(),
]

# What the organisation page shows of each participation and its project
# (modeltranslation adds the title's translations).
PAGE_FIELDS = [
    *("project", "organisation", "role", "country", "amount", "currency"),
    *("project__slug", "project__acronym", "project__title"),
    *("project__start_date", "project__start_precision", "project__end_date", "project__end_precision"),
]


def published_participations():
    """Participations in published projects, by role and latest project first,
    with the project and the country in which the organisation takes part."""
    from projects.models import Participation

    return (
        Participation.objects.filter(project__publication=Publication.PUBLISHED)
        .select_related("project", "country")
        .order_by("role", *LATEST_FIRST)
    )


class CountryQuerySet(models.QuerySet):
    def get_by_natural_key(self, code):
        return self.get(code=code)

    def with_project_counts(self):
        return self.annotate(
            project_count=models.Count(
                "project_links",
                filter=models.Q(project_links__project__publication=Publication.PUBLISHED),
                distinct=True,
            )
        )


class OrganisationQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def for_list(self):
        return self.select_related("country", "parent")

    def for_detail(self):
        """The API record: country, parent, published units and every
        participation in a published project."""
        return self.select_related("country", "parent").prefetch_related(
            models.Prefetch("participations", queryset=published_participations()),
            models.Prefetch("units", queryset=self.model.objects.published()),
        )

    def for_page(self, *, latest_per_role: int):
        """The public page: country, parent, published units and, as
        `latest_participations`, the `latest_per_role` latest published
        projects of each role, each carrying its role's number of published
        projects as `role_total`. A large funder takes part in thousands of
        projects: both are computed in SQL, in the one query that picks the
        latest."""
        one_role = [models.F("organisation"), models.F("role")]
        latest = (
            published_participations()
            # The ranking sorts every participation of the organisation:
            # only what the page shows, not the projects' long texts.
            .only(*PAGE_FIELDS)
            .alias(rank=models.Window(RowNumber(), partition_by=one_role, order_by=LATEST_FIRST))
            .annotate(role_total=models.Window(models.Count("pk"), partition_by=one_role))
            .filter(rank__lte=latest_per_role)
        )
        return self.select_related("country", "parent").prefetch_related(
            models.Prefetch("participations", queryset=latest, to_attr="latest_participations"),
            models.Prefetch("units", queryset=self.model.objects.published()),
        )

    def managing_or_partnering(self, component_ids, activity_ids):
        """The managers of these components and the partners of these
        activities in one query: each row is an organisation with `link_kind`
        ("component" or "activity") and `link_id`, once per link."""

        def linked(kind, relation, ids):
            return (
                self.filter(**{f"{relation}__in": ids})
                .annotate(
                    link_kind=models.Value(kind, output_field=models.CharField()),
                    link_id=models.F(f"{relation}__id"),
                )
                .order_by()
            )

        managers = linked("component", "managed_components", component_ids)
        partners = linked("activity", "activities", activity_ids)
        return managers.union(partners, all=True).order_by("name", "pk")

    def with_roles(self, *roles):
        """Organisations taking part in a published project in one of `roles`."""
        from projects.models import Participation

        taking_part = Participation.objects.filter(
            organisation=models.OuterRef("pk"),
            role__in=roles,
            project__publication=Publication.PUBLISHED,
        )
        return self.filter(models.Exists(taking_part))

    def with_project_counts(self):
        """Number of published projects each organisation takes part in, any role."""
        return self.annotate(
            project_count=models.Count(
                "participations__project",
                filter=models.Q(participations__project__publication=Publication.PUBLISHED),
                distinct=True,
            )
        )

    def funding(self):
        """Organisations funding at least one published project."""
        from projects.models import Participation

        return self.with_roles(Participation.Role.FUNDER)

    def for_funders(self):
        """The funders page: each funder's published projects with its
        contributions, and its total per currency as `funded_<code>`
        annotations (never summed across currencies)."""
        from core.money import Currency
        from projects.models import Participation

        funded = models.Q(
            participations__role=Participation.Role.FUNDER,
            participations__project__publication=Publication.PUBLISHED,
        )
        totals = {
            f"funded_{code.lower()}": models.Sum(
                "participations__amount", filter=funded & models.Q(participations__currency=code)
            )
            for code in Currency.values
        }
        contributions = (
            Participation.objects.filter(
                role=Participation.Role.FUNDER, project__publication=Publication.PUBLISHED
            )
            .select_related("project")
            .order_by("-project__start_date", "project__acronym")
        )
        return (
            self.select_related("country")
            .annotate(**totals)
            .prefetch_related(
                models.Prefetch("participations", queryset=contributions, to_attr="contributions")
            )
        )
