"""Production serving: gunicorn with gunicorn.conf.py, hashed and compressed
static files after `collectstatic`, JSON access logs, a graceful stop."""

import gzip
import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).with_name("gunicorn")
MANIFEST_STORAGE = "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"


def production_env(tmp_path, **extra) -> dict:
    env = dict(os.environ)
    env.pop("DEBUG", None)
    env.update(
        SECRET_KEY="insecure-key-for-the-test-suite-only",
        # /health/ only asks the database for SELECT 1: an empty SQLite file does.
        DATABASE_URL=f"sqlite:///{tmp_path / 'health.sqlite3'}",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        STATIC_MANIFEST="true",
        STATIC_ROOT=str(tmp_path / "static"),
        **extra,
    )
    return env


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    """`collectstatic` into a temporary STATIC_ROOT, as a deployment does."""
    tmp_path = tmp_path_factory.mktemp("serving")
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=ROOT,
        env=production_env(tmp_path),
        check=True,
        timeout=300,
    )
    return tmp_path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(port, path, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response, response.read()
    finally:
        connection.close()


def start_gunicorn(collected, log_name):
    port = free_port()
    log = (collected / log_name).open("w+")
    process = subprocess.Popen(
        [str(GUNICORN), "--config", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}", "--workers", "1",
         "cooperation.wsgi"],
        cwd=ROOT, env=production_env(collected), stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            get(port, "/health/")
            break
        except OSError:
            time.sleep(0.2)
    return {"port": port, "process": process, "log": log, "static": collected / "static"}


def stop(server):
    if server["process"].poll() is None:
        server["process"].kill()
        server["process"].wait()
    server["log"].close()


@pytest.fixture(scope="module")
def server(collected):
    server = start_gunicorn(collected, "gunicorn.log")
    yield server
    stop(server)


def test_gunicorn_serves_health_and_logs_each_request_as_json(server):
    response, body = get(server["port"], "/health/", **{"User-Agent": 'probe "1"'})
    assert response.status == 200
    assert json.loads(body) == {"status": "ok"}
    time.sleep(0.5)
    server["log"].seek(0)
    entries = [json.loads(line) for line in server["log"] if line.startswith("{")]
    access = [entry for entry in entries if entry.get("path") == "/health/"]
    assert access, entries
    assert access[-1]["status"] == 200
    assert access[-1]["user_agent"] == 'probe "1"'
    assert access[-1]["duration_ms"] >= 0


def test_hashed_static_files_are_served_compressed_and_cached_for_ever(server):
    manifest = json.loads((server["static"] / "staticfiles.json").read_text())["paths"]
    name = next(name for name in manifest if name.startswith("css/") and name.endswith(".css"))
    hashed = manifest[name]
    assert re.search(r"\.[0-9a-f]{12}\.css$", hashed)
    response, body = get(server["port"], f"/static/{hashed}", **{"Accept-Encoding": "gzip"})
    assert response.status == 200
    assert response.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body) == (server["static"] / hashed).read_bytes()
    cache = response.getheader("Cache-Control")
    assert "immutable" in cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 24 * 3600


def test_gunicorn_stops_gracefully_on_sigterm(collected):
    server = start_gunicorn(collected, "stopping.log")
    try:
        assert get(server["port"], "/health/")[0].status == 200
        server["process"].send_signal(signal.SIGTERM)
        assert server["process"].wait(timeout=40) == 0
    finally:
        stop(server)


@pytest.mark.django_db
def test_pages_link_the_hashed_static_files(client, collected):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": MANIFEST_STORAGE},
    }
    with override_settings(STORAGES=storages, STATIC_ROOT=collected / "static"):
        response = client.get("/fr/")
    assert response.status_code == 200
    assert re.search(r'/static/css/[^"]+\.[0-9a-f]{12}\.css"', response.content.decode())
