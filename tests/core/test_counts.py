"""A list's count is kept until the registry changes (core/counts.py): a
second request does not count again, and a publication, a withdrawal or a
new record shows in the next count."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from core.publication import Publication
from tests.factories import ProjectFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_answers_not_kept")]

URLS = ("/fr/projects/?status=implementation", "/api/v1/projects/?status=implementation")


@pytest.fixture
def projects():
    return [ProjectFactory(acronym=f"P{number}", status="implementation") for number in range(3)]


def count_of(client, url) -> int:
    response = client.get(url)
    assert response.status_code == 200
    if url.startswith("/api/"):
        return response.json()["count"]
    return int(response.content.decode().split('data-count="')[1].split('"')[0])


def counted(client, url) -> bool:
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    return any("COUNT(" in query["sql"] for query in queries.captured_queries)


@pytest.mark.parametrize("url", URLS)
def test_a_count_is_kept_until_the_registry_changes(projects, url):
    client = APIClient()
    assert count_of(client, url) == 3
    assert not counted(client, url)
    ProjectFactory(acronym="NEW", status="implementation")
    assert count_of(client, url) == 4
    projects[0].publication = Publication.ARCHIVED
    projects[0].save()
    assert count_of(client, url) == 3
    # Another query, another count.
    assert count_of(client, url.replace("implementation", "closed")) == 0


@pytest.mark.parametrize("url", URLS)
def test_staff_get_every_count_afresh(projects, url, admin_user):
    client = APIClient()
    client.force_login(admin_user)
    client.get(url)
    assert counted(client, url)


def test_the_count_is_off_with_the_fragments(projects, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    client = APIClient()
    client.get(URLS[1])
    assert counted(client, URLS[1])
