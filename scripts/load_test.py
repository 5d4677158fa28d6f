#!/usr/bin/env python
"""Load test on loopback: many concurrent clients on the list, the sheet and
the API for a bounded time, optionally restarting PostgreSQL in the middle.

    DATABASE_URL=postgres://registry:registry@localhost:5433/registry_perf \\
        .venv/bin/python scripts/load_test.py --connections 64 --duration 60 \\
        [--restart-postgres "15 perf" --restart-at 20]

It starts gunicorn with gunicorn.conf.py (production settings, its default
number of workers) on 127.0.0.1, or targets a server already running there
(`--target http://127.0.0.1:8000`). Only loopback addresses are accepted.
The run stops by itself after `--duration` seconds or `--max-requests`
requests, whichever comes first, and prints requests/s, latency percentiles
and errors, per path and per second (the per-second lines show errors start
when PostgreSQL goes down and stop once it is back, with no application
restart).

`--restart-postgres "15 perf"` runs `pg_ctlcluster 15 perf restart` at
`--restart-at` seconds: use a cluster of your own (docs/performance.md),
never one that other people are using.
"""

import argparse
import collections
import http.client
import ipaddress
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
MAX_DURATION = 600


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def choose_paths(sample: int, seed: int) -> dict[str, list[str]]:
    """Paths per kind of request, from the registry in DATABASE_URL: list
    pages (several filters and pages), sheets and API calls of random
    published projects."""
    os.environ.setdefault("SECRET_KEY", "load-test-only-secret-key-never-used-in-production")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperation.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection

    from projects.models import Project

    slugs = list(Project.objects.published().order_by("pk").values_list("slug", flat=True))
    connection.close()
    if not slugs:
        sys.exit("No published project: generate a registry first (manage.py generate_registry).")
    rng = random.Random(seed)
    picked = rng.sample(slugs, min(sample, len(slugs)))
    lists = [
        "/fr/projects/?page_size=50",
        "/ar/projects/?page_size=50&page=2",
        "/fr/projects/?country=MA&status=implementation&page_size=50",
        "/en/projects/?country=TN&page_size=50",
        "/fr/projects/?theme=employment&page_size=50",
    ]
    return {
        "list": lists,
        "sheet": [f"/{rng.choice(['fr', 'ar', 'en'])}/projects/{quote(slug)}/" for slug in picked],
        "api": ["/api/v1/projects/?page_size=50", "/api/v1/projects/?country=MA&page_size=50"]
        + [f"/api/v1/projects/{quote(slug)}/" for slug in picked],
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(host: str, port: int, path: str, timeout: float) -> int:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    try:
        connection.request("GET", path, headers={"Host": host, "Accept-Language": "fr"})
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def start_gunicorn(port: int, workers: int | None) -> subprocess.Popen:
    env = dict(os.environ)
    env.pop("DEBUG", None)
    env.update(
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
        LOG_LEVEL="ERROR",
    )
    # The clients all come from 127.0.0.1, which the anonymous rate limit
    # counts as one reader: lift it, or the run measures 429s.
    env.setdefault("API_ANON_RATE", "1000000/minute")
    env.setdefault(
        "STATIC_MANIFEST", "true" if (ROOT / "staticfiles" / "staticfiles.json").exists() else "false"
    )
    command = [str(Path(sys.executable).with_name("gunicorn")), "--config", str(ROOT / "gunicorn.conf.py"),
               "--bind", f"127.0.0.1:{port}", "cooperation.wsgi:application"]  # fmt: skip
    if workers:
        command[1:1] = ["--workers", str(workers)]
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if get("127.0.0.1", port, "/health/", 5) == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.terminate()
    sys.exit("gunicorn did not answer /health/ within 60 s")


class Recorder:
    """Outcomes of every request, by path kind and by second since the start."""

    def __init__(self):
        self.lock = threading.Lock()
        self.latencies = collections.defaultdict(list)
        self.outcomes = collections.defaultdict(collections.Counter)
        self.per_second = collections.defaultdict(collections.Counter)
        self.count = 0

    def add(self, kind: str, second: int, outcome: str, latency: float):
        with self.lock:
            self.count += 1
            self.outcomes[kind][outcome] += 1
            self.per_second[second]["ok" if outcome == "200" else "error"] += 1
            if outcome == "200":
                self.latencies[kind].append(latency)


def run(args, host: str, port: int, paths: dict[str, list[str]]) -> tuple[Recorder, dict]:
    recorder = Recorder()
    started = time.monotonic()
    deadline = started + args.duration
    mix = [kind for kind in ("list", "sheet", "api") for _ in range({"list": 1, "sheet": 2, "api": 2}[kind])]
    events = {}

    def client(number: int):
        rng = random.Random(args.seed + number)
        while time.monotonic() < deadline and recorder.count < args.max_requests:
            kind = rng.choice(mix)
            path = rng.choice(paths[kind])
            begun = time.monotonic()
            try:
                outcome = str(get(host, port, path, args.timeout))
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
            finished = time.monotonic()
            # Counted in the second the answer came: a request queued before
            # the restart fails while PostgreSQL is down.
            recorder.add(kind, int(finished - started), outcome, finished - begun)

    def restart():
        time.sleep(args.restart_at)
        events["restart_begun"] = time.monotonic() - started
        result = subprocess.run(
            ["pg_ctlcluster", *args.restart_postgres.split(), "restart"], capture_output=True
        )
        events["restart_done"] = time.monotonic() - started
        events["restart_status"] = result.returncode

    threads = []
    if args.restart_postgres:
        threads.append(threading.Thread(target=restart, daemon=True))
        threads[0].start()
    with ThreadPoolExecutor(max_workers=args.connections) as pool:
        for number in range(args.connections):
            pool.submit(client, number)
    events["elapsed"] = time.monotonic() - started
    for thread in threads:
        thread.join(timeout=60)
    return recorder, events


def percentile(values: list[float], rank: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(rank / 100 * len(ordered) + 0.5) - 1))]


def report(recorder: Recorder, events: dict, args) -> str:
    elapsed = events["elapsed"]
    lines = [
        f"{args.connections} connections for {elapsed:.1f} s: {recorder.count} requests, "
        f"{recorder.count / elapsed:.1f} requests/s",
        "",
        f"{'kind':<6} {'requests':>9} {'ok/s':>7} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}  errors",
    ]
    all_latencies = []
    for kind in ("list", "sheet", "api"):
        outcomes = recorder.outcomes[kind]
        latencies = recorder.latencies[kind]
        all_latencies += latencies
        errors = ", ".join(f"{name}: {count}" for name, count in outcomes.items() if name != "200") or "none"
        if latencies:
            lines.append(
                f"{kind:<6} {sum(outcomes.values()):>9} {len(latencies) / elapsed:>7.1f} "
                + " ".join(f"{percentile(latencies, rank) * 1000:>6.0f}ms" for rank in (50, 90, 99, 100))
                + f"  {errors}"
            )
        else:
            lines.append(f"{kind:<6} {sum(outcomes.values()):>9}  no successful request; {errors}")
    if all_latencies:
        lines.append(
            f"{'all':<6} {recorder.count:>9} {len(all_latencies) / elapsed:>7.1f} "
            + " ".join(f"{percentile(all_latencies, rank) * 1000:>6.0f}ms" for rank in (50, 90, 99, 100))
            + f"  mean {statistics.mean(all_latencies) * 1000:.0f} ms"
        )
    if "restart_begun" in events:
        error_seconds = [second for second, counts in recorder.per_second.items() if counts["error"]]
        lines += [
            "",
            f"PostgreSQL restart ({args.restart_postgres}): from {events['restart_begun']:.1f} s "
            f"to {events['restart_done']:.1f} s (exit status {events['restart_status']})",
        ]
        if error_seconds:
            last = max(error_seconds)
            lines.append(
                f"errors from second {min(error_seconds)} to second {last}; "
                f"none in the {int(elapsed) - last - 1} s after"
            )
        else:
            lines.append("no error at all")
        lines += ["", "second (of the answer): ok / errors"]
        for second in sorted(recorder.per_second):
            counts = recorder.per_second[second]
            lines.append(f"  {second:>3}: {counts['ok']:>5} / {counts['error']}")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=float, default=60, help=f"seconds (at most {MAX_DURATION})")
    parser.add_argument("--max-requests", type=int, default=100_000)
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument("--target", help="an already running server, e.g. http://127.0.0.1:8000")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: gunicorn.conf.py's)")
    parser.add_argument("--restart-postgres", metavar="'VERSION CLUSTER'", help='e.g. "15 perf"')
    parser.add_argument("--restart-at", type=float, default=20, help="seconds after the start")
    parser.add_argument("--sample", type=int, default=200, help="projects whose sheet and API are asked")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if not 0 < args.duration <= MAX_DURATION:
        parser.error(f"--duration must be between 0 and {MAX_DURATION} seconds")
    if args.restart_postgres and len(args.restart_postgres.split()) != 2:
        parser.error('--restart-postgres takes a version and a cluster name, e.g. "15 perf"')

    paths = choose_paths(args.sample, args.seed)
    server = None
    if args.target:
        target = urlsplit(args.target)
        if not loopback(target.hostname or ""):
            parser.error("only loopback targets (127.0.0.0/8, ::1, localhost) are allowed")
        host, port = target.hostname, target.port or 80
    else:
        host, port = "127.0.0.1", free_port()
        server = start_gunicorn(port, args.workers)
    try:
        for kind_paths in paths.values():  # warm every worker's caches a little
            for path in kind_paths[:3]:
                get(host, port, path, args.timeout)
        recorder, events = run(args, host, port, paths)
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    print(report(recorder, events, args))


if __name__ == "__main__":
    main()
