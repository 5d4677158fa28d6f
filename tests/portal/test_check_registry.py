"""`manage.py check_registry` prints the data-quality board for a scheduled
job, and fails on request when anything is found."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext, ngettext

from portal.management.commands.check_registry import Command
from portal.quality import registry_problems
from projects.models import Project
from tests.portal.test_quality import SOUND, faulty_registry
from tests.registry import project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to(datetime.datetime(2026, 6, 15, 10, tzinfo=datetime.UTC))


def check_registry(*args) -> str:
    out = io.StringIO()
    call_command("check_registry", *args, stdout=out)
    return out.getvalue()


def test_it_prints_what_the_board_shows():
    faulty_registry()
    printed = check_registry()
    problems = registry_problems()
    for problem in problems:
        assert (
            gettext("%(kind)s: %(count)d") % {"kind": problem.label, "count": problem.count} + "\n" in printed
        )
        for finding in problem.findings:
            assert f"  {finding.record}  {finding.url}\n" in printed
            for fix in finding.fixes:
                assert f"    - {fix.text}  {fix.link}\n" in printed
    total = sum(problem.count for problem in problems)
    assert total > 0
    summary = ngettext("%(count)d problem found.", "%(count)d problems found.", total) % {"count": total}
    assert printed.endswith(f"{summary}\n")


def test_it_says_how_many_are_not_listed():
    registry = faulty_registry()
    for number in range(60):
        project(registry, acronym=f"LATE{number}", **(SOUND | {"status": Project.Status.IMPLEMENTATION}))
    assert "  And 12 more records with this problem.\n" in check_registry("--language", "en")


def test_it_reports_in_the_language_asked():
    faulty_registry()
    assert "Projects – summary: Arabic or English missing: 1\n" in check_registry("--language", "en")


def test_it_fails_on_problems_only_when_asked():
    faulty_registry()
    check_registry()
    with pytest.raises(CommandError, match="problems found"):
        check_registry("--fail-on-problems", "--language", "en")
    # As a scheduled job sees it: the exit status.
    with pytest.raises(SystemExit) as exit_status:
        Command(stdout=io.StringIO(), stderr=io.StringIO()).run_from_argv(
            ["manage.py", "check_registry", "--fail-on-problems"]
        )
    assert exit_status.value.code == 1


def test_an_empty_registry_passes():
    printed = check_registry("--fail-on-problems", "--language", "en")
    assert printed.endswith("0 problems found.\n")
