"""Conditional requests: ETag and Last-Modified, 304, and an ETag that varies
with the language and the query string."""

import time

import pytest
from django.utils.http import http_date

pytestmark = pytest.mark.django_db

URLS = [
    "/api/v1/projects/",
    "/api/v1/projects/thamm/",
    "/api/v1/countries/",
    "/api/v1/stats/?group_by=status",
]


@pytest.mark.parametrize("url", URLS)
def test_a_list_or_detail_carries_validators_and_answers_304(api, registry, url):
    first = api.get(url)
    assert first.status_code == 200
    assert first["ETag"].startswith('"')
    assert first["Last-Modified"]
    again = api.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == first["ETag"]
    since = api.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_another_language_has_another_etag(api, registry):
    french = api.get("/api/v1/projects/", {"lang": "fr"})
    arabic = api.get("/api/v1/projects/", {"lang": "ar"})
    assert french["ETag"] != arabic["ETag"]
    # The French copy does not validate the Arabic response.
    assert api.get("/api/v1/projects/", {"lang": "ar"}, HTTP_IF_NONE_MATCH=french["ETag"]).status_code == 200


def test_the_accept_language_header_changes_the_etag_too(api, registry):
    french = api.get("/api/v1/projects/", HTTP_ACCEPT_LANGUAGE="fr")
    arabic = api.get("/api/v1/projects/", HTTP_ACCEPT_LANGUAGE="ar", HTTP_IF_NONE_MATCH=french["ETag"])
    assert arabic.status_code == 200
    assert arabic["ETag"] != french["ETag"]
    assert set(arabic["Vary"].replace(" ", "").split(",")) >= {"Accept", "Accept-Language"}


def test_the_query_string_is_part_of_the_etag(api, registry):
    everything = api.get("/api/v1/projects/")
    one_page = api.get("/api/v1/projects/", {"page_size": 1})
    csv = api.get("/api/v1/projects/", {"format": "csv"})
    assert len({everything["ETag"], one_page["ETag"], csv["ETag"]}) == 3


def test_a_change_gives_a_new_etag_and_a_full_response(api, registry):
    first = api.get("/api/v1/projects/thamm/")
    thamm = registry["thamm"]
    thamm.title_fr = "Nouveau titre"
    thamm.save()
    again = api.get("/api/v1/projects/thamm/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 200
    assert again.json()["title"] == "Nouveau titre"


def test_a_withdrawal_moves_last_modified_on(api, registry):
    first = api.get("/api/v1/projects/")
    time.sleep(1.1)  # HTTP dates count whole seconds.
    registry["amem"].delete()
    again = api.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert again.status_code == 200
    assert again["Last-Modified"] != first["Last-Modified"]


def test_an_old_if_modified_since_gets_the_body(api, registry):
    response = api.get("/api/v1/projects/", HTTP_IF_MODIFIED_SINCE=http_date(0))
    assert response.status_code == 200
    assert sorted(row["slug"] for row in response.json()["results"]) == ["amem", "thamm"]
    assert response.json() == api.get("/api/v1/projects/").json()


def test_errors_are_not_tagged(api, registry):
    response = api.get("/api/v1/projects/", {"status": "nope"})
    assert response.status_code == 400
    assert "ETag" not in response


def test_head_answers_with_the_same_validators(api, registry):
    full = api.get("/api/v1/projects/thamm/")
    head = api.head("/api/v1/projects/thamm/")
    assert head.status_code == 200
    assert head["ETag"] == full["ETag"]
    assert head["Last-Modified"] == full["Last-Modified"]
