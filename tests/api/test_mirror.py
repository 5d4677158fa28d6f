"""A partner's mirror of the API stays exact through every kind of edit.

The seed registry is mirrored over HTTP by the stdlib client of the sync
recipe (scripts/api_mirror.py), then edited in rounds; after each round the
mirror syncs incrementally (withdrawals, then `modified_since` on every
list) and must equal a fresh full pull, field for field.
"""

import datetime
import importlib.util
import io
from decimal import Decimal
from pathlib import Path

import pytest
import tablib
from django.contrib.auth import get_user_model
from django.core.management import call_command

from activities.models import Activity, Event
from core.publication import Publication
from core.restore import record_revert
from partners.models import Country, Organisation
from projects.models import (
    Component,
    Document,
    Indicator,
    IndicatorPeriod,
    Participation,
    Project,
    ProjectCountry,
    ProjectRelation,
    Theme,
)
from projects.resources import ProjectResource

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "api_mirror.py"
_spec = importlib.util.spec_from_file_location("api_mirror", SCRIPT)
api_mirror = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(api_mirror)


def saved(record, **fields):
    for name, value in fields.items():
        setattr(record, name, value)
    record.save()


def project(slug):
    return Project.objects.get(slug=slug)


def organisation(slug):
    return Organisation.objects.get(slug=slug)


def amem_component(position):
    return Component.objects.filter(project__slug="amem").order_by("pk")[position]


def amem_activity(position):
    return Activity.objects.filter(project__slug="amem").order_by("pk")[position]


def superuser():
    return get_user_model().objects.get_or_create(
        username="steward", defaults={"is_superuser": True, "is_staff": True}
    )[0]


# Each edit, by the kind of change it makes; the rounds run in this order.
FIRST_ROUND = {
    "a project's own field": lambda: saved(project("wafira"), title_ar="وافيرا: عنوان منقح"),
    "an organisation renamed (nested in projects, components, activities, events)": lambda: saved(
        organisation("giz"), name_en="German Agency for International Cooperation (GIZ)"
    ),
    "a theme renamed": lambda: saved(
        Theme.objects.get(slug="social-protection"), name_ar="الحماية الاجتماعية للجميع"
    ),
    "a country renamed": lambda: saved(Country.objects.get(code="MA"), name_en="Kingdom of Morocco"),
    "a participation's amount": lambda: saved(
        Participation.objects.get(project__slug="padidfa", organisation__slug="bad"),
        amount=Decimal("1000000.00"),
        currency="EUR",
    ),
    "a document added": lambda: Document.objects.create(
        project=project("thamm"),
        title_fr="Fiche du programme",
        title_ar="بطاقة البرنامج",
        title_en="Programme sheet",
        url="https://example.org/thamm.pdf",
        publication=Publication.PUBLISHED,
    ),
    "a country added to a project": lambda: ProjectCountry.objects.create(
        project=project("jlmp"), country=Country.objects.get(code="TN"), order=9
    ),
    "a theme added to a project": lambda: project("bsg").themes.add(Theme.objects.get(slug="child-labour")),
    "a theme taken from a project (from the theme's side)": lambda: Theme.objects.get(
        slug="labour-migration"
    ).projects.remove(project("thamm-plus")),
    "a manager added to a component": lambda: amem_component(0).managers.add(organisation("anapec")),
    "a partner added to an activity": lambda: amem_activity(0).partners.add(organisation("cnss")),
    "an organisation added to an event": lambda: Event.objects.filter(project__slug="amem")
    .order_by("pk")
    .first()
    .organisations.add(organisation("afd")),
    "a reporting period added to an indicator": lambda: IndicatorPeriod.objects.create(
        indicator=Indicator.objects.filter(project__slug="rsa-ii").order_by("pk").first(),
        start=datetime.date(2024, 1, 1),
        end=datetime.date(2024, 12, 31),
        target=Decimal("10"),
        actual=Decimal("7"),
    ),
    "a related project added": lambda: ProjectRelation.objects.create(
        project=project("jlmp"), related=project("amem"), kind=ProjectRelation.Kind.FOLLOWS
    ),
    "an activity moved to another component": lambda: saved(
        amem_activity(1), component=amem_component(2), code="3.99"
    ),
    "an organisation made a unit of another": lambda: saved(
        organisation("anapec"), parent=organisation("mfpe")
    ),
    "an activity unpublished": lambda: saved(amem_activity(2), publication=Publication.DRAFT),
    "a component unpublished (its activities leave with it)": lambda: saved(
        amem_component(1), publication=Publication.ARCHIVED
    ),
    "a project unpublished (its children leave with it)": lambda: saved(
        project("thamm"), publication=Publication.DRAFT
    ),
    "an event deleted": lambda: Event.objects.filter(project__slug="wafira").get().delete(),
    "a participation deleted": lambda: Participation.objects.filter(project__slug="bsg")
    .order_by("pk")
    .last()
    .delete(),
    "a project's slug changed": lambda: saved(project("jumelage-pst"), slug="jumelage-pst-2"),
    "an organisation's slug changed": lambda: saved(organisation("cgem"), slug="cgem-maroc"),
    "a bulk update of activities": lambda: Activity.objects.filter(
        project__slug="amem", code__startswith="2."
    ).update(is_recurring=True),
    "a bulk update of an organisation nested elsewhere": lambda: Organisation.objects.filter(
        slug="afd"
    ).update(acronym_en="AFD Group"),
    "an import": lambda: ProjectResource().import_data(
        tablib.Dataset(["paraae", "PARAAE, imported title"], headers=["slug", "title_en"]),
        dry_run=False,
        raise_errors=True,
        user=superuser(),
    ),
}
SECOND_ROUND = {
    "a project published again (its children come back)": lambda: saved(
        project("thamm"), publication=Publication.PUBLISHED
    ),
    "a component published again": lambda: saved(amem_component(1), publication=Publication.PUBLISHED),
    "a revert to the seed version": lambda: record_revert(
        record=project("wafira"), version=project("wafira").history.earliest(), user=superuser(), rows=[]
    ),
    "a renamed slug taken back": lambda: saved(project("jumelage-pst-2"), slug="jumelage-pst"),
    "a project deleted": lambda: project("undaf-maroc").delete(),
}


def differences(mirror: dict, fresh: dict) -> list[str]:
    found = []
    for resource in fresh:
        ours, theirs = mirror.get(resource, {}), fresh[resource]
        found += [f"{resource}/{key}: kept after it left" for key in sorted(ours.keys() - theirs.keys())]
        found += [f"{resource}/{key}: missing" for key in sorted(theirs.keys() - ours.keys())]
        for key in sorted(ours.keys() & theirs.keys()):
            fields = sorted(name for name in theirs[key] if ours[key].get(name) != theirs[key][name])
            if fields:
                found.append(f"{resource}/{key}: stale {', '.join(fields)}")
    return found


@pytest.fixture
def seed_registry(transactional_db):
    call_command("load_registry", stdout=io.StringIO())


def test_a_mirror_kept_in_step_equals_a_fresh_pull_after_every_kind_of_edit(
    live_server, seed_registry, settings
):
    base = f"{live_server.url}/api/v1/"
    mirror = api_mirror.Mirror(base).pull()
    records = sum(len(rows) for rows in mirror.records.values())
    # One call per 100 rows of each list, and one for the checkpoint.
    assert mirror.calls <= 1 + sum(len(rows) // 100 + 1 for rows in mirror.records.values())
    assert records > 200

    for edits in (FIRST_ROUND, SECOND_ROUND):
        for edit in edits.values():
            edit()
        mirror.sync()
        # The reference serializes every row afresh: rows kept under the
        # feed's stamps (core/rest/rows.py) would repeat a stamp it missed.
        settings.FRAGMENT_CACHE_SECONDS = 0
        fresh = api_mirror.Mirror(base).pull()
        settings.FRAGMENT_CACHE_SECONDS = 86400
        assert differences(mirror.records, fresh.records) == []

    assert len(FIRST_ROUND) + len(SECOND_ROUND) >= 20
    # The edits did reach the API (the mirror is not equal by standing still).
    assert "thamm" in mirror.records["projects"]
    assert "jumelage-pst-2" not in mirror.records["projects"]
    assert "undaf-maroc" not in mirror.records["projects"]
    assert mirror.records["organisations"]["cgem-maroc"]["slug"] == "cgem-maroc"
    assert mirror.records["projects"]["paraae"]["title"]["en"] == "PARAAE, imported title"


def test_a_sync_asks_only_for_what_changed(live_server, seed_registry):
    base = f"{live_server.url}/api/v1/"
    mirror = api_mirror.Mirror(base).pull()
    saved(organisation("giz"), name_fr="Agence allemande de coopération internationale (GIZ)")
    withdrawals, _checkpoint = mirror.start(mirror.checkpoint)
    assert withdrawals == []
    changed = {
        resource: sorted(mirror.keyed(resource, key, modified_since=mirror.checkpoint))
        for resource, key in api_mirror.SYNCED.items()
    }
    giz = organisation("giz")
    assert changed["organisations"] == ["giz"]
    assert changed["projects"] == sorted(
        Project.objects.published()
        .filter(participations__organisation=giz)
        .distinct()
        .values_list("slug", flat=True)
    )
    assert changed["activities"] == sorted(
        str(pk) for pk in Activity.objects.published().filter(partners=giz).values_list("pk", flat=True)
    )
