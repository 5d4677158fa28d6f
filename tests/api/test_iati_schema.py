"""The IATI files are in the API's OpenAPI schema, with the project list's
filters and the answers they give."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema(client):
    return client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()


def test_the_whole_file_takes_the_project_lists_filters(schema):
    operation = schema["paths"]["/api/v1/iati/activities.xml"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    listed = {parameter["name"] for parameter in schema["paths"]["/api/v1/projects/"]["get"]["parameters"]}
    assert {"q", "status", "funder", "country", "theme", "year"} <= names <= listed
    assert not names & {"page", "page_size", "cursor", "pagination"}
    assert "application/xml" in operation["responses"]["200"]["content"]
    assert set(operation["responses"]) >= {"200", "304", "400", "404", "429"}


def test_a_projects_file_is_found_by_slug(schema):
    operation = schema["paths"]["/api/v1/projects/{slug}/iati.xml"]["get"]
    assert [parameter["name"] for parameter in operation["parameters"]] == ["slug"]
    assert "application/xml" in operation["responses"]["200"]["content"]
