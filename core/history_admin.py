"""The history pages of a record's admin: its versions and their differences,
and the revert of a record with its inline rows.

The differences read as the form does, in the reader's language: field
labels, choice labels, related records by name, yes or no, dates and numbers
in the language's format. Only real changes are listed: an empty text and a
missing one are the same, and modeltranslation's untranslated column (a copy
of whichever language was active when the record was saved) is left out for
its language columns. A version's reason, a transition with its comment or
a revert, is stored with its label in its author's language and shown with
the label in the reader's.

The revert page lists, for the record and for each inline's rows, what the
revert restores and what it cannot (core/restore.py), and the revert restores
them together, in one transaction.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.html import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import ObjDiffDisplay
from simple_history.utils import get_history_model_for_model

from core.restore import (
    CHANGE,
    DELETE,
    REVERT_LABEL,
    RevertConflict,
    RevertPlan,
    Rows,
    Step,
    last_known,
    record_revert,
    revert_plan,
    revert_refusal,
    same_value,
    version_copy,
    version_fields,
)
from core.workflow import Transition

EMPTY = "—"
# The revert form posts back the plan it showed (RevertPlan.fingerprint),
# in this field of simple_history/object_history_form.html.
PLAN_FIELD = "revert_plan"


class Readable:
    """Field values as a reader reads them, in the active language. Each
    related record is named once, from the version when it holds it
    (`select_related`), from the database otherwise."""

    def __init__(self):
        self.names = {}

    def __call__(self, field: models.Field, value, holder=None) -> str:
        if value is None or value == "":
            return EMPTY
        if field.many_to_one:
            return self.related(field, value, holder)
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return gettext("Yes") if value else gettext("No")
        if isinstance(value, datetime.datetime):
            return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
        if isinstance(value, datetime.date):
            return formats.date_format(value, "DATE_FORMAT")
        if isinstance(value, Decimal | int | float):
            return formats.number_format(value, force_grouping=True)
        return str(value)

    def related(self, field: models.ForeignKey, pk, holder=None) -> str:
        key = (field.related_model, pk)
        if key not in self.names:
            record = None
            if holder is not None:
                try:
                    record = getattr(holder, field.name)
                except ObjectDoesNotExist:
                    record = None
            if record is None:
                record = field.related_model._base_manager.filter(pk=pk).first()
            self.names[key] = (
                str(record)
                if record is not None
                else gettext("%(record)s (deleted)") % {"record": last_known(field.related_model, pk)}
            )
        return self.names[key]

    def change(self, field: models.Field, old, new, older=None, newer=None) -> dict:
        old_text, new_text = ObjDiffDisplay(max_length=100).common_shorten_repr(
            self(field, old, older), self(field, new, newer)
        )
        return {"field": capfirst(field.verbose_name), "old": old_text, "new": new_text}


def version_changes(newer, older, fields: list[models.Field], readable: Readable) -> list[dict]:
    """What changed from the version `older` to `newer`, as the history lists it."""
    changes = []
    for field in fields:
        old, new = getattr(older, field.attname), getattr(newer, field.attname)
        if not same_value(field, old, new):
            changes.append(readable.change(field, old, new, older, newer))
    return changes


class Reasons:
    """A version's reason with its label in the reader's language.

    A transition stores "<label>: <comment>" and a revert "<label>: <date>",
    the label in the language of whoever made them (core/workflow.py,
    core/restore.py).
    """

    labels = (*(transition.label for transition in Transition), REVERT_LABEL)

    def __init__(self):
        self.stored = {}
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                for label in self.labels:
                    self.stored.setdefault(str(label), label)

    def shown(self, reason: str | None) -> str:
        if not reason:
            return ""
        for text, label in self.stored.items():
            if reason == text:
                return str(label)
            if reason.startswith(f"{text}: "):
                return gettext("%(label)s: %(comment)s") % {
                    "label": label,
                    "comment": reason[len(text) + 2 :],
                }
        return reason


def step_text(step: Step) -> str:
    if step.action == DELETE:
        return gettext("Delete “%(row)s” (added since)") % {"row": step.label}
    if step.action == CHANGE:
        return gettext("Change “%(row)s” back") % {"row": step.label}
    if step.as_draft:
        return gettext("Re-create “%(row)s” as a draft") % {"row": step.label}
    return gettext("Re-create “%(row)s”") % {"row": step.label}


def shown_plan(plan: RevertPlan) -> dict:
    """The plan as the revert page lists it."""
    readable = Readable()

    def shown_step(step: Step) -> dict:
        return {
            "text": step_text(step),
            "changes": [
                readable.change(change.field, change.current, change.restored) for change in step.changes
            ],
            "refusal": step.refusal,
        }

    sections = []
    for rows in plan.rows:
        steps = plan.steps_of(rows)
        sections.append(
            {
                "title": capfirst(rows.model._meta.verbose_name_plural),
                "restored": [shown_step(step) for step in steps if not step.refusal],
                "refused": [shown_step(step) for step in steps if step.refusal],
            }
        )
    return {
        "record_changes": [
            readable.change(change.field, change.current, change.restored) for change in plan.record_changes
        ],
        "sections": sections,
        "record_deleted": plan.record_deleted,
        "untracked": plan.untracked,
        "fingerprint": plan.fingerprint,
    }


class VersionHistoryAdmin(SimpleHistoryAdmin):
    """The history of a record, its differences in the reader's language,
    and the revert of the record with the rows of its inlines."""

    def history_view(self, request, object_id, extra_context=None):
        record = self.get_object(request, unquote(object_id))
        context = {"revert_refusal": revert_refusal(record=record, user=request.user)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def history_view_title(self, request, obj):
        return gettext("History of “%(record)s”") % {"record": obj}

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        records = list(historical_records)
        if not records:
            return
        fields = version_fields(self.model)
        readable, reasons = Readable(), Reasons()
        # The last of a page is compared with the version before it, on the next page.
        older = [*records[1:], records[-1].prev_record]
        for newer, previous in zip(records, older, strict=True):
            newer.history_comment = reasons.shown(newer.history_change_reason)
            newer.history_delta_changes = (
                [] if previous is None else version_changes(newer, previous, fields, readable)
            )

    def revert_disabled(self, request, obj=None):
        return super().revert_disabled(request, obj) or bool(revert_refusal(record=obj, user=request.user))

    def revert_rows(self, request, obj) -> list[Rows]:
        """The rows a revert restores with the record: its inlines'."""
        return [
            Rows.of(self.model, inline.model, inline.fk_name) for inline in self.get_inlines(request, obj)
        ]

    def revert_blockers(self, record) -> list[str]:
        """What keeps `record` from staying public after a revert: its
        admin's publication checks, where it has them."""
        checks = getattr(self, "publication_blockers", None)
        return list(checks(record)) if checks is not None else []

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """The record as `version_id` holds it, in its form, with what the
        revert restores in its rows; the revert on confirmation."""
        request.current_app = self.admin_site.name
        opts = self.model._meta
        version = get_object_or_404(
            get_history_model_for_model(self.model),
            **{opts.pk.attname: unquote(object_id), "history_id": version_id},
        )
        record = self.get_object(request, unquote(object_id))
        obj = version_copy(record=record, version=version, user=request.user)
        if not self.has_view_history_or_change_history_permission(request, obj):
            raise PermissionDenied
        rows = self.revert_rows(request, obj)
        revert_disabled = self.revert_disabled(request, obj)
        form_class = self.get_form(request, obj)
        if request.method == "POST":
            if revert_disabled:
                refusal = revert_refusal(record=record, user=request.user)
                self.message_user(
                    request, refusal or gettext("You may not revert this record."), messages.ERROR
                )
                return HttpResponseRedirect(request.path)
            form = form_class(request.POST, request.FILES, instance=obj)
            if form.is_valid():
                return self.revert(request, form, record, version, rows)
        else:
            form = form_class(instance=obj)
        return self.render_revert_form(
            request,
            form,
            obj,
            version,
            plan=revert_plan(record=record, version=version, user=request.user, rows=rows),
            revert_disabled=revert_disabled,
            extra_context=extra_context,
        )

    def revert(self, request, form, record, version, rows: list[Rows]):
        try:
            with transaction.atomic():
                restored = self.save_form(request, form, change=True)
                plan = record_revert(
                    record=record,
                    version=version,
                    user=request.user,
                    rows=rows,
                    restored=restored,
                    expected=request.POST.get(PLAN_FIELD, ""),
                    blockers=self.revert_blockers,
                )
                form.save_m2m()
        except RevertConflict as conflict:
            self.message_user(request, " ".join(conflict.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        except ValidationError as blocked:
            self.message_user(
                request,
                gettext("Not reverted: the record would stay public without passing its checks. %(reasons)s")
                % {"reasons": " ".join(blocked.messages)},
                messages.ERROR,
            )
            return HttpResponseRedirect(request.path)
        except PermissionDenied as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
            return HttpResponseRedirect(request.path)
        self.log_change(request, restored, self.construct_change_message(request, form, []))
        self.message_user(
            request,
            gettext("“%(record)s” is back to its version of %(date)s.")
            % {"record": restored, "date": version_date(version)},
            messages.SUCCESS,
        )
        for step in plan.refused:
            self.message_user(
                request,
                gettext("Not restored: %(step)s — %(reason)s")
                % {"step": step_text(step), "reason": step.refusal},
                messages.WARNING,
            )
        return HttpResponseRedirect(
            reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change",
                args=[restored.pk],
            )
        )

    def render_revert_form(self, request, form, obj, version, *, plan, revert_disabled, extra_context=None):
        opts = self.model._meta
        admin_form = helpers.AdminForm(
            form,
            self.get_fieldsets(request, obj),
            self.prepopulated_fields,
            self.get_readonly_fields(request, obj),
            model_admin=self,
        )
        url_name = f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}"
        when = version_date(version)
        title = (
            gettext("“%(record)s” as it was on %(date)s")
            if revert_disabled
            else gettext("Revert “%(record)s” to its version of %(date)s")
        )
        context = {
            **self.admin_site.each_context(request),
            "title": title % {"record": obj, "date": when},
            "adminform": admin_form,
            "object_id": obj.pk,
            "original": obj,
            "is_popup": False,
            "media": mark_safe(self.media + admin_form.media),
            "errors": helpers.AdminErrorList(form, []),
            "app_label": opts.app_label,
            "original_opts": opts,
            "changelist_url": reverse(f"{url_name}_changelist"),
            "change_url": reverse(f"{url_name}_change", args=[obj.pk]),
            "history_url": reverse(f"{url_name}_history", args=[obj.pk]),
            "change_history": False,
            "revert_disabled": revert_disabled,
            "revert_refusal": revert_refusal(record=plan.record, user=request.user),
            "revert_plan": shown_plan(plan),
            "version_date": when,
            "add": False,
            "change": True,
            "has_add_permission": self.has_add_permission(request),
            "has_view_permission": self.has_view_history_permission(request, obj),
            "has_change_permission": self.has_change_history_permission(request, obj),
            "has_delete_permission": self.has_delete_permission(request, obj),
            "has_file_field": True,
            "has_absolute_url": False,
            "form_url": "",
            "opts": opts,
            "content_type_id": self.content_type_model_cls.objects.get_for_model(self.model).id,
            "save_as": self.save_as,
            "save_on_top": self.save_on_top,
            "root_path": getattr(self.admin_site, "root_path", None),
            **(extra_context or {}),
        }
        return self.render_history_view(request, self.object_history_form_template, context)


def version_date(version) -> str:
    return formats.date_format(timezone.localtime(version.history_date), "DATETIME_FORMAT")
