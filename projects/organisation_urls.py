"""The organisation directory and pages, under /{lang}/organisations/."""

from django.urls import path

from projects.views import OrganisationDetailView, OrganisationListView

app_name = "organisations"

urlpatterns = [
    path("", OrganisationListView.as_view(), name="organisation_list"),
    path("<slug:slug>/", OrganisationDetailView.as_view(), name="organisation_detail"),
]
