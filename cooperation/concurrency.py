"""Optimistic locking: no edit is silently lost when two people change the
same record.

Every registry row carries a `version` that each save raises. A form remembers
the version it was opened on (`VersionedForm`, a hidden field); a save whose
version is no longer the stored one is refused with who changed what since,
and the form comes back with the user's input so nothing of either edit is lost.
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
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    if lock and transaction.get_connection().in_atomic_block:
        rows = rows.select_for_update()
    return rows.values_list("version", flat=True).first()


def changes_since(instance, version: int) -> tuple[object | None, list[dict]]:
    """The latest historical record of `instance` and what changed in it since
    `version`, as readable (field, old, new) rows."""
    history = getattr(instance, "history", None)
    if history is None:
        return None, []
    latest = history.order_by("-history_id").select_related("history_user").first()
    seen = history.filter(version=version).order_by("-history_id").first()
    if latest is None or seen is None:
        return latest, []
    delta = latest.diff_against(seen, excluded_fields=BOOKKEEPING_FIELDS)
    return latest, [
        {
            "field": str(type(instance)._meta.get_field(change.field).verbose_name),
            "old": _readable(change.old),
            "new": _readable(change.new),
        }
        for change in delta.changes
    ]


def _readable(value) -> str:
    if value in (None, ""):
        return "—"
    text = str(value)
    return text if len(text) <= 120 else f"{text[:117]}…"


def conflict_message(instance, version: int) -> str:
    latest, changes = changes_since(instance, version)
    who = str(latest.history_user) if latest is not None and latest.history_user else gettext("someone")
    when = (
        formats.date_format(timezone.localtime(latest.history_date), "DATETIME_FORMAT")
        if latest is not None
        else ""
    )
    if changes:
        what = "; ".join(
            gettext("%(field)s: “%(old)s” → “%(new)s”") % change for change in changes
        )
    else:
        what = gettext("its related rows or fields not shown here")
    return gettext(
        "This record was changed by %(user)s at %(time)s since you opened it: %(changes)s. "
        "Your input is kept below: compare it with these changes, then save again to keep it."
    ) % {"user": who, "time": when, "changes": what}


class VersionedForm(forms.ModelForm):
    """A model form that refuses to overwrite a newer version of its record."""

    record_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    # The main form of a change page is always saved, so it is always checked;
    # an inline row is checked only when the user changed it.
    check_unchanged = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk is not None and not instance._state.adding and not self.is_bound:
            # From the database, not the instance: the revert page shows an
            # old copy but must be checked against the record as it is now.
            current = stored_version(instance)
            self.initial["record_version"] = current if current is not None else instance.version

    def clean(self):
        cleaned_data = super().clean()
        instance = self.instance
        if instance.pk is None or instance._state.adding:
            return cleaned_data
        if not self.check_unchanged and not self.has_changed():
            return cleaned_data
        opened = cleaned_data.get("record_version")
        current = stored_version(instance, lock=True)
        if opened is None or current is None or opened == current:
            return cleaned_data
        # Show the form again with the user's input and the current version,
        # so that saving once more deliberately keeps this edit.
        self.data = self.data.copy()
        self.data[self.add_prefix("record_version")] = str(current)
        raise ValidationError(conflict_message(instance, opened), code="stale_version")


class VersionedInlineForm(VersionedForm):
    check_unchanged = False
