"""The change feed behind `modified_since` and `/withdrawals/` (core/feed.py):
what each kind of write makes appear, and what it leaves out."""

import pytest
from django.utils import timezone

from activities.models import Activity
from core.publication import Publication
from partners.models import Organisation
from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

SYNCED = ("projects", "organisations", "components", "indicators", "activities", "events")


def changed(api, since) -> dict[str, set[str]]:
    found = {}
    for resource in SYNCED:
        response = api.get(f"/api/v1/{resource}/", {"modified_since": since.isoformat(), "page_size": 100})
        assert response.status_code == 200, response.content
        key = "slug" if resource in ("projects", "organisations") else "id"
        found[resource] = {str(row[key]) for row in response.json()["results"]}
    return {resource: keys for resource, keys in found.items() if keys}


def withdrawn(api, since) -> dict[tuple[str, str], dict]:
    response = api.get("/api/v1/withdrawals/", {"since": since.isoformat()})
    assert response.status_code == 200, response.content
    return {(row["resource"], row["key"]): row for row in response.json()["results"]}


def test_renaming_an_organisation_changes_every_record_that_names_it(api, registry):
    checkpoint = timezone.now()
    ue = registry["ue"]
    ue.name_ar = "الاتحاد الأوروبي (مراجع)"
    ue.save()
    assert changed(api, checkpoint) == {
        "organisations": {"ue"},
        # Funder of both projects; the launch names it among its organisations.
        "projects": {"thamm", "amem"},
        "events": {str(registry["launch"].pk)},
    }


def test_a_change_no_other_record_shows_changes_that_record_alone(api, registry):
    checkpoint = timezone.now()
    activity = registry["activity"]
    activity.description_fr = "Une description revue."
    activity.save()
    assert changed(api, checkpoint) == {"activities": {str(activity.pk)}}


def test_a_project_published_again_brings_its_children_back(api, registry):
    thamm = registry["thamm"]
    first = timezone.now()
    thamm.publication = Publication.ARCHIVED
    thamm.save()
    gone = withdrawn(api, first)
    assert gone[("activities", str(registry["activity"].pk))]["reason"]["code"] == "parent_withdrawn"

    second = timezone.now()
    thamm.publication = Publication.PUBLISHED
    thamm.save()
    back = changed(api, second)
    assert str(registry["activity"].pk) in back["activities"]
    assert str(registry["axis"].pk) in back["components"]
    assert str(registry["launch"].pk) in back["events"]
    # ...and they are no longer withdrawals for a partner that missed both.
    assert ("activities", str(registry["activity"].pk)) not in withdrawn(api, first)


def test_a_renamed_record_leads_from_every_former_key_to_its_newest(api, registry):
    checkpoint = timezone.now()
    amem = registry["amem"]
    for slug in ("amem-2", "amem-3"):
        amem.slug = slug
        amem.save()
        api.get("/api/v1/projects/")  # a reader in between
    gone = withdrawn(api, checkpoint)
    assert gone[("projects", "amem")]["new_key"] == "amem-3"
    assert gone[("projects", "amem-2")]["new_key"] == "amem-3"
    assert gone[("projects", "amem")]["reason"]["code"] == "renamed"
    assert "amem-3" in changed(api, checkpoint)["projects"]


def test_a_bulk_update_is_a_change_to_what_it_touches_and_to_what_shows_it(api, registry):
    checkpoint = timezone.now()
    Organisation.objects.filter(slug="anapec").update(acronym_fr="ANAPEC (Maroc)")
    found = changed(api, checkpoint)
    assert found["organisations"] == {"anapec"}
    assert found["projects"] == {"thamm"}
    assert found["activities"] == {str(registry["activity"].pk)}


def test_a_record_never_shown_is_never_withdrawn(api, registry):
    checkpoint = timezone.now()
    brief = ProjectFactory(acronym="BRIEF")
    brief.publication = Publication.DRAFT
    brief.save()
    brief.delete()
    assert ("projects", "brief") not in withdrawn(api, checkpoint)


def test_a_record_shown_once_is_withdrawn_even_without_history(api, registry):
    seen = ProjectFactory(acronym="SEEN")
    api.get("/api/v1/projects/")
    checkpoint = timezone.now()
    # A bulk delete of a record whose history was never written.
    seen.history.all().delete()
    Project.objects.filter(pk=seen.pk).delete()
    assert withdrawn(api, checkpoint)[("projects", "seen")]["reason"]["code"] == "deleted"


def test_moving_an_activity_changes_both_components(api, registry):
    second = registry["thamm"].components.create(
        code="2", title_fr="Axe 2", publication=Publication.PUBLISHED
    )
    api.get("/api/v1/components/")
    checkpoint = timezone.now()
    activity = Activity.objects.get(pk=registry["activity"].pk)
    activity.component = second
    activity.save()
    assert changed(api, checkpoint)["components"] == {str(registry["axis"].pk), str(second.pk)}


def test_the_checkpoint_header_starts_the_next_sync(api, registry):
    response = api.get("/api/v1/withdrawals/", {"since": timezone.now().isoformat()})
    checkpoint = response["X-Sync-Checkpoint"]
    assert changed(api, timezone.datetime.fromisoformat(checkpoint)) == {}
    registry["amem"].title_en = "Fair migration, again"
    registry["amem"].save()
    # Its funder and implementer list their projects with their titles.
    assert changed(api, timezone.datetime.fromisoformat(checkpoint)) == {
        "projects": {"amem"},
        "organisations": {"ue", "oit"},
    }


@pytest.mark.parametrize("resource", ["themes", "countries"])
def test_reference_lists_refuse_modified_since_by_name(api, registry, resource):
    response = api.get(f"/api/v1/{resource}/", {"modified_since": "2024-01-01T00:00:00Z"})
    assert response.status_code == 400
    assert list(response.json()) == ["modified_since"]
