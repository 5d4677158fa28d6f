"""The project list (filters, search, sort, pages) and the project sheet."""

import re

import pytest

from projects.models import Project
from tests.factories import ProjectFactory
from tests.pages.conftest import html

pytestmark = pytest.mark.django_db


def listed(client, query="", language="fr"):
    """Acronyms of the projects on the list page, in their order."""
    response = client.get(f"/{language}/projects/{query}")
    assert response.status_code == 200, response.status_code
    return re.findall(r'<span class="acronym">([^<]+)</span>', html(response))


def count_shown(response) -> int:
    return int(re.search(r'class="result-count" data-count="(\d+)"', html(response)).group(1))


def test_list_shows_published_projects_with_count(client, registry):
    response = client.get("/fr/projects/")
    assert set(listed(client)) == {"AMEM", "THAMM", "THAMM Plus"}
    assert count_shown(response) == 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?status=closed", {"THAMM"}),
        ("?status=closed&status=implementation", {"AMEM", "THAMM", "THAMM Plus"}),
        ("?funder=ue", {"AMEM", "THAMM"}),
        ("?funder=usdol&funder=ue", {"AMEM", "THAMM", "THAMM Plus"}),
        ("?implementer=giz", {"THAMM", "THAMM Plus"}),
        ("?partner=anapec", {"AMEM"}),
        ("?partner=anapec&partner=usdol", {"AMEM", "THAMM Plus"}),
        ("?country=LY", {"AMEM"}),
        ("?country=LY&country=EG", {"AMEM", "THAMM"}),
        ("?theme=labour-migration", {"AMEM"}),
        ("?year=2018", {"AMEM"}),
        ("?year=2018&year=2025", {"AMEM", "THAMM Plus"}),
        ("?country=MA&status=closed", {"THAMM"}),
    ],
)
def test_each_filter_and_several_values_or_ed(client, registry, query, expected):
    assert set(listed(client, query)) == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Maghreb", {"AMEM"}),
        ("maghreb", {"AMEM"}),
        ("MAGHREB", {"AMEM"}),
        ("securite", {"THAMM"}),
        ("sécurité", {"THAMM"}),
        ("SECURITE", {"THAMM"}),
        ("mobilite legale", {"THAMM"}),
        ("حكامة", {"THAMM"}),
        ("حكامه", {"THAMM"}),
        ("حَكَامَة", {"THAMM"}),
        ("امن", {"THAMM"}),
        ("أمن", {"THAMM"}),
        ("ILO", {"AMEM", "THAMM"}),
        ("OIT", {"AMEM", "THAMM"}),
        ("BIT", {"AMEM", "THAMM"}),
        ("منظمة العمل الدولية", {"AMEM", "THAMM"}),
        ("منظمه العمل الدوليه", {"AMEM", "THAMM"}),
        ("nothing-like-this", set()),
    ],
)
def test_search_ignores_case_accents_and_arabic_spelling(client, registry, q, expected):
    for language in ("fr", "ar", "en"):
        assert set(listed(client, f"?q={q}", language)) == expected


def test_search_migration_finds_migration_titles(client, registry):
    found = set(listed(client, "?q=migration"))
    assert {"AMEM", "THAMM"} <= found


def test_count_shows_the_filtered_total(client, registry):
    assert count_shown(client.get("/ar/projects/?status=closed")) == 1
    assert count_shown(client.get("/ar/projects/?q=nothing-like-this")) == 0


@pytest.mark.parametrize(
    ("ordering", "expected"),
    [
        ("acronym", ["AMEM", "THAMM", "THAMM Plus"]),
        ("-acronym", ["THAMM Plus", "THAMM", "AMEM"]),
        ("start", ["AMEM", "THAMM", "THAMM Plus"]),
        ("-start", ["THAMM Plus", "THAMM", "AMEM"]),
        ("end", ["AMEM", "THAMM", "THAMM Plus"]),
    ],
)
def test_sort_by_the_filterset_ordering(client, registry, ordering, expected):
    assert listed(client, f"?ordering={ordering}") == expected


def test_sort_choice_is_kept_selected(client, registry):
    assert '<option value="-start" selected>' in html(client.get("/fr/projects/?ordering=-start"))


def test_checked_filters_stay_checked(client, registry):
    content = html(client.get("/fr/projects/?status=closed&country=MA&q=mobilite"))
    assert re.search(r'name="status" value="closed"[^>]*checked', content)
    assert re.search(r'name="country" value="MA"[^>]*checked', content)
    assert 'value="mobilite"' in content


def test_form_is_a_get_form_without_javascript(client, registry):
    content = html(client.get("/fr/projects/"))
    assert '<form class="filters" method="get" action="/fr/projects/"' in content
    assert "<script" not in content
    for name in ("q", "status", "funder", "country", "theme", "year", "ordering"):
        assert f'name="{name}"' in content
    # Every organisation would be thousands of checkboxes: the directory instead.
    assert content.count('<a href="/fr/organisations/">') >= 2
    chosen = html(client.get("/fr/projects/?partner=giz&implementer=oit"))
    assert 'name="partner" value="giz"' in chosen
    assert 'name="implementer" value="oit"' in chosen


@pytest.fixture
def many_closed_projects(db):
    for number in range(45):
        ProjectFactory(acronym=f"P{number:02d}", status=Project.Status.CLOSED)


def test_pages_are_bounded_and_links_keep_the_filters(client, many_closed_projects):
    response = client.get("/fr/projects/?status=closed&ordering=acronym")
    content = html(response)
    assert count_shown(response) == 45
    assert len(listed(client, "?status=closed&ordering=acronym")) == 20
    assert 'href="?status=closed&amp;ordering=acronym&amp;page=2"' in content
    assert 'rel="next"' in content
    second = client.get("/fr/projects/?status=closed&ordering=acronym&page=2")
    assert listed(client, "?status=closed&ordering=acronym&page=2")[0] == "P20"
    assert 'href="?status=closed&amp;ordering=acronym&amp;page=1"' in html(second)
    assert 'href="?status=closed&amp;ordering=acronym&amp;page=3"' in html(second)


def test_page_size_is_capped(client, db):
    for number in range(105):
        ProjectFactory(acronym=f"P{number:03d}")
    assert len(listed(client, "?page_size=1000")) == 100
    assert len(listed(client, "?page_size=5")) == 5
    assert len(listed(client, "?page_size=-3")) == 1
    assert len(listed(client, "?page_size=abc")) == 20


# The project sheet


def test_sheet_shows_identity_with_precision_and_countries(client, registry):
    content = html(client.get("/fr/projects/amem/"))
    assert '<time datetime="2018-08">août 2018</time>' in content
    assert '<time datetime="2021-07">juillet 2021</time>' in content
    assert "36" in content
    assert re.search(r'country-suspended"><span class="country-name">Libye</span>', content)
    assert "Activités suspendues pour des raisons de sécurité." in content
    assert "3\xa0000\xa0000&nbsp;EUR" in content


def test_year_precision_shows_only_years(client, registry):
    content = html(client.get("/en/projects/thamm/"))
    assert '<time datetime="2019">2019</time>' in content
    assert '<time datetime="2023">2023</time>' in content


def test_sheet_sections(client, registry):
    content = html(client.get("/fr/projects/amem/"))
    for text in (
        "Protection des travailleurs migrants.",
        "Renforcer les capacités.",
        "Contexte de la mobilité régionale.",
        "Des politiques migratoires équitables.",
        "Travailleurs migrants et leurs familles.",
        "Inspecteurs du travail.",
        "Partenaires sociaux.",
        "Union européenne",
        "Organisation internationale du Travail",
        "Gouvernance des migrations de travail",
        "Étude sur le recrutement équitable",
        "Enfants retirés du travail",
        "Atelier de lancement AMEM",
        "Fiche du projet AMEM",
    ):
        assert text in content, text


def test_partners_are_grouped_by_country(client, registry):
    content = html(client.get("/fr/projects/amem/"))
    partners = content[content.index('id="partners-title"') :]
    assert re.search(r"<h3>Maroc</h3>\s*<ul[^>]*>\s*<li><a href=\"/fr/organisations/anapec/\">", partners)


def test_activities_grouped_by_country_with_subregional_and_suspended(client, registry):
    content = html(client.get("/fr/projects/amem/"))
    components = content[content.index('id="components-title"') : content.index('id="indicators-title"')]
    groups = re.findall(r"<h4>(.*?)</h4>", components)
    assert len(groups) == 3
    assert "Maroc" in groups[1]
    assert "Libye" in groups[2]
    assert "status-suspended" in groups[2]
    assert 'class="activity-group is-suspended"' in components
    # Sub-regional first, then the project's countries in their order.
    assert components.index("Atelier sous-régional") < components.index("Étude sur le recrutement")
    assert components.index("Étude sur le recrutement") < components.index("Formation des inspecteurs")


def test_indicator_target_and_actual(client, registry):
    content = html(client.get("/fr/projects/amem/"))
    row = content[content.index("Enfants retirés du travail") :]
    assert re.search(r'<td class="number">1\s000</td>\s*<td class="number">250</td>', row)


def test_funders_amounts_per_currency_never_summed_across(client, registry):
    content = html(client.get("/en/projects/thamm-plus/"))
    assert "2,500,000&nbsp;EUR" in content
    assert "1,200,000&nbsp;USD" in content
    assert "3,700,000" not in content


def test_related_projects_in_both_directions(client, registry):
    plus = html(client.get("/fr/projects/thamm-plus/"))
    assert 'class="relation-out-follows"' in plus
    assert 'href="/fr/projects/thamm/"' in plus
    thamm = html(client.get("/fr/projects/thamm/"))
    assert 'class="relation-in-follows"' in thamm
    assert 'href="/fr/projects/thamm-plus/"' in thamm


def test_sub_projects_shown_from_both_sides(client, registry):
    from projects.models import ProjectRelation
    from tests.factories import ProjectRelationFactory

    ProjectRelationFactory(
        project=registry["thamm_plus"], related=registry["amem"], kind=ProjectRelation.Kind.PART_OF
    )
    assert 'class="relation-in-part_of"' in html(client.get("/fr/projects/amem/"))
    assert 'class="relation-out-part_of"' in html(client.get("/fr/projects/thamm-plus/"))


def test_draft_related_projects_are_named_on_neither_side(client, registry):
    from projects.models import ProjectRelation
    from tests.factories import ProjectRelationFactory

    # The draft is a sub-project of AMEM (fixture); AMEM also follows it.
    ProjectRelationFactory(
        project=registry["amem"], related=registry["draft_project"], kind=ProjectRelation.Kind.FOLLOWS
    )
    content = html(client.get("/fr/projects/amem/"))
    assert 'class="related"' not in content
    assert "/fr/projects/draft-project/" not in content


def test_sheet_in_arabic_uses_arabic_text_and_marks_french_fallbacks(client, registry):
    content = html(client.get("/ar/projects/amem/"))
    assert "دعم الهجرة العادلة للمغرب العربي" in content
    # The context has no Arabic version: the French text is shown, marked as French.
    assert (
        '<div class="prose sheet-more" lang="fr" dir="ltr"><p>Contexte de la mobilité régionale.' in content
    )
    assert '<time datetime="2018-08">' in content


def test_last_update_is_shown(client, registry):
    content = html(client.get("/fr/projects/amem/"))
    assert 'class="last-update"' in content


def test_unknown_slug_is_404(client, registry):
    assert client.get("/fr/projects/nope/").status_code == 404
    assert client.get("/ar/projects/nope/").status_code == 404


def test_draft_project_is_404_for_anonymous_visitors(client, registry):
    assert client.get("/fr/projects/draft-project/").status_code == 404


def test_staff_preview_a_draft_as_the_public_will_see_it(staff_client, registry):
    response = staff_client.get("/fr/projects/draft-project/")
    content = html(response)
    assert response.status_code == 200
    assert 'class="preview-banner"' in content
    assert '<meta name="robots" content="noindex">' in content
    assert response["X-Robots-Tag"] == "noindex"
    assert "DRAFTPROJECTMARK" in content
    # Its draft children stay hidden, exactly as they will be once it is published.
    assert "DRAFTCOMPONENTMARK" not in content
    assert "DRAFTEVENTMARK" not in content


def test_published_project_has_no_preview_banner(staff_client, registry):
    content = html(staff_client.get("/fr/projects/amem/"))
    assert "preview-banner" not in content
    assert 'content="noindex"' not in content


def test_non_staff_user_cannot_preview(client, registry, django_user_model):
    user = django_user_model.objects.create_user("reader", password="x")
    client.force_login(user)
    assert client.get("/fr/projects/draft-project/").status_code == 404
