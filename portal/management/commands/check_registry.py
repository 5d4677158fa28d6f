"""Print the data-quality board (portal/quality.py): each kind of problem
with its count and its first records, each with what to fix and the
address of its form, for a scheduled job. `--fail-on-problems` exits with
status 1 when anything is found."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext, ngettext

from core.languages import CODES
from portal.quality import registry_problems


class Command(BaseCommand):
    help = "Print the data-quality board: the count and the first records of each kind of problem."

    def add_arguments(self, parser):
        parser.add_argument(
            "--fail-on-problems",
            action="store_true",
            help="Exit with status 1 when a problem is found.",
        )
        parser.add_argument(
            "--language", choices=CODES, default=settings.LANGUAGE_CODE, help="The language of the report."
        )

    def handle(self, *args, fail_on_problems=False, language=None, **options):
        with translation.override(language):
            problems = registry_problems()
            for problem in problems:
                self.print_problem(problem)
            total = sum(problem.count for problem in problems)
            summary = ngettext("%(count)d problem found.", "%(count)d problems found.", total) % {
                "count": total
            }
        if total and fail_on_problems:
            raise CommandError(summary)
        self.stdout.write(summary)

    def print_problem(self, problem):
        self.stdout.write(gettext("%(kind)s: %(count)d") % {"kind": problem.label, "count": problem.count})
        for finding in problem.findings:
            self.stdout.write(f"  {finding.record}  {finding.url}")
            for fix in finding.fixes:
                self.stdout.write(f"    - {fix.text}  {fix.link}")
        if problem.unlisted:
            self.stdout.write(
                "  "
                + ngettext(
                    "And %(counter)s more record with this problem.",
                    "And %(counter)s more records with this problem.",
                    problem.unlisted,
                )
                % {"counter": problem.unlisted}
            )
