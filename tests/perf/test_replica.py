"""Visitors' reads go to a read replica only while it has what the primary
says: an edit shows at once, signed-in users read their own writes, the
change feed is read where it was stamped, and a replica that fails or lags
sends reads to the primary instead of serving an error or an old page.

The replica here is a second connection to the test database: committed
rows are the same on both, and a replica that has not yet replayed an edit
is a connection whose snapshot was taken before it (REPEATABLE READ), which
is what a lagging hot standby shows.
"""

import contextlib
import socket

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from core import replica as failures
from core.replica import PRIMARY, REPLICA
from tests.factories import ProjectFactory

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True, databases=[PRIMARY, REPLICA])]


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module", autouse=True)
def _replica_alias(django_db_setup, django_db_blocker):
    """The alias exists before each test declares the databases it uses."""
    connections.settings[REPLICA] = {
        **connections[PRIMARY].settings_dict,
        "TEST": {**connections[PRIMARY].settings_dict["TEST"], "MIRROR": PRIMARY},
    }
    yield
    connections[REPLICA].close()
    del connections[REPLICA]
    del connections.settings[REPLICA]


@contextlib.contextmanager
def moved_to(port: int):
    replica = connections[REPLICA]
    replica.close()
    kept = replica.settings_dict["PORT"]
    replica.settings_dict["PORT"] = port
    try:
        yield
    finally:
        replica.close()
        replica.settings_dict["PORT"] = kept


@pytest.fixture
def replica(settings):
    settings.DATABASE_ROUTERS = ["core.replica.ReplicaRouter"]
    yield connections[REPLICA]
    # A replica left alone after a failure is asked again in the next test.
    failures._failed_until = 0.0


@pytest.fixture
def project():
    return ProjectFactory(acronym="AMEM", slug="amem", title_fr="Titre initial du projet")


def registry_reads(queries) -> list[str]:
    return [query["sql"] for query in queries if '"projects_project"' in query["sql"]]


def test_a_visitor_reads_the_registry_on_the_replica(client, replica, project):
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(connections[PRIMARY]) as on_primary,
    ):
        page = client.get("/fr/projects/")
    assert page.status_code == 200
    assert "Titre initial du projet" in page.content.decode()
    assert registry_reads(on_replica.captured_queries)
    # On the primary, only the cards to keep under the change feed's stamps,
    # once those are read: a replica behind a stamp would keep the card
    # from before an edit under the key of the card after it.
    primary = on_primary.captured_queries
    stamps_read = next(index for index, query in enumerate(primary) if "core_feedentry" in query["sql"])
    assert not registry_reads(primary[:stamps_read])


def test_an_edit_shows_at_once_while_the_replica_lags(client, replica, project):
    # The replica's snapshot is taken before the edit: it has not replayed it.
    replica.set_autocommit(False)
    try:
        with replica.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            cursor.execute("SELECT count(*) FROM projects_project")
        project.title_fr = "Titre revu du projet"
        project.save()
        with CaptureQueriesContext(replica) as on_replica:
            page = client.get("/fr/projects/amem/").content.decode()
        assert "Titre revu du projet" in page
        assert "Titre initial du projet" not in page
        # Only the replica's revision was asked, and found behind.
        assert not registry_reads(on_replica.captured_queries)
    finally:
        replica.rollback()
        replica.set_autocommit(True)
    # Replayed: visitors read the replica again.
    with CaptureQueriesContext(replica) as on_replica:
        assert "Titre revu du projet" in client.get("/fr/projects/").content.decode()
    assert registry_reads(on_replica.captured_queries)


def test_a_signed_in_user_reads_the_primary(client, replica, project, admin_user):
    client.force_login(admin_user)
    with CaptureQueriesContext(replica) as on_replica:
        assert client.get("/fr/projects/amem/").status_code == 200
        assert client.get(f"/admin/projects/project/{project.pk}/change/").status_code == 200
    assert on_replica.captured_queries == []


def test_the_change_feed_is_read_on_the_primary(client, replica, project):
    with CaptureQueriesContext(replica) as on_replica:
        answer = client.get("/api/v1/projects/?modified_since=2000-01-01T00:00:00Z")
    assert answer.status_code == 200
    assert [row["slug"] for row in answer.json()["results"]] == ["amem"]
    assert not registry_reads(on_replica.captured_queries)


def test_an_unreachable_replica_leaves_reads_to_the_primary(client, replica, project):
    with moved_to(closed_port()):
        page = client.get("/fr/projects/amem/")
        assert page.status_code == 200
        assert "Titre initial du projet" in page.content.decode()
        # The balancer keeps the server: it serves from the primary.
        health = client.get("/health/")
        assert health.status_code == 200
        assert health.json() == {"status": "degraded", "databases": ["replica"]}


def test_a_replica_that_fails_during_a_request_costs_the_visitor_nothing(client, replica, project):
    def stop_the_replica_under_the_page(execute, sql, params, many, context):
        # The replica's server ends this connection as a read of the
        # registry begins, as when the replica is shut down mid-request.
        if '"projects_project"' in sql:
            with connections[PRIMARY].cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(%s)", [replica.connection.info.backend_pid])
        return execute(sql, params, many, context)

    with replica.execute_wrapper(stop_the_replica_under_the_page):
        page = client.get("/fr/projects/amem/")
        assert page.status_code == 200
        assert "Titre initial du projet" in page.content.decode()
        # Left alone for a while: the next request does not try it.
        with CaptureQueriesContext(replica) as on_replica:
            assert client.get("/en/projects/amem/").status_code == 200
        assert on_replica.captured_queries == []
