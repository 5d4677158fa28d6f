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
