"""Every error under /api/ is JSON, in the language asked for: an unknown
address, the IATI files' refusals, a method they do not take."""

import pytest

from tests.factories import CountryFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def json_error(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    return response.json()


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/nothing/",
        "/api/v2/",
        "/api/v1/iati/other.xml",
        "/api/v1/projects/x/y/z/",
        # A line break and a dot in a key: neither a record's key nor a file.
        "/api/v1/indicators/n%0A%C2%95E.%C3%BC/",
    ],
)
def test_an_unknown_address_is_a_json_404(client, path):
    assert list(json_error(client.get(path), 404)) == ["detail"]


def test_the_404_speaks_the_language_asked_for(client):
    french = json_error(client.get("/api/v1/nothing/", HTTP_ACCEPT_LANGUAGE="fr"), 404)["detail"]
    arabic = json_error(client.get("/api/v1/nothing/?lang=ar"), 404)["detail"]
    assert french != arabic
    assert any("\u0600" <= letter <= "\u06ff" for letter in arabic)


def test_an_address_without_its_final_slash_is_sent_to_the_one_with_it(client):
    response = client.get("/api/v1/nothing")
    assert response.status_code == 301
    assert response["Location"].endswith("/api/v1/nothing/")


@pytest.mark.parametrize("method", ["post", "put", "delete"])
@pytest.mark.parametrize("path", ["/api/v1/iati/activities.xml", "/api/v1/projects/thamm/iati.xml"])
def test_the_iati_files_refuse_other_methods_with_a_json_405(client, method, path):
    response = getattr(client, method)(path)
    assert "detail" in json_error(response, 405)
    assert response["Allow"] == "GET, HEAD"


def test_an_unknown_project_has_no_iati_file(client):
    assert "detail" in json_error(client.get("/api/v1/projects/nobody/iati.xml"), 404)


def test_a_selection_with_no_project_is_a_json_404(client):
    CountryFactory(code="EG")
    assert "detail" in json_error(client.get("/api/v1/iati/activities.xml?country=EG"), 404)


def test_a_project_left_out_of_iati_says_why(client):
    ProjectFactory(acronym="BARE", summary_fr="", summary_ar="", start_date=None, end_date=None)
    errors = json_error(client.get("/api/v1/projects/bare/iati.xml"), 404)
    assert errors["left_out"][0].startswith("bare: ")


@pytest.mark.parametrize("query", ["country=ZZ", "status=nope", "country=%00"])
def test_a_bad_filter_on_the_iati_file_is_a_json_400_naming_it(client, query):
    name = query.split("=")[0]
    assert list(json_error(client.get(f"/api/v1/iati/activities.xml?{query}"), 400)) == [name]
