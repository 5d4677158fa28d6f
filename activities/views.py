"""Public pages of activities across projects, of the event timeline, and
the project sheet, which shows a project's activities and events."""

import sys
from collections import defaultdict
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db.models import Prefetch, prefetch_related_objects
from django.http import HttpResponse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from activities.feeds import PROJECT_SHEETS
from activities.filters import ActivityFilterSet, EventFilterSet
from activities.models import Activity, Event
from activities.sheet_pdf import sheet_pdf
from core.feed import stamps
from core.fragments import code_release, template_release, versions_digest
from core.response_cache import registry_revision
from core.views import FilteredListView, PreviewMixin
from partners.models import Organisation
from projects import roles
from projects.models import Participation, Project, ProjectRelation
from projects.roles import by_country, partners_by_country, with_role

Role = Participation.Role
# What renders a sheet's content (projects/project_detail.html keeps it).
SHEET_TEMPLATES = (
    "projects/sheet_content.html",
    "projects/component_activities.html",
    "projects/indicator_periods.html",
    "includes/event_item.html",
)


class ActivityListView(FilteredListView):
    model = Activity
    filterset_class = ActivityFilterSet
    template_name = "activities/activity_list.html"
    context_object_name = "activities"
    directory_filters = {
        "project": ("projects:project_list", gettext_lazy("Each project's page lists its activities.")),
    }


class EventListView(FilteredListView):
    model = Event
    filterset_class = EventFilterSet
    template_name = "activities/event_list.html"
    context_object_name = "events"
    directory_filters = {
        "project": ("projects:project_list", gettext_lazy("Each project's page lists its events.")),
    }


class ProjectDetailView(PreviewMixin, DetailView):
    """The project sheet. Everything it shows is prefetched by
    `Project.objects.for_detail()`; grouping happens here, in memory.

    For visitors the sheet's content is kept in the cache under its
    project's stamp in the sheets feed (activities/feeds.py), and its
    activity blocks under the versions of what each shows: a kept sheet
    reads its project's row and stamp only, and after an edit of one
    activity only that activity's block is rendered again."""

    model = Project
    template_name = "projects/project_detail.html"
    context_object_name = "project"

    def keeps_blocks(self) -> bool:
        """Whether the sheet and its activity blocks are kept in the cache:
        for visitors (staff get every sheet rendered, drafts included)."""
        return settings.FRAGMENT_CACHE_SECONDS > 0 and not self.request.user.is_authenticated

    def loaded(self, projects):
        # A kept sheet needs its project's row only (`get_context_data()`).
        return projects if self.keeps_blocks() else self.with_content(projects)

    def with_content(self, projects):
        # Kept blocks need no activity: the view reads those of the others.
        activities = None if self.keeps_blocks() else Activity.objects.for_project_sheet()
        return projects.for_detail(activities=activities, events=Event.objects.for_project_sheet())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["fragment_seconds"] = settings.FRAGMENT_CACHE_SECONDS
        if not self.keeps_blocks():
            context.update(self.content(self.object, kept_blocks=None))
            return context
        sheet_key = self.sheet_key()
        kept = cache.get(make_template_fragment_key("project-sheet", [sheet_key])) if sheet_key else None
        if kept is not None:
            context["kept_sheet"] = mark_safe(kept)
            return context
        self.object = self.with_content(Project.objects.filter(pk=self.object.pk)).get()
        # Blocks kept under the versions of what they show; a raw load of
        # the registry renews them (its epoch).
        kept_blocks = ":".join(
            (
                get_language(),
                str(registry_revision(self.request).epoch),
                timezone.localdate().isoformat(),
                template_release("projects/component_activities.html"),
            )
        )
        context.update(
            project=self.object,
            object=self.object,
            sheet_key=sheet_key,
            **self.content(self.object, kept_blocks),
        )
        return context

    def sheet_key(self) -> str | None:
        """The key of the sheet's content: its project's stamp in the sheets
        feed (None before the first), with the language, the day (a status
        past its end date) and the templates that render it."""
        stamp = stamps(PROJECT_SHEETS, Project.objects.filter(pk=self.object.pk)).get(self.object.pk)
        if stamp is None:
            return None
        return ":".join(
            (
                get_language(),
                str(self.object.pk),
                stamp.isoformat(),
                timezone.localdate().isoformat(),
                *(template_release(name) for name in SHEET_TEMPLATES),
                code_release(sys.modules[__name__], roles),
            )
        )

    def content(self, project, kept_blocks) -> dict:
        """What the sheet's content shows, from `project` loaded with it."""
        participations = list(project.participations.all())
        country_links = list(project.country_links.all())
        funders = with_role(participations, Role.FUNDER)
        return {
            "country_links": country_links,
            "themes": list(project.themes.all()),
            "funders": funders,
            "funder_totals": totals_by_currency(funders) if len(funders) > 1 else [],
            "implementers": with_role(participations, Role.IMPLEMENTER),
            "partner_groups": partners_by_country(participations, country_links),
            "components": components_with_organisations(project, country_links, kept_blocks=kept_blocks),
            "indicators": list(project.indicators.all()),
            "events": list(project.events.all()),
            "documents": list(project.documents.all()),
            "related_groups": related_projects(project),
            "kept_blocks": kept_blocks,
        }


class ProjectSheetPDFView(ProjectDetailView):
    """The sheet as a PDF in the page's language, kept with the pages until
    the registry changes (core/response_cache.py)."""

    def keeps_blocks(self) -> bool:
        return False  # its annex lists every activity

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["activity_total"] = sum(entry["activity_count"] for entry in context["components"])
        return context

    def render_to_response(self, context, **response_kwargs):
        response = HttpResponse(sheet_pdf(context, self.request), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{self.object.slug}-{get_language()}.pdf"'
        if context["is_preview"]:
            response["X-Robots-Tag"] = "noindex"
            response["Cache-Control"] = "private, no-store"
        return response


def components_with_organisations(project, country_links, *, kept_blocks=None) -> list[dict]:
    """Each component with its managers and its activities by country, each
    activity with its `shown_partners`: organisations read in one query.

    With `kept_blocks` (the prefix of the keys of the activity blocks kept
    for visitors), the versions of what each block shows are read first, in
    two narrow queries: a kept block comes as `kept_block`, and only the
    other components' activities are read (they were not prefetched)."""
    components = list(project.components.all())
    kept, read = {}, components
    if kept_blocks is not None:
        shown = activities_shown(components, country_links)
        keys = {
            pk: make_template_fragment_key("sheet-activities", [kept_blocks, digest])
            for pk, (digest, _count) in shown.items()
        }
        found = cache.get_many(list(keys.values()))
        kept = {pk: mark_safe(found[key]) for pk, key in keys.items() if key in found}
        # A component without activities has no block to read them for.
        read = [component for component in components if component.pk not in kept and shown[component.pk][1]]
        prefetch_related_objects(read, Prefetch("activities", queryset=Activity.objects.for_project_sheet()))
    activities = [activity for component in read for activity in component.activities.all()]
    linked = defaultdict(list)
    organisations = Organisation.objects.published().managing_or_partnering(
        [component.pk for component in components], [activity.pk for activity in activities]
    )
    for organisation in organisations:
        linked[organisation.link_kind, organisation.link_id].append(organisation)
    for activity in activities:
        activity.shown_partners = linked["activity", activity.pk]
    entries = []
    for component in components:
        entry = {"component": component, "managers": linked["component", component.pk]}
        if component.pk in kept:
            entry.update(kept_block=kept[component.pk], activity_count=shown[component.pk][1])
        elif component not in read:
            entry.update(activity_count=0, activity_groups=[])
        else:
            entry.update(
                activity_count=len(component.activities.all()),
                activity_groups=by_country(
                    list(component.activities.all()),
                    country_links,
                    country_of=lambda activity: activity.country,
                    regional_first=True,
                ),
                activities_shown=shown[component.pk][0] if kept_blocks is not None else None,
            )
        entries.append(entry)
    return entries


def activities_shown(components, country_links) -> dict[int, tuple[str, int]]:
    """By component, the digest of the versions of what its activity block
    shows (its activities, their countries and partners, the project's
    country links), and how many activities: read in two narrow queries,
    the block is kept in the cache under them (project_detail.html)."""
    links = []
    for link in country_links:
        links += [link.pk, link.version, link.country.version]
    versions = {component.pk: [component.pk, component.version, *links] for component in components}
    counts = dict.fromkeys(versions, 0)
    activities = Activity.objects.for_project_sheet().filter(component__in=list(versions))
    for component_id, *shown in activities.order_by("pk").values_list(
        "component_id", "pk", "version", "country__version"
    ):
        versions[component_id] += shown
        counts[component_id] += 1
    partners = Activity.partners.through.objects.filter(
        activity__in=activities.values("pk"), organisation__in=Organisation.objects.published().values("pk")
    )
    for component_id, *shown in partners.order_by("activity_id", "organisation_id").values_list(
        "activity__component_id", "activity_id", "organisation_id", "organisation__version"
    ):
        versions[component_id] += shown
    return {pk: (versions_digest(shown), counts[pk]) for pk, shown in versions.items()}


def totals_by_currency(participations) -> list[tuple[str, Decimal]]:
    """Contributions added up per currency, never across currencies."""
    totals = defaultdict(Decimal)
    for participation in participations:
        if participation.amount is not None and participation.currency:
            totals[participation.currency] += participation.amount
    return sorted(totals.items())


def related_projects(project) -> list[dict]:
    """Links in both directions: what the project follows or belongs to, and
    what follows it or belongs to it (`Project.objects.with_related_links()`
    loaded both directions)."""
    outward = {ProjectRelation.Kind.FOLLOWS: _("Follows"), ProjectRelation.Kind.PART_OF: _("Sub-project of")}
    inward = {ProjectRelation.Kind.FOLLOWS: _("Followed by"), ProjectRelation.Kind.PART_OF: _("Sub-projects")}
    groups = {}
    for link in project.related_links:
        if link.project_id == project.pk:
            groups.setdefault(("out", link.kind), []).append(link.related)
        else:
            groups.setdefault(("in", link.kind), []).append(link.project)
    labels = {("out", kind): label for kind, label in outward.items()}
    labels |= {("in", kind): label for kind, label in inward.items()}
    return [
        {"label": labels[key], "kind": f"{key[0]}-{key[1]}", "projects": groups[key]}
        for key in labels
        if key in groups
    ]
