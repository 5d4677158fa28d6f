from django.urls import path

from partners.views import OrganisationDetailView, OrganisationListView

app_name = "partners"

urlpatterns = [
    path("", OrganisationListView.as_view(), name="organisation_list"),
    path("<slug:slug>/", OrganisationDetailView.as_view(), name="organisation_detail"),
]
