"""Notifications of the editorial workflow, in the admin inbox and by e-mail.

Who hears of what is decided where each step is taken: core/workflow.py for
a record's transitions, core/review.py for pending changes. This module
finds the people (`publishers`, `recent_editors`), writes one inbox row per
person and sends the e-mails once the step is committed.

- The people told are active staff accounts, never the person who acted.
  Each gets a row in their inbox (admin › Notifications); those with an
  e-mail address get an e-mail too.
- Publishers are the staff who hold the permission to publish the record,
  through the Publishers group or given to them directly. Superusers are
  left out: they hold every permission, and every submission would reach
  the technical accounts; a superuser who reviews joins the group.
- Each e-mail is written in its recipient's language: the one they last
  used the admin in, remembered (`StaffPreference`) whenever they take a
  step of the workflow or open their inbox; LANGUAGE_CODE until then. The
  inbox itself reads in the reader's language of the moment.
- E-mails leave after the transaction commits: a step rolled back tells no
  one, and a mail server that fails takes no step back (the failure is
  logged, the inbox keeps the notification).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.text import Truncator

from core.models import Notification, StaffPreference
from core.publication import Publication

logger = logging.getLogger(__name__)

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"
# Versions read back to find who edited a record since it was published.
HISTORY_DEPTH = 200


# Who is concerned.


def publishers(*permissions: str) -> models.QuerySet:
    """Active staff holding every one of `permissions` (superusers aside)."""
    User = get_user_model()
    if not permissions:
        return User.objects.none()
    users = User.objects.filter(is_active=True, is_staff=True)
    for permission in permissions:
        holders = User.objects.with_perm(permission, include_superusers=False, backend=MODEL_BACKEND)
        users = users.filter(pk__in=holders.values("pk"))
    return users


def recent_editors(record: models.Model) -> set[int]:
    """The users who edited `record` (submitting it included) since it was
    last published, not counting the step just saved; for a record
    published and not edited since, those whose work that publication
    made public."""
    versions = list(
        record.history.order_by("-history_id").values_list("publication", "history_user_id")[:HISTORY_DEPTH]
    )[1:]
    editors: set[int] = set()
    for index, (publication, user_id) in enumerate(versions):
        older = versions[index + 1][0] if index + 1 < len(versions) else None
        if publication == Publication.PUBLISHED and older != Publication.PUBLISHED:
            # The version that published it: the edits before it are
            # another round, unless none came after it.
            if editors:
                break
            continue
        if user_id is not None:
            editors.add(user_id)
    return editors


# Telling them.


def notify(
    *,
    kind: Notification.Kind,
    record: models.Model,
    actor: AbstractBaseUser,
    recipients: Iterable[int] | models.QuerySet,
    comment: str = "",
) -> list[Notification]:
    """Tell `recipients` (user ids, or users) that `actor` did `kind` to
    `record`: a row in each one's inbox now, an e-mail once committed."""
    remember_language(actor)
    users = (
        get_user_model()
        .objects.filter(pk__in=recipients, is_active=True, is_staff=True)
        .exclude(pk=actor.pk)
        .select_related("staff_preference")
        .order_by("pk")
    )
    content_type = ContentType.objects.get_for_model(record, for_concrete_model=False)
    names = record_names(record)
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=user,
            kind=kind,
            content_type=content_type,
            object_id=str(record.pk),
            record_names=names,
            actor=actor,
            comment=comment,
        )
        for user in users
    )
    if notifications:
        transaction.on_commit(partial(send_emails, notifications))
    return notifications


def record_names(record: models.Model) -> dict[str, str]:
    """`record`'s name in each language of the interface."""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names[code] = str(record)
    return names


def remember_language(user: AbstractBaseUser) -> None:
    """Keep the language `user` works in now as the one to write to them in."""
    language = translation.get_language()
    if language not in dict(settings.LANGUAGES) or not user.pk:
        return
    if not StaffPreference.objects.filter(user=user, language=language).exists():
        StaffPreference.objects.update_or_create(user=user, defaults={"language": language})


def language_of(user: AbstractBaseUser) -> str:
    try:
        return user.staff_preference.language
    except StaffPreference.DoesNotExist:
        return settings.LANGUAGE_CODE


def open_url(notification: Notification) -> str:
    """The inbox's address that marks `notification` read and opens its record."""
    return reverse("admin:core_notification_open", args=[notification.pk])


def send_emails(notifications: list[Notification]) -> None:
    messages = [email(notification) for notification in notifications if notification.recipient.email]
    if not messages:
        return
    try:
        get_connection().send_messages(messages)
    except Exception:
        # The step is committed and each notification waits in its inbox.
        logger.exception("Notification e-mails not sent (%d).", len(messages))


def email(notification: Notification) -> EmailMessage:
    """`notification` as an e-mail in its recipient's language."""
    recipient = notification.recipient
    with translation.override(language_of(recipient)):
        subject = Truncator(" ".join(notification.message().split())).chars(150)
        body = render_to_string(
            "notifications/email.txt",
            {
                "notification": notification,
                "recipient": recipient,
                "url": settings.SITE_URL.rstrip("/") + open_url(notification),
            },
        )
    return EmailMessage(
        subject=subject,
        body=body,
        to=[recipient.email],
        headers={"Auto-Submitted": "auto-generated"},
    )
