"""Writes that span a project and its children: the editorial transitions.

A project moves through the workflow with the rows that describe it. An
editor submits a project (and its draft components, indicators, documents,
activities and events) for review; a publisher publishes it (and what was
submitted with it) once it passes the publication checks. Sending a project
back to draft or archiving it needs no cascade: its children are public only
while it is (`published()` follows the project). The people concerned hear
of the project's transition once, not of each child that moves with it.
"""

from collections import defaultdict
from decimal import Decimal

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.money import check_amount
from core.publication import Publication
from core.workflow import Blocker, Transition, record_transition
from projects.models import Participation, Project, check_period

# Translated texts a published project must have, in both official languages.
REQUIRED_TEXTS = ("title", "objective", "summary")
REQUIRED_LANGUAGES = (("fr", _("French")), ("ar", _("Arabic")))


def project_children(project: Project) -> list:
    """The publishable rows that describe `project`."""
    return [
        *project.components.all(),
        *project.indicators.all(),
        *project.documents.all(),
        *project.activities.all(),
        *project.events.all(),
    ]


def project_publication_blockers(project: Project) -> list[Blocker]:
    """What keeps `project` from being published, one sentence each, naming
    the fields to fill or fix (and the form's element to link to); empty when
    it may be published."""
    blockers = []
    for name in REQUIRED_TEXTS:
        label = Project._meta.get_field(name).verbose_name
        for code, language in REQUIRED_LANGUAGES:
            if not (getattr(project, f"{name}_{code}") or "").strip():
                blockers.append(
                    Blocker(
                        gettext("The %(field)s in %(language)s is missing.")
                        % {"field": label, "language": language},
                        f"id_{name}_{code}",
                    )
                )
    if not project.country_links.exists():
        blockers.append(Blocker(gettext("The project has no country."), "country_links-group"))
    funders = list(project.participations.filter(role=Participation.Role.FUNDER))
    if not funders:
        blockers.append(Blocker(gettext("The project has no funder."), "participations-group"))
    if not project.start_date:
        blockers.append(Blocker(gettext("The start date is missing."), "id_start_date"))
    blockers += [
        Blocker(str(message), f"id_{field}")
        for field, message in check_period(project.start_date, project.end_date).items()
    ]
    blockers += [
        Blocker(gettext("Total budget: %(error)s") % {"error": message}, "id_budget")
        for message in check_amount(project.budget, project.budget_currency).values()
    ]
    blockers += _amount_blockers(project, funders)
    return blockers


def _amount_blockers(project: Project, funders: list[Participation]) -> list[Blocker]:
    blockers = []
    contributions: dict[str, Decimal] = defaultdict(Decimal)
    for participation in funders:
        for message in check_amount(participation.amount, participation.currency).values():
            blockers.append(
                Blocker(
                    gettext("Contribution of %(organisation)s: %(error)s")
                    % {"organisation": participation.organisation.short_name, "error": message},
                    "participations-group",
                )
            )
        if participation.amount is not None and participation.currency:
            contributions[participation.currency] += participation.amount
    allocations: dict[str, Decimal] = defaultdict(Decimal)
    for component in project.components.all():
        for message in check_amount(component.amount, component.currency).values():
            blockers.append(
                Blocker(
                    gettext("Component %(code)s: %(error)s") % {"code": component.code, "error": message},
                    "components-group",
                )
            )
        if component.amount is not None and component.currency:
            allocations[component.currency] += component.amount
    # Amounts are compared only within the budget's currency: never across currencies.
    if project.budget is not None and project.budget >= 0 and project.budget_currency:
        currency, budget = project.budget_currency, project.budget
        if contributions[currency] > budget:
            blockers.append(
                Blocker(
                    gettext("The funders' contributions (%(sum)s %(currency)s) exceed the total budget.")
                    % {"sum": contributions[currency], "currency": currency},
                    "participations-group",
                )
            )
        if allocations[currency] > budget:
            blockers.append(
                Blocker(
                    gettext("The components' allocations (%(sum)s %(currency)s) exceed the total budget.")
                    % {"sum": allocations[currency], "currency": currency},
                    "components-group",
                )
            )
    return blockers


@transaction.atomic
def project_submit_for_review(*, project: Project, user: AbstractBaseUser) -> Project:
    record_transition(record=project, user=user, transition=Transition.SUBMIT)
    for child in project_children(project):
        if child.publication == Publication.DRAFT:
            record_transition(record=child, user=user, transition=Transition.SUBMIT, notify_people=False)
    return project


@transaction.atomic
def project_publish(*, project: Project, user: AbstractBaseUser) -> Project:
    """Publish `project` with the children submitted for review, or refuse
    with the list of what blocks publication."""
    blockers = project_publication_blockers(project)
    if blockers:
        raise ValidationError(blockers)
    record_transition(record=project, user=user, transition=Transition.PUBLISH)
    for child in project_children(project):
        if child.publication == Publication.REVIEW:
            record_transition(record=child, user=user, transition=Transition.PUBLISH, notify_people=False)
    return project


def project_send_back(*, project: Project, user: AbstractBaseUser, comment: str) -> Project:
    return record_transition(record=project, user=user, transition=Transition.SEND_BACK, comment=comment)


def project_archive(*, project: Project, user: AbstractBaseUser) -> Project:
    return record_transition(record=project, user=user, transition=Transition.ARCHIVE)


def project_transition(
    *, project: Project, user: AbstractBaseUser, transition: Transition, comment: str = ""
) -> Project:
    """Apply `transition` to `project` through its own service."""
    if transition == Transition.SUBMIT:
        return project_submit_for_review(project=project, user=user)
    if transition == Transition.PUBLISH:
        return project_publish(project=project, user=user)
    if transition == Transition.SEND_BACK:
        return project_send_back(project=project, user=user, comment=comment)
    return project_archive(project=project, user=user)
