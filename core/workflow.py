"""The editorial workflow: draft → in review → published → archived.

A record's publication changes only through `record_transition` (or a
project's services, which add the checks a project needs), never through a
form field or `queryset.update()`: each change is a per-record save, so that
`updated_at`, the version and the history (with who and why) follow.

Who may do what:
- *Editors* add, change and view registry records and submit them for review;
- *Publishers* also publish, send back to draft (with a comment) and archive,
  through the `<app>.publish_<model>` permission of each publishable model.

Who hears of a transition (core/notifications.py): a record submitted for
review, its publishers; a record published or sent back, those who edited it
since it was last published. Archiving tells no one: nobody's work waits on it.
"""

from __future__ import annotations

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.models import REGISTRY_APPS, Notification
from core.notifications import notify, publishers, recent_editors
from core.publication import Publication, PublishableModel

DRAFT, REVIEW, PUBLISHED, ARCHIVED = (
    Publication.DRAFT,
    Publication.REVIEW,
    Publication.PUBLISHED,
    Publication.ARCHIVED,
)


class Transition(models.TextChoices):
    SUBMIT = "submit", _("Submit for review")
    PUBLISH = "publish", _("Publish")
    SEND_BACK = "send_back", _("Send back to draft")
    ARCHIVE = "archive", _("Archive")


TARGET = {
    Transition.SUBMIT: REVIEW,
    Transition.PUBLISH: PUBLISHED,
    Transition.SEND_BACK: DRAFT,
    Transition.ARCHIVE: ARCHIVED,
}
# The states each transition starts from. A publisher reviews as they
# publish, so a draft may be published directly.
SOURCES = {
    Transition.SUBMIT: {DRAFT},
    Transition.PUBLISH: {DRAFT, REVIEW, ARCHIVED},
    Transition.SEND_BACK: {REVIEW, PUBLISHED, ARCHIVED},
    Transition.ARCHIVE: {DRAFT, REVIEW, PUBLISHED},
}
# Submitting for review only needs the right to change the record.
NEEDS_PUBLISH_PERMISSION = {Transition.PUBLISH, Transition.SEND_BACK, Transition.ARCHIVE}
NEEDS_COMMENT = {Transition.SEND_BACK}
NOTIFIED = {
    Transition.SUBMIT: Notification.Kind.SUBMITTED,
    Transition.PUBLISH: Notification.Kind.PUBLISHED,
    Transition.SEND_BACK: Notification.Kind.SENT_BACK,
}


class Blocker(str):
    """A reason a record may not be published, with the id of the form's
    element it is about, so that the form can link to it."""

    element: str = ""

    def __new__(cls, message: str, element: str = ""):
        blocker = super().__new__(cls, message)
        blocker.element = element
        return blocker


def publish_permission(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.publish_{model._meta.model_name}"


def change_permission(model: type[models.Model]) -> str:
    return f"{model._meta.app_label}.change_{model._meta.model_name}"


def may_publish(user: AbstractBaseUser, model: type[models.Model]) -> bool:
    return user.has_perm(publish_permission(model))


def may_apply(user: AbstractBaseUser, model: type[models.Model], transition: Transition) -> bool:
    """Whether `user` may apply `transition` to records of `model` at all."""
    if transition in NEEDS_PUBLISH_PERMISSION:
        return may_publish(user, model)
    return user.has_perm(change_permission(model))


def available_transitions(user: AbstractBaseUser, record: PublishableModel) -> list[Transition]:
    """The transitions `user` may apply to `record` in its current state."""
    return [
        transition
        for transition in Transition
        if record.publication in SOURCES[transition] and may_apply(user, type(record), transition)
    ]


@transaction.atomic
def record_transition(
    *,
    record: PublishableModel,
    user: AbstractBaseUser,
    transition: Transition,
    comment: str = "",
    notify_people: bool = True,
) -> PublishableModel:
    """Move `record` along `transition`, saved as one historical version
    that names `user` and, when given, the comment; and tell the people
    concerned, unless the record moves with another that tells them
    (`notify_people=False`: a project's children)."""
    transition = Transition(transition)
    if not may_apply(user, type(record), transition):
        raise PermissionDenied(gettext("You may not do this to this record."))
    if record.publication not in SOURCES[transition]:
        raise ValidationError(
            gettext("“%(record)s” is %(state)s: it cannot be moved by “%(transition)s”.")
            % {"record": record, "state": record.get_publication_display(), "transition": transition.label}
        )
    comment = comment.strip()
    if transition in NEEDS_COMMENT and not comment:
        raise ValidationError(gettext("Say why the record goes back to draft."))
    record.publication = TARGET[transition]
    record._history_user = user
    record._change_reason = f"{transition.label}: {comment}" if comment else str(transition.label)
    record.save()
    if notify_people and transition in NOTIFIED:
        notify_transition(record=record, user=user, transition=transition, comment=comment)
    return record


def notify_transition(
    *, record: PublishableModel, user: AbstractBaseUser, transition: Transition, comment: str = ""
) -> None:
    if transition == Transition.SUBMIT:
        recipients = publishers(publish_permission(type(record)))
    else:
        recipients = recent_editors(record)
    notify(kind=NOTIFIED[transition], record=record, actor=user, recipients=recipients, comment=comment)


# The editorial groups: what each may do on every registry model. Records
# leave the public site by being archived, not deleted (only a superuser
# deletes); the rows that only link a project to a country, an organisation or
# another project may be removed from the project's form.
EDITORIAL_GROUPS = {
    "Editors": ("add", "change", "view"),
    "Publishers": ("add", "change", "view", "publish"),
}
DELETABLE_LINKS = ("projectcountry", "participation", "projectrelation")


def group_permissions(apps, actions) -> list:
    """The permissions of `actions` on every registry model, from the `apps`
    registry given (the live one, or a migration's). History is read and
    reverted through its record's admin, so its own permissions are left out."""
    Permission = apps.get_model("auth", "Permission")
    prefixes = tuple(f"{action}_" for action in actions)
    links = tuple(f"delete_{model}" for model in DELETABLE_LINKS)
    return [
        permission
        for permission in Permission.objects.filter(content_type__app_label__in=REGISTRY_APPS)
        .exclude(content_type__model__startswith="historical")
        .order_by("pk")
        if permission.codename.startswith(prefixes) or permission.codename in links
    ]


def sync_editorial_groups(apps) -> dict[str, int]:
    """Create or update the Editors and Publishers groups; returns how many
    permissions each holds."""
    Group = apps.get_model("auth", "Group")
    counts = {}
    for name, actions in EDITORIAL_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = group_permissions(apps, actions)
        group.permissions.set(permissions)
        counts[name] = len(permissions)
    return counts
