"""IATI URLs, included before the API router so that it does not shadow them."""

from django.urls import path

from opendata.iati import views

app_name = "iati"

urlpatterns = [
    path("iati/activities.xml", views.registry_activities, name="activities"),
    path("projects/<slug:slug>/iati.xml", views.project_activity, name="project"),
]
