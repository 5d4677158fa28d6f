"""JSON by default, the browsable API, and CSV for lists (UTF-8 with BOM,
Arabic intact, labels beside codes)."""

import csv
import io

import pytest

pytestmark = pytest.mark.django_db

BOM = "\ufeff".encode()


def table(response):
    assert response.status_code == 200, response.content
    assert response.content.startswith(BOM)
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_json_is_the_default(api, registry):
    response = api.get("/api/v1/projects/")
    assert response["Content-Type"] == "application/json"


def test_csv_with_format_keeps_arabic_and_puts_labels_beside_codes(api, registry):
    response = api.get("/api/v1/projects/", {"format": "csv", "lang": "ar"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="projects.csv"'
    rows = {row["slug"]: row for row in table(response)}
    thamm = rows["thamm"]
    assert thamm["title"] == "حكامة هجرة اليد العاملة"
    assert thamm["status.code"] == "implementation"
    assert thamm["status.label"]
    assert thamm["funders.slug"] == "ue"
    assert thamm["funders.name"] == "الاتحاد الأوروبي"
    assert sorted(thamm["countries"].split("; ")) == ["LY", "MA", "TN"]
    assert thamm["url"] == "http://testserver/api/v1/projects/thamm/"


def test_csv_by_accept_header(api, registry):
    response = api.get("/api/v1/organisations/", HTTP_ACCEPT="text/csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert {row["slug"] for row in table(response)} == {"anapec", "oit", "ue"}
    assert "Accept" in response["Vary"]


def test_csv_columns_do_not_depend_on_the_rows(api, registry):
    full = table(api.get("/api/v1/projects/", {"format": "csv"}))
    empty = api.get("/api/v1/projects/", {"format": "csv", "status": "cancelled"})
    assert empty.content.decode("utf-8-sig").splitlines() == [",".join(full[0])]


def test_csv_with_every_language_has_a_column_per_language(api, registry):
    rows = table(api.get("/api/v1/countries/", {"format": "csv", "lang": "all"}))
    morocco = next(row for row in rows if row["code"] == "MA")
    assert (morocco["name.fr"], morocco["name.ar"], morocco["name.en"]) == ("Maroc", "المغرب", "Morocco")


@pytest.mark.parametrize(
    "url", ["components", "activities", "events", "indicators", "themes", "organisations", "countries"]
)
def test_every_list_comes_as_csv(api, registry, url):
    assert table(api.get(f"/api/v1/{url}/", {"format": "csv"}))


def test_a_detail_has_no_csv(api, registry):
    response = api.get("/api/v1/projects/thamm/", {"format": "csv"})
    assert response.status_code == 404
    assert list(response.json()) == ["format"]


def test_the_browsable_api_renders(api, registry):
    response = api.get("/api/v1/projects/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert "THAMM" in response.content.decode()
