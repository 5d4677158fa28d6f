"""Optimistic locking: no edit is silently lost when two people change the
same record.

Every registry row carries a `version` that each save raises. A form remembers
the version it was opened on (`VersionedForm`, a hidden field); a save whose
version is no longer the stored one is refused with who changed what since.
The form comes back with the user's input, plus the other edits to the fields
the user left alone; saving it again keeps both, so nothing of either is lost.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

# Changes that say nothing to a reader of a conflict or of the history.
BOOKKEEPING_FIELDS = ("version", "updated_at", "created_at", "search_text")


class VersionedModel(models.Model):
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised by every save; an edit made on an older version is refused."),
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and self.pk is not None:
            # Count from the stored row, not from this instance: a reverted
            # historical copy carries an old number and must not go back in time.
            stored = type(self)._base_manager.filter(pk=self.pk).values_list("version", flat=True).first()
            self.version = (self.version if stored is None else stored) + 1
            update_fields = kwargs.get("update_fields")
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "version"}
        super().save(*args, **kwargs)


def stored_version(instance, *, lock: bool = False) -> int | None:
    """The version of `instance` as stored now; locked until the end of the
    transaction when `lock` (PostgreSQL), so that the check and the save agree."""
    # Without the model's ordering: ordering by a related row (an activity's
    # component) joins it, and PostgreSQL locks no nullable side of a join.
    rows = type(instance)._base_manager.filter(pk=instance.pk).order_by()
    if lock and transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


class Conflict:
    """What happened to a record since a form opened it on `version`."""

    def __init__(self, instance, version: int):
        self.model = type(instance)
        self.current = self.model._base_manager.get(pk=instance.pk)
        history = getattr(self.current, "history", None)
        self.latest = self.seen = None
        self.changes = []
        if history is None:
            return
        self.latest = history.order_by("-history_id").select_related("history_user").first()
        self.seen = history.filter(version=version).order_by("-history_id").first()
        if self.latest is not None and self.seen is not None:
            delta = self.latest.diff_against(
                self.seen, excluded_fields=BOOKKEEPING_FIELDS, foreign_keys_are_objs=False
            )
            self.changes = [change for change in delta.changes if change.field not in self.m2m_names]

    @property
    def m2m_names(self) -> set[str]:
        return {field.name for field in self.model._meta.many_to_many}

    def opened_value(self, name: str):
        return self.model._meta.get_field(name).value_from_object(self.seen)

    def current_value(self, name: str):
        return self.model._meta.get_field(name).value_from_object(self.current)

    def message(self) -> str:
        latest = self.latest
        who = str(latest.history_user) if latest is not None and latest.history_user else gettext("someone")
        when = (
            formats.date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
            if latest is not None
            else ""
        )
        if self.changes:
            what = "; ".join(
                gettext("%(field)s: “%(old)s” → “%(new)s”")
                % {
                    "field": self.model._meta.get_field(change.field).verbose_name,
                    "old": _readable(change.old),
                    "new": _readable(change.new),
                }
                for change in self.changes
            )
        else:
            what = gettext("its related rows or fields not shown here")
        return gettext(
            "This record was changed by %(user)s at %(time)s since you opened it: %(changes)s. "
            "Their changes to fields you had not touched are now in the form; where you both "
            "changed a field, your input is kept. Check the form, then save again."
        ) % {"user": who, "time": when, "changes": what}


def _readable(value) -> str:
    if value in (None, ""):
        return "—"
    text = str(value)
    return text if len(text) <= 120 else f"{text[:117]}…"


def _as_data(value):
    """A model value as a browser would post it."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


class VersionedForm(forms.ModelForm):
    """A model form that refuses to overwrite a newer version of its record."""

    record_version = forms.IntegerField(label=_("version"), widget=forms.HiddenInput, required=False)

    # The main form of a change page is always saved, so a stale one is
    # always refused. An inline row the user did not touch is not: it takes
    # the other edit and is left alone.
    refuse_untouched = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk is None or instance._state.adding:
            return
        if self.is_bound:
            # The version just loaded: a row whose version did not move is
            # unchanged (and not saved again) unless the user changed it.
            self.initial["record_version"] = instance.version
        else:
            self.initial["record_version"] = self.current_version()

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if instance.pk is None or instance._state.adding:
            return cleaned_data
        opened = cleaned_data.get("record_version")
        current = self.current_version(lock=True)
        if opened is None or current is None or opened == current:
            return cleaned_data
        conflict = Conflict(instance, opened)
        touched = self.touched_fields(conflict)
        self.merge(conflict, touched)
        self.data[self.add_prefix("record_version")] = str(current)
        if not self.refuse_untouched and touched == []:
            cleaned_data["record_version"] = current
            return cleaned_data
        raise ValidationError(conflict.message(), code="stale_version")

    def current_version(self, *, lock: bool = False) -> int | None:
        # From the database, not the instance: the revert page shows an old
        # copy but must be checked against the record as it is now. Locked
        # on save, so that the check and the save see the same version.
        return stored_version(self.instance, lock=lock)

    def model_field_names(self) -> list[str]:
        names = {field.name for field in self._meta.model._meta.concrete_fields}
        return [name for name in self.fields if name in names]

    def touched_fields(self, conflict: Conflict) -> list[str] | None:
        """The fields the user changed from the version they opened (None
        when that version is not in the history)."""
        if conflict.seen is None:
            return None
        return [
            name
            for name in self.model_field_names()
            if not self.fields[name].disabled
            and self.fields[name].has_changed(conflict.opened_value(name), self[name].data)
        ]

    def merge(self, conflict: Conflict, touched: list[str] | None):
        """Show the form again with the user's input, plus the other edits to
        fields the user had not touched, and the current version: saving once
        more then keeps both edits."""
        self.data = self.data.copy()
        if touched is None:
            return
        for change in conflict.changes:
            name = change.field
            if name not in self.fields or name in touched or self.fields[name].disabled:
                continue
            value = conflict.current_value(name)
            key = self.add_prefix(name)
            if isinstance(value, bool):
                if value:
                    self.data[key] = "on"
                else:
                    self.data.pop(key, None)
            else:
                self.data[key] = _as_data(value)
        # A formset asks whether each form changed before cleaning it: ask again
        # now that the data holds the other edits (an untouched row then is
        # unchanged, and not saved over them).
        self.__dict__.pop("changed_data", None)


class VersionedInlineForm(VersionedForm):
    refuse_untouched = False

    def current_version(self, *, lock: bool = False) -> int | None:
        # An inline row was loaded by this very request (and its parent row
        # is locked): no query per row.
        return self.instance.version
