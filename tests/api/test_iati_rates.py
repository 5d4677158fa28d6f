"""The IATI files cost more than any other answer: anonymous readers meet
the API's rate there too, counted with the rest of their requests."""

import pytest

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def low_rates(settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "3/minute", "user": "6/minute"},
    }


@pytest.mark.parametrize("path", ["/api/v1/iati/activities.xml?x={n}", "/api/v1/projects/p/iati.xml?n={n}"])
def test_past_the_rate_an_iati_file_is_a_json_429_with_retry_after(client, low_rates, path):
    ProjectFactory(acronym="P")
    # Every query string counts, the kept copy's or not.
    statuses = [client.get(path.format(n=number)).status_code for number in range(3)]
    assert 429 not in statuses
    refused = client.get(path.format(n=99))
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) > 0
    assert "detail" in refused.json()


def test_the_iati_file_and_the_api_share_one_count(client, low_rates):
    ProjectFactory(acronym="P")
    for _request in range(2):
        assert client.get("/api/v1/countries/").status_code == 200
    client.get("/api/v1/iati/activities.xml")
    assert client.get("/api/v1/countries/").status_code == 429
