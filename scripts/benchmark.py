#!/usr/bin/env python
"""Measure the public pages, the API and the exports on a large registry,
side by side with a bare Django view of the same size on the same stack.

    DATABASE_URL=postgres://registry:registry@localhost:5432/registry_perf \\
        .venv/bin/python scripts/benchmark.py [--requests 30] [--json results.json]

Run it on PostgreSQL against a generated registry
(`manage.py generate_registry --projects 10000`). Two passes:

1. in process, with Django's test client: the SQL query count of each URL
   (also with 5 rows instead of 50, to show it does not grow with the page);
   for exports, the Python heap's peak while the stream is read;
2. over real HTTP on 127.0.0.1, against gunicorn (gunicorn.conf.py, one sync
   worker, so that requests do not compete): median and p95 latency of each
   URL and of the bare view returning the same number of bytes from memory,
   interleaved; for exports, throughput (projects/s) and the worker's peak
   resident memory growth during each request. Every URL is timed twice:
   rendered on every request (`RESPONSE_CACHE_SECONDS=0`: what a reader
   pays after each change of the registry, exports streamed), and as served
   (the response cache and the kept IATI file on, after a first request has
   filled them).

A third timing, **after one edit**: with the response cache on, an
unrelated published record (an activity of another project) is saved
before each request, which moves the registry's revision on: a page that
shows activities is rendered again, with the parts kept under the versions
of what they show (cards, activity blocks, API rows) from the cache; the
project list, kept under the revisions of projects and organisations only,
is served as it was. (A draft saved again moves nothing at all.) The
report gives each timing also as a speed ratio, bare median / median (1.0:
as fast as the bare view), and the median of the rendered ratios over the
list pages, the sheet and the API lists.

The query counts are those of a rendered response; one served from the
cache reads the registry's revision only (one query).

A URL that answers 404 (a page not built yet) is skipped and reported. The
bare view lives in scripts/benchmark_site.py, never in the portal's URLs.
"""

import argparse
import csv
import http.client
import io
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
HOST = "127.0.0.1"


@dataclass
class Target:
    label: str
    url: str
    kind: str  # "page", "api" or "export"
    max_queries: int | None = None
    max_ratio: float | None = None
    max_median_ms: float | None = None
    # Filled in by the measurements.
    status: int | None = None
    size: int = 0
    queries: int | None = None
    queries_small: int | None = None
    items: int | None = None
    python_peak_mb: float | None = None
    sql_ms: float | None = None
    cpu_ms: float | None = None
    # As served (response cache on), and rendered on every request (off).
    latencies: list[float] = field(default_factory=list)
    bare_latencies: list[float] = field(default_factory=list)
    rendered: list[float] = field(default_factory=list)
    rendered_bare: list[float] = field(default_factory=list)
    rss_growth_mb: list[float] = field(default_factory=list)
    # With the response cache on, an unrelated edit before each request.
    after_edit: list[float] = field(default_factory=list)
    after_edit_bare: list[float] = field(default_factory=list)
    note: str = ""

    @property
    def skipped(self) -> bool:
        return self.status != 200

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies) * 1000

    @property
    def p95_ms(self) -> float:
        return percentile(self.latencies, 95) * 1000

    @property
    def bare_median_ms(self) -> float:
        return statistics.median(self.bare_latencies) * 1000

    @property
    def ratio(self) -> float:
        return statistics.median(self.latencies) / statistics.median(self.bare_latencies)

    @property
    def rendered_median_ms(self) -> float:
        return statistics.median(self.rendered) * 1000

    @property
    def rendered_ratio(self) -> float:
        return statistics.median(self.rendered) / statistics.median(self.rendered_bare)

    def speed(self, latencies: list[float], bare: list[float]) -> float | None:
        """Bare median / median: the share of the bare view's speed."""
        return statistics.median(bare) / statistics.median(latencies) if latencies and bare else None

    @property
    def throughput(self) -> float | None:
        return self.items / statistics.median(self.latencies) if self.items else None

    @property
    def rendered_throughput(self) -> float | None:
        return self.items / statistics.median(self.rendered) if self.items and self.rendered else None

    def verdicts(self) -> list[str]:
        """What misses its target (an empty list when all is met)."""
        misses = []
        if self.max_queries is not None and self.queries is not None and self.queries > self.max_queries:
            misses.append(f"{self.queries} queries > {self.max_queries}")
        if self.queries_small is not None and self.queries is not None and self.queries != self.queries_small:
            misses.append(f"queries grow with the page ({self.queries_small} -> {self.queries})")
        if self.max_ratio is not None and self.latencies and self.ratio > self.max_ratio:
            misses.append(f"ratio {self.ratio:.1f} > {self.max_ratio}")
        if self.max_median_ms is not None and self.latencies and self.median_ms > self.max_median_ms:
            misses.append(f"median {self.median_ms:.0f} ms > {self.max_median_ms:.0f}")
        if self.kind == "export" and self.latencies:
            if self.rss_growth_mb and max(self.rss_growth_mb) > 50:
                misses.append(f"memory +{max(self.rss_growth_mb):.0f} MB > 50")
            if self.throughput is not None and self.throughput < 2000:
                misses.append(f"{self.throughput:.0f} projects/s < 2000")
        return misses


def percentile(values: list[float], rank: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(rank / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


# -- set-up --------------------------------------------------------------------


def configure_django():
    os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-never-used-in-production")
    os.environ["DJANGO_SETTINGS_MODULE"] = "benchmark_site"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    # Hashed static files as in production when `collectstatic` was run.
    manifest = (ROOT / "staticfiles" / "staticfiles.json").exists()
    os.environ.setdefault("STATIC_MANIFEST", "true" if manifest else "false")
    for path in (str(ROOT), str(SCRIPTS)):
        if path not in sys.path:
            sys.path.insert(0, path)
    import django

    django.setup()


def choose_targets(search_word: str, search_words: str, arabic_word: str) -> list[Target]:
    from django.db.models import Count, Q

    from core.publication import Publication
    from projects.models import Participation, Project

    published = Publication.PUBLISHED
    # The generator gives its first project 200 activities: the first such
    # sheet (or the heaviest one, on a smaller registry).
    shown = (
        Project.objects.published()
        .annotate(shown=Count("activities", filter=Q(activities__publication=published)))
        .values_list("slug", "shown")
    )
    heavy = shown.filter(shown__gte=200).order_by("pk").first() or shown.order_by("-shown", "pk").first()
    funder = (
        Participation.objects.filter(
            role=Participation.Role.FUNDER,
            project__publication=published,
            organisation__publication=published,
        )
        .values("organisation__slug")
        .annotate(projects=Count("project", distinct=True))
        .order_by("-projects")
        .values_list("organisation__slug", "projects")
        .first()
    )
    if heavy is None or funder is None:
        sys.exit("No published project: generate a registry first (manage.py generate_registry).")
    slug, activities = heavy
    funder_slug, funded = funder
    filters = f"status=implementation&country=MA&funder={funder_slug}&year=2022"
    targets = [
        Target("project list, 50 rows", "/fr/projects/?page_size=50", "page", 12, 3.0),
        Target("project list, 4 filters", f"/fr/projects/?{filters}&page_size=50", "page", 12, 3.0),
        Target(f"project sheet ({activities} activities)", f"/fr/projects/{slug}/", "page", 12, 4.0),
        Target("API project list, 50", "/api/v1/projects/?page_size=50", "api", 8, 3.0),
        Target("API project list, 4 filters", f"/api/v1/projects/?{filters}&page_size=50", "api", 8, 3.0),
        Target("API project detail", f"/api/v1/projects/{slug}/", "api", 8, 4.0),
        Target(f"activity search q={search_word}", f"/fr/activities/?q={search_word}", "page", 12, None, 50),
        Target(
            f"activity search q={search_words}", f"/fr/activities/?q={search_words}", "page", 12, None, 50
        ),
        Target(
            f"activity search (ar) q={arabic_word}", f"/ar/activities/?q={arabic_word}", "page", 12, None, 50
        ),
        Target(
            f"API activity search q={search_word}", f"/api/v1/activities/?q={search_word}", "api", 8, None, 50
        ),
        Target(f"funder page ({funded} projects)", f"/fr/organisations/{funder_slug}/", "page", 12, 4.0),
        Target("IATI export, whole registry", "/api/v1/iati/activities.xml", "export"),
    ]
    csv_url = find_csv_export()
    targets.append(Target("CSV export, whole registry", csv_url or "/fr/data/projects.csv", "export"))
    if csv_url is None:
        targets[-1].note = "no CSV route found in the URLconf"
    return [quote(target) for target in targets]


def quote(target: Target) -> Target:
    from urllib.parse import quote as url_quote

    target.url = url_quote(target.url.replace(" ", "+"), safe="/?&=:-_.%+")
    return target


def find_csv_export() -> str | None:
    """The whole-registry project CSV, found in the URLconf (its path is not
    fixed by the design): the data page's export route, else a route
    without parameters ending in .csv."""
    from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
    from django.utils import translation

    with translation.override("fr"):
        try:
            return reverse("data:export", kwargs={"resource": "projects", "fmt": "csv"})
        except NoReverseMatch:
            pass

    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern) and ".csv" in route and "<" not in prefix + route:
                found.append("/" + (prefix + route).lstrip("^").rstrip("$"))

    with translation.override("fr"):
        walk(get_resolver().url_patterns, "")
    found.sort(key=lambda url: ("project" not in url, len(url)))
    return found[0] if found else None


# -- pass 1: in process ----------------------------------------------------------


def smaller_page(url: str) -> str | None:
    return url.replace("page_size=50", "page_size=5") if "page_size=50" in url else None


def measure_in_process(targets: list[Target]):
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import override_settings

    with override_settings(RESPONSE_CACHE_SECONDS=0):
        rendered_in_process(targets, Client(HTTP_ACCEPT_LANGUAGE="fr"), connection, reset_queries)


def rendered_in_process(targets, client, connection, reset_queries):
    from django.test.utils import CaptureQueriesContext

    def fetch(url):
        response = client.get(url)
        if response.streaming:
            return response, sum(len(chunk) for chunk in response.streaming_content)
        return response, len(response.content)

    for target in targets:
        response, target.size = fetch(target.url)  # warms caches and imports
        target.status = response.status_code
        if target.skipped:
            target.note = target.note or f"answered {target.status}"
            continue
        if target.kind == "export":
            tracemalloc.start()
        cpu = time.process_time()
        with CaptureQueriesContext(connection) as queries:
            response, target.size = fetch(target.url)
        # Python CPU time of the request: unlike latency, it hardly depends
        # on what else the machine is doing.
        if target.kind != "export":  # tracemalloc slows the exports' Python several times
            target.cpu_ms = (time.process_time() - cpu) * 1000
        if target.kind == "export":
            _current, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            target.python_peak_mb = peak / 2**20
        target.queries = len(queries)
        target.sql_ms = sum(float(query["time"]) for query in queries.captured_queries) * 1000
        reset_queries()
        smaller = smaller_page(target.url)
        if smaller:
            with CaptureQueriesContext(connection) as queries:
                fetch(smaller)
            target.queries_small = len(queries)
        progress(f"in process: {target.label}: {target.queries} queries, {target.size} bytes")


# -- pass 2: gunicorn over HTTP ---------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def start_gunicorn(port: int, cached: bool) -> subprocess.Popen:
    env = dict(os.environ)
    env.update(
        PYTHONPATH=os.pathsep.join([str(ROOT), str(SCRIPTS), env.get("PYTHONPATH", "")]),
        GUNICORN_ACCESS_LOG="",
        GUNICORN_LOG_LEVEL="warning",
        GUNICORN_TIMEOUT="300",
        RESPONSE_CACHE_SECONDS=env.get("RESPONSE_CACHE_SECONDS", "600") if cached else "0",
    )
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "--config", str(ROOT / "gunicorn.conf.py"),
        "--bind", f"{HOST}:{port}",
        "--workers", "1",
        "cooperation.wsgi:application",
    ]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if get(port, "/health/")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit("gunicorn did not answer /health/ within 30 s")


def stop(server: subprocess.Popen):
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=40)
    except subprocess.TimeoutExpired:
        server.kill()


def worker_pid(server: subprocess.Popen) -> int | None:
    try:
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    except OSError:
        return None
    return int(children[0]) if children else None


def memory_kb(pid: int, key: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def get(port: int, url: str) -> tuple[int, bytes, float]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection(HOST, port, timeout=300)
    try:
        connection.request("GET", url, headers={"Accept-Language": "fr", "Host": HOST})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, body, time.perf_counter() - started


def count_items(target: Target, body: bytes) -> int:
    if target.url.endswith(".xml"):
        return body.count(b"<iati-activity ") + body.count(b"<iati-activity>")
    return max(0, sum(1 for _row in csv.reader(io.StringIO(body.decode("utf-8-sig")))) - 1)


def unrelated_edit():
    """A save of a published activity of the last project: the registry's
    revision moves on, nothing that the measured pages show changes."""
    from activities.models import Activity
    from projects.models import Project

    last = Project.objects.published().order_by("-pk").first()
    activity = Activity.objects.published().filter(project=last).order_by("pk").first()
    if activity is None:
        sys.exit("No published activity to edit: generate a registry first.")
    activity.save()


def measure_over_http(
    targets: list[Target], requests: int, export_requests: int, cached: bool, edited: bool = False
):
    """Time each URL against a fresh gunicorn, rendered on every request or,
    with `cached`, as served (response cache and kept IATI file on); with
    `edited`, served after an unrelated edit before each request."""
    port = free_port()
    server = start_gunicorn(port, cached)
    try:
        for target in targets:
            if target.skipped or (edited and target.kind == "export"):
                continue
            if edited:
                latencies, bare_latencies = target.after_edit, target.after_edit_bare
            elif cached:
                latencies, bare_latencies = target.latencies, target.bare_latencies
            else:
                latencies, bare_latencies = target.rendered, target.rendered_bare
            export = target.kind == "export"
            rounds = export_requests if export else requests
            worker = worker_pid(server)
            warm_ups = 1 if export else 3
            for number in range(warm_ups + rounds):
                if export and worker:
                    # The worker's growth during this request: its peak
                    # resident size ("VmHWM", reset here) over its size now.
                    Path(f"/proc/{worker}/clear_refs").write_text("5")
                    before = memory_kb(worker, "VmRSS")
                if edited:
                    unrelated_edit()
                status, body, seconds = get(port, target.url)
                if status != 200:
                    target.note = f"answered {status} over HTTP"
                    break
                if export and worker:
                    target.rss_growth_mb.append((memory_kb(worker, "VmHWM") - before) / 1024)
                    target.items = count_items(target, body)
                bare = get(port, f"/__bare__/{target.size}/")[2]
                if number >= warm_ups:
                    latencies.append(seconds)
                    bare_latencies.append(bare)
            if latencies:
                median = statistics.median(latencies) * 1000
                how = "after an edit" if edited else "served" if cached else "rendered"
                progress(f"over HTTP, {how}: {target.label}: median {median:.1f} ms")
    finally:
        stop(server)


# -- report ----------------------------------------------------------------------


def progress(message: str):
    sys.stderr.write(f"  {message}\n")


def report(targets: list[Target], context: dict) -> str:
    lines = [
        f"Registry: {context['projects']} published projects, {context['activities']} activities; "
        f"database {context['vendor']}; {context['requests']} requests per URL "
        f"({context['export_requests']} per export); gunicorn, 1 sync worker, {HOST}.",
        "",
        f"{'URL':<44} {'queries':>9} {'SQL':>7} {'CPU':>7} {'KB':>8} {'rendered':>9} {'ratio':>6} "
        f"{'served':>9} {'p95':>9} {'bare':>8} {'ratio':>6}  verdict (as served)",
    ]
    for target in targets:
        if target.skipped or not target.latencies:
            lines.append(f"{target.label:<44} skipped: {target.note}")
            continue
        queries = str(target.queries)
        if target.queries_small is not None:
            queries = f"{target.queries_small}/{target.queries}"
        misses = target.verdicts()
        lines.append(
            f"{target.label:<44} {queries:>9} {target.sql_ms:>5.0f}ms "
            + (f"{target.cpu_ms:>5.0f}ms " if target.cpu_ms is not None else f"{'-':>7} ")
            + f"{target.size / 1024:>8.0f} "
            + (
                f"{target.rendered_median_ms:>7.1f}ms {target.rendered_ratio:>6.1f} "
                if target.rendered
                else f"{'-':>9} {'-':>6} "
            )
            + f"{target.median_ms:>7.1f}ms "
            f"{target.p95_ms:>7.1f}ms {target.bare_median_ms:>6.1f}ms {target.ratio:>6.1f}  "
            + ("; ".join(misses) if misses else "ok")
        )
    lines += [
        "",
        f"{'speed, share of the bare view':<44} {'rendered':>9} {'served':>9} {'after edit':>11}",
    ]
    timed = [t for t in targets if not t.skipped and t.latencies and t.kind != "export"]
    for target in timed:
        speeds = (
            target.speed(target.rendered, target.rendered_bare),
            target.speed(target.latencies, target.bare_latencies),
            target.speed(target.after_edit, target.after_edit_bare),
        )
        lines.append(
            f"{target.label:<44} "
            + " ".join(f"{speed:>8.3f}x" if speed is not None else f"{'-':>9}" for speed in speeds[:2])
            + (f" {speeds[2]:>10.3f}x" if speeds[2] is not None else f" {'-':>11}")
        )
    rendered = [
        target.speed(target.rendered, target.rendered_bare)
        for target in timed
        if target.rendered and ("list" in target.label or "sheet" in target.label)
    ]
    if rendered:
        lines.append(
            f"rendered, lists, sheet and API lists: median {statistics.median(rendered):.3f}x, "
            f"lowest {min(rendered):.3f}x (targets: median >= 0.10x, none under 0.05x)"
        )
    edited = [
        target.speed(target.after_edit, target.after_edit_bare)
        for target in timed
        if target.after_edit and target.kind == "page" and "list" in target.label
    ]
    if edited:
        lines.append(f"list pages after one unrelated edit: lowest {min(edited):.3f}x (target >= 0.3x)")
    searches = [target for target in timed if "search" in target.label and target.rendered]
    if searches:
        worst = max(percentile(target.rendered, 95) for target in searches) * 1000
        lines.append(f"activity searches rendered: highest p95 {worst:.1f} ms (target <= 50 ms)")
    exports = [t for t in targets if t.kind == "export" and t.latencies]
    if exports:
        lines += [
            "",
            f"{'export':<44} {'items':>7} {'MB':>7} {'streamed/s':>11} {'served/s':>11} "
            f"{'RSS peak +MB':>13} {'heap peak MB':>13}",
        ]
        for target in exports:
            growth = f"{max(target.rss_growth_mb):.1f}" if target.rss_growth_mb else "n/a"
            lines.append(
                f"{target.label:<44} {target.items or 0:>7} {target.size / 2**20:>7.1f} "
                f"{target.rendered_throughput or 0:>11.0f} {target.throughput or 0:>11.0f} "
                f"{growth:>13} {target.python_peak_mb or 0:>13.1f}"
            )
    lines += [
        "",
        "queries: with 5 rows / with 50 rows where the URL has a page size; SQL: their time, CPU: the "
        "Python CPU time of the request, both in process, rendered. rendered: median with the response "
        "cache off; served: with it on (one query: the registry's revision); ratios to the bare view.",
        f"load average (1 min) at the start and the end: {context['load_before']:.1f}, "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores.",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page or API URL")
    parser.add_argument("--export-requests", type=int, default=3, help="timed requests per export")
    parser.add_argument("--search", default="enquête", help="a common word to search activities for")
    parser.add_argument("--search-words", default="enquête travail décent", help="a narrower search")
    parser.add_argument("--arabic-search", default="دراسة", help="an Arabic word to search for")
    parser.add_argument(
        "--only", help="measure only the URLs whose label contains one of these comma-separated texts"
    )
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    configure_django()
    from django.db import connection

    from activities.models import Activity
    from projects.models import Project

    if connection.vendor != "postgresql":
        progress(f"warning: measuring on {connection.vendor}; the targets are for PostgreSQL")
    targets = choose_targets(args.search, args.search_words, args.arabic_search)
    if args.only:
        wanted = [word.strip().lower() for word in args.only.split(",")]
        targets = [t for t in targets if any(word in t.label.lower() for word in wanted)]
    context = {
        "projects": Project.objects.published().count(),
        "activities": Activity.objects.count(),
        "vendor": connection.vendor,
        "requests": args.requests,
        "export_requests": args.export_requests,
        "load_before": os.getloadavg()[0],
    }
    measure_in_process(targets)
    connection.close()
    measure_over_http(targets, args.requests, args.export_requests, cached=False)
    measure_over_http(targets, args.requests, args.export_requests, cached=True)
    measure_over_http(targets, args.requests, args.export_requests, cached=True, edited=True)
    print(report(targets, context))
    if args.json:
        rows = []
        for target in targets:
            row = {"label": target.label, "url": target.url, "status": target.status, "note": target.note}
            if not target.skipped and target.latencies:
                row |= {
                    "queries": target.queries,
                    "queries_5_rows": target.queries_small,
                    "sql_ms": round(target.sql_ms, 1),
                    "cpu_ms": round(target.cpu_ms, 1) if target.cpu_ms is not None else None,
                    "bytes": target.size,
                    "rendered_median_ms": round(target.rendered_median_ms, 1) if target.rendered else None,
                    "rendered_ratio": round(target.rendered_ratio, 2) if target.rendered else None,
                    "rendered_p95_ms": (
                        round(percentile(target.rendered, 95) * 1000, 1) if target.rendered else None
                    ),
                    "after_edit_median_ms": (
                        round(statistics.median(target.after_edit) * 1000, 1) if target.after_edit else None
                    ),
                    "median_ms": round(target.median_ms, 1),
                    "p95_ms": round(target.p95_ms, 1),
                    "bare_median_ms": round(target.bare_median_ms, 1),
                    "ratio": round(target.ratio, 2),
                    "items": target.items,
                    "projects_per_s": round(target.throughput) if target.throughput else None,
                    "streamed_projects_per_s": (
                        round(target.rendered_throughput) if target.rendered_throughput else None
                    ),
                    "rss_growth_mb": round(max(target.rss_growth_mb), 1) if target.rss_growth_mb else None,
                    "python_peak_mb": round(target.python_peak_mb, 1) if target.python_peak_mb else None,
                    "misses": target.verdicts(),
                }
            rows.append(row)
        args.json.write_text(json.dumps({"context": context, "results": rows}, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
