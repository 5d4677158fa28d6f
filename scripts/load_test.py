#!/usr/bin/env python
"""Load test on loopback: many concurrent clients on pages, the API,
downloads and searches for a bounded time, with faults injected on the way.

    DATABASE_URL=postgres://registry:registry@localhost:5433/registry_perf \
        .venv/bin/python scripts/load_test.py --connections 64 --duration 60 \
        [--restart-postgres "15 perf" --restart-at 20]

    # against the multi-node topology of scripts/cluster (docs/scale-out.md)
    eval "$(scripts/cluster env)"
    .venv/bin/python scripts/load_test.py --target http://127.0.0.1:8100 \
        --checks --faults "kill-node1@10,start-node1@18,stop-redis@24,start-redis@32,"\
"stop-replica@38,start-replica@46,restart-primary@52"

Without `--target` it starts gunicorn with gunicorn.conf.py (production
settings, its default number of workers) on 127.0.0.1. Only loopback
addresses are accepted. The run stops by itself after `--duration` seconds
or `--max-requests` requests, whichever comes first, and prints requests/s,
latency percentiles and errors per kind of request and per second.

`--faults "NAME@SECONDS,..."` runs `scripts/cluster fault NAME` at those
times and reports, for each, the requests that failed until the next one and
the time from the fault to its last failed request (its recovery).
`--restart-postgres "15 perf"` runs `pg_ctlcluster 15 perf restart` at
`--restart-at` seconds instead: use a cluster of your own, never one that
other people are using.

Every request carries an `X-Forwarded-For` address drawn from a pool of
`--visitors` (the cluster trusts one proxy in front of its balancer,
NUM_PROXIES=2): the load is many visitors, each far below the anonymous rate
limit, as on the Internet, rather than one address that the limit stops.

`--checks`, after the run, against the cluster: the shared cache's hit ratio
during the run (Redis INFO); the anonymous rate limit counted across both
nodes (one address asks twice the limit, alternately to each node: the
limit's number of answers, not twice it); an edit made on the primary, then
its public page asked through each node: visible at once, rendered by the
first node, served from the shared cache to the second; the replica's lag.
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
        "download": ["/api/v1/projects/?country=MA&page_size=100&format=csv"]
        + [f"/api/v1/projects/{quote(slug)}/iati.xml" for slug in picked[:20]],
        "search": [f"/{language}/search/?q={quote(word)}" for language, word in SEARCHES]
        + [f"/fr/activities/?q={quote(word)}" for _language, word in SEARCHES[:2]],
    }


# Words the generated registry's texts are made of (portal/generation).
SEARCHES = [
    ("fr", "enquête"),
    ("fr", "emploi"),
    ("ar", "دراسة"),
    ("en", "migration"),
    ("fr", "travail décent"),
]
KINDS = {"list": 2, "sheet": 3, "api": 3, "download": 1, "search": 1}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(host: str, port: int, path: str, timeout: float, visitor: str | None = None) -> int:
    return fetch(host, port, path, timeout, visitor)[0]


def fetch(host: str, port: int, path: str, timeout: float, visitor: str | None = None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(host, port, timeout=timeout)
    headers = {"Host": host, "Accept-Language": "fr"}
    if visitor:
        headers["X-Forwarded-For"] = visitor
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def visitor_address(rng: random.Random, pool: int) -> str | None:
    if not pool:
        return None
    number = rng.randrange(pool)
    return f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"


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
        self.failures = []  # the moments (seconds since the start) of failed answers
        self.count = 0

    def add(self, kind: str, moment: float, outcome: str, latency: float):
        with self.lock:
            self.count += 1
            self.outcomes[kind][outcome] += 1
            self.per_second[int(moment)]["ok" if outcome == "200" else "error"] += 1
            if outcome == "200":
                self.latencies[kind].append(latency)
            else:
                self.failures.append(moment)


def run(args, host: str, port: int, paths: dict[str, list[str]]) -> tuple[Recorder, dict]:
    recorder = Recorder()
    started = time.monotonic()
    deadline = started + args.duration
    mix = [kind for kind, weight in KINDS.items() for _ in range(weight) if paths.get(kind)]
    events = {"faults": []}

    def client(number: int):
        rng = random.Random(args.seed + number)
        while time.monotonic() < deadline and recorder.count < args.max_requests:
            kind = rng.choice(mix)
            path = rng.choice(paths[kind])
            begun = time.monotonic()
            try:
                outcome = str(get(host, port, path, args.timeout, visitor_address(rng, args.visitors)))
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
            finished = time.monotonic()
            # Counted when the answer came: a request queued before a fault
            # fails while the fault lasts.
            recorder.add(kind, finished - started, outcome, finished - begun)

    def restart():
        time.sleep(args.restart_at)
        events["restart_begun"] = time.monotonic() - started
        result = subprocess.run(
            ["pg_ctlcluster", *args.restart_postgres.split(), "restart"], capture_output=True
        )
        events["restart_done"] = time.monotonic() - started
        events["restart_status"] = result.returncode

    def inject(faults):
        for name, at in faults:
            time.sleep(max(0.0, at - (time.monotonic() - started)))
            begun = time.monotonic() - started
            result = subprocess.run(
                [str(ROOT / "scripts" / "cluster"), "fault", name], capture_output=True, text=True
            )
            events["faults"].append(
                {"name": name, "at": begun, "done": time.monotonic() - started, "status": result.returncode,
                 "said": (result.stdout or result.stderr).strip().splitlines()[-1:]}
            )  # fmt: skip

    threads = []
    if args.restart_postgres:
        threads.append(threading.Thread(target=restart, daemon=True))
    if args.faults:
        threads.append(threading.Thread(target=inject, args=(args.faults,), daemon=True))
    for thread in threads:
        thread.start()
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
        f"{'kind':<8} {'requests':>9} {'ok/s':>7} {'p50':>8} {'p90':>8} {'p99':>8} {'max':>8}  errors",
    ]
    all_latencies = []
    for kind in KINDS:
        outcomes = recorder.outcomes[kind]
        latencies = recorder.latencies[kind]
        all_latencies += latencies
        errors = ", ".join(f"{name}: {count}" for name, count in outcomes.items() if name != "200") or "none"
        if latencies:
            lines.append(
                f"{kind:<8} {sum(outcomes.values()):>9} {len(latencies) / elapsed:>7.1f} "
                + " ".join(f"{percentile(latencies, rank) * 1000:>6.0f}ms" for rank in (50, 90, 99, 100))
                + f"  {errors}"
            )
        else:
            lines.append(f"{kind:<8} {sum(outcomes.values()):>9}  no successful request; {errors}")
    if all_latencies:
        lines.append(
            f"{'all':<8} {recorder.count:>9} {len(all_latencies) / elapsed:>7.1f} "
            + " ".join(f"{percentile(all_latencies, rank) * 1000:>6.0f}ms" for rank in (50, 90, 99, 100))
            + f"  mean {statistics.mean(all_latencies) * 1000:.0f} ms"
        )
    if events["faults"]:
        lines += ["", f"{'fault':<16} {'at':>7} {'took':>6}  {'failed':>6}  recovered"]
        faults = events["faults"]
        for index, fault in enumerate(faults):
            until = faults[index + 1]["at"] if index + 1 < len(faults) else elapsed + args.timeout
            failed = [moment for moment in recorder.failures if fault["at"] <= moment < until]
            recovery = f"{max(failed) - fault['at']:.1f} s after" if failed else "no failed request"
            status = "" if fault["status"] == 0 else f" (exit status {fault['status']})"
            lines.append(
                f"{fault['name']:<16} {fault['at']:>6.1f}s {fault['done'] - fault['at']:>5.1f}s  "
                f"{len(failed):>6}  {recovery}{status}"
            )
        before = [moment for moment in recorder.failures if moment < faults[0]["at"]]
        lines.append(f"failed before the first fault: {len(before)}")
    if "restart_begun" in events or events["faults"]:
        error_seconds = [second for second, counts in recorder.per_second.items() if counts["error"]]
        if "restart_begun" in events:
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


def redis_stats() -> dict | None:
    from django.conf import settings

    if not settings.CACHE_URL.startswith("redis"):
        return None
    import redis

    try:
        return redis.Redis.from_url(settings.CACHE_URL, socket_timeout=2).info("stats")
    except redis.RedisError:
        return None


def checks(args, host: str, port: int, stats_before: dict | None) -> list[str]:
    """The shared cache, the rate limit across nodes, an edit seen at once."""
    from django.conf import settings

    from projects.models import Project

    lines = ["", "Checks"]
    stats_after = redis_stats()
    if stats_before and stats_after:
        hits = stats_after["keyspace_hits"] - stats_before["keyspace_hits"]
        misses = stats_after["keyspace_misses"] - stats_before["keyspace_misses"]
        lines.append(
            f"shared cache during the run: {hits} hits, {misses} misses, "
            f"hit ratio {hits / max(1, hits + misses):.1%} (Redis INFO; pages, cards, throttles)"
        )
    else:
        lines.append("shared cache: no Redis in CACHE_URL, or Redis unreachable now")

    rate = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["anon"]
    limit = int(rate.split("/")[0])
    if limit <= 1000:
        visitor = "10.255.255.254"
        answers = collections.Counter(
            get(host, port, "/api/v1/themes/", args.timeout, visitor) for _ in range(2 * limit)
        )
        lines.append(
            f"anonymous rate limit {rate}: one address asked {2 * limit} times through the balancer "
            f"(each node in turn): {answers[200]} answered, {answers[429]} refused with 429 "
            f"(counted per node, all {2 * limit} would have been answered)"
        )
    else:
        lines.append(f"anonymous rate limit {rate}: too high to check here")

    project = Project.objects.published().order_by("pk").first()
    if project is not None:
        kept = project.title_fr
        project.title_fr = f"{kept} – {time.strftime('%H:%M:%S')}"
        project.save()
        path = f"/fr/projects/{quote(project.slug)}/"
        for name, (node_host, node_port) in [
            ("node 1", args.nodes[0]),
            ("node 2", args.nodes[1]),
            ("balancer", (host, port)),
        ]:
            begun = time.monotonic()
            status, body = fetch(node_host, node_port, path, args.timeout)
            took = (time.monotonic() - begun) * 1000
            seen = project.title_fr.encode() in body
            lines.append(
                f"edit on the primary, then {path} through {name}: {status} in {took:.0f} ms, "
                f"{'shows the edit' if seen else 'DOES NOT SHOW THE EDIT'}"
            )
        project.title_fr = kept
        project.save()
    status = subprocess.run([str(ROOT / "scripts" / "cluster"), "status"], capture_output=True, text=True)
    lines += ["", "scripts/cluster status:", *("  " + line for line in status.stdout.strip().splitlines())]
    return lines


def fault_schedule(text: str) -> list[tuple[str, float]]:
    faults = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        name, _, at = item.partition("@")
        faults.append((name, float(at)))
    return sorted(faults, key=lambda fault: fault[1])


def address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    return host, int(port)


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
    parser.add_argument(
        "--faults", type=fault_schedule, default=[], help='e.g. "kill-node1@10,start-node1@20"'
    )
    parser.add_argument(
        "--visitors", type=int, default=4096, help="addresses the requests come from (0: none)"
    )
    parser.add_argument("--checks", action="store_true", help="the cluster's checks after the run")
    parser.add_argument(
        "--nodes", type=lambda text: [address(item) for item in text.split(",")],
        default=[("127.0.0.1", 8101), ("127.0.0.1", 8102)], help="the app nodes behind the balancer",
    )  # fmt: skip
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
        stats_before = redis_stats()
        recorder, events = run(args, host, port, paths)
        extra = checks(args, host, port, stats_before) if args.checks else []
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=60)
    print("\n".join([report(recorder, events, args), *extra]))


if __name__ == "__main__":
    main()
