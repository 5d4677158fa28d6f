"""What each endpoint returns: list rows, details, and drafts nowhere."""

import pytest

from core.publication import Publication
from projects.models import Participation, ProjectRelation
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/projects/",
    "/api/v1/organisations/",
    "/api/v1/countries/",
    "/api/v1/themes/",
    "/api/v1/components/",
    "/api/v1/activities/",
    "/api/v1/events/",
    "/api/v1/indicators/",
]


def results(api, url, **params):
    response = api.get(url, {"page_size": 100, **params})
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_root_names_every_list(api):
    root = api.get("/api/v1/").json()
    for url in LISTS:
        assert root[url.strip("/").rsplit("/", 1)[-1]] == f"http://testserver{url}"
    assert {"withdrawals", "stats", "schema", "docs"} <= set(root)


def test_a_project_list_row_is_light_and_complete(api, registry):
    row = next(row for row in results(api, "/api/v1/projects/") if row["slug"] == "thamm")
    assert set(row) == {
        "slug", "acronym", "iati_key", "iati_identifier", "title", "short_name", "status", "start_date",
        "end_date", "countries", "funders", "implementers", "themes", "url", "updated_at",
    }  # fmt: skip
    assert row["acronym"] == "THAMM"
    assert row["iati_identifier"].endswith(f"-{row['iati_key']}")
    assert row["status"]["code"] == "implementation"
    assert (row["start_date"], row["end_date"]) == ("2019-01-01", "2023-12-31")
    assert sorted(row["countries"]) == ["LY", "MA", "TN"]
    assert [funder["slug"] for funder in row["funders"]] == ["ue"]
    assert row["funders"][0]["name"] == "Union européenne"
    assert [implementer["slug"] for implementer in row["implementers"]] == ["oit"]
    assert row["url"] == "http://testserver/api/v1/projects/thamm/"


def test_a_project_detail_nests_what_a_partner_needs(api, registry):
    project = api.get("/api/v1/projects/thamm/").json()
    assert project["funders"] == [
        {
            "slug": "ue",
            "name": "Union européenne",
            "acronym": "UE",
            "url": "http://testserver/api/v1/organisations/ue/",
            "amount": "15000000.00",
            "currency": "EUR",
            "is_lead": True,
            "note": "",
        }
    ]
    assert [item["slug"] for item in project["implementers"]] == ["oit"]
    assert project["partners_by_country"] == [
        {
            "country": {"code": "MA", "name": "Maroc"},
            "partners": [
                {
                    "slug": "anapec",
                    "name": registry["anapec"].name_fr,
                    "acronym": "ANAPEC",
                    "url": "http://testserver/api/v1/organisations/anapec/",
                    "role": {"code": "partner", "label": str(Participation.Role.INSTITUTIONAL_PARTNER.label)},
                    "is_lead": False,
                    "note": "",
                }
            ],
        }
    ]
    libya = next(item for item in project["country_details"] if item["code"] == "LY")
    assert libya["status"]["code"] == "suspended"
    assert libya["note"] == "Sécurité"
    [component] = project["components"]
    assert (component["code"], component["activity_count"]) == ("1", 1)
    assert component["url"] == f"http://testserver/api/v1/components/{registry['axis'].pk}/"
    assert [theme["slug"] for theme in project["themes"]] == ["labour-migration"]
    assert [document["title"] for document in project["documents"]] == ["Fiche THAMM"]
    assert project["related_projects"] == [
        {
            "relation": {"code": "follows", "label": str(ProjectRelation.Kind.FOLLOWS.label)},
            "project": {"slug": "amem", "acronym": "AMEM", "url": "http://testserver/api/v1/projects/amem/"},
        }
    ]
    assert (project["budget"], project["budget_currency"]) == ("15000000.00", "EUR")
    assert "period_note" in project


def test_a_project_detail_counts_and_links_its_long_lists(api, registry):
    # A project may have hundreds of activities: its detail says how many are
    # published and links the list that shows them, drafts left out.
    project = api.get("/api/v1/projects/thamm/").json()
    assert {"activities", "events", "indicators"}.isdisjoint(project)
    for name, count, key, shown in (
        ("activities", "activity_count", "title", ["Étude sur les compétences"]),
        ("events", "event_count", "title", ["Lancement de THAMM"]),
        (
            "indicators",
            "indicator_count",
            "label",
            ["Indicateur sous un axe non publié", "Travailleurs placés"],
        ),
    ):
        assert project[f"{name}_url"] == f"http://testserver/api/v1/{name}/?project=thamm"
        rows = api.get(project[f"{name}_url"]).json()["results"]
        assert sorted(row[key] for row in rows) == shown, name
        assert project[count] == len(shown), name
    components = api.get(project["components_url"]).json()["results"]
    assert [(row["code"], [manager["slug"] for manager in row["managers"]]) for row in components] == [
        ("1", ["oit"])
    ]


def test_a_project_detail_is_a_superset_of_its_list_row(api, registry):
    row = next(row for row in results(api, "/api/v1/projects/") if row["slug"] == "thamm")
    detail = api.get("/api/v1/projects/thamm/").json()
    for name, value in row.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            assert [{key: item[key] for key in value[0]} for item in detail[name]] == value
        else:
            assert detail[name] == value


def test_the_followed_project_names_its_successor(api, registry):
    amem = api.get("/api/v1/projects/amem/").json()
    assert [(item["relation"]["code"], item["project"]["slug"]) for item in amem["related_projects"]] == [
        ("followed_by", "thamm")
    ]


def test_organisation_detail_lists_its_roles_in_published_projects(api, registry):
    ue = api.get("/api/v1/organisations/ue/").json()
    assert ue["kind"]["code"] == "intergovernmental"
    assert sorted((item["project"]["slug"], item["role"]["code"]) for item in ue["participations"]) == [
        ("amem", "funder"),
        ("thamm", "funder"),
    ]


def test_an_unpublished_parent_organisation_is_not_named(api, registry):
    OrganisationFactory(slug="bemoe", parent=registry["draft_organisation"])
    OrganisationFactory(slug="unit", parent=registry["oit"])
    rows = {row["slug"]: row for row in results(api, "/api/v1/organisations/")}
    assert rows["bemoe"]["parent"] is None
    assert rows["unit"]["parent"]["slug"] == "oit"
    assert [unit["slug"] for unit in api.get("/api/v1/organisations/oit/").json()["units"]] == ["unit"]


def test_countries_and_themes_count_published_projects(api, registry):
    countries = {row["code"]: row for row in results(api, "/api/v1/countries/")}
    assert countries["MA"]["project_count"] == 2
    assert countries["LY"]["project_count"] == 1
    assert api.get("/api/v1/countries/MA/").json()["name"] == "Maroc"
    theme = api.get("/api/v1/themes/labour-migration/").json()
    assert (theme["name"], theme["project_count"]) == ("Migration de travail", 2)


def test_component_activity_event_and_indicator_details(api, registry):
    axis = registry["axis"]
    component = api.get(f"/api/v1/components/{axis.pk}/").json()
    assert (component["project"]["slug"], component["activity_count"]) == ("thamm", 1)
    assert [activity["code"] for activity in component["activities"]] == [registry["activity"].code]
    activity = api.get(f"/api/v1/activities/{registry['activity'].pk}/").json()
    assert activity["component"]["id"] == axis.pk
    assert activity["country"] == "MA"
    assert "description" in activity
    assert [partner["slug"] for partner in activity["partners"]] == ["anapec"]
    event = api.get(f"/api/v1/events/{registry['launch'].pk}/").json()
    assert (event["kind"]["code"], event["project"]["slug"]) == ("launch", "thamm")
    assert [organisation["slug"] for organisation in event["organisations"]] == ["ue"]
    indicators = results(api, "/api/v1/indicators/", project="thamm")
    placed = next(row for row in indicators if row["label"] == "Travailleurs placés")
    assert (placed["target"], placed["component"]["id"]) == ("500.00", axis.pk)
    assert api.get(placed["url"]).json()["label"] == "Travailleurs placés"


def test_an_event_of_a_cooperation_partner_has_no_project(api, registry):
    events = {row["title"]: row for row in results(api, "/api/v1/events/")}
    assert events["Table ronde de l'OIT"]["project"] is None


@pytest.mark.parametrize("url", LISTS)
def test_no_draft_is_ever_listed(api, registry, url):
    body = str(results(api, url))
    assert "DRAFT" not in body
    assert "draft-org" not in body


def test_no_draft_is_named_in_a_published_detail(api, registry):
    for url in (
        "/api/v1/projects/thamm/",
        "/api/v1/organisations/ue/",
        f"/api/v1/components/{registry['axis'].pk}/",
        f"/api/v1/activities/{registry['activity'].pk}/",
        f"/api/v1/events/{registry['launch'].pk}/",
    ):
        body = api.get(url).content.decode()
        assert "DRAFT" not in body, url
        assert "draft-org" not in body, url


def test_every_draft_detail_is_not_found(api, registry):
    for url in (
        "/api/v1/projects/draftp/",
        "/api/v1/organisations/draft-org/",
        f"/api/v1/components/{registry['draft_component'].pk}/",
        f"/api/v1/components/{registry['draft_project'].components.get().pk}/",
        f"/api/v1/activities/{registry['draft_activity'].pk}/",
        f"/api/v1/events/{registry['draft_event'].pk}/",
        f"/api/v1/indicators/{registry['draft_indicator'].pk}/",
    ):
        response = api.get(url)
        assert response.status_code == 404, url
        assert response.json() == {"detail": response.json()["detail"]}


def test_archived_and_in_review_projects_are_not_public(api, registry):
    registry["amem"].publication = Publication.ARCHIVED
    registry["amem"].save()
    assert [row["slug"] for row in results(api, "/api/v1/projects/")] == ["thamm"]
    assert api.get("/api/v1/projects/amem/").status_code == 404
