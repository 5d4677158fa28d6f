"""Review of changes to public records.

What the public reads (pages, API, exports, IATI) is what a publisher let
through. A change to a public record is not written to it: it is kept as a
`PendingChange` (the rows it adds, changes or deletes, each field with the
value it had when the change was made and the value proposed) until a
publisher approves it, or sends it back with a comment its author reads on
the record's form. A publisher's own change takes the same road and is
approved at once, after the publication checks; should they fail, it waits
like any other, so nothing typed is lost.

A pending change survives changes published meanwhile. Approval writes a
field only where the public value is still the one the change was made
against (or already the proposed one); where both sides changed the same
field it is refused, naming the field and the value now published, and the
author's next edit of that field replaces the old proposal.

Publishers hear of a change when it starts waiting for them (made, or
proposed again after being sent back), not of each edit added to it, and not
of a publisher's own change, which the form approves at once (should the
publication checks refuse it, it is its author who must act). Its author
hears of its approval and of its sending back (core/notifications.py).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import reduce

from django.apps import apps
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext
from modeltranslation.translator import NotRegistered, translator

from core.concurrency import BOOKKEEPING_FIELDS
from core.models import Notification, PendingChange
from core.notifications import notify, publishers
from core.publication import Publication
from core.workflow import publish_permission

ADD, CHANGE, DELETE = "add", "change", "delete"


def is_public(record: models.Model) -> bool:
    """Whether the public reads `record` (or would, as soon as it is saved)."""
    queryset = type(record)._default_manager.all()
    if not hasattr(queryset, "published"):
        return False
    if record.pk is not None and not record._state.adding:
        return queryset.published().filter(pk=record.pk).exists()
    if hasattr(record, "publication"):
        # A new publishable record starts as a draft.
        return False
    # A new link (a participation, a project's country) is public at once
    # when the records it joins are.
    return all(
        getattr(parent, "publication", Publication.PUBLISHED) == Publication.PUBLISHED
        for parent in (_follow(record, path) for path in queryset.published_through)
        if parent is not None
    )


def _follow(record, path: str):
    return reduce(
        lambda item, name: getattr(item, name, None) if item is not None else None, path.split("__"), record
    )


def public_parent(record: models.Model) -> models.Model | None:
    """The public record a new link is shown with (a project for its
    participation): where its pending addition is reviewed."""
    queryset = type(record)._default_manager.all()
    for path in getattr(queryset, "published_through", ()):
        parent = _follow(record, path)
        if parent is not None:
            return parent
    return None


def approval_permissions(model: type[models.Model]) -> list[str]:
    """The permissions that approving changes to records of `model` needs:
    a link (a participation) is published with every record it joins."""
    if hasattr(model, "publication"):
        return [publish_permission(model)]
    permissions = []
    for path in getattr(model._default_manager.all(), "published_through", ()):
        related = model
        for name in path.split("__"):
            related = related._meta.get_field(name).related_model
        permissions.append(publish_permission(related))
    return permissions


def may_approve(user: AbstractBaseUser, model: type[models.Model]) -> bool:
    """Whether `user` publishes changes to records of `model`."""
    return all(user.has_perm(permission) for permission in approval_permissions(model))


# What a change is made of, from the admin's forms.


def rows_from_forms(form, formsets: Iterable = ()) -> list[dict]:
    """The rows that `form` (validated, not saved) and its inline `formsets`
    add, change or delete; unchanged rows are left out."""
    rows = [_changed_row(form) if form.instance.pk else _added_row(form)]
    for formset in formsets:
        deleted = set(map(id, formset.deleted_forms)) if formset.can_delete else set()
        for inline in formset.initial_forms:
            if id(inline) in deleted:
                rows.append(_deleted_row(inline.instance))
            elif inline.has_changed():
                rows.append(_changed_row(inline))
        for inline in formset.extra_forms:
            if inline.has_changed() and id(inline) not in deleted:
                rows.append(_added_row(inline))
    return [row for row in rows if row["fields"] or row["action"] == DELETE]


def _row(instance, action: str, fields: dict) -> dict:
    return {"model": instance._meta.label_lower, "pk": instance.pk, "action": action, "fields": fields}


def _changed_row(form) -> dict:
    model = form._meta.model
    stored = model._base_manager.get(pk=form.instance.pk)
    fields = {}
    for name in form.changed_data:
        field = _model_field(model, name)
        if field is None:
            continue
        before = stored_value(field, stored)
        after = _form_value(form, field)
        if not same(before, after):
            fields[name] = [before, after]
    return _row(stored, CHANGE, fields)


def _added_row(form) -> dict:
    instance = form.instance
    fields = {
        field.name: [None, stored_value(field, instance)]
        for field in instance._meta.concrete_fields
        if not field.primary_key and field.name not in BOOKKEEPING_FIELDS and _is_own(field)
    }
    for field in instance._meta.many_to_many:
        if field.name in form.cleaned_data:
            fields[field.name] = [None, _form_value(form, field)]
    return _row(instance, ADD, fields)


def changed_row(instance, relations: dict | None = None) -> dict:
    """What `instance` (changed in memory, not saved) and its many-to-many
    `relations` (field name → the related records) change in its stored row."""
    model = type(instance)
    stored = model._base_manager.get(pk=instance.pk)
    fields = {}
    for field in model._meta.concrete_fields:
        if field.primary_key or field.name in BOOKKEEPING_FIELDS or not _is_own(field):
            continue
        before, after = stored_value(field, stored), stored_value(field, instance)
        if not same(before, after):
            fields[field.name] = [before, after]
    for name, related in (relations or {}).items():
        field = model._meta.get_field(name)
        before, after = stored_value(field, stored), sorted(item.pk for item in related)
        if before != after:
            fields[name] = [before, after]
    return _row(stored, CHANGE, fields)


def _deleted_row(instance) -> dict:
    return _row(instance, DELETE, {})


def _is_own(field) -> bool:
    # modeltranslation's untranslated column mirrors the default language's
    # and is written with it: not a value of its own.
    try:
        options = translator.get_options_for_model(field.model)
    except NotRegistered:
        return True
    return field.name not in options.all_fields


def _model_field(model, name: str):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:  # a form's own field (the version it was opened on)
        return None
    if not getattr(field, "concrete", False) or field.name in BOOKKEEPING_FIELDS or field.primary_key:
        return None
    return field


def _form_value(form, field):
    if field.many_to_many:
        return sorted(item.pk for item in form.cleaned_data.get(field.name) or ())
    return stored_value(field, form.instance)


def stored_value(field, instance):
    """`field` of `instance` as kept in a pending change (JSON)."""
    if field.many_to_many:
        if instance.pk is None:
            return []
        return sorted(getattr(instance, field.name).values_list("pk", flat=True))
    return json.loads(json.dumps(field.value_from_object(instance), cls=DjangoJSONEncoder))


def same(first, second) -> bool:
    """Equal values; an empty text and no text are one value."""
    empty = (None, "")
    return first == second or (first in empty and second in empty)


# Proposing, and what a publisher does with a proposal.


@transaction.atomic
def propose(*, record: models.Model, rows: list[dict], user: AbstractBaseUser) -> PendingChange | None:
    """Keep `rows` as `user`'s pending change to `record`, added to the one
    they already have open there; None when there is nothing to keep."""
    if not rows:
        return None
    change = PendingChange.objects.for_record(record).open().filter(author=user).select_for_update().first()
    if change is None:
        change = PendingChange(record=record, author=user, rows=[])
    starts_waiting = change.pk is None or change.state != PendingChange.State.PENDING
    change.rows = merged(change.rows, rows)
    change.state = PendingChange.State.PENDING
    change.save()
    if starts_waiting and not may_approve(user, type(record)):
        notify(
            kind=Notification.Kind.CHANGE_PROPOSED,
            record=record,
            actor=user,
            recipients=publishers(*approval_permissions(type(record))),
        )
    return change


def merged(kept: list[dict], new: list[dict]) -> list[dict]:
    """`new` rows over `kept` ones: a field changed again takes its new
    value (and the public value it was changed from); a row deleted drops
    its changes."""
    rows = [dict(row, fields=dict(row["fields"])) for row in kept]
    index = {(row["model"], row["pk"]): row for row in rows if row["pk"] is not None}
    for row in new:
        key = (row["model"], row["pk"])
        existing = index.get(key) if row["pk"] is not None else None
        if existing is None:
            rows.append(row)
            index[key] = row
        elif row["action"] == CHANGE and existing["action"] == CHANGE:
            existing["fields"].update(row["fields"])
        else:
            existing.update(action=row["action"], fields=row["fields"])
    return rows


def conflicts(change: PendingChange) -> list[str]:
    """What was published since `change` was made, on the fields it changes
    too: one sentence each; empty when it can be approved as it is."""
    found = []
    for row in change.rows:
        if row["action"] == ADD:
            continue
        model = apps.get_model(row["model"])
        current = model._base_manager.filter(pk=row["pk"]).first()
        if current is None:
            if row["action"] == CHANGE:
                found.append(gettext("%(row)s was deleted since.") % {"row": row_label(row)})
            continue
        for name, (before, after) in row["fields"].items():
            field = model._meta.get_field(name)
            now = stored_value(field, current)
            if not same(now, before) and not same(now, after):
                found.append(
                    gettext("%(row)s, %(field)s: now “%(now)s” on the site, changed since this proposal.")
                    % {"row": row_label(row, current), "field": field.verbose_name, "now": shown(field, now)}
                )
    return found


def approve(
    *,
    change: PendingChange,
    user: AbstractBaseUser,
    blockers: Callable[[], list[str]] = list,
) -> PendingChange:
    """Write `change` to the public records, or refuse and write nothing:
    when it conflicts with what was published since, when a record refuses
    a value, or when `blockers` (the publication checks) finds a problem
    once the change is written that it did not find before."""
    _check_open(change)
    if not may_approve(user, change.content_type.model_class()):
        raise PermissionDenied(gettext("Only a publisher may approve a change."))
    found = conflicts(change)
    if found:
        raise ValidationError(found)
    author = change.author or user
    reason = gettext("Reviewed by %(user)s") % {"user": user.get_username()}
    with transaction.atomic():
        # A record that already broke a publication rule is not held back
        # by it: only what this change breaks refuses it.
        already = set(blockers())
        for row in change.rows:
            _apply(row, author, reason[:100])
        found = [blocker for blocker in blockers() if blocker not in already]
        if found:
            raise ValidationError(found)
        change.state = PendingChange.State.APPROVED
        change.reviewer, change.reviewed_at = user, timezone.now()
        change.save()
        _notify_author(change, Notification.Kind.CHANGE_APPROVED)
    return change


@transaction.atomic
def send_back(*, change: PendingChange, user: AbstractBaseUser, comment: str) -> PendingChange:
    _check_open(change)
    if not may_approve(user, change.content_type.model_class()):
        raise PermissionDenied(gettext("Only a publisher may send a change back."))
    comment = comment.strip()
    if not comment:
        raise ValidationError(gettext("Say what needs to change: the author will read it on the form."))
    change.state = PendingChange.State.SENT_BACK
    change.comment = comment
    change.reviewer, change.reviewed_at = user, timezone.now()
    change.save()
    _notify_author(change, Notification.Kind.CHANGE_SENT_BACK, comment)
    return change


def _notify_author(change: PendingChange, kind: Notification.Kind, comment: str = "") -> None:
    record = change.record
    if record is not None and change.author_id is not None:
        notify(
            kind=kind, record=record, actor=change.reviewer, recipients=[change.author_id], comment=comment
        )


def withdraw(*, change: PendingChange, user: AbstractBaseUser) -> PendingChange:
    """Drop `change`: its author may, and so may a publisher."""
    _check_open(change)
    if change.author_id != user.pk and not may_approve(user, change.content_type.model_class()):
        raise PermissionDenied(gettext("Only its author or a publisher may withdraw a change."))
    change.state = PendingChange.State.WITHDRAWN
    change.reviewer, change.reviewed_at = user, timezone.now()
    change.save()
    return change


def _check_open(change: PendingChange) -> None:
    if not change.is_open:
        raise ValidationError(
            gettext("This change is already %(state)s.") % {"state": change.get_state_display().lower()}
        )


def _apply(row: dict, user: AbstractBaseUser, reason: str) -> None:
    model = apps.get_model(row["model"])
    if row["action"] == DELETE:
        instance = model._base_manager.filter(pk=row["pk"]).first()
        if instance is not None:
            instance._history_user, instance._change_reason = user, reason
            instance.delete()
        return
    instance = model() if row["action"] == ADD else model._base_manager.get(pk=row["pk"])
    relations = {}
    for name, (_before, after) in row["fields"].items():
        field = model._meta.get_field(name)
        if field.many_to_many:
            relations[name] = after
        else:
            setattr(instance, field.attname, field.to_python(after))
    try:
        instance.full_clean()
    except ValidationError as refusal:
        raise ValidationError(
            [f"{row_label(row, instance)}: {message}" for message in _messages(model, refusal)]
        ) from None
    instance._history_user, instance._change_reason = user, reason
    instance.save()
    for name, keys in relations.items():
        getattr(instance, name).set(keys)


def _messages(model, refusal: ValidationError) -> list[str]:
    if not hasattr(refusal, "error_dict"):
        return refusal.messages
    return [
        f"{model._meta.get_field(name).verbose_name if name != '__all__' else ''} {message}".strip()
        for name, errors in refusal.message_dict.items()
        for message in errors
    ]


# How a change reads.


def row_label(row: dict, instance: models.Model | None = None) -> str:
    model = apps.get_model(row["model"])
    name = model._meta.verbose_name
    if row["action"] == ADD:
        return pgettext("a row added by a pending change", "%(model)s (new)") % {"model": name}
    if instance is None:
        instance = model._base_manager.filter(pk=row["pk"]).first()
    return f"{name} “{instance}”" if instance is not None else f"{name} #{row['pk']}"


def shown(field, value) -> str:
    """A kept value as a reader reads it: labels, names, dates in their format."""
    if value in (None, "", []):
        return "—"
    if field.many_to_many:
        return ", ".join(str(item) for item in field.related_model._base_manager.filter(pk__in=value)) or "—"
    if field.is_relation:
        related = field.related_model._base_manager.filter(pk=value).first()
        return str(related) if related is not None else str(value)
    python = field.to_python(value)
    if field.choices:
        return str(dict(field.flatchoices).get(python, python))
    if isinstance(python, bool):
        return gettext("yes") if python else gettext("no")
    return str(formats.localize(python))


def described(change: PendingChange) -> list[dict]:
    """`change` row by row for the record's form: each changed field with
    its public and its proposed value, and whether it conflicts."""
    action_labels = {
        ADD: pgettext("pending change", "added"),
        CHANGE: pgettext("pending change", "changed"),
        DELETE: pgettext("pending change", "deleted"),
    }
    rows = []
    for row in change.rows:
        model = apps.get_model(row["model"])
        current = model._base_manager.filter(pk=row["pk"]).first() if row["pk"] is not None else None
        fields = []
        for name, (before, after) in row["fields"].items():
            field = model._meta.get_field(name)
            now = stored_value(field, current) if current is not None else None
            fields.append(
                {
                    "label": field.verbose_name,
                    "public": shown(field, now) if current is not None else "—",
                    "proposed": shown(field, after),
                    "conflict": current is not None and not same(now, before) and not same(now, after),
                }
            )
        rows.append(
            {"label": row_label(row, current), "action": action_labels[row["action"]], "fields": fields}
        )
    return rows
