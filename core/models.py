"""The registry's revision: one row that moves on with every change the
public can see.

Whole public responses are cached under the revision they were rendered at
(core/response_cache.py), and the API's Last-Modified is its time.
Any save, deletion or many-to-many change of a registry record (apps
`partners`, `projects`, `activities`) moves it on inside the same
transaction, so a reader that sees the new revision also sees the new data,
except a change to a record that is not published and was not before (a
draft saved again): no public page, API answer or export shows it, so every
kept response stays true.
`queryset.update()` announces itself (core/querysets.py); writes that
send no signal (`bulk_create`, raw SQL) call `RegistryRevision.rewritten()`
themselves.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalChanges

from core.publication import Publication

# The apps whose records the public reads, in the order their layers depend
# on each other.
REGISTRY_APPS = ("partners", "projects", "activities")


class RegistryRevision(models.Model):
    number = models.PositiveBigIntegerField(_("number"), default=0)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)
    # Moves on when records are written raw (loaded, generated, restored):
    # their version numbers then say nothing of what was shown before, so
    # fragments kept under them (projects/templatetags/cards.py) are renewed.
    epoch = models.PositiveIntegerField(_("epoch"), default=0)

    class Meta:
        verbose_name = _("registry revision")
        # Its name from when the project package held it (migration 0001).
        db_table = "cooperation_registryrevision"

    def __str__(self):
        return str(self.number)

    @classmethod
    def current(cls) -> "RegistryRevision":
        """The revision as committed now (one query)."""
        revision = cls.objects.first()
        return revision if revision is not None else cls(number=0, changed_at=timezone.now())

    @classmethod
    def rewritten(cls) -> None:
        cls.bump()
        cls.objects.update(epoch=F("epoch") + 1)
        for label in REGISTRY_APPS:
            AppRevision.bump(label)

    @classmethod
    def bump(cls, model=None) -> None:
        moved = cls.objects.update(number=F("number") + 1, changed_at=timezone.now())
        if not moved:
            # An emptied database (a test's flush): start again.
            cls.objects.get_or_create(pk=1, defaults={"number": 1})
        if model is not None:
            AppRevision.bump(model._meta.app_label)


class AppRevision(models.Model):
    """The revision of one app's records (partners, projects, activities),
    moved on with the registry's: what is computed from one app's tables
    only (a list's filter options and their counts) is kept until that app
    changes, not until any record does (core/views.py)."""

    app_label = models.CharField(_("app"), max_length=40, primary_key=True)
    number = models.PositiveBigIntegerField(_("number"), default=0)

    class Meta:
        verbose_name = _("app revision")

    def __str__(self):
        return f"{self.app_label} {self.number}"

    @classmethod
    def bump(cls, label: str) -> None:
        if not cls.objects.filter(app_label=label).update(number=F("number") + 1):
            cls.objects.get_or_create(app_label=label, defaults={"number": 1})

    @classmethod
    def numbers(cls) -> dict[str, int]:
        return dict(cls.objects.values_list("app_label", "number"))


def registry_models():
    """The models whose rows the public reads, with their many-to-many tables
    (historical records come with the save they record)."""
    for label in sorted(REGISTRY_APPS):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not issubclass(model, HistoricalChanges):
                yield model


def unseen(instance) -> bool:
    """Whether `instance` has a publication of its own and neither its
    state being written nor the one stored is published: the public never
    saw it and will not see this change."""
    published = Publication.PUBLISHED
    if getattr(instance, "publication", published) == published or instance.pk is None:
        return False
    stored = type(instance)._base_manager.filter(pk=instance.pk).values_list("publication", flat=True).first()
    return stored != published


def before_save(sender, instance, raw=False, **kwargs) -> None:
    instance._unseen_change = not raw and unseen(instance)


def saved_or_deleted(sender, instance, **kwargs) -> None:
    if not instance.__dict__.pop("_unseen_change", False):
        RegistryRevision.bump(sender)


def before_delete(sender, instance, **kwargs) -> None:
    instance._unseen_change = unseen(instance)


def relations_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        RegistryRevision.bump(sender)


def updated_in_bulk(sender, **kwargs) -> None:
    if sender._meta.app_label in REGISTRY_APPS:
        RegistryRevision.bump(sender)


class PendingChangeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(state__in=PendingChange.OPEN)

    def for_record(self, record):
        content_type = ContentType.objects.get_for_model(record, for_concrete_model=False)
        return self.filter(content_type=content_type, object_id=str(record.pk))


class PendingChange(models.Model):
    """A change to a public record that waits for a publisher (core/review.py).

    `rows` lists what the change adds, changes or deletes, the record's own
    row and its inline rows alike: `{"model", "pk", "action", "fields"}`,
    each field as `[value when proposed, proposed value]`.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        SENT_BACK = "sent_back", _("Sent back to its author")
        APPROVED = "approved", _("Approved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    OPEN = (State.PENDING, State.SENT_BACK)

    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE)
    object_id = models.CharField(_("record"), max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    rows = models.JSONField(_("changes"), default=list, encoder=DjangoJSONEncoder)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(_("reviewer's comment"), blank=True)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last update"), auto_now=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("pending change")
        verbose_name_plural = _("pending changes")
        ordering = ["-updated_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "state"], name="pending_change_record")]

    def __str__(self):
        return f"{self.content_type.name} {self.object_id} ({self.get_state_display()})"

    @property
    def is_open(self) -> bool:
        return self.state in self.OPEN


class StaffPreference(models.Model):
    """What a staff member prefers, kept for when they are not there to say
    it: the language their e-mails are written in (core/notifications.py)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_preference",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    updated_at = models.DateTimeField(_("last update"), auto_now=True)

    class Meta:
        verbose_name = _("staff preference")
        verbose_name_plural = _("staff preferences")

    def __str__(self):
        return f"{self.user} ({self.language})"


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)

    def for_list(self):
        return self.select_related("actor", "content_type")


class Notification(models.Model):
    """What a staff member is told of a step of the editorial workflow
    (core/notifications.py), in their admin inbox and by e-mail.

    The message is rendered when it is read, in the reader's language, from
    its kind, its actor and the record's name, kept in every language when
    the notification was made (the record may be renamed or deleted since).
    """

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        SENT_BACK = "sent_back", _("Sent back to draft")
        CHANGE_PROPOSED = "change_proposed", _("Change proposed")
        CHANGE_APPROVED = "change_approved", _("Change approved")
        CHANGE_SENT_BACK = "change_sent_back", _("Change sent back")

    MESSAGES = {
        Kind.SUBMITTED: _("%(actor)s submitted “%(record)s” for review."),
        Kind.PUBLISHED: _("%(actor)s published “%(record)s”."),
        Kind.SENT_BACK: _("%(actor)s sent “%(record)s” back to draft."),
        Kind.CHANGE_PROPOSED: _("%(actor)s proposed a change to “%(record)s”."),
        Kind.CHANGE_APPROVED: _("%(actor)s approved your change to “%(record)s”."),
        Kind.CHANGE_SENT_BACK: _("%(actor)s sent your change to “%(record)s” back to you."),
    }

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    content_type = models.ForeignKey(ContentType, verbose_name=_("kind of record"), on_delete=models.CASCADE)
    object_id = models.CharField(_("record"), max_length=64)
    record = GenericForeignKey("content_type", "object_id")
    record_names = models.JSONField(_("record's name"), default=dict)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("date"), default=timezone.now)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.message()

    def record_name(self) -> str:
        """The record's name in the active language (French when it was not kept in it)."""
        names = self.record_names
        return names.get(get_language()) or names.get(settings.LANGUAGE_CODE) or self.object_id

    def actor_name(self) -> str:
        if self.actor is None:
            return gettext("Someone")
        return self.actor.get_full_name() or self.actor.get_username()

    def message(self) -> str:
        """One sentence saying what happened, in the active language."""
        return self.MESSAGES[self.kind] % {"actor": self.actor_name(), "record": self.record_name()}

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


# The API's change feed (core/feed.py).


class FeedMark(models.Model):
    """A record whose API representation may have changed, written in the
    same transaction as the change; the next read of the API stamps it."""

    resource = models.CharField(max_length=20)
    record_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("change to stamp")

    def __str__(self):
        return f"{self.resource} {self.record_id}"


class FeedEntry(models.Model):
    """What the API last showed of a record: under which key, whether at
    all, and since when."""

    resource = models.CharField(max_length=20)
    record_id = models.PositiveBigIntegerField()
    key = models.CharField(max_length=200)
    visible = models.BooleanField()
    changed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("change feed entry")
        constraints = [models.UniqueConstraint(fields=["resource", "record_id"], name="feed_entry_record")]
        indexes = [models.Index(fields=["resource", "changed_at"], name="feed_entry_changed")]

    def __str__(self):
        return f"{self.resource} {self.key}"


class Withdrawal(models.Model):
    """A key under which a record left the API."""

    class Reason(models.TextChoices):
        DELETED = "deleted", _("Deleted")
        UNPUBLISHED = "unpublished", _("No longer published")
        PARENT_WITHDRAWN = "parent_withdrawn", _("Its project or component was withdrawn")
        RENAMED = "renamed", _("Its key changed: it lives on under the new one")

    resource = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    record_id = models.PositiveBigIntegerField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    new_key = models.CharField(max_length=200, blank=True)
    withdrawn_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("withdrawal")
        constraints = [models.UniqueConstraint(fields=["resource", "key"], name="withdrawal_key")]

    def __str__(self):
        return f"{self.resource} {self.key} ({self.reason})"


class FeedState(models.Model):
    """One row, locked while the feed is stamped so that two readers never
    stamp the same changes in a different order."""

    caught_up_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("change feed state")

    def __str__(self):
        return str(self.caught_up_at)
