#!/usr/bin/env python
"""Measure the streamed exports (IATI XML, CSV, JSON, XLSX) on a large registry.

    DEBUG=true .venv/bin/python scripts/benchmark_exports.py --projects 10000

The registry goes into a throwaway database: a SQLite file (by default
/tmp/registry-exports-benchmark.sqlite3, rebuilt when it holds fewer
projects than asked) or the PostgreSQL database named by DATABASE_URL (which
must be a scratch database: rows are added to it). Rows are written with
bulk_create. Each export is then read through the real view, as a client
would, once for the time (throughput in projects or rows per second) and
once under tracemalloc for the peak of memory allocated while streaming;
the same is done on a tenth of the registry, so that one can see whether
memory grows with the number of projects.
"""

import argparse
import datetime
import os
import random
import resource
import sys
import time
import tracemalloc
import warnings
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = Path("/tmp/registry-exports-benchmark.sqlite3")
THEMES = 10  # a theme filter then selects a tenth of the registry


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument(
        "--sqlite", type=Path, default=DEFAULT_SQLITE, help="SQLite file (without DATABASE_URL)"
    )
    parser.add_argument(
        "--fresh", action="store_true", help="rebuild the SQLite registry even if it is big enough"
    )
    return parser.parse_args()


def setup_django(args):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperation.settings")
    os.environ.setdefault("DEBUG", "true")
    if not os.environ.get("DATABASE_URL"):
        if args.fresh and args.sqlite.exists():
            args.sqlite.unlink()
        os.environ["DATABASE_URL"] = f"sqlite:///{args.sqlite}"
    import django

    warnings.filterwarnings("ignore", message="No directory at")
    django.setup()
    from django.conf import settings

    # Query logging (a DEBUG habit) would count as memory of the export.
    settings.DEBUG = False


def build_registry(count: int):
    """Add published projects (with countries, themes, funders, implementers,
    a component, two activities, an event, an indicator and a document each)
    until the registry holds `count`."""
    from django.db import transaction

    from activities.models import Activity, Event
    from core.publication import Publication
    from partners.models import Country, Organisation
    from projects.models import (
        Component,
        Document,
        Indicator,
        Participation,
        Project,
        ProjectCountry,
        Theme,
    )

    published = Publication.PUBLISHED
    existing = Project.objects.count()
    if existing >= count:
        return existing
    rng = random.Random(42)
    batch = 2_000
    with transaction.atomic():
        countries = [
            Country.objects.get_or_create(code=code, defaults={"name_fr": fr, "name_ar": ar, "name_en": en})[
                0
            ]
            for code, fr, ar, en in [
                ("MA", "Maroc", "المغرب", "Morocco"),
                ("TN", "Tunisie", "تونس", "Tunisia"),
                ("MR", "Mauritanie", "موريتانيا", "Mauritania"),
                ("EG", "Égypte", "مصر", "Egypt"),
                ("LY", "Libye", "ليبيا", "Libya"),
            ]
        ]
        dac_codes = ["15190", "16020", "16010", "16070", "32130", "11330", "16050", "15170", "16064", "25010"]
        themes = [
            Theme.objects.get_or_create(
                slug=f"bench-theme-{n}",
                defaults={"name_fr": f"Thème {n}", "name_ar": f"موضوع {n}", "dac_code": dac_codes[n]},
            )[0]
            for n in range(THEMES)
        ]
        organisations = Organisation.objects.bulk_create(
            [
                Organisation(
                    slug=f"bench-org-{existing}-{n}",
                    name_fr=f"Organisation {n}",
                    name_ar=f"منظمة {n}",
                    name_en=f"Organisation {n}",
                    kind=rng.choice(list(Organisation.Kind)),
                    iati_identifier=f"XM-DAC-{41000 + n}" if n % 3 == 0 else "",
                    publication=published,
                )
                for n in range(200)
            ]
        )
        statuses = list(Project.Status)
        projects = []
        for n in range(existing, count):
            start = datetime.date(2010 + n % 15, 1 + n % 12, 1)
            projects.append(
                Project(
                    acronym=f"B{n}",
                    slug=f"bench-{n}",
                    iati_key=f"BENCH-{n}",
                    title_fr=f"Projet de coopération sur la migration de travail {n}",
                    title_ar=f"مشروع التعاون في مجال هجرة اليد العاملة {n}",
                    title_en=f"Labour migration cooperation project {n}",
                    summary_fr="Appui à la gouvernance de la migration de travail et à l'insertion. " * 3,
                    summary_ar="دعم حكامة هجرة اليد العاملة وإدماج الشباب. " * 3,
                    objective_fr="Renforcer les capacités des institutions du marché du travail.",
                    objective_ar="تعزيز قدرات مؤسسات سوق الشغل.",
                    status=statuses[n % len(statuses)],
                    start_date=start,
                    end_date=start + datetime.timedelta(days=365 * (1 + n % 5)),
                    budget=Decimal(1_000_000 + n),
                    budget_currency="EUR",
                    publication=published,
                )
            )
        projects = Project.objects.bulk_create(projects, batch_size=batch)
        links, theme_links, participations, components = [], [], [], []
        for n, project in enumerate(projects):
            for order, country in enumerate(rng.sample(countries, 1 + n % 3)):
                links.append(ProjectCountry(project=project, country=country, order=order))
            theme_links.append(Project.themes.through(project=project, theme=themes[n % THEMES]))
            funder, implementer = rng.sample(organisations, 2)
            participations.append(
                Participation(
                    project=project,
                    organisation=funder,
                    role=Participation.Role.FUNDER,
                    amount=Decimal(500_000),
                    currency="EUR",
                )
            )
            participations.append(
                Participation(project=project, organisation=implementer, role=Participation.Role.IMPLEMENTER)
            )
            components.append(
                Component(
                    project=project,
                    code="1",
                    title_fr="Objectif spécifique 1",
                    title_ar="الهدف الخاص 1",
                    kind=Component.Kind.SPECIFIC_OBJECTIVE,
                    publication=published,
                )
            )
        ProjectCountry.objects.bulk_create(links, batch_size=batch)
        Project.themes.through.objects.bulk_create(theme_links, batch_size=batch)
        Participation.objects.bulk_create(participations, batch_size=batch)
        components = Component.objects.bulk_create(components, batch_size=batch)
        activities, events, indicators, documents = [], [], [], []
        for project, component in zip(projects, components, strict=True):
            for code in ("1.1", "1.2"):
                activities.append(
                    Activity(
                        project=project,
                        component=component,
                        code=code,
                        title_fr=f"Étude {code}",
                        title_ar=f"دراسة {code}",
                        country=countries[0],
                        publication=published,
                    )
                )
            events.append(
                Event(
                    project=project,
                    title_fr="Comité de pilotage",
                    title_ar="لجنة القيادة",
                    start_date=project.start_date,
                    publication=published,
                )
            )
            indicators.append(
                Indicator(
                    project=project,
                    component=component,
                    label_fr="Personnes formées",
                    label_ar="الأشخاص المكونون",
                    baseline=Decimal(0),
                    target=Decimal(100),
                    actual=Decimal(40),
                    publication=published,
                )
            )
            documents.append(
                Document(
                    project=project,
                    title_fr="Fiche du projet",
                    title_ar="بطاقة المشروع",
                    kind=Document.Kind.PROJECT_SHEET,
                    url=f"https://example.org/{project.slug}.pdf",
                    publication=published,
                )
            )
        Activity.objects.bulk_create(activities, batch_size=batch)
        Event.objects.bulk_create(events, batch_size=batch)
        Indicator.objects.bulk_create(indicators, batch_size=batch)
        Document.objects.bulk_create(documents, batch_size=batch)
    return Project.objects.count()


def read(client, url, query=None) -> tuple[int, int]:
    """Read a download to the end, as a client would: (bytes, status)."""
    response = client.get(url, query or {})
    size = 0
    if response.streaming:
        for piece in response.streaming_content:
            size += len(piece)
    else:
        size = len(response.content)
    response.close()
    return size, response.status_code


def measure(client, url, query=None) -> dict:
    started = time.perf_counter()
    size, status = read(client, url, query)
    elapsed = time.perf_counter() - started
    assert status == 200, (url, status)
    tracemalloc.start()
    tracemalloc.reset_peak()
    baseline = tracemalloc.get_traced_memory()[0]
    read(client, url, query)
    peak = tracemalloc.get_traced_memory()[1] - baseline
    tracemalloc.stop()
    return {"bytes": size, "seconds": elapsed, "peak": peak}


def main():
    args = parse_args()
    setup_django(args)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from activities.models import Activity
    from projects.models import Project

    print(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    total = build_registry(args.projects)
    # Planner statistics, as a production database keeps them.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print(
        f"registry: {total} projects, {Activity.objects.count()} activities "
        f"(ready in {time.perf_counter() - started:.1f} s)"
    )
    published = Project.objects.published().count()
    tenth = Project.objects.published().filter(themes__slug="bench-theme-0").count()
    activities = Activity.objects.published().count()

    client = Client(HTTP_HOST="localhost")
    # (name, address, rows, whether the project filters apply)
    cases = [
        ("IATI XML", "/api/v1/iati/activities.xml", published, True),
        ("projects.csv", "/fr/data/projects.csv", published, True),
        ("projects.json", "/fr/data/projects.json", published, True),
        ("activities.csv", "/fr/data/activities.csv", activities, False),
        ("projects.xlsx", "/fr/data/projects.xlsx", published, True),
    ]
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print()
    print(
        f"{'export':<16}{'rows':>8}{'MB':>8}{'seconds':>9}{'rows/s':>9}{'peak MB':>9}{'peak MB (1/10)':>16}"
    )
    for name, url, rows, by_theme in cases:
        whole = measure(client, url)
        part = measure(client, url, {"theme": "bench-theme-0"}) if by_theme else None
        part_peak = f"{part['peak'] / 1e6:.1f} ({tenth})" if part else "-"
        print(
            f"{name:<16}{rows:>8}{whole['bytes'] / 1e6:>8.1f}{whole['seconds']:>9.2f}"
            f"{rows / whole['seconds']:>9.0f}{whole['peak'] / 1e6:>9.1f}{part_peak:>16}"
        )
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print()
    print(f"process peak RSS: {rss_before / 1024:.0f} MB before the exports, {rss_after / 1024:.0f} MB after")


if __name__ == "__main__":
    main()
