"""Search as visitors type it: the project list (pages and API share its
FilterSet) and the search of the whole registry at /{lang}/search/, on the
seed registry."""

import re

import pytest
from django.db.models import Q

from partners.models import Organisation
from projects.models import Project

pytestmark = pytest.mark.django_db


def found(client, query) -> list[str]:
    response = client.get("/api/v1/projects/", {"q": query, "page_size": 100})
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def involving(**lookups) -> set[str]:
    return set(Project.objects.published().filter(**lookups).distinct().values_list("slug", flat=True))


def test_projects_are_found_by_their_themes_countries_activities_and_partners(client, seed):
    theme = involving(themes__slug="social-protection")
    assert theme and set(found(client, "protection sociale")) >= theme
    assert set(found(client, "الحماية الاجتماعية")) >= theme
    assert set(found(client, "Libya")) == set(found(client, "ليبيا")) == involving(countries__code="LY")
    assert set(found(client, "Allemagne")) >= involving(countries__code="DE")
    surveys = involving(activities__title_fr__icontains="enquête", activities__publication="published")
    assert surveys and set(found(client, "enquête")) >= surveys


def test_spellings_of_one_word_find_the_same_projects(client, seed):
    assert found(client, "main d'oeuvre") == found(client, "main-d’œuvre") == found(client, "main d’œuvre")
    assert found(client, "main d'oeuvre")
    assert found(client, "الهجرة") == found(client, "هجرة") == found(client, "والهجرة")
    assert found(client, "٢٠١٨") == found(client, "2018")
    assert found(client, "\u200fهجرة") == found(client, "هجرة")


def test_a_short_acronym_is_a_whole_word(client, seed):
    eu = Organisation.objects.get(slug="ue")
    assert set(found(client, "UE")) == involving(participations__organisation=eu)


def test_the_acronym_comes_first(client, seed):
    assert found(client, "AMEM")[0] == "amem"
    assert found(client, "thamm")[0] == "thamm"


def test_a_search_with_no_match_is_empty_not_everything(client, seed):
    assert found(client, "zzzqqq") == []


def test_the_site_search_groups_records_by_kind_with_links_to_all(client, seed):
    response = client.get("/fr/search/", {"q": "enquête"})
    assert response.status_code == 200
    page = response.content.decode()
    headings = re.findall(r'<h2 id="(\w+)-title">', page)
    assert headings == ["projects", "organisations", "activities", "events"]
    assert 'href="/fr/projects/amem/#activity-' in page
    activities = Project.objects.get(slug="amem").activities.filter(
        Q(title_fr__icontains="enquête") | Q(description_fr__icontains="enquête"), publication="published"
    )
    assert f'Activités <span class="count">({activities.count()})</span>' in page


def test_the_site_search_speaks_arabic(client, seed):
    page = client.get("/ar/search/", {"q": "الهجرة"}).content.decode()
    assert 'href="/ar/projects/' in page
    assert "المشاريع" in page


def test_every_page_has_a_search_box(client, seed):
    for url in ("/fr/", "/ar/projects/", "/en/organisations/", "/fr/projects/amem/"):
        page = client.get(url).content.decode()
        assert 'role="search"' in page and 'action="/' in page and 'name="q"' in page, url


def test_an_overlong_search_is_a_form_error(client, seed):
    response = client.get("/ar/search/", {"q": "x" * 300})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()


def test_an_empty_search_shows_the_form_only(client, seed):
    response = client.get("/fr/search/", {"q": "  "})
    assert response.status_code == 200
    assert "<h2" not in response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
