"""The OpenAPI schema validates without warnings, documents every
parameter, and the docs pages load nothing from another host."""

import re

import pytest
from django.core.management import call_command

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


def test_the_schema_validates_without_warnings(tmp_path):
    # Raises on any warning or validation error.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yaml"))


@pytest.fixture
def schema(api):
    response = api.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    return response.json()


def parameters(schema, path):
    return {parameter["name"]: parameter for parameter in schema["paths"][path]["get"]["parameters"]}


@pytest.mark.parametrize("name", LISTS)
def test_every_list_documents_its_shared_parameters(schema, name):
    documented = parameters(schema, f"/api/v1/{name}/")
    assert {"lang", "page", "page_size", "pagination", "cursor", "format"} <= set(documented)
    assert documented["lang"]["schema"]["enum"] == ["all", "ar", "en", "fr"]
    assert documented["page_size"]["schema"]["maximum"] == 100
    assert {"400", "404", "429", "304"} <= set(schema["paths"][f"/api/v1/{name}/"]["get"]["responses"])


def test_the_project_filters_are_documented(schema):
    documented = parameters(schema, "/api/v1/projects/")
    for name in (
        "q",
        "status",
        "funder",
        "implementer",
        "partner",
        "country",
        "theme",
        "year",
        "modified_since",
    ):
        assert documented[name].get("description"), name
    assert documented["country"]["schema"]["type"] == "array"
    assert documented["modified_since"]["schema"]["format"] == "date-time"
    assert "-updated" in documented["ordering"]["schema"]["items"]["enum"]


def test_every_field_has_a_type(schema):
    for name, component in schema["components"]["schemas"].items():
        for field, definition in component.get("properties", {}).items():
            assert {"type", "$ref", "oneOf", "allOf"} & set(definition), f"{name}.{field}"


def test_withdrawals_and_stats_document_their_required_parameter(schema):
    assert parameters(schema, "/api/v1/withdrawals/")["since"]["required"] is True
    group_by = parameters(schema, "/api/v1/stats/")["group_by"]
    assert group_by["required"] is True
    assert sorted(group_by["schema"]["enum"]) == ["country", "funder", "status", "theme", "year"]


def other_hosts(html: str) -> set[str]:
    return set(re.findall(r"""(?:src|href)=["']?(?:https?:)?//([^/"'\s>]+)""", html)) - {"testserver"}


@pytest.mark.parametrize("url", ["/api/docs/", "/api/docs/?script", "/api/redoc/"])
def test_the_docs_load_nothing_from_another_host(api, url):
    response = api.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert other_hosts(page) == set()
    assert "googleapis" not in page
    assert "cdn.jsdelivr" not in page
    if url == "/api/docs/?script":
        assert "validatorUrl" in page
    else:
        assert "drf_spectacular_sidecar" in page
