"""Site-wide public pages: home, funders, the event timeline and its feed, the search."""

from django.urls import path, re_path

from activities.views import EventListView
from opendata.views import GROUPINGS, StatisticsView, statistics_table
from portal.feeds import EventFeed
from portal.views import FunderListView, HomeView, SearchView

app_name = "site"

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("funders/", FunderListView.as_view(), name="funder_list"),
    path("events/", EventListView.as_view(), name="event_list"),
    path("events/feed/", EventFeed(), name="event_feed"),
    path("search/", SearchView.as_view(), name="search"),
    path("statistics/", StatisticsView.as_view(), name="statistics"),
    re_path(
        rf"^statistics/(?P<grouping>{'|'.join(GROUPINGS)})\.csv$", statistics_table, name="statistics_table"
    ),
]
