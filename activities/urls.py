from django.urls import path

from activities.views import ActivityListView

app_name = "activities"

urlpatterns = [
    path("", ActivityListView.as_view(), name="activity_list"),
]
