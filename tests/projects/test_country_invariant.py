"""A project's country cannot leave while activities of the project take
place there (an activity's country must be one of its project's): the
refusal names them, in the admin's inline and on every other path, and
nothing is saved."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from projects.models import ProjectCountry
from tests.admin_forms import project_change_data
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    ProjectCountryFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def amem():
    project = ProjectFactory(acronym="AMEM")
    morocco = CountryFactory(code="MA", name_fr="Maroc", name_ar="المغرب")
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس")
    CountryFactory(code="LY", name_fr="Libye")
    ProjectCountryFactory(project=project, country=morocco, order=1)
    ProjectCountryFactory(project=project, country=tunisia, order=2)
    axis = ComponentFactory(project=project, code="3")
    for code in ("3.1", "3.2"):
        ActivityFactory(project=project, component=axis, country=tunisia, code=code)
    return project


def test_deleting_a_country_in_use_is_refused_with_its_activities(amem):
    link = amem.country_links.get(country_id="TN")
    with pytest.raises(ValidationError) as refusal:
        link.delete()
    assert "Tunisie" in refusal.value.messages[0] and "3.1, 3.2" in refusal.value.messages[0]
    assert amem.country_links.filter(country_id="TN").exists()


def test_changing_a_country_in_use_is_refused_on_the_field(amem):
    link = amem.country_links.get(country_id="TN")
    link.country_id = "LY"
    with pytest.raises(ValidationError) as refusal:
        link.full_clean()
    assert list(refusal.value.message_dict) == ["country"]


def test_a_country_no_activity_uses_can_go(amem):
    amem.country_links.get(country_id="MA").delete()
    assert list(amem.country_links.values_list("country_id", flat=True)) == ["TN"]


@pytest.mark.parametrize(
    ("language", "country", "advice"), [("fr", "Tunisie", "déplacez-les"), ("ar", "تونس", "انقلها")]
)
def test_the_admin_inline_names_what_uses_the_country_and_saves_nothing(
    staff_client, amem, language, country, advice
):
    staff_client.cookies["django_language"] = language
    url = reverse("admin:projects_project_change", args=[amem.pk])
    data = project_change_data(staff_client, url)
    data |= {"title_fr": "Titre changé"}
    links = list(amem.country_links.order_by("order"))
    data |= {"country_links-TOTAL_FORMS": str(len(links)), "country_links-INITIAL_FORMS": str(len(links))}
    for index, link in enumerate(links):
        data |= {
            f"country_links-{index}-id": str(link.pk),
            f"country_links-{index}-project": str(amem.pk),
            f"country_links-{index}-country": link.country_id,
            f"country_links-{index}-status": link.status,
            f"country_links-{index}-order": str(link.order),
            f"country_links-{index}-version": str(link.version),
        }
    data[f"country_links-{links.index(amem.country_links.get(country_id='TN'))}-DELETE"] = "on"

    response = staff_client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert country in page and advice in page and "3.1, 3.2" in page
    assert ProjectCountry.objects.filter(project=amem, country_id="TN").exists()
    amem.refresh_from_db()
    assert amem.title_fr != "Titre changé"
