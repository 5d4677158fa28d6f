"""Figures for dashboards: counts and sums per currency, per group."""

import pytest

pytestmark = pytest.mark.django_db


def stats(api, **params):
    response = api.get("/api/v1/stats/", params)
    assert response.status_code == 200, response.content
    return response.json()


def by_key(figures):
    return {group["key"]: group for group in figures["groups"]}


def amounts(items):
    return {item["currency"]: item["amount"] for item in items}


def test_budgets_are_summed_per_currency_never_across(api, registry):
    figures = stats(api, group_by="status")
    assert figures["project_count"] == 2
    assert amounts(figures["budgets"]) == {"EUR": "15000000.00", "USD": "2000000.00"}
    groups = by_key(figures)
    assert groups["implementation"]["project_count"] == 1
    assert amounts(groups["closed"]["budgets"]) == {"USD": "2000000.00"}


def test_by_country_a_project_counts_in_each_of_its_countries(api, registry):
    groups = by_key(stats(api, group_by="country"))
    assert (groups["MA"]["project_count"], groups["LY"]["project_count"]) == (2, 1)
    assert groups["MA"]["label"] == "Maroc"


def test_by_funder_contributions_are_the_funders_own(api, registry):
    groups = by_key(stats(api, group_by="funder"))
    assert set(groups) == {"ue"}  # the draft funder is not named
    assert amounts(groups["ue"]["contributions"]) == {"EUR": "15000000.00", "USD": "1000000.00"}


def test_by_year_projects_count_in_each_active_year(api, registry):
    groups = by_key(stats(api, group_by="year"))
    assert groups["2018"]["project_count"] == 1
    assert groups["2020"]["project_count"] == 2
    assert groups["2023"]["project_count"] == 1
    assert list(groups) == sorted(groups)


def test_by_theme_and_with_project_filters(api, registry):
    groups = by_key(stats(api, group_by="theme", status="closed"))
    assert groups["labour-migration"]["project_count"] == 1
    assert stats(api, group_by="theme", country="LY")["project_count"] == 1


def test_labels_follow_the_language(api, registry):
    groups = by_key(stats(api, group_by="country", lang="all"))
    assert groups["MA"]["label"] == {"fr": "Maroc", "ar": "المغرب", "en": "Morocco"}


def test_projects_without_a_group_are_counted_apart(api, registry):
    registry["amem"].themes.clear()
    groups = by_key(stats(api, group_by="theme"))
    assert groups[None]["project_count"] == 1


@pytest.mark.parametrize("params", [{}, {"group_by": "planet"}, {"group_by": "status", "status": "nope"}])
def test_bad_parameters_are_named(api, registry, params):
    response = api.get("/api/v1/stats/", params)
    assert response.status_code == 400
    assert set(response.json()) <= {"group_by", "status"}
