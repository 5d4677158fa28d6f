"""Public pages of activities across projects and of the event timeline."""

from django.utils.translation import gettext_lazy as _

from activities.filters import ActivityFilterSet, EventFilterSet
from activities.models import Activity, Event
from core.views import FilteredListView


class ActivityListView(FilteredListView):
    model = Activity
    filterset_class = ActivityFilterSet
    template_name = "activities/activity_list.html"
    context_object_name = "activities"
    directory_filters = {
        "project": ("projects:project_list", _("Each project's page lists its activities.")),
    }


class EventListView(FilteredListView):
    model = Event
    filterset_class = EventFilterSet
    template_name = "activities/event_list.html"
    context_object_name = "events"
    directory_filters = {
        "project": ("projects:project_list", _("Each project's page lists its events.")),
    }
