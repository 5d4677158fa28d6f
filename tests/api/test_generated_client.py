"""A partner generates its client from `/api/schema/` with a maintained
generator (openapi-python-client) and calls every operation through it,
over real HTTP: none may be dropped for a schema the generator cannot read
(two filters' enums under one name once dropped the activity list)."""

import datetime
import importlib
import pkgutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
    ThemeFactory,
)

GENERATOR = Path(sys.executable).with_name("openapi-python-client")


@pytest.fixture
def records(transactional_db):
    morocco = CountryFactory(code="MA")
    theme = ThemeFactory(slug="labour-migration")
    project = ProjectFactory(acronym="THAMM")
    project.themes.add(theme)
    ProjectCountryFactory(project=project, country=morocco)
    funder = OrganisationFactory(slug="ue")
    ParticipationFactory(project=project, organisation=funder, role="funder")
    component = ComponentFactory(project=project, code="OS 1")
    activity = ActivityFactory(project=project, component=component, country=morocco)
    event = EventFactory(project=project)
    indicator = IndicatorFactory(project=project)
    return {
        "v1_projects_retrieve": {"slug": "thamm"},
        "v1_organisations_retrieve": {"slug": "ue"},
        "v1_themes_retrieve": {"slug": "labour-migration"},
        "v1_countries_retrieve": {"code": "MA"},
        "v1_components_retrieve": {"id": str(component.pk)},
        "v1_activities_retrieve": {"id": str(activity.pk)},
        "v1_events_retrieve": {"id": str(event.pk)},
        "v1_indicators_retrieve": {"id": str(indicator.pk)},
        "iati_project": {"slug": "thamm"},
        "v1_withdrawals_list": {"since": datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC)},
    }


@pytest.fixture
def generated_client(live_server, tmp_path):
    schema = tmp_path / "schema.json"
    request = urllib.request.Request(
        f"{live_server.url}/api/schema/", headers={"Accept": "application/vnd.oai.openapi+json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        schema.write_bytes(response.read())
    config = tmp_path / "config.yaml"
    config.write_text("post_hooks: []\npackage_name_override: registry_client\n")
    generated = subprocess.run(
        [str(GENERATOR), "generate", "--path", str(schema), "--config", str(config), "--meta", "none",
         "--output-path", str(tmp_path / "registry_client")],
        capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "will not be generated" not in generated.stdout, generated.stdout
    assert "conflicting" not in generated.stdout, generated.stdout
    sys.path.insert(0, str(tmp_path))
    try:
        yield importlib.import_module("registry_client"), generated.stdout
    finally:
        sys.path.remove(str(tmp_path))
        for name in [name for name in sys.modules if name.startswith("registry_client")]:
            del sys.modules[name]


def operations(package):
    api = importlib.import_module(f"{package.__name__}.api")
    for group in pkgutil.iter_modules(api.__path__):
        tag = importlib.import_module(f"{api.__name__}.{group.name}")
        for module in pkgutil.iter_modules(tag.__path__):
            yield importlib.import_module(f"{tag.__name__}.{module.name}")


def test_every_operation_is_generated_and_answers_through_the_client(live_server, records, generated_client):
    package, _output = generated_client
    client = package.Client(base_url=live_server.url, raise_on_unexpected_status=False)
    called = {}
    for module in operations(package):
        name = module.__name__.rsplit(".", 1)[-1]
        arguments = dict(records.get(name, {}))
        if name == "v1_stats_list":
            group_by = importlib.import_module(f"{package.__name__}.models.v1_stats_list_group_by")
            arguments["group_by"] = group_by.V1StatsListGroupBy("funder")
        response = module.sync_detailed(client=client, **arguments)
        called[name] = response.status_code
        assert response.status_code == 200, (name, response.content[:300])
        if not name.startswith("iati_"):
            assert response.parsed is not None, name
    lists = {name for name in called if name.endswith("_list")}
    assert {"v1_projects_list", "v1_activities_list", "v1_organisations_list", "v1_events_list"} <= lists
    assert {"iati_activities", "iati_project"} <= set(called)
    assert len(called) == 20
