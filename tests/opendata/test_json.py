"""The JSON downloads: the licence, the columns and the rows, streamed."""

import json

from django.http import StreamingHttpResponse

from tests.opendata.conftest import streamed

URL = "/fr/data/{}.json"


def test_json_carries_licence_fields_and_rows(client, registry, settings):
    response = client.get(URL.format("projects"))
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "application/json"
    data = json.loads(streamed(response))
    assert data["resource"] == "projects"
    assert data["licence"]["name"] == settings.DATA_LICENCE["name"]
    assert set(data["licence"]["summary"]) == {"fr", "ar"}
    names = [field["name"] for field in data["fields"]]
    assert all({"label_fr", "label_ar", "description"} <= set(field) for field in data["fields"])
    assert all(list(row) == names for row in data["rows"])


def test_json_values_keep_their_types(client, registry):
    data = json.loads(streamed(client.get(URL.format("projects"))))
    thamm = next(row for row in data["rows"] if row["slug"] == "thamm")
    assert thamm["countries"] == ["MA", "TN", "LY"]
    assert thamm["countries_ar"] == ["المغرب", "تونس", "ليبيا"]
    assert thamm["budget"] == 25_000_000
    assert thamm["duration_months"] is None
    assert thamm["start_date"] == "2019-11-01"
    assert thamm["title_ar"] == "نحو مقاربة شاملة لحكامة هجرة اليد العاملة"


def test_json_of_an_empty_selection_is_still_valid(client, db):
    data = json.loads(streamed(client.get(URL.format("events"))))
    assert data["rows"] == []


def test_json_decimals_with_cents(client, registry):
    data = json.loads(streamed(client.get(URL.format("indicators"))))
    targets = sorted(row["target"] for row in data["rows"] if row["target"] is not None)
    assert 60.5 in targets
