"""Site-wide public pages: home, funders, the event timeline and its feed, the search."""

from django.urls import path

from activities.views import EventListView
from portal.feeds import EventFeed
from portal.views import FunderListView, HomeView, SearchView

app_name = "site"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("funders/", FunderListView.as_view(), name="funder_list"),
    path("events/", EventListView.as_view(), name="event_list"),
    path("events/feed/", EventFeed(), name="event_feed"),
    path("search/", SearchView.as_view(), name="search"),
]
