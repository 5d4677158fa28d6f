"""A cursor is the list's own: anything else given as `cursor` is a 400
naming it, never a 500, whatever it decodes to."""

import base64
import json

import pytest
from django.core import signing

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

LISTS = [
    "projects",
    "organisations",
    "countries",
    "themes",
    "components",
    "activities",
    "events",
    "indicators",
]


def crafted(values) -> str:
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode()


@pytest.mark.parametrize("name", LISTS)
@pytest.mark.parametrize(
    "cursor",
    [
        crafted([None, None]),  # W251bGwsIG51bGxd
        crafted(["9999-12-31T23:59:59.999999-05:00", 1]),
        crafted(["2020-01-01T00:00:00+22:06", 1]),
        crafted(["not a date", 1]),
        crafted([]),
        "garbage",
        "%00",
        # Signed, but for a list ordered by other keys.
        signing.dumps(["x"], salt="cursor:slug"),
    ],
)
def test_a_cursor_not_handed_out_by_the_list_is_a_400_naming_it(client, name, cursor):
    response = client.get(f"/api/v1/{name}/?pagination=cursor&cursor={cursor}")
    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]


def test_a_walk_follows_its_own_cursors_to_the_end(client):
    for number in range(5):
        ProjectFactory(acronym=f"P{number}")
    seen, url = [], "/api/v1/projects/?pagination=cursor&page_size=2"
    while url:
        page = client.get(url).json()
        seen += [row["acronym"] for row in page["results"]]
        url = page["next"]
    assert sorted(seen) == [f"P{number}" for number in range(5)]
    assert len(seen) == len(set(seen))


def test_a_cursor_with_one_character_changed_is_refused(client):
    for number in range(3):
        ProjectFactory(acronym=f"P{number}")
    next_link = client.get("/api/v1/projects/?pagination=cursor&page_size=1").json()["next"]
    cursor = next_link.split("cursor=")[1].split("&")[0]
    tampered = cursor[:-1] + ("A" if cursor[-1] != "A" else "B")
    response = client.get(f"/api/v1/projects/?pagination=cursor&page_size=1&cursor={tampered}")
    assert response.status_code == 400
    assert list(response.json()) == ["cursor"]
