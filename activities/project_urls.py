"""The project list and the project sheet, under /{lang}/projects/ (the
sheet shows activities: its view is in activities/views.py)."""

from django.urls import path

from activities.views import ProjectDetailView, ProjectSheetPDFView
from projects.views import ProjectListView

app_name = "projects"

urlpatterns = [
    path("", ProjectListView.as_view(), name="project_list"),
    path("<slug:slug>/", ProjectDetailView.as_view(), name="project_detail"),
    path("<slug:slug>/sheet.pdf", ProjectSheetPDFView.as_view(), name="project_sheet_pdf"),
]
