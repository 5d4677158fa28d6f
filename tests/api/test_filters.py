"""The FilterSets of the public pages, through the API: same names, OR-ed
values, declared orderings only, and nothing else."""

import pytest

pytestmark = pytest.mark.django_db


def slugs(api, url="/api/v1/projects/", **params):
    response = api.get(url, params)
    assert response.status_code == 200, response.content
    return sorted(row.get("slug", row.get("id")) for row in response.json()["results"])


def test_several_values_of_one_filter_are_or_ed(api, registry):
    assert slugs(api, country="LY") == ["thamm"]
    assert slugs(api, country=["LY", "TN"]) == ["amem", "thamm"]
    assert slugs(api, status=["closed"]) == ["amem"]
    assert slugs(api, status=["closed", "implementation"]) == ["amem", "thamm"]


def test_filters_by_organisation_theme_and_year(api, registry):
    assert slugs(api, funder="ue") == ["amem", "thamm"]
    assert slugs(api, implementer="oit") == ["amem", "thamm"]
    assert slugs(api, partner="anapec") == ["thamm"]
    assert slugs(api, theme="labour-migration") == ["amem", "thamm"]
    assert slugs(api, year=2023) == ["thamm"]
    assert slugs(api, year=[2018, 2023]) == ["amem", "thamm"]


def test_free_text_search_ignores_accents_and_languages(api, registry):
    assert slugs(api, q="EQUITABLE maghreb") == ["amem"]
    assert slugs(api, q="حكامة") == ["thamm"]


def test_ordering_uses_the_declared_names(api, registry):
    response = api.get("/api/v1/projects/", {"ordering": "acronym"}).json()
    assert [row["slug"] for row in response["results"]] == ["amem", "thamm"]
    response = api.get("/api/v1/projects/", {"ordering": "-acronym"}).json()
    assert [row["slug"] for row in response["results"]] == ["thamm", "amem"]


@pytest.mark.parametrize("ordering", ["budget", "slug", "-publication", "participations__amount"])
def test_an_undeclared_ordering_is_refused(api, registry, ordering):
    response = api.get("/api/v1/projects/", {"ordering": ordering})
    assert response.status_code == 400
    assert list(response.json()) == ["ordering"]


def test_orm_lookups_and_unknown_parameters_are_refused_by_name(api, registry):
    response = api.get(
        "/api/v1/projects/", {"title__icontains": "zzz", "publication": "draft", "statuss": "closed"}
    )
    assert response.status_code == 400
    errors = response.json()
    assert sorted(errors) == ["publication", "statuss", "title__icontains"]
    assert "status" in errors["statuss"][0]


def test_a_detail_takes_only_the_language_and_the_format(api, registry):
    assert api.get("/api/v1/projects/amem/", {"lang": "ar", "format": "json"}).status_code == 200
    refused = api.get("/api/v1/projects/amem/", {"status": "closed"})
    assert refused.status_code == 400
    assert list(refused.json()) == ["status"]


def test_filters_of_the_other_lists(api, registry):
    assert slugs(api, "/api/v1/organisations/", country="MA") == ["anapec"]
    assert slugs(api, "/api/v1/organisations/", role="implementer") == ["oit"]
    assert slugs(api, "/api/v1/organisations/", kind=["un_agency", "intergovernmental"]) == ["oit", "ue"]
    assert len(slugs(api, "/api/v1/activities/", project="thamm", country="MA")) == 1
    assert slugs(api, "/api/v1/activities/", project="amem") == []
    assert len(slugs(api, "/api/v1/events/", kind="round_table")) == 1
    assert len(slugs(api, "/api/v1/components/", project="thamm", kind="axis")) == 1
    assert len(slugs(api, "/api/v1/indicators/", project="thamm")) == 2


def test_a_draft_cannot_be_used_as_a_filter_value(api, registry):
    response = api.get("/api/v1/projects/", {"funder": "draft-org"})
    assert response.status_code == 400
    assert list(response.json()) == ["funder"]
    response = api.get("/api/v1/activities/", {"project": "draftp"})
    assert list(response.json()) == ["project"]
