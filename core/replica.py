"""Reads from a PostgreSQL streaming replica, when one is configured
(`DATABASE_REPLICA_URL`), without ever serving what the primary no longer says.

Writes, and every read outside a request (commands, migrations, tests), go
to the primary (`default`). In a request, the registry's tables are read from
the replica only when all of these hold:

- the request is a safe one from a visitor or an API client: a signed-in
  user (an editor after a save, the admin) reads the primary, so that she
  reads her own writes;
- the replica has replayed the registry's revision that the request read on
  the primary (core/response_cache.py reads it before any data). Every edit
  moves the revision on in its own transaction and a replica applies
  transactions whole, so a replica that has the revision has the edit: a page
  rendered after an edit never shows the state before it, however far the
  replica lags (it then reads the primary);
- nothing in the request reads the change feed (core/feed.py stamps it on
  the primary from a GET: a `modified_since` filter must read those stamps),
  and the read is not part of a transaction on the primary;
- the replica answered lately. A replica that fails is left alone for
  `REPLICA_RETRY_SECONDS`, and a read request that failed on it is served
  again from the primary (ReplicaMiddleware), so stopping the replica costs
  no visitor an error.

Everything else (sessions, users, the revision itself, the feed, history,
pending changes) lives on the primary only.
"""

import contextvars
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.http import HttpResponse
from simple_history.models import HistoricalChanges

from core.models import REGISTRY_APPS, RegistryRevision
from core.response_cache import registry_revision

logger = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"


@dataclass
class Reads:
    request: object
    allowed: bool
    current: bool | None = None  # has the replica this request's revision?
    used: bool = False


_reads: contextvars.ContextVar[Reads | None] = contextvars.ContextVar("replica_reads", default=None)
_failed_until = 0.0


def configured() -> bool:
    return REPLICA in settings.DATABASES


def read_primary() -> None:
    """From now on this request reads the primary (the change feed's readers)."""
    reads = _reads.get()
    if reads is not None:
        reads.allowed = False


def replica_failed() -> None:
    global _failed_until
    _failed_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
    connections[REPLICA].close_if_unusable_or_obsolete()


def _replica_is_current(reads: Reads) -> bool:
    """One query on the replica: its revision against the primary's."""
    if time.monotonic() < _failed_until:
        return False
    wanted = registry_revision(reads.request).number
    try:
        replayed = RegistryRevision.objects.using(REPLICA).values_list("number", flat=True).first()
    except DatabaseError as error:
        logger.warning("Replica unavailable, reading the primary: %s", str(error).strip())
        replica_failed()
        return False
    return (replayed or 0) >= wanted


def _on_replica(model) -> bool:
    """The registry's tables (not their history, read by staff only)."""
    return model._meta.app_label in REGISTRY_APPS and not issubclass(model, HistoricalChanges)


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        reads = _reads.get()
        if reads is None or not reads.allowed or not _on_replica(model):
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            # Reads that decide a write (the change feed's stamps) read the
            # rows they write beside.
            return PRIMARY
        instance = hints.get("instance")
        if instance is not None and instance._state.db == PRIMARY:
            # A related object of one read on the primary: the same database.
            return PRIMARY
        if reads.current is None:
            reads.current = _replica_is_current(reads)
        if not reads.current:
            return PRIMARY
        reads.used = True
        return REPLICA

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the same rows on both

    def allow_migrate(self, db, app_label, **hints):
        return db == PRIMARY


class ReplicaMiddleware:
    """Decides per request whether its registry reads may go to the replica,
    and serves a read again from the primary when the replica failed under it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not configured():
            return self.get_response(request)
        allowed = request.method in ("GET", "HEAD") and not request.user.is_authenticated
        token = _reads.set(Reads(request, allowed))
        try:
            response = self.get_response(request)
            if getattr(request, "_replica_failed", False):
                _reads.set(Reads(request, allowed=False))
                response = self.get_response(request)
            return response
        finally:
            _reads.reset(token)

    def process_exception(self, request, exception):
        reads = _reads.get()
        if (
            reads is not None
            and reads.used
            and isinstance(exception, OperationalError | InterfaceError)
            and not getattr(request, "_replica_failed", False)
        ):
            logger.warning("Replica failed during a request, serving it from the primary: %s", exception)
            replica_failed()
            request._replica_failed = True
            # A placeholder: __call__ serves the request again on the primary.
            return HttpResponse(status=503)
        return None
