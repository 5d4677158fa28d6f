"""No database connection outlives the request that opened it in the test
suite, or the PostgreSQL test database could not be dropped at the end."""

import http.client
import time
from urllib.parse import urlsplit

import pytest
from django.db import connection


def other_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgresql
def test_a_kept_alive_client_does_not_keep_a_database_session(live_server):
    address = urlsplit(live_server.url)
    client = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
    try:
        client.request("GET", "/health/")
        response = client.getresponse()
        response.read()
        assert response.status == 200
        # The client keeps its connection open, as a browser does: the
        # server's thread for it lives on, and must have let its session go.
        deadline = time.monotonic() + 5
        while other_sessions() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert other_sessions() == 0
    finally:
        client.close()
