"""Spreadsheet imports in the admin: preview, then all or nothing."""

import pytest
import tablib

from activities.models import Activity
from activities.resources import ActivityResource
from core.publication import Publication
from partners.models import Country, Organisation
from projects.models import Project
from projects.resources import ProjectResource
from tests.factories import ComponentFactory, CountryFactory, OrganisationFactory, ProjectCountryFactory
from tests.workflow.conftest import signed_in
from tests.workflow.spreadsheets import as_csv, as_xlsx, confirm, import_url, preview

pytestmark = pytest.mark.django_db

# Technical names, as files exported before the labels were headed (and
# scripts) have them: they still import (tests/workflow/test_import_headers.py
# for the labels).
PROJECT_COLUMNS = [
    "slug",
    "acronym",
    "title_fr",
    "title_ar",
    "title_en",
    "summary_fr",
    "status",
    "start_date",
    "end_date",
    "countries",
]
AMEM = [
    "amem",
    "AMEM",
    "Appui à la migration équitable pour le Maghreb",
    "دعم الهجرة العادلة في المغرب العربي",
    "Fair migration in the Maghreb",
    "Appui à une gouvernance de la migration de main-d'œuvre.",
    "implementation",
    "2019-01-01",
    "2022-12-31",
    "MA,tn",
]
THAMM = [
    "thamm",
    "THAMM",
    "Vers une approche holistique de la migration de main-d'œuvre",
    "نحو مقاربة شاملة لهجرة اليد العاملة",
    "",
    "",
    "implementation",
    "2019-11-01",
    "2023-10-31",
    "MA",
]


@pytest.fixture(autouse=True)
def countries(db):
    CountryFactory(code="MA")
    CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس", name_en="Tunisia")


@pytest.fixture
def importer(editor):
    return signed_in(editor)


@pytest.mark.parametrize(("name", "encode"), [("csv", as_csv), ("xlsx", as_xlsx)])
def test_good_file_is_previewed_then_imported(importer, editor, name, encode):
    previewed = preview(importer, Project, encode([PROJECT_COLUMNS, AMEM, THAMM]), name)
    assert previewed.status_code == 200
    result = previewed.context["result"]
    assert not result.has_errors() and not result.has_validation_errors()
    assert result.totals["new"] == 2
    assert not Project.objects.exists()  # the preview is a dry run

    assert confirm(importer, Project, previewed).status_code == 302
    amem = Project.objects.get(slug="amem")
    assert amem.title_ar == "دعم الهجرة العادلة في المغرب العربي"
    assert amem.title_en == "Fair migration in the Maghreb"
    assert sorted(amem.countries.values_list("code", flat=True)) == ["MA", "TN"]
    assert amem.publication == Publication.DRAFT
    assert amem.history.get().history_user == editor
    assert Project.objects.count() == 2


def test_an_import_updates_projects_by_slug(importer):
    preview_and_confirm = confirm(
        importer, Project, preview(importer, Project, as_csv([PROJECT_COLUMNS, AMEM]), "csv")
    )
    assert preview_and_confirm.status_code == 302
    changed = [*AMEM[:5], "Nouveau résumé", *AMEM[6:]]
    previewed = preview(importer, Project, as_csv([PROJECT_COLUMNS, changed]), "csv")
    assert previewed.context["result"].totals["update"] == 1
    confirm(importer, Project, previewed)
    amem = Project.objects.get()
    assert amem.summary_fr == "Nouveau résumé"
    assert amem.version == 2


def test_a_file_with_bad_rows_changes_nothing_and_lists_each_error(importer):
    OrganisationFactory(slug="oit")
    bad_country = [*AMEM[:9], "MA,XX"]
    bad_dates = [*THAMM[:7], "2024-01-01", "2020-01-01", "MA"]
    no_title = ["wafira", "WAFIRA", "", "", "", "", "implementation", "2021-01-01", "", "MA"]
    previewed = preview(importer, Project, as_csv([PROJECT_COLUMNS, bad_country, bad_dates, no_title]), "csv")
    assert previewed.status_code == 200
    result = previewed.context["result"]
    assert "confirm_form" not in previewed.context
    failed_rows = {number for number, _errors in result.row_errors()} | {
        row.number for row in result.invalid_rows
    }
    assert failed_rows == {1, 2, 3}
    page = previewed.content.decode()
    assert "XX" in page
    assert not Project.objects.exists()


def test_a_bad_row_rolls_back_the_good_ones_when_the_import_runs(editor):
    # The confirmed run meets the error (the data changed since the preview):
    # the good row before it is not kept.
    dataset = tablib.Dataset(AMEM, [*THAMM[:7], "2024-01-01", "2020-01-01", "MA"], headers=PROJECT_COLUMNS)
    result = ProjectResource().import_data(dataset, dry_run=False, user=editor)
    assert result.has_validation_errors()
    assert not Project.objects.exists()


def test_process_import_with_errors_reports_them_and_writes_nothing(importer):
    previewed = preview(importer, Project, as_csv([PROJECT_COLUMNS, THAMM, AMEM]), "csv")
    # A country named in the file is removed between the preview and the confirmation.
    Country.objects.filter(code="TN").delete()
    response = confirm(importer, Project, previewed)
    assert response.status_code == 302
    assert response.url == import_url(Project)
    assert not Project.objects.exists()
    errors = [str(m) for m in importer.get(response.url).context["messages"]]
    assert any("TN" in message for message in errors)


def test_organisations_import_with_natural_keys(importer):
    OrganisationFactory(slug="mtip", acronym_fr="MTIP")
    rows = [
        ["slug", "name_fr", "name_ar", "acronym_fr", "acronym_en", "kind", "country", "parent"],
        ["bemoe", "Bureau de l'emploi", "مكتب التشغيل", "BEMOE", "", "public_agency", "ma", "mtip"],
        [
            "oit",
            "Organisation internationale du travail",
            "منظمة العمل الدولية",
            "OIT",
            "ILO",
            "un_agency",
            "",
            "",
        ],
    ]
    previewed = preview(importer, Organisation, as_csv(rows), "csv")
    assert confirm(importer, Organisation, previewed).status_code == 302
    bemoe = Organisation.objects.get(slug="bemoe")
    assert (bemoe.country_id, bemoe.parent.slug) == ("MA", "mtip")
    assert Organisation.objects.get(slug="oit").acronym_en == "ILO"


def test_activities_import_by_project_slug_and_component_code(importer):
    component = ComponentFactory(project__slug="amem", code="2")
    ProjectCountryFactory(project=component.project)
    OrganisationFactory(slug="anapec")
    rows = [
        ["project", "component", "code", "title_fr", "title_ar", "country", "kind", "status", "partners"],
        [
            "amem",
            "2",
            "2.1",
            "Étude sur le recrutement",
            "دراسة حول التوظيف",
            "MA",
            "study",
            "completed",
            "anapec",
        ],
        ["amem", "2", "2.2", "Atelier régional", "ورشة إقليمية", "", "workshop", "planned", ""],
    ]
    previewed = preview(importer, Activity, as_csv(rows), "csv")
    assert previewed.context["result"].totals["new"] == 2, previewed.context["result"].invalid_rows
    confirm(importer, Activity, previewed)
    study = Activity.objects.get(code="2.1")
    assert (study.project.slug, study.component, study.country_id) == ("amem", component, "MA")
    assert list(study.partners.values_list("slug", flat=True)) == ["anapec"]


def test_activity_rows_are_checked_by_the_model(editor):
    component = ComponentFactory(project__slug="amem", code="2")
    ProjectCountryFactory(project=component.project)  # Morocco only
    dataset = tablib.Dataset(
        ["amem", "2", "2.1", "Étude", "TN", "study"],
        ["amem", "9", "2.2", "Composante inconnue", "", "study"],
        headers=["project", "component", "code", "title_fr", "country", "kind"],
    )
    result = ActivityResource().import_data(dataset, dry_run=True, user=editor)
    failed = {number for number, _errors in result.row_errors()} | {row.number for row in result.invalid_rows}
    assert failed == {1, 2}
    assert not Activity.objects.exists()


def test_import_needs_the_add_permission(db):
    from django.contrib.auth.models import User

    viewer = User.objects.create_user("viewer", is_staff=True)
    assert signed_in(viewer).get(import_url(Project)).status_code == 403
