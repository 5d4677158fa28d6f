"""The activities' sub-regional filter offers "any", "yes" and "no", with no
choice meaning every activity (not Django's "Unknown")."""

import re

import pytest

from tests.factories import ActivityFactory, CountryFactory, ProjectCountryFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def options(page: str) -> list[tuple[str, str]]:
    select = re.search(r'<select name="subregional".*?</select>', page, re.S).group(0)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


@pytest.mark.parametrize(
    ("language", "labels"), [("fr", ["Tous", "Oui", "Non"]), ("ar", ["الكل", "نعم", "لا"])]
)
def test_the_choices_read_any_yes_no(client, language, labels):
    page = client.get(f"/{language}/activities/").content.decode()
    assert options(page) == list(zip(["", "true", "false"], labels, strict=True))


def test_each_choice_selects_its_activities(client):
    project = ProjectFactory()
    morocco = CountryFactory(code="MA")
    ProjectCountryFactory(project=project, country=morocco)
    ActivityFactory(project=project, country=None, title_fr="Atelier sous-régional")
    ActivityFactory(project=project, country=morocco, title_fr="Enquête nationale")
    for value, shown in [("", 2), ("true", 1), ("false", 1)]:
        api = client.get(f"/api/v1/activities/?subregional={value}").json()
        assert api["count"] == shown, value
    page = client.get("/fr/activities/?subregional=true").content.decode()
    assert "Atelier sous-régional" in page and "Enquête nationale" not in page
    assert ("true", "Oui") in options(page) and 'value="true" selected' in page
