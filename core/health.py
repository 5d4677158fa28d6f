"""`/health/`: can this app server serve requests? For load balancers and monitors.

200 `{"status": "ok"}` when every configured database answers a trivial
query, 503 `{"status": "unavailable", "databases": [...]}` naming the aliases
that did not. A read replica that does not answer leaves the server in the
pool, `{"status": "degraded", "databases": ["replica"]}`: its reads go to the
primary meanwhile (core/replica.py). It sits outside the language prefix, is never cached, and
touches neither the session nor the registry's tables, so a probe every few
seconds costs one `SELECT 1` per database.
"""

import logging

from django.db import DatabaseError, connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from core.replica import REPLICA

logger = logging.getLogger(__name__)


@never_cache
@require_safe
def health(request):
    failing = []
    for alias in connections:
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
        except DatabaseError as error:
            # A warning without traceback: a load balancer probes every few
            # seconds while the database is down.
            logger.warning("Health check: database %r unavailable: %s", alias, str(error).strip())
            failing.append(alias)
    if failing == [REPLICA]:
        return JsonResponse({"status": "degraded", "databases": failing})
    if failing:
        return JsonResponse({"status": "unavailable", "databases": failing}, status=503)
    return JsonResponse({"status": "ok"})
