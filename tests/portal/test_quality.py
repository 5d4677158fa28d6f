"""The data-quality board (portal/quality.py): each kind of problem lists
the records that have it, linked to the field to fix; its rules say what the
publication checks and the IATI export say; the admin shows it to staff only,
with its counts on the index; and it costs the same queries for 3 faulty
records as for 30."""

import datetime
from decimal import Decimal

import lxml.html
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from activities.models import Event
from core.models import PendingChange
from core.periods import DatePrecision
from opendata.views import left_out_projects
from portal.quality import registry_problems
from projects.models import Project
from projects.services import project_publication_blockers
from tests.factories import ActivityFactory, ComponentFactory, EventFactory, OrganisationFactory
from tests.registry import build_registry, project

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
# A project with nothing to fix: every text in three languages, closed,
# in Morocco, funded by the EU (which has an IATI identifier).
SOUND = {
    "status": Project.Status.CLOSED,
    "summary_en": "Fair labour migration.",
    "objective_en": "Build capacities.",
}


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC))


def admin_link(record, anchor: str = "") -> str:
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])
    return f"{url}#{anchor}" if anchor else url


def faulty_registry() -> dict:
    """One sound project and, beside it, a record of each kind of problem."""
    registry = build_registry(countries=("MA", "TN"), organisations=("ue", "oit", "giz"))
    sound = registry["sound"] = project(
        registry, countries=("MA",), funders={"ue": None}, implementers=("oit",), acronym="SOUND", **SOUND
    )
    # Published with a blank Arabic summary, no country and no funder.
    registry["bare"] = project(registry, acronym="BARE", **(SOUND | {"summary_ar": "  \n"}))
    registry["late"] = project(
        registry,
        countries=("MA",),
        funders={"ue": None},
        acronym="LATE",
        **(SOUND | {"status": Project.Status.IMPLEMENTATION}),
    )
    registry["waiting"] = project(
        registry,
        countries=("MA",),
        funders={"ue": None},
        acronym="WAITING",
        **(SOUND | {"status": Project.Status.PIPELINE}),
    )
    # In pipeline, starting some time this year: not yet contradicted.
    project(
        registry,
        countries=("MA",),
        funders={"ue": None},
        acronym="THIS-YEAR",
        **(SOUND | {"status": Project.Status.PIPELINE, "start_date": TODAY.replace(month=1, day=1)}),
        start_precision=DatePrecision.YEAR,
        end_date=None,
    )
    # 2019-2022 lasts 48 months, not 12.
    registry["short"] = project(
        registry, countries=("MA",), funders={"ue": None}, acronym="SHORT", duration_months=12, **SOUND
    )
    # Known to the year only, 2019-2022 may last 36 months (August 2019 to July 2022).
    project(
        registry,
        countries=("MA",),
        funders={"ue": None},
        acronym="YEARS",
        duration_months=36,
        start_precision=DatePrecision.YEAR,
        end_precision=DatePrecision.YEAR,
        **SOUND,
    )
    registry["giz_funded"] = project(
        registry, countries=("MA",), funders={"giz": None}, acronym="GIZ-FUNDED", **SOUND
    )
    registry["stale"] = project(registry, countries=("MA",), funders={"ue": None}, acronym="STALE", **SOUND)
    Project.objects.filter(pk=registry["stale"].pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=400)
    )
    registry["pending"] = PendingChange.objects.create(
        record=sound,
        rows=[
            {
                "model": "projects.project",
                "pk": sound.pk,
                "action": "change",
                "fields": {"acronym": ["SOUND", "S"]},
            }
        ],
    )
    # Outside their project (which the forms refuse).
    registry["abroad"] = ActivityFactory(project=sound, country=registry["TN"], code="9.1")
    registry["too_late"] = ActivityFactory(project=sound, start_date=datetime.date(2023, 3, 1), code="9.2")
    registry["too_early"] = EventFactory(
        project=sound, title_fr="Atelier trop tôt", start_date=datetime.date(2018, 5, 2)
    )
    # A signature may come before its project's start.
    EventFactory(
        project=sound, title_fr="Signature", kind=Event.Kind.SIGNATURE, start_date=datetime.date(2018, 5, 2)
    )
    return registry


@pytest.fixture
def registry():
    return faulty_registry()


def board() -> dict:
    """{kind: {record's name: [links of its fixes]}} for every kind found."""
    return {
        problem.key: {finding.record: [fix.link for fix in finding.fixes] for finding in problem.findings}
        for problem in registry_problems()
        if problem.count
    }


def test_each_kind_lists_its_records_with_the_fields_to_fix(registry):
    found = board()
    bare, late, waiting, short = (registry[name] for name in ("bare", "late", "waiting", "short"))
    assert found["publication"] == {
        str(bare): [
            admin_link(bare, "id_summary_ar"),
            admin_link(bare, "country_links-group"),
            admin_link(bare, "participations-group"),
        ]
    }
    assert found["translation-projects-project-summary"] == {str(bare): [admin_link(bare, "id_summary_ar")]}
    assert found["status"] == {
        str(late): [admin_link(late, "id_status")],
        str(waiting): [admin_link(waiting, "id_status")],
    }
    assert found["duration"] == {str(short): [admin_link(short, "id_duration_months")]}
    assert found["iati-left-out"] == {str(bare): [admin_link(bare, "participations-group")]}
    giz = registry["giz"]
    assert found["iati-funders"] == {str(giz): [admin_link(giz, "id_iati_identifier")]}
    stale = registry["stale"]
    assert found["review-projects-project"] == {str(stale): [admin_link(stale)]}
    sound, pending = registry["sound"], registry["pending"]
    assert found["pending"] == {str(sound): [admin_link(sound, f"pending-{pending.pk}-title")]}
    abroad, too_late, too_early = registry["abroad"], registry["too_late"], registry["too_early"]
    assert found["activities-outside"] == {
        str(abroad): [admin_link(abroad, "id_country")],
        str(too_late): [admin_link(too_late, "id_start_date")],
    }
    assert found["events-outside"] == {str(too_early): [admin_link(too_early, "id_start_date")]}


def test_a_kind_without_records_is_counted_zero(registry):
    problems = {problem.key: problem for problem in registry_problems()}
    assert problems["translation-projects-project-context"].count == 0
    assert problems["translation-projects-project-context"].findings == []


def test_an_acronym_missing_in_a_language_is_no_missing_translation(registry):
    def counts():
        return {problem.key: problem.count for problem in registry_problems()}

    before = counts()
    OrganisationFactory(acronym_fr="DEPF", acronym_ar="", acronym_en="", description_fr="Direction")
    after = counts()
    assert "translation-partners-organisation-acronym" not in after
    description = "translation-partners-organisation-description"
    assert after[description] == before[description] + 1


def test_lists_are_capped_and_the_count_is_the_whole_registry(registry):
    for number in range(3):
        project(registry, acronym=f"LATE{number}", **(SOUND | {"status": Project.Status.IMPLEMENTATION}))
    status = next(problem for problem in registry_problems(limit=2) if problem.key == "status")
    assert (status.count, len(status.findings), status.unlisted) == (5, 2, 3)


def test_the_review_age_is_a_setting(registry, settings):
    settings.REGISTRY_REVIEW_AFTER_DAYS = 500
    assert "review-projects-project" not in board()


def test_publication_kind_says_what_the_publication_checks_say(registry):
    # Funders giving more than the budget; a component's allocation too.
    overspent = project(
        registry, countries=("MA",), funders={"ue": (Decimal("2000"), "EUR")}, acronym="OVER", **SOUND
    )
    Project.objects.filter(pk=overspent.pk).update(budget=Decimal("1000"), budget_currency="EUR")
    ComponentFactory(project=overspent, amount=Decimal("1500"), currency="EUR")
    # Start missing, end before start in another, a budget without currency.
    project(registry, countries=("MA",), funders={"ue": None}, acronym="NOSTART", start_date=None, **SOUND)
    backwards = project(registry, countries=("MA",), funders={"ue": None}, acronym="BACK", **SOUND)
    Project.objects.filter(pk=backwards.pk).update(
        start_date=datetime.date(2023, 1, 1), budget=Decimal("5"), budget_currency=""
    )
    # Refused amounts are named in general words on the board.
    refused = project(
        registry, countries=("MA",), funders={"ue": (Decimal("-1"), "EUR")}, acronym="NEG", **SOUND
    )
    ComponentFactory(project=refused, amount=Decimal("3"), currency="")

    listed = next(problem for problem in registry_problems() if problem.key == "publication")
    board_texts = {finding.record: sorted(fix.text for fix in finding.fixes) for finding in listed.findings}
    board_anchors = {
        finding.record: sorted(fix.link.split("#")[1] for fix in finding.fixes) for finding in listed.findings
    }
    checks = {
        str(project): project_publication_blockers(project)
        for project in Project.objects.published()
        if project_publication_blockers(project)
    }
    assert board_anchors == {
        name: sorted(blocker.element for blocker in blockers) for name, blockers in checks.items()
    }
    assert str(refused) in board_anchors and str(overspent) in board_anchors
    worded_alike = {name: sorted(blockers) for name, blockers in checks.items() if name != str(refused)}
    assert {name: texts for name, texts in board_texts.items() if name != str(refused)} == worded_alike


def test_iati_kind_says_what_the_data_page_says(registry):
    # No description in any language, no date: left out for both reasons too.
    empty = project(
        registry,
        countries=("MA",),
        funders={"ue": None},
        acronym="EMPTY",
        summary_fr="",
        summary_ar=" ",
        objective_fr="",
        objective_ar="\x0b",
        start_date=None,
        end_date=None,
    )
    listed = next(problem for problem in registry_problems() if problem.key == "iati-left-out")
    on_board = {finding.record: [fix.text for fix in finding.fixes] for finding in listed.findings}
    on_data_page = {str(row["project"]): row["reasons"].split("; ") for row in left_out_projects()}
    assert on_board == on_data_page
    assert len(on_board[str(empty)]) == 2


# The admin's board and index.


def test_the_board_lists_each_kind_with_links_to_the_fields(staff_client, registry):
    response = staff_client.get("/admin/quality/")
    assert response.status_code == 200
    page = lxml.html.document_fromstring(response.content.decode())
    for key, records in board().items():
        section = page.get_element_by_id(key)
        links = {link.get("href") for link in section.iter("a")}
        for name, fixes in records.items():
            assert name in section.text_content()
            assert set(fixes) <= links
    summary = [link.get("href") for link in page.find_class("quality-summary")[0].iter("a")]
    assert summary == [f"#{key}" for key in board()]


def test_the_board_says_how_many_are_not_listed(staff_client, registry):
    for number in range(60):
        project(registry, acronym=f"LATE{number}", **(SOUND | {"status": Project.Status.IMPLEMENTATION}))
    section = lxml.html.document_fromstring(
        staff_client.get("/admin/quality/").content.decode()
    ).get_element_by_id("status")
    assert len(section.xpath(".//tbody/tr")) == 50
    assert "12" in section.find_class("help")[0].text_content()


def test_the_admin_index_shows_the_counts(staff_client, registry):
    page = lxml.html.document_fromstring(staff_client.get(reverse("admin:index")).content.decode())
    panel = page.get_element_by_id("registry-to-do")
    counts = {
        row.find("th/a").get("href"): int(row.find("td").text_content())
        for row in panel.iter("tr")
        if row.find("th") is not None
    }
    assert counts["/admin/quality/#status"] == 2
    assert counts["/admin/quality/#publication"] == 1
    assert "/admin/quality/#duration" in counts
    assert "/admin/quality/#translation-projects-project-context" not in counts


def index_counts(staff_client) -> dict:
    return {
        problem["key"]: problem["count"]
        for problem in staff_client.get(reverse("admin:index")).context["to_do"]
    }


def test_the_index_counts_are_kept_until_the_registry_changes(staff_client, registry):
    before = index_counts(staff_client)
    with CaptureQueriesContext(connection) as kept:
        assert index_counts(staff_client) == before
    with CaptureQueriesContext(connection) as computed:
        registry_problems()
    assert len(kept) < len(computed)

    faulty = Project.objects.get(publication="published", status="implementation", end_date__isnull=False)
    faulty.start_date = None
    faulty.save()
    assert index_counts(staff_client)["publication"] == before["publication"] + 1


def test_someone_not_staff_gets_no_data(client, django_user_model, registry):
    response = client.get("/admin/quality/")
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
    reader = django_user_model.objects.create_user("reader", password="a long passphrase 42")
    client.force_login(reader)
    for url in ("/admin/quality/", reverse("admin:index")):
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))
        assert b"BARE" not in response.content


# The cost.


def faulty_records(count: int, registry: dict, start: int = 0) -> None:
    """`count` published projects each with several problems (texts, country,
    funder, status, IATI, review, a pending change, an activity and an
    event outside it)."""
    for number in range(start, start + count):
        faulty = project(
            registry,
            acronym=f"FAULTY{number}",
            **(SOUND | {"status": Project.Status.IMPLEMENTATION, "summary_ar": ""}),
        )
        Project.objects.filter(pk=faulty.pk).update(updated_at=timezone.now() - datetime.timedelta(days=400))
        PendingChange.objects.create(record=faulty, rows=[])
        ActivityFactory(project=faulty, start_date=datetime.date(2024, 1, 1))
        EventFactory(project=faulty, start_date=datetime.date(2010, 1, 1))


def count_queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_the_board_costs_the_same_for_3_or_30_faulty_records(staff_client, django_assert_max_num_queries):
    registry = build_registry(countries=("MA", "TN"), organisations=("ue", "oit", "giz"))
    faulty_records(3, registry)
    problems = registry_problems()
    with_three = count_queries(registry_problems)
    # One query per kind, the IATI reasons' participations, and the records
    # of the pending changes (one kind of record here).
    assert with_three <= len(problems) + 2
    board_with_three = count_queries(lambda: staff_client.get("/admin/quality/"))
    index_with_three = count_queries(lambda: staff_client.get(reverse("admin:index")))

    faulty_records(27, registry, start=3)
    assert next(problem for problem in registry_problems() if problem.key == "pending").count == 30
    with django_assert_max_num_queries(with_three):
        registry_problems()
    with django_assert_max_num_queries(board_with_three):
        staff_client.get("/admin/quality/")
    with django_assert_max_num_queries(index_with_three):
        staff_client.get(reverse("admin:index"))
