"""A shared Redis cache (CACHE_URL=redis://...) keeps pages and rate limits
for every worker, and its outage never shows as an error: pages are rendered
from the database meanwhile, and kept again once Redis is back."""

import shutil
import socket
import subprocess
import time

import pytest
import redis
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.folder = tmp_path
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        command = [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1",
                   "--save", "", "--appendonly", "no", "--dir", str(self.folder)]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL)
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture
def shared_cache(settings, tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": server.url,
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    yield server
    if server.process.poll() is None:
        server.stop()


def kept_keys(server):
    return redis.Redis(port=server.port).scan_iter()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def project():
    return ProjectFactory(acronym="AMEM", slug="amem", title_fr="Titre initial du projet")


def test_pages_are_kept_in_redis(client, shared_cache, project, django_assert_max_num_queries):
    assert client.get("/fr/projects/").status_code == 200
    assert any(key.startswith(b":1:response:") for key in kept_keys(shared_cache))
    with django_assert_max_num_queries(1):
        assert client.get("/fr/projects/").status_code == 200


def test_redis_down_the_site_renders_from_the_database(client, api_client, shared_cache, project):
    assert client.get("/fr/projects/").status_code == 200
    shared_cache.stop()
    project.title_fr = "Titre revu du projet"
    project.save()
    page = client.get("/fr/projects/")
    assert page.status_code == 200
    assert "Titre revu du projet" in page.content.decode()
    assert api_client.get("/api/v1/projects/amem/").json()["title"] == "Titre revu du projet"
    assert client.get("/fr/projects/amem/").status_code == 200
    shared_cache.start()
    assert "Titre revu du projet" in client.get("/fr/projects/").content.decode()
    assert cache.get("missing") is None  # answers again
    assert any(key.startswith(b":1:response:") for key in kept_keys(shared_cache))


def test_the_anonymous_rate_limit_is_counted_in_redis(api_client, shared_cache, settings, project):
    rates = {"anon": "3/minute", "user": "6/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    statuses = [api_client.get("/api/v1/projects/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    assert any(b"throttle" in key for key in kept_keys(shared_cache))
