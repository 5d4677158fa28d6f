"""Reads of countries and organisations, each loading what its page needs."""

from django.db import models

from core.money import Currency
from core.publication import Publication, PublishableQuerySet
from core.querysets import RegistryQuerySet


class CountryQuerySet(RegistryQuerySet):
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

    def for_api_detail(self, *, participations):
        """The API record: country, parent, published units and, as
        `participations`, the given participations (projects are a layer
        above: the caller says which)."""
        return self.select_related("country", "parent").prefetch_related(
            models.Prefetch("participations", queryset=participations),
            models.Prefetch("units", queryset=self.model.objects.published()),
        )

    def for_detail(self, *, participations):
        """The public page: country, parent, published units and, as
        `latest_participations`, the given participations (the latest of
        each role: ParticipationQuerySet.latest_per_role())."""
        return self.select_related("country", "parent").prefetch_related(
            models.Prefetch("participations", queryset=participations, to_attr="latest_participations"),
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

    def taking_part(self, participations):
        """Organisations having one of `participations` (a queryset of them)."""
        return self.filter(models.Exists(participations.filter(organisation=models.OuterRef("pk"))))

    def with_project_counts(self):
        """Number of published projects each organisation takes part in, any role."""
        return self.annotate(
            project_count=models.Count(
                "participations__project",
                filter=models.Q(participations__project__publication=Publication.PUBLISHED),
                distinct=True,
            )
        )

    def for_funders(self, *, contributions):
        """The funders page: each funder's `contributions` (a queryset of
        participations) as `contributions`, and their total per currency as
        `funded_<code>` annotations (never summed across currencies)."""
        from_funder = contributions.filter(organisation=models.OuterRef("pk")).order_by()
        totals = {
            f"funded_{code.lower()}": models.Subquery(
                from_funder.filter(currency=code)
                .values("organisation")
                .annotate(total=models.Sum("amount"))
                .values("total")
            )
            for code in Currency.values
        }
        return (
            self.select_related("country")
            .annotate(**totals)
            .prefetch_related(
                models.Prefetch("participations", queryset=contributions, to_attr="contributions")
            )
        )
