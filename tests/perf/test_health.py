"""/health/: 200 while the database answers, 503 when it does not."""

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Asks /health/ through Django's test client in a fresh process, so that the
# process's only database is the one in DATABASE_URL.
PROBE = """
import json, django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
response = Client().get("/health/")
print(json.dumps({"status": response.status_code, "body": response.json()}))
"""


def closed_port() -> int:
    """A local port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.django_db
def test_health_is_ok_while_the_database_answers(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_head_and_refuses_writes(client):
    assert client.head("/health/").status_code == 200
    assert client.post("/health/").status_code == 405


def test_health_is_503_when_the_database_is_unreachable():
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"postgres://registry:registry@127.0.0.1:{closed_port()}/registry",
        DJANGO_SETTINGS_MODULE="cooperation.settings",
        SECRET_KEY="insecure-key-for-the-test-suite-only",
        SECURE_SSL_REDIRECT="false",
        STATIC_MANIFEST="false",
        LOG_LEVEL="ERROR",
    )
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert probe.returncode == 0, probe.stderr
    answer = json.loads(probe.stdout.strip().splitlines()[-1])
    assert answer == {"status": 503, "body": {"status": "unavailable", "databases": ["default"]}}


@pytest.mark.django_db
def test_health_answers_plain_http_probes_where_pages_redirect_to_https(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/health/").status_code == 200
    assert client.get("/fr/").status_code == 301
