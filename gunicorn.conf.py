"""Gunicorn settings for serving the portal in production.

    gunicorn cooperation.wsgi          # reads this file from the working directory

Every value can be changed from the environment (below) or the command line
(`--workers 3`, which wins over this file). See README.md, "Production", and
docs/performance.md for the measurements behind the defaults.
"""

import gc
import multiprocessing
import os
import sys
from pathlib import Path

from gunicorn import glogging

sys.path.insert(0, str(Path(__file__).resolve().parent))

from core.logs import JsonLinesFormatter


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name) or default)


# Behind a reverse proxy on the same host; in a container, GUNICORN_BIND=0.0.0.0:8000.
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")

# Sync workers: each serves one request at a time, and a page spends most of
# its time in Python (templates, serializers), not waiting on PostgreSQL.
# 2 × cores + 1 keeps every core busy while some workers wait on the database
# or on a slow client. Each worker keeps one PostgreSQL connection open
# (CONN_MAX_AGE), so size PostgreSQL's max_connections for all app servers.
workers = env_int("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1)
# GUNICORN_THREADS > 1 switches to the gthread worker (one connection per thread).
threads = env_int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"

# The whole-registry exports stream for a few seconds (docs/performance.md);
# a worker silent for longer than this is killed and replaced.
timeout = env_int("GUNICORN_TIMEOUT", 60)
# On SIGTERM (deployment, scale-in), workers finish their current request
# within this many seconds before they are stopped.
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, so that a slow leak can never grow for ever;
# the jitter keeps them from restarting all at once.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# The heartbeat file on a memory file system: a container's disk may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# The proxy's X-Forwarded-* headers are trusted only from these addresses.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Access log: one JSON object per request on stdout ("-"); set
# GUNICORN_ACCESS_LOG to a file path, or to "" to turn it off.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


class JsonLinesLogger(glogging.Logger):
    """Gunicorn's error and access logs as JSON lines, like the application's.

    Values are escaped by `json.dumps`, which a printf-style
    `access_log_format` cannot do for a user agent or a path with quotes."""

    def _set_handler(self, log, output, fmt, stream=None):
        super()._set_handler(log, output, fmt, stream)
        for handler in log.handlers:
            handler.setFormatter(JsonLinesFormatter())

    def access(self, resp, req, environ, request_time):
        if not self.cfg.accesslog:
            return
        status = resp.status.split(None, 1)[0] if isinstance(resp.status, str) else resp.status
        entry = {
            "remote": environ.get("REMOTE_ADDR", "-"),
            "forwarded_for": environ.get("HTTP_X_FORWARDED_FOR", ""),
            "method": environ.get("REQUEST_METHOD"),
            "path": environ.get("PATH_INFO"),
            "query": environ.get("QUERY_STRING", ""),
            "status": int(status),
            "bytes": getattr(resp, "sent", None),
            "duration_ms": round(request_time.total_seconds() * 1000, 1),
            "referer": environ.get("HTTP_REFERER", ""),
            "user_agent": environ.get("HTTP_USER_AGENT", ""),
        }
        # The formatter adds time and level, and makes `extra` keys top-level.
        self.access_log.info("%s %s %s", entry["method"], entry["path"], entry["status"], extra=entry)


logger_class = JsonLinesLogger


def post_worker_init(worker):
    """Fewer, shorter pauses of the garbage collector in a request. What a
    worker has loaded (modules, models, URLs, settings) lives as long as it
    does: frozen out of the collector's generations, a full collection
    scans only what requests leave behind (about half the pause). Collecting
    the youngest generation after 50,000 allocations rather than 700 makes
    full collections some twenty times rarer: one in a few hundred requests
    instead of one in twenty-five (docs/performance.md)."""
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
