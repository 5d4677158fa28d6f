"""A date and time in the query string means the same on a page as in the
API: one PostgreSQL cannot take, or one that leaves the calendar once in UTC,
is an error naming the filter, in the page's language."""

import pytest

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

# Valid ISO 8601 moments that leave the calendar once turned to UTC.
OUT_OF_RANGE = ["0001-01-01T00:00:00%2B05:00", "9999-12-31T23:59:59-05:00"]


@pytest.mark.parametrize("moment", OUT_OF_RANGE)
@pytest.mark.parametrize(
    ("language", "message"),
    [("fr", "Cette date et heure est hors limites."), ("en", "This date and time is out of range.")],
)
def test_an_out_of_range_moment_is_named_on_the_page(client, moment, language, message):
    ProjectFactory()
    response = client.get(f"/{language}/projects/?modified_since={moment}")
    assert response.status_code == 400
    content = response.content.decode()
    assert 'class="error-summary" role="alert"' in content
    assert message in content
    assert "data-count=" not in content


@pytest.mark.parametrize("moment", OUT_OF_RANGE)
def test_the_api_names_the_same_parameter(client, moment):
    response = client.get(f"/api/v1/projects/?modified_since={moment}")
    assert response.status_code == 400
    assert "modified_since" in response.json()


def test_a_moment_in_range_with_an_offset_filters(client):
    # +22:06 is past what PostgreSQL takes as an offset, not past the calendar.
    ProjectFactory(acronym="SEEN")
    listed = client.get("/fr/projects/?modified_since=1656-05-06T20:06:49%2B22:06")
    assert listed.status_code == 200
    assert "SEEN" in listed.content.decode()
    later = client.get("/api/v1/projects/?modified_since=2999-01-01T00:00:00%2B14:00")
    assert later.json()["count"] == 0
