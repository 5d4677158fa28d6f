"""Incremental sync: modified_since, the withdrawals list, and cursor pages."""

import datetime

import pytest
from django.utils import timezone

from core.publication import Publication
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def slugs(response):
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


def withdrawals(api, since, **params):
    response = api.get("/api/v1/withdrawals/", {"since": since.isoformat(), **params})
    assert response.status_code == 200, response.content
    return {(item["resource"], item["key"]): item for item in response.json()["results"]}


def test_modified_since_lists_what_changed_after(api, registry):
    checkpoint = timezone.now()
    registry["amem"].title_fr = "AMEM, titre revu"
    registry["amem"].save()
    assert slugs(api.get("/api/v1/projects/", {"modified_since": checkpoint.isoformat()})) == ["amem"]
    assert sorted(slugs(api.get("/api/v1/projects/", {"modified_since": "2000-01-01T00:00:00Z"}))) == [
        "amem",
        "thamm",
    ]


def test_modified_since_works_on_every_publishable_list(api, registry):
    future = (timezone.now() + datetime.timedelta(days=1)).isoformat()
    for url in ("organisations", "components", "activities", "events", "indicators"):
        response = api.get(f"/api/v1/{url}/", {"modified_since": future})
        assert response.json()["count"] == 0, url


def test_an_unpublished_project_is_a_withdrawal(api, registry):
    checkpoint = timezone.now()
    amem = registry["amem"]
    amem.publication = Publication.DRAFT
    amem.save()
    found = withdrawals(api, checkpoint)
    assert found[("projects", "amem")]["reason"]["code"] == "unpublished"
    # Nothing else of AMEM was public on its own.
    assert [key for key in found if key[0] == "projects"] == [("projects", "amem")]


def test_a_deleted_project_takes_its_children_along(api, registry):
    checkpoint = timezone.now()
    thamm = registry["thamm"]
    component_id, activity_id, event_id = registry["axis"].pk, registry["activity"].pk, registry["launch"].pk
    thamm.delete()
    found = withdrawals(api, checkpoint)
    assert found[("projects", "thamm")]["reason"]["code"] == "deleted"
    for resource, key in (("components", component_id), ("activities", activity_id), ("events", event_id)):
        assert found[(resource, str(key))]["reason"]["code"] == "deleted"


def test_children_of_an_unpublished_project_are_withdrawn_with_it(api, registry):
    checkpoint = timezone.now()
    thamm = registry["thamm"]
    thamm.publication = Publication.ARCHIVED
    thamm.save()
    found = withdrawals(api, checkpoint)
    assert found[("components", str(registry["axis"].pk))]["reason"]["code"] == "parent_withdrawn"
    assert found[("activities", str(registry["activity"].pk))]["reason"]["code"] == "parent_withdrawn"
    assert found[("events", str(registry["launch"].pk))]["reason"]["code"] == "parent_withdrawn"
    # And they are indeed gone from the lists.
    assert api.get("/api/v1/components/").json()["count"] == 0


def test_a_draft_that_was_never_public_is_not_revealed(api, registry):
    checkpoint = timezone.now()
    secret = ProjectFactory(acronym="SECRET", publication=Publication.DRAFT)
    secret.delete()
    registry["draft_project"].delete()
    found = withdrawals(api, checkpoint)
    assert ("projects", "secret") not in found
    assert ("projects", "draftp") not in found


def test_a_republished_project_is_no_withdrawal(api, registry):
    checkpoint = timezone.now()
    amem = registry["amem"]
    amem.publication = Publication.DRAFT
    amem.save()
    amem.publication = Publication.PUBLISHED
    amem.save()
    assert ("projects", "amem") not in withdrawals(api, checkpoint)


def test_withdrawals_before_since_are_not_repeated(api, registry):
    checkpoint = timezone.now()
    registry["amem"].delete()
    # The sync that learnt of it...
    assert ("projects", "amem") in withdrawals(api, checkpoint)
    # ...is the last to hear of it.
    later = timezone.now()
    assert withdrawals(api, later) == {}


def test_withdrawals_need_a_valid_since(api, registry):
    for params in ({}, {"since": "yesterday"}, {"since": "2024-13-45T00:00:00Z"}):
        response = api.get("/api/v1/withdrawals/", params)
        assert response.status_code == 400
        assert list(response.json()) == ["since"]


def test_withdrawals_come_as_csv_too(api, registry):
    checkpoint = timezone.now()
    registry["amem"].delete()
    response = api.get("/api/v1/withdrawals/", {"since": checkpoint.isoformat(), "format": "csv"})
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == "resource,key,reason.code,reason.label,new_key,withdrawn_at"
    assert lines[1].startswith("projects,amem,deleted,")


def test_a_cursor_walk_gives_every_project_once(api, registry):
    for number in range(7):
        ProjectFactory(acronym=f"WALK{number}")
    seen, url, pages = [], "/api/v1/projects/?pagination=cursor&page_size=3", 0
    while url:
        page = api.get(url).json()
        assert "count" not in page
        seen += [row["slug"] for row in page["results"]]
        url, pages = page["next"], pages + 1
    assert pages == 3
    assert len(seen) == len(set(seen)) == 9


def test_a_cursor_walk_follows_the_last_update(api, registry):
    checkpoint = timezone.now()
    registry["thamm"].save()
    registry["amem"].save()
    page = api.get(
        "/api/v1/projects/", {"pagination": "cursor", "modified_since": checkpoint.isoformat()}
    ).json()
    assert [row["slug"] for row in page["results"]] == ["thamm", "amem"]
    assert page["next"] is None


def test_a_record_changed_during_a_walk_comes_again_at_the_end(api, registry):
    first = api.get("/api/v1/projects/", {"pagination": "cursor", "page_size": 1}).json()
    moved = first["results"][0]["slug"]
    project = registry[moved]
    project.save()
    rest = api.get(first["next"]).json()
    assert [row["slug"] for row in rest["results"]] != [moved]
    last = api.get(rest["next"]).json()
    assert [row["slug"] for row in last["results"]] == [moved]


@pytest.mark.parametrize("cursor", ["garbage", "W10=", "WyJub3QgYSBkYXRlIiwgMV0=", "%00"])
def test_a_bad_cursor_is_a_404_naming_it(api, registry, cursor):
    response = api.get(f"/api/v1/projects/?pagination=cursor&cursor={cursor}")
    assert response.status_code in (400, 404)
    assert list(response.json()) == ["cursor"]


def test_countries_walk_by_code(api, registry):
    page = api.get("/api/v1/countries/", {"pagination": "cursor", "page_size": 2}).json()
    assert [row["code"] for row in page["results"]] == ["LY", "MA"]
    assert [row["code"] for row in api.get(page["next"]).json()["results"]] == ["TN"]


def test_a_renamed_project_withdraws_its_former_slug(api, registry):
    checkpoint = timezone.now()
    amem = registry["amem"]
    amem.slug = "amem-maghreb"
    amem.save()
    found = withdrawals(api, checkpoint)
    assert found[("projects", "amem")]["reason"]["code"] == "renamed"
    assert ("projects", "amem-maghreb") not in found
    assert api.get("/api/v1/projects/amem-maghreb/").status_code == 200
