"""Reads of projects and their children, each loading what its page needs.

Views, viewsets, exports and the admin call these methods rather than
writing their own `select_related`, so a page's query count is fixed here.
"""

from django.db import models
from django.db.models.functions import Coalesce, RowNumber
from django.db.models.query import ModelIterable

from core.languages import CODES
from core.publication import LinkQuerySet, Publication, PublishableQuerySet
from core.querysets import RegistryQuerySet
from core.search import terms
from core.text import fold
from partners.models import Organisation

PUBLISHED = Publication.PUBLISHED


def related(model, name: str):
    """The model at the other end of `model`'s relation `name`: models.py
    imports this module, so a read names the other models of the app through
    the relations it follows."""
    return model._meta.get_field(name).related_model


class ThemeQuerySet(RegistryQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def with_project_counts(self):
        return self.annotate(
            project_count=models.Count(
                "projects", filter=models.Q(projects__publication=PUBLISHED), distinct=True
            )
        )


# An organisation's projects in each role, latest first.
LATEST_FIRST = [
    models.F("project__start_date").desc(),
    models.F("project__acronym").asc(),
    models.F("pk").asc(),
]

# What the organisation page shows of each participation and its project
# (modeltranslation adds the translations of the title and short name).
PAGE_FIELDS = [
    *("project", "organisation", "role", "country", "amount", "currency"),
    *("project__slug", "project__acronym", "project__short_name", "project__title"),
    *("project__start_date", "project__start_precision", "project__end_date", "project__end_precision"),
]


class ParticipationQuerySet(LinkQuerySet):
    published_through = ("project", "organisation")

    def in_published_projects(self):
        """Participations in published projects, by role and latest project
        first, with the project and the country in which the organisation
        takes part: an organisation's roles, as its API record gives them."""
        return (
            self.filter(project__publication=PUBLISHED)
            .select_related("project", "country")
            .order_by("role", *LATEST_FIRST)
        )

    def latest_per_role(self, count: int):
        """The `count` latest participations in published projects of each
        organisation and role, each carrying its role's number of published
        projects as `role_total`. A large funder takes part in thousands of
        projects: both are computed in SQL, in the one query that picks the
        latest."""
        one_role = [models.F("organisation"), models.F("role")]
        return (
            self.in_published_projects()
            # The ranking sorts every participation of the organisation:
            # only what the page shows, not the projects' long texts.
            .only(*PAGE_FIELDS)
            .alias(rank=models.Window(RowNumber(), partition_by=one_role, order_by=LATEST_FIRST))
            .annotate(role_total=models.Window(models.Count("pk"), partition_by=one_role))
            .filter(rank__lte=count)
        )

    def in_roles(self, *roles):
        """Participations in published projects in one of `roles`."""
        return self.filter(role__in=roles, project__publication=PUBLISHED)

    def funding(self):
        """Funders' contributions to published projects, latest project first."""
        return (
            self.in_roles(self.model.Role.FUNDER)
            .select_related("project")
            .order_by("-project__start_date", "project__acronym")
        )


class ProjectCountryQuerySet(LinkQuerySet):
    published_through = ("project",)


class ProjectRelationQuerySet(LinkQuerySet):
    published_through = ("project", "related")


class ProjectQuerySet(PublishableQuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def search(self, query: str):
        """Projects in whose world every term of `query` is found (core/search.py):
        their own acronym, titles, summary, objective and results, their
        published components, activities and events, the names and aliases
        of the published organisations taking part, their themes and
        countries. The acronym first, then the project's own text, then the rest."""
        found, own = self, models.Q()
        query_terms = terms(query)
        for term in query_terms:
            mentioning = self._mentioning(term)
            if term.may_be_fuzzy and not self.model.objects.filter(mentioning).exists():
                mentioning = self._mentioning(term, fuzzy=True)
            found = found.filter(mentioning)
            own &= term.condition()
        rank = models.Case(
            models.When(models.Q(acronym__iexact=query.strip()), then=0),
            models.When(own, then=1),
            default=2,
            output_field=models.IntegerField(),
        )
        return found.annotate(search_rank=rank).order_by("search_rank", *self.model._meta.ordering)

    def _mentioning(self, term, fuzzy=False) -> models.Q:
        condition = term.condition(fuzzy=fuzzy)
        children = [
            related(self.model, name).objects.published().filter(condition).values("project_id")
            for name in ("components", "activities", "events")
        ]
        Participation = related(self.model, "participations")
        children.append(
            Participation.objects.filter(
                organisation__in=_organisations().published().filter(condition)
            ).values("project_id")
        )
        themes = [pk for pk, text in _folded_names(related(self.model, "themes")) if term.found_in(text)]
        countries = [
            pk for pk, text in _folded_names(related(self.model, "countries")) if term.found_in(text)
        ]
        children.append(self.model.themes.through.objects.filter(theme_id__in=themes).values("project_id"))
        children.append(
            related(self.model, "country_links").objects.filter(country_id__in=countries).values("project_id")
        )
        mentioning = condition
        for projects in children:
            mentioning |= models.Q(pk__in=projects)
        return mentioning

    def option_counts(self) -> dict[str, dict[str, int]]:
        """How many of these projects have each status, funder, country and
        theme (one query each), by the project list's filter names."""
        Participation = related(self.model, "participations")
        ProjectCountry = related(self.model, "country_links")
        ids = self.values("pk")

        def counted(rows, key):
            return {
                str(row[key]): row["count"] for row in rows.values(key).annotate(count=models.Count("pk"))
            }

        funders = Participation.objects.filter(project__in=ids, role="funder").values("organisation__slug")
        return {
            "status": counted(self.order_by(), "status"),
            "funder": {
                row["organisation__slug"]: row["count"]
                for row in funders.order_by().annotate(count=models.Count("project", distinct=True))
            },
            "country": counted(ProjectCountry.objects.filter(project__in=ids).order_by(), "country_id"),
            "theme": counted(
                self.model.themes.through.objects.filter(project__in=ids).order_by(), "theme__slug"
            ),
        }

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
        Participation = related(self.model, "participations")
        participations = Participation.objects.filter(
            project=models.OuterRef("pk"), organisation__in=organisations
        )
        if roles:
            participations = participations.filter(role__in=roles)
        return self.filter(models.Exists(participations))

    def ongoing(self):
        """Projects being carried out (implementation or finalisation)."""
        return self.filter(status__in=[self.model.Status.IMPLEMENTATION, self.model.Status.FINALISATION])

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
        ProjectCountry = related(self.model, "country_links")
        return self.prefetch_related(
            models.Prefetch(
                "country_links",
                queryset=ProjectCountry.objects.select_related("country"),
            ),
            models.Prefetch(
                "participations",
                queryset=self._main_participations().select_related("organisation"),
                to_attr="main_participations",
            ),
            "themes",
        )

    def _main_participations(self):
        Participation = related(self.model, "participations")
        return Participation.objects.filter(
            role__in=[Participation.Role.FUNDER, Participation.Role.IMPLEMENTER],
            organisation__publication=PUBLISHED,
        )

    def with_related_links(self):
        """`related_links` on each project: the relations of which it is
        either end, the other end published (`link.project_id == project.pk`:
        the project follows or belongs to `link.related`; otherwise
        `link.project` follows or belongs to it), in one query for both
        directions."""
        # A prefetch follows one foreign key; both at once need a query of
        # our own, run as the projects are read (as `values()` swaps the
        # iterable for dictionaries).
        clone = self._chain()
        clone._iterable_class = RelatedLinksIterable
        return clone

    def for_detail(self, *, activities, events):
        """The project sheet: every child it shows, `activities` (a queryset
        of them, or None to leave them to the view) nested in their
        components, and `events`. Activities and events are a layer above
        projects: the sheet's view says how to read them
        (ActivityQuerySet.for_project_sheet())."""
        Component, Document, Indicator = (
            related(self.model, name) for name in ("components", "documents", "indicators")
        )
        # Component managers and activity partners come in one query of
        # their own: Organisation.objects.managing_or_partnering().
        components = Component.objects.published()
        if activities is not None:
            components = components.prefetch_related(models.Prefetch("activities", queryset=activities))
        return self.with_related_links().prefetch_related(
            *_list_row_children(self.model),
            models.Prefetch("components", queryset=components),
            models.Prefetch(
                "indicators",
                queryset=Indicator.objects.published().select_related("component").with_periods(),
            ),
            models.Prefetch("documents", queryset=Document.objects.published()),
            models.Prefetch("events", queryset=events),
        )

    def for_api_detail(self, *, activities, events):
        """The API's project detail: what the sheet shows except the long
        lists (a project may have hundreds of activities), which are counted
        here (`activities` and `events` being the ones to count) and linked
        by the serializer. Components come with their activity counts, not
        their managers."""
        Component, Document, Indicator = (
            related(self.model, name) for name in ("components", "documents", "indicators")
        )
        return (
            self.annotate(
                activity_count=_count_per_project(activities),
                event_count=_count_per_project(events),
                indicator_count=_count_per_project(Indicator.objects.published()),
            )
            .with_related_links()
            .prefetch_related(
                *_list_row_children(self.model),
                models.Prefetch("components", queryset=Component.objects.published().with_activity_counts()),
                models.Prefetch("documents", queryset=Document.objects.published()),
            )
        )


class RelatedLinksIterable(ModelIterable):
    """Projects, each with `related_links` (see `with_related_links()`)."""

    def __iter__(self):
        ProjectRelation = related(self.queryset.model, "relations")
        projects = list(super().__iter__())
        by_pk = {project.pk: project for project in projects}
        for project in projects:
            project.related_links = []
        if not projects:
            return
        links = (
            ProjectRelation.objects.filter(
                models.Q(project__in=list(by_pk), related__publication=PUBLISHED)
                | models.Q(related__in=list(by_pk), project__publication=PUBLISHED)
            )
            .select_related("project", "related")
            .order_by("pk")
        )
        for link in links:
            # Both ends may be among the projects read (in a list).
            if link.project_id in by_pk and link.related.publication == PUBLISHED:
                by_pk[link.project_id].related_links.append(link)
            if link.related_id in by_pk and link.project.publication == PUBLISHED:
                by_pk[link.related_id].related_links.append(link)
        yield from projects


def _list_row_children(model):
    """The prefetches of what a project's list row shows, in full: its
    countries, participants and themes."""
    Participation = related(model, "participations")
    ProjectCountry = related(model, "country_links")
    return (
        models.Prefetch("country_links", queryset=ProjectCountry.objects.select_related("country")),
        models.Prefetch(
            "participations",
            queryset=Participation.objects.filter(organisation__publication=PUBLISHED).select_related(
                "organisation", "organisation__country", "country"
            ),
        ),
        "themes",
    )


def _count_per_project(children):
    """The number of `children` (a queryset of a model with a `project`
    key) of each project, as a subquery."""
    counted = (
        children.filter(project=models.OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(count=models.Count("pk"))
        .values("count")
    )
    return Coalesce(models.Subquery(counted), 0)


def _organisations():
    return Organisation.objects.all()


def _folded_names(model) -> list[tuple]:
    """(pk, folded names in every language) of a small reference table:
    themes and countries, folded in Python rather than stored."""
    columns = [f"name_{code}" for code in CODES]
    extra = ["slug"] if any(field.name == "slug" for field in model._meta.fields) else []
    return [
        (pk, fold(" ".join(value for value in values if value)))
        for pk, *values in model.objects.values_list("pk", *columns, *extra)
    ]


class ComponentQuerySet(PublishableQuerySet):
    published_through = ("project",)

    def get_by_natural_key(self, project_slug, code):
        return self.get(project__slug=project_slug, code=code)

    def for_list(self):
        return self.select_related("project").prefetch_related(
            models.Prefetch("managers", queryset=_organisations().published())
        )

    def for_api_detail(self, *, activities):
        """The API record of a component, with `activities` (a queryset of them)."""
        return self.for_list().prefetch_related(models.Prefetch("activities", queryset=activities))

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

    def with_periods(self):
        """Each indicator's reporting periods, in date order, in one query
        for all the indicators read."""
        IndicatorPeriod = related(self.model, "periods")
        return self.prefetch_related(models.Prefetch("periods", queryset=IndicatorPeriod.objects.all()))


class IndicatorPeriodQuerySet(LinkQuerySet):
    published_through = ("indicator", "indicator__project")


class DocumentQuerySet(PublishableQuerySet):
    published_through = ("project",)
