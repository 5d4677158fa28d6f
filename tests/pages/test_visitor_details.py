"""What visitors notice on the seed registry: no French acronym on Arabic
pages, options in the page's alphabetical order, a year list the registry
spans, cards to share, a page number past the end explained."""

import re

import pytest
from django.utils import translation

from core.text import alphabetical
from partners.models import Organisation
from projects.models import Project

pytestmark = pytest.mark.django_db


def labels(page: str, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="[^"]*" id="[^"]*"> <label[^>]*>([^<]*)</label>', page)


def test_arabic_pages_show_no_french_acronym(client, seed):
    eu = Organisation.objects.get(slug="ue")
    assert eu.acronym_fr == "UE" and not eu.acronym_ar
    page = client.get("/ar/projects/").content.decode()
    assert "(UE)" not in page and ">UE<" not in page
    assert eu.name_ar in page
    # French pages keep it.
    assert "UE" in client.get("/fr/projects/").content.decode()


def test_filter_options_follow_the_alphabet_of_the_page(client, seed):
    for language in ("fr", "ar", "en"):
        page = client.get(f"/{language}/projects/").content.decode()
        for name in ("funder", "country", "theme"):
            shown = labels(page, name)
            assert len(shown) > 2, (language, name)
            assert shown == sorted(shown, key=alphabetical), (language, name)


def test_the_year_filter_lists_the_years_the_projects_span(client, seed):
    page = client.get("/fr/projects/").content.decode()
    years = [int(year) for year in re.findall(r'<option value="(\d{4})"', page)]
    projects = Project.objects.published()
    first = min(project.start_date.year for project in projects if project.start_date)
    last = max(project.end_date.year for project in projects if project.end_date)
    assert years == list(range(max(years), min(years) - 1, -1))
    assert min(years) == first and max(years) >= last
    assert len(years) < 30


def test_a_project_sheet_is_ready_to_be_shared(client, seed):
    page = client.get("/ar/projects/amem/").content.decode()
    amem = Project.objects.get(slug="amem")
    with translation.override("ar"):
        title = f"{amem.acronym} – {amem.title}"
    assert f'<meta property="og:title" content="{title}">' in page.replace("&#x27;", "'")
    assert '<meta property="og:locale" content="ar_MA">' in page
    assert '<meta property="og:url" content="http://testserver/ar/projects/amem/">' in page
    assert '<meta name="twitter:card" content="summary">' in page


@pytest.mark.parametrize(
    ("language", "short_name"),
    [("ar", "شراكة المواهب"), ("en", "Talent Partnership"), ("fr", "Partenariat pour les talents")],
)
def test_a_project_without_an_acronym_goes_by_its_short_name_in_the_page_language(
    client, seed, language, short_name
):
    page = client.get(f"/{language}/projects/").content.decode()
    assert f'<span class="acronym">{short_name}</span>' in page
    if language != "fr":
        for french in (
            "Partenariat pour les talents",
            "Emploi international des jeunes",
            "Appui à la politique migratoire",
        ):
            assert f'<span class="acronym">{french}</span>' not in page
    record = client.get("/api/v1/projects/partenariat-pour-les-talents/", {"lang": language}).json()
    assert record["short_name"] == short_name


def test_each_filter_option_says_how_many_projects_it_leads_to(client, seed):
    page = client.get("/fr/projects/").content.decode()
    for name, value in (
        ("funder", "ue"),
        ("country", "MA"),
        ("theme", "labour-migration"),
        ("status", "implementation"),
    ):
        label = re.search(rf'name="{name}" value="{value}" id="([^"]+)"> <label[^>]*>([^<]*)</label>', page)
        assert label, (name, value)
        shown = int(re.search(r"\((\d+)\)$", label.group(2)).group(1))
        listed = client.get("/fr/projects/", {name: value}).context["paginator"].count
        assert shown == listed, (name, value)
