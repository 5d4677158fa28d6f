"""Reverting a record to one of its versions, with the rows edited inside it.

simple-history's revert saves a record's own fields only; a project is also
its inline rows (countries, participations, components, indicators,
documents). `revert_plan` says, row by row, what a revert to a version
re-creates, deletes and changes back, and what it cannot restore and why;
`record_revert` does it in one transaction, the record and each row saved
with history, so that a revert is a version like any other and can itself
be reverted.

A version stands for the record as it was until its next version: its rows
are taken as they were just before that next version was saved (as they are
now, for the latest version). The admin saves a record before its inline
rows, so the rows saved with a version belong to it.

What cannot be restored is found by trying, not by a copy of the rules: the
steps are rehearsed in a transaction that is rolled back, and the models'
own rules (`clean()`, constraints, `delete()` guards) decide. Steps that fail
are tried again once the others are done, so the order of the rows does not
matter (an indicator comes back after its component).

Publication moves through the workflow only (core/workflow.py): a revert
keeps the publication of the record and of its rows as it is now; a row that
comes back is as it was if the user may publish it, a draft otherwise. A
public record is reverted only by someone who may publish it: anyone else's
revert would change the public site unreviewed.

A deleted record comes back without its rows: their history says when they
were deleted, not whether with the record or before it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_permission_codename
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError, models, router, transaction
from django.db.models.deletion import Collector, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import NotRegistered, translator
from simple_history.utils import get_history_manager_for_model

from core.concurrency import BOOKKEEPING_FIELDS, VersionedModel
from core.publication import Publication
from core.review import is_public, may_approve
from core.workflow import may_publish

RECREATE, CHANGE, DELETE = "recreate", "change", "delete"

# Moved by the workflow only: a revert leaves it as it is.
WORKFLOW_FIELDS = ("publication",)

# A revert's versions read "<label>: <date of the version restored>", as a
# transition's read "<label>: <comment>" (core/workflow.py).
REVERT_LABEL = _("Back to an earlier version")

# How many records a refusal names before "…".
NAMED = 5


class RevertConflict(ValidationError):
    """The record's rows changed between the plan shown and its confirmation."""


def version_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a version is made of, as a reader compares them: the
    editable columns, without the bookkeeping ones and without each
    translated field's untranslated column (modeltranslation's copy of one
    language, whichever was active when the record was saved)."""
    try:
        mirrors = set(translator.get_options_for_model(model).all_fields)
    except NotRegistered:
        mirrors = set()
    return [
        field
        for field in model._meta.concrete_fields
        if field.editable
        and not field.primary_key
        and field.name not in BOOKKEEPING_FIELDS
        and field.name not in mirrors
    ]


def restored_fields(model: type[models.Model]) -> list[models.Field]:
    """The fields a revert writes back."""
    return [field for field in version_fields(model) if field.name not in WORKFLOW_FIELDS]


def same_value(field: models.Field, first, second) -> bool:
    # A text column saved by a form holds "" where one written otherwise may
    # hold None: no reader tells them apart.
    if isinstance(field, models.CharField | models.TextField):
        return (first or "") == (second or "")
    return first == second


@dataclass(frozen=True)
class Rows:
    """The rows of `model` that belong to a record through the foreign key
    named `link` (an inline of the record's admin)."""

    model: type[models.Model]
    link: str

    @classmethod
    def of(cls, parent: type[models.Model], model: type[models.Model], link: str | None = None) -> Rows:
        if link is None:
            [link] = [
                field.name
                for field in model._meta.concrete_fields
                if field.many_to_one and issubclass(parent, field.related_model)
            ]
        return cls(model, link)

    @property
    def link_field(self) -> models.ForeignKey:
        return self.model._meta.get_field(self.link)

    @property
    def has_history(self) -> bool:
        return hasattr(self.model._meta, "simple_history_manager_attribute")


@dataclass
class FieldChange:
    field: models.Field
    current: Any
    restored: Any


@dataclass
class Step:
    """One row to re-create, change back or delete."""

    action: str
    model: type[models.Model]
    pk: Any
    label: str
    version: Any = None  # the row's historical version to restore (None to delete)
    changes: list[FieldChange] = field(default_factory=list)
    as_draft: bool = False  # comes back as a draft (the user may not publish it)
    refusal: str = ""  # why it cannot be restored; empty when it can

    @property
    def key(self) -> list:
        return [
            self.action,
            self.model._meta.label,
            str(self.pk),
            [[change.field.name, repr(change.current), repr(change.restored)] for change in self.changes],
            self.as_draft,
            bool(self.refusal),
        ]


@dataclass
class RevertPlan:
    """What reverting `record` to `version` restores, and what it cannot."""

    record: models.Model | None
    version: Any
    record_changes: list[FieldChange]
    rows: list[Rows]
    steps: list[Step]
    # What no history keeps (many-to-many fields, rows of models without
    # history): left as they are.
    untracked: list[str]

    @property
    def record_deleted(self) -> bool:
        """The record is gone: it comes back without its rows."""
        return self.record is None

    def steps_of(self, rows: Rows) -> list[Step]:
        return [step for step in self.steps if step.model is rows.model]

    @property
    def refused(self) -> list[Step]:
        return [step for step in self.steps if step.refusal]

    @property
    def fingerprint(self) -> str:
        """A digest of the rows' part of the plan: a confirmation is applied
        only to the plan it was shown (the record itself is checked by its
        version, core/concurrency.py)."""
        steps = sorted(step.key for step in self.steps)
        text = json.dumps([str(self.version.history_id), steps], default=str)
        return hashlib.sha256(text.encode()).hexdigest()


def revert_refusal(*, record: models.Model | None, user: AbstractBaseUser) -> str:
    """Why `user` may not revert `record`; empty when they may."""
    if record is None or not is_public(record) or may_approve(user, type(record)):
        return ""
    return gettext(
        "“%(record)s” is public: a revert would change the public site without review, "
        "so only a publisher may revert it."
    ) % {"record": record}


def version_copy(*, record: models.Model | None, version, user: AbstractBaseUser) -> models.Model:
    """The record as `version` holds it, with its publication as it is now
    (or, for a deleted record, as it was if `user` may publish it)."""
    copy = version.instance
    copy._state.adding = record is None
    for name in WORKFLOW_FIELDS:
        if not hasattr(copy, name):
            continue
        if record is not None:
            setattr(copy, name, getattr(record, name))
        elif not may_publish(user, type(copy)):
            setattr(copy, name, Publication.DRAFT)
    return copy


def revert_reason(version) -> str:
    when = timezone.localtime(version.history_date).strftime("%Y-%m-%d %H:%M")
    return f"{REVERT_LABEL}: {when}"


def revert_plan(
    *, record: models.Model | None, version, user: AbstractBaseUser, rows: list[Rows]
) -> RevertPlan:
    """What reverting `record` (None when it was deleted) to `version`
    restores in its `rows`, and what it cannot; nothing is written."""
    plan = _differences(record=record, version=version, user=user, rows=rows)
    reason = revert_reason(version)
    with transaction.atomic():
        # The record first, as the revert saves it: a deleted record's rows
        # need it back. Its own errors are the revert form's to show.
        try:
            with transaction.atomic():
                _save(version_copy(record=record, version=version, user=user), user=user, reason=reason)
        except (ValidationError, IntegrityError):
            pass
        _run(plan.steps, user=user, reason=reason)
        transaction.set_rollback(True)
    return plan


@transaction.atomic
def record_revert(
    *,
    record: models.Model | None,
    version,
    user: AbstractBaseUser,
    rows: list[Rows],
    restored: models.Model | None = None,
    expected: str | None = None,
    blockers: Callable[[models.Model], list[str]] | None = None,
) -> RevertPlan:
    """Revert `record` and its `rows` to `version`; what was done and what
    could not be.

    `restored` is the record to save (the revert form's, with the user's
    corrections); by default the version's copy. With `expected` (the
    fingerprint of the plan the user confirmed), a plan that turns out
    otherwise is refused with RevertConflict and nothing is written. A
    record that stays public must still pass its publication checks
    (`blockers`, as its admin states them); if not, nothing is written.
    """
    refusal = revert_refusal(record=record, user=user)
    if refusal:
        raise PermissionDenied(refusal)
    reason = revert_reason(version)
    plan = _differences(record=record, version=version, user=user, rows=rows)
    if restored is None:
        restored = version_copy(record=record, version=version, user=user)
    _save(restored, user=user, reason=reason)
    _run(plan.steps, user=user, reason=reason)
    if expected is not None and plan.fingerprint != expected:
        raise RevertConflict(
            gettext(
                "The rows of this record changed since the page was opened: check what the revert "
                "restores now, then confirm again."
            ),
            code="stale_plan",
        )
    stored = type(restored)._base_manager.get(pk=restored.pk)
    if blockers is not None and is_public(stored):
        problems = blockers(stored)
        if problems:
            raise ValidationError(problems, code="publication_blocked")
    return plan


# Reading the differences.


def _differences(*, record, version, user, rows: list[Rows]) -> RevertPlan:
    model = version.instance_type
    cutoff = _next_version_date(version)
    record_changes = []
    if record is not None:
        for model_field in restored_fields(model):
            current, restored = model_field.value_from_object(record), getattr(version, model_field.attname)
            if not same_value(model_field, current, restored):
                record_changes.append(FieldChange(model_field, current, restored))
    if record is None:
        # Deleted rows say when, not by what: those deleted with their
        # record cannot be told from those deleted before it.
        rows = []
    record_pk = getattr(version, model._meta.pk.attname)
    rows = [each for each in rows if each.has_history]
    steps = []
    for each in rows:
        steps += _row_steps(each, record_pk, cutoff, user)
    return RevertPlan(
        record=record,
        version=version,
        record_changes=record_changes,
        rows=rows,
        steps=steps,
        untracked=_untracked(model, version, rows),
    )


def _next_version_date(version):
    """When the version after `version` was saved; None for the latest."""
    model = version.instance_type
    pk_name = model._meta.pk.attname
    later = (
        get_history_manager_for_model(model)
        .filter(**{pk_name: getattr(version, pk_name)})
        .filter(
            models.Q(history_date__gt=version.history_date)
            | models.Q(history_date=version.history_date, history_id__gt=version.history_id)
        )
        .order_by("history_date", "history_id")
        .values_list("history_date", flat=True)
        .first()
    )
    return later


def _rows_then(rows: Rows, record_pk, cutoff) -> dict:
    """The historical version of each row that belonged to the record just
    before `cutoff` (now, when None), by the row's primary key."""
    history = get_history_manager_for_model(rows.model)
    pk_name = rows.model._meta.pk.attname
    link = rows.link_field.attname
    ever = history.filter(**{link: record_pk}).values(pk_name)
    versions = history.filter(**{f"{pk_name}__in": ever})
    if cutoff is not None:
        versions = versions.filter(history_date__lt=cutoff)
    latest = {}
    for row in versions.latest_of_each().order_by(pk_name, "-history_date", "-history_id"):
        latest.setdefault(getattr(row, pk_name), row)
    return {
        pk: row for pk, row in latest.items() if row.history_type != "-" and getattr(row, link) == record_pk
    }


def _row_steps(rows: Rows, record_pk, cutoff, user) -> list[Step]:
    model = rows.model
    then = _rows_then(rows, record_pk, cutoff)
    now = {row.pk: row for row in model._base_manager.filter(**{rows.link_field.attname: record_pk})}
    fields = restored_fields(model)
    deletions, changes, recreations = [], [], []
    for pk, row in now.items():
        if pk not in then:
            deletions.append(Step(DELETE, model, pk, _label(row)))
            continue
        differences = [
            FieldChange(field, field.value_from_object(row), getattr(then[pk], field.attname))
            for field in fields
            if not same_value(field, field.value_from_object(row), getattr(then[pk], field.attname))
        ]
        if differences:
            changes.append(Step(CHANGE, model, pk, _label(row), then[pk], differences))
    moved = dict(
        model._base_manager.filter(pk__in=[pk for pk in then if pk not in now]).values_list(
            "pk", rows.link_field.attname
        )
    )
    for pk, version in then.items():
        if pk in now:
            continue
        step = Step(RECREATE, model, pk, _label(version.instance), version)
        step.as_draft = getattr(
            version, "publication", Publication.DRAFT
        ) != Publication.DRAFT and not may_publish(user, model)
        if pk in moved:
            step.refusal = gettext("It has been moved to another record since (“%(record)s”).") % {
                "record": _label(model._base_manager.get(pk=pk), rows.link)
            }
        recreations.append(step)
    steps = [*deletions, *changes, *recreations]
    for step in steps:
        step.refusal = step.refusal or _permission_refusal(user, model, step.action)
    return steps


def _untracked(model, version, rows: list[Rows]) -> list[str]:
    tracked = {m2m.name for m2m in getattr(version, "_history_m2m_fields", [])}
    through_rows = {each.model for each in rows if each.has_history}
    names = [
        str(m2m.verbose_name)
        for m2m in model._meta.many_to_many
        if m2m.name not in tracked and m2m.remote_field.through not in through_rows
    ]
    for each in rows:
        if not each.has_history:
            names.append(str(each.model._meta.verbose_name_plural))
            continue
        # A row's own many-to-many fields (a component's managing
        # organisations) do not come back with it.
        history = get_history_manager_for_model(each.model).model
        row_tracked = {m2m.name for m2m in history._history_m2m_fields}
        names += [
            gettext("%(rows)s: %(field)s")
            % {"rows": each.model._meta.verbose_name_plural, "field": m2m.verbose_name}
            for m2m in each.model._meta.many_to_many
            if m2m.name not in row_tracked
        ]
    return names


def _permission_refusal(user, model, action: str) -> str:
    permission = {RECREATE: "add", CHANGE: "change", DELETE: "delete"}[action]
    codename = get_permission_codename(permission, model._meta)
    if user.has_perm(f"{model._meta.app_label}.{codename}"):
        return ""
    rows = model._meta.verbose_name_plural
    if action == RECREATE:
        return gettext("You may not add %(rows)s.") % {"rows": rows}
    if action == DELETE:
        return gettext("You may not delete %(rows)s.") % {"rows": rows}
    return gettext("You may not change %(rows)s.") % {"rows": rows}


def _label(row: models.Model, *path: str) -> str:
    """`row` (or the record `path` leads to) as its list names it; a row
    whose related record is gone is named by its kind and number."""
    try:
        for name in path:
            row = getattr(row, name)
        return str(row)
    except ObjectDoesNotExist:
        return f"{row._meta.verbose_name} #{row.pk}"


# Doing it (for real, or rehearsed and rolled back).


def _run(steps: list[Step], *, user, reason: str) -> None:
    """Apply `steps`, each in a savepoint; a step that fails is tried again
    after the others, and keeps the reason of its last failure."""
    pending = [step for step in steps if not step.refusal]
    while pending:
        failed = []
        for step in pending:
            try:
                with transaction.atomic():
                    _apply(step, user=user, reason=reason)
            except (ValidationError, IntegrityError, ProtectedError, RestrictedError) as error:
                step.refusal = _reason_of(error)
                failed.append(step)
            else:
                step.refusal = ""
        if len(failed) == len(pending):
            return
        pending = failed


def _apply(step: Step, *, user, reason: str) -> None:
    model = step.model
    if step.action == DELETE:
        row = model._base_manager.get(pk=step.pk)
        _check_nothing_depends_on(row)
        row._history_user = user
        row._change_reason = reason
        row.delete()
        return
    if step.action == RECREATE:
        row = step.version.instance
        row._state.adding = True
        if isinstance(row, VersionedModel):
            row.version = step.version.version + 1
        if step.as_draft:
            row.publication = Publication.DRAFT
    else:
        row = model._base_manager.get(pk=step.pk)
        for change in step.changes:
            setattr(row, change.field.attname, change.restored)
    _check_related_records_exist(row)
    row.full_clean()
    _save(row, user=user, reason=reason, force_insert=step.action == RECREATE)


def _save(row: models.Model, *, user, reason: str, **kwargs) -> None:
    # Saved with history: who reverted, and to which version.
    row._history_user = user
    row._change_reason = reason
    row.save(**kwargs)


def _check_related_records_exist(row: models.Model) -> None:
    """Refuse a row whose related records (an organisation, a country) were
    deleted since, naming them as they were last known."""
    missing = []
    for model_field in restored_fields(type(row)):
        value = getattr(row, model_field.attname)
        if not model_field.many_to_one or value is None:
            continue
        related = model_field.related_model
        if not related._base_manager.filter(pk=value).exists():
            missing.append(
                gettext("%(field)s “%(record)s” no longer exists.")
                % {"field": str(model_field.verbose_name).capitalize(), "record": last_known(related, value)}
            )
    if missing:
        raise ValidationError(missing)


def last_known(model: type[models.Model], pk) -> str:
    """A deleted record's name, from its last version; its number otherwise."""
    if hasattr(model._meta, "simple_history_manager_attribute"):
        history = get_history_manager_for_model(model)
        version = (
            history.filter(**{model._meta.pk.attname: pk}).order_by("-history_date", "-history_id").first()
        )
        if version is not None:
            return _label(version.instance)
    return f"#{pk}"


def _check_nothing_depends_on(row: models.Model) -> None:
    """Refuse to delete `row` while other records hang on it (an activity
    under a component): deleting them is no part of a revert."""
    collector = Collector(using=router.db_for_write(type(row)))
    collector.collect([row])
    dependents = [
        other
        for model, rows in collector.data.items()
        if not model._meta.auto_created
        for other in rows
        if not (model is type(row) and other.pk == row.pk)
    ]
    total = len(dependents)
    for queryset in collector.fast_deletes:
        if not queryset.model._meta.auto_created:
            total += queryset.count()
            dependents += list(queryset[:NAMED])
    if total:
        raise ValidationError(_dependents_refusal(dependents, total))


def _reason_of(error: Exception) -> str:
    if isinstance(error, ProtectedError):
        records = list(error.protected_objects)
        return _dependents_refusal(records, len(records))
    if isinstance(error, RestrictedError):
        records = list(error.restricted_objects)
        return _dependents_refusal(records, len(records))
    if isinstance(error, IntegrityError):
        return gettext("It conflicts with a row stored since.")
    return " ".join(error.messages)


def _dependents_refusal(records: list, total: int) -> str:
    names = ", ".join(_label(record) for record in records[:NAMED])
    if total > NAMED:
        names += ", …"
    return ngettext(
        "%(count)d other record depends on it (%(records)s): move or delete it first.",
        "%(count)d other records depend on it (%(records)s): move or delete them first.",
        total,
    ) % {"count": total, "records": names}
