"""The admin for ministry staff: every model lists, opens and validates,
in French and in Arabic."""

import pytest
from django.contrib import admin
from django.urls import reverse

from projects.models import Project
from tests.factories import (
    ActivityFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectRelationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

REGISTRY_APPS = {"partners", "projects", "activities"}
REGISTRY_MODELS = [model for model in admin.site._registry if model._meta.app_label in REGISTRY_APPS]


@pytest.fixture
def registry():
    """One row of every registry model."""
    activity = ActivityFactory()
    ProjectCountryFactory(project=activity.project)
    ParticipationFactory(project=activity.project)
    IndicatorFactory(project=activity.project)
    DocumentFactory(project=activity.project)
    EventFactory(project=activity.project)
    ProjectRelationFactory(project=activity.project)
    ThemeFactory()
    return activity


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_registry_model_is_in_the_admin():
    names = {model.__name__ for model in REGISTRY_MODELS}
    assert names >= {
        "Country",
        "Organisation",
        "Theme",
        "Project",
        "ProjectCountry",
        "Participation",
        "Component",
        "Indicator",
        "Document",
        "ProjectRelation",
        "Activity",
        "Event",
    }


@pytest.mark.parametrize("model", REGISTRY_MODELS, ids=lambda m: m.__name__)
@pytest.mark.parametrize("language", ["fr", "ar"])
def test_changelist_and_change_form_render(staff_client, registry, model, language):
    staff_client.cookies["django_language"] = language
    changelist = staff_client.get(admin_url(model, "changelist"), {"q": "a"})
    assert changelist.status_code == 200
    obj = model.objects.first()
    change = staff_client.get(admin_url(model, "change", obj.pk))
    assert change.status_code == 200
    add = staff_client.get(admin_url(model, "add"))
    assert add.status_code == 200
    if language == "ar":
        assert 'dir="rtl"' in change.content.decode()


def test_translated_fields_are_shown_in_language_tabs_without_a_cdn(staff_client, registry):
    page = staff_client.get(admin_url(Project, "change", registry.project.pk)).content.decode()
    assert 'name="title_fr"' in page and 'name="title_ar"' in page and 'name="title_en"' in page
    assert "vendor/jquery-ui/jquery-ui.min.js" in page
    assert "//ajax.googleapis.com" not in page and "//code.jquery.com" not in page


def project_form(**overrides):
    data = {
        "acronym": "AMEM",
        "slug": "amem",
        "title_fr": "Appui à la migration équitable pour le Maghreb",
        "status": "implementation",
        "start_date": "2021-07-31",
        "start_precision": "month",
        "end_date": "2018-08-01",
        "end_precision": "month",
        "publication": "draft",
    }
    for prefix in ("country_links", "participations", "components", "indicators", "documents", "relations"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | overrides


def test_invalid_project_form_shows_the_error_in_french(staff_client):
    response = staff_client.post(admin_url(Project, "add"), project_form(), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 200
    assert "La date de fin ne peut pas être antérieure à la date de début." in response.content.decode()
    assert not Project.objects.exists()


def test_invalid_project_form_shows_the_error_in_arabic(staff_client):
    staff_client.cookies["django_language"] = "ar"
    response = staff_client.post(admin_url(Project, "add"), project_form())
    assert response.status_code == 200
    assert "لا يمكن أن يسبق تاريخُ الانتهاء تاريخَ البداية." in response.content.decode()


def test_valid_project_form_creates_the_project(staff_client):
    response = staff_client.post(admin_url(Project, "add"), project_form(end_date="2021-07-31"))
    assert response.status_code == 302
    project = Project.objects.get(slug="amem")
    assert project.title_fr.startswith("Appui")
    assert project.history.count() == 1


def test_admin_search_finds_an_organisation_by_an_arabic_name_without_diacritics(staff_client):
    from tests.factories import OrganisationFactory

    OrganisationFactory(name_ar="مُنَظَّمَة العمل الدولية", acronym_fr="OIT")
    from partners.models import Organisation

    response = staff_client.get(admin_url(Organisation, "changelist"), {"q": "منظمة العمل"})
    assert "OIT" in response.content.decode()
