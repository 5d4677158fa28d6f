"""Reads of countries and organisations, each loading what its page needs."""

from django.db import models

from cooperation.publication import Publication, PublishableQuerySet


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
        from projects.models import Participation

        participations = (
            Participation.objects.filter(project__publication=Publication.PUBLISHED)
            .select_related("project", "country")
            .order_by("role", "-project__start_date", "project__acronym")
        )
        return self.select_related("country", "parent").prefetch_related(
            models.Prefetch("participations", queryset=participations),
            models.Prefetch("units", queryset=self.model.objects.published()),
        )

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
        from cooperation.money import Currency
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
