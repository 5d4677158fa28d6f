"""The registry's revision: one row that moves on with every change.

Whole public responses are cached under the revision they were rendered at
(core/response_cache.py), and the API's Last-Modified is its time.
Any save, deletion or many-to-many change of a registry record (apps
`partners`, `projects`, `activities`) moves it on inside the same
transaction, so a reader that sees the new revision also sees the new data.
Writes that send no signal (`bulk_create`, `queryset.update()`) call
`RegistryRevision.bump()` themselves.
"""

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalChanges

# The apps whose records the public reads, in the order their layers depend
# on each other.
REGISTRY_APPS = ("partners", "projects", "activities")


class RegistryRevision(models.Model):
    number = models.PositiveBigIntegerField(_("number"), default=0)
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

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
    def bump(cls) -> None:
        moved = cls.objects.update(number=F("number") + 1, changed_at=timezone.now())
        if not moved:
            # An emptied database (a test's flush): start again.
            cls.objects.get_or_create(pk=1, defaults={"number": 1})


def registry_models():
    """The models whose rows the public reads, with their many-to-many tables
    (historical records come with the save they record)."""
    for label in sorted(REGISTRY_APPS):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if not issubclass(model, HistoricalChanges):
                yield model


def saved_or_deleted(sender, **kwargs) -> None:
    RegistryRevision.bump()


def relations_changed(sender, action, **kwargs) -> None:
    if action.startswith("post_"):
        RegistryRevision.bump()


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
