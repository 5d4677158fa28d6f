"""Submitting for review, sending back, publishing and reviewing a pending
change tell the people concerned, never the one who acted: a row in their
admin inbox and an e-mail in their own language, sent once the step is
committed."""

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import ngettext

from core.models import Notification, PendingChange
from core.notifications import recent_editors
from core.publication import Publication
from tests.factories import ComponentFactory
from tests.workflow.conftest import form_data, member_of, signed_in

pytestmark = pytest.mark.django_db

INBOX = reverse("admin:core_notification_changelist")


def with_email(user: User) -> User:
    user.email = f"{user.username}@example.org"
    user.save()
    return user


@pytest.fixture
def editor(db):
    return with_email(member_of("Editors", "editor"))


@pytest.fixture
def publisher(db):
    return with_email(member_of("Publishers", "publisher"))


@pytest.fixture
def arabic_publisher(db):
    """A publisher who works in the Arabic admin: opening the inbox in it
    is enough for it to be their language."""
    user = with_email(member_of("Publishers", "publisher_ar"))
    client = signed_in(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    assert client.get(INBOX).status_code == 200
    return user


def change_url(record) -> str:
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def transition(client, record, name, **data):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_transition", args=[record.pk, name])
    return client.post(url, data)


def decide(client, record, change, decision, comment=""):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_pending", args=[record.pk, change.pk])
    return client.post(url, {"decision": decision, "comment": comment})


def edit(client, record, **overrides):
    return client.post(change_url(record), form_data(client.get(change_url(record)), **overrides))


def told(kind) -> set[str]:
    return set(Notification.objects.filter(kind=kind).values_list("recipient__username", flat=True))


def mailed(mailoutbox) -> dict[str, object]:
    return {message.to[0].split("@")[0]: message for message in mailoutbox}


# Who is told, and in which language.


def test_a_submission_tells_each_publisher_once_in_their_language(
    project, editor, publisher, arabic_publisher, admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    ComponentFactory(project=project, publication=Publication.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        assert transition(signed_in(editor), project, "submit").status_code == 302

    # One notification per publisher for the project, none for the
    # component that moved with it, none for the editor or a superuser.
    assert told(Notification.Kind.SUBMITTED) == {"publisher", "publisher_ar"}
    assert Notification.objects.count() == 2
    mails = mailed(mailoutbox)
    assert set(mails) == {"publisher", "publisher_ar"}
    assert project.title_ar in mails["publisher_ar"].subject
    assert project.title_fr not in mails["publisher_ar"].subject
    assert project.title_fr in mails["publisher"].subject
    with translation.override("ar"):
        arabic = Notification.objects.get(recipient=arabic_publisher).message()
    assert mails["publisher_ar"].subject == arabic
    inbox_link = reverse(
        "admin:core_notification_open", args=[Notification.objects.get(recipient=publisher).pk]
    )
    assert inbox_link in mails["publisher"].body


def test_publishing_tells_who_edited_and_submitted_the_record(
    project, editor, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    other_editor = with_email(member_of("Editors", "second_editor"))
    project.title_fr = "Titre revu"
    project._history_user = other_editor
    project.save()
    transition(signed_in(editor), project, "submit")
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        assert transition(signed_in(publisher), project, "publish").status_code == 302

    project.refresh_from_db()
    assert project.publication == Publication.PUBLISHED
    assert told(Notification.Kind.PUBLISHED) == {"editor", "second_editor"}
    assert set(mailed(mailoutbox)) == {"editor", "second_editor"}


def test_sending_a_record_back_tells_its_editors_with_the_comment(
    project, editor, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    transition(signed_in(editor), project, "submit")
    with django_capture_on_commit_callbacks(execute=True):
        response = transition(signed_in(publisher), project, "send_back", comment="Le résumé arabe manque.")
    assert response.status_code == 302

    [notification] = Notification.objects.filter(kind=Notification.Kind.SENT_BACK)
    assert (notification.recipient, notification.actor) == (editor, publisher)
    assert notification.comment == "Le résumé arabe manque."
    [mail] = [message for message in mailoutbox if message.to == [editor.email]]
    assert "Le résumé arabe manque." in mail.body


def test_a_published_record_sent_back_tells_whose_work_was_published(
    project, editor, publisher, django_capture_on_commit_callbacks
):
    transition(signed_in(editor), project, "submit")
    transition(signed_in(publisher), project, "publish")
    transition(signed_in(publisher), project, "send_back", comment="Une erreur dans le budget.")
    assert told(Notification.Kind.SENT_BACK) == {"editor"}
    assert recent_editors(project) == {editor.pk}


def test_a_new_pending_change_tells_the_publishers_once(
    project, editor, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    project.publication = Publication.PUBLISHED
    project.save()
    client = signed_in(editor)
    with django_capture_on_commit_callbacks(execute=True):
        edit(client, project, title_fr="Titre proposé")
    assert told(Notification.Kind.CHANGE_PROPOSED) == {"publisher"}
    assert [message.to for message in mailoutbox] == [[publisher.email]]

    # More edits to the same waiting change: already told.
    edit(client, project, summary_fr="Résumé proposé")
    assert Notification.objects.filter(kind=Notification.Kind.CHANGE_PROPOSED).count() == 1


def test_approving_or_sending_back_a_change_tells_its_author(
    project, editor, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    project.publication = Publication.PUBLISHED
    project.save()
    editor_client, publisher_client = signed_in(editor), signed_in(publisher)
    edit(editor_client, project, title_fr="Titre proposé")
    change = PendingChange.objects.for_record(project).get()
    with django_capture_on_commit_callbacks(execute=True):
        decide(publisher_client, project, change, "send_back", comment="Gardez le sigle.")
    [sent_back] = Notification.objects.filter(kind=Notification.Kind.CHANGE_SENT_BACK)
    assert (sent_back.recipient, sent_back.comment) == (editor, "Gardez le sigle.")

    # Proposed again: the publishers are told again; approved: its author.
    edit(editor_client, project, title_fr="Titre proposé, revu")
    assert Notification.objects.filter(kind=Notification.Kind.CHANGE_PROPOSED).count() == 2
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decide(publisher_client, project, PendingChange.objects.for_record(project).get(), "approve")
    [approved] = Notification.objects.filter(kind=Notification.Kind.CHANGE_APPROVED)
    assert (approved.recipient, approved.actor, approved.comment) == (editor, publisher, "")
    assert [message.to for message in mailoutbox] == [[editor.email]]


def test_a_publishers_own_change_tells_no_one(project, editor, publisher, mailoutbox):
    other_publisher = member_of("Publishers", "second_publisher")
    project.publication = Publication.PUBLISHED
    project.save()
    edit(signed_in(publisher), project, title_fr="Titre corrigé")
    project.refresh_from_db()
    assert project.title_fr == "Titre corrigé"
    assert not Notification.objects.filter(recipient__in=[editor, other_publisher]).exists()


def test_a_rolled_back_step_sends_no_email(project, editor, publisher, mailoutbox):
    # Without a commit (the test's transaction is never committed), the
    # e-mails wait: they leave only with the step.
    transition(signed_in(editor), project, "submit")
    assert Notification.objects.filter(recipient=publisher).exists()
    assert mailoutbox == []


def test_a_recipient_without_an_address_reads_it_in_the_inbox_only(
    project, editor, publisher, mailoutbox, django_capture_on_commit_callbacks
):
    publisher.email = ""
    publisher.save()
    with django_capture_on_commit_callbacks(execute=True):
        transition(signed_in(editor), project, "submit")
    assert told(Notification.Kind.SUBMITTED) == {"publisher"}
    assert mailoutbox == []


# The inbox.


def test_the_inbox_lists_ones_own_notifications_unread_in_bold(project, editor, publisher):
    transition(signed_in(editor), project, "submit")
    notification = Notification.objects.get(recipient=publisher)
    page = signed_in(publisher).get(INBOX).content.decode()
    assert f'<strong><a href="{reverse("admin:core_notification_open", args=[notification.pk])}">' in page
    assert escape(notification.message()) in page
    assert escape(notification.message()) not in signed_in(editor).get(INBOX).content.decode()


def test_the_inbox_reads_in_the_readers_language(project, editor, publisher):
    transition(signed_in(editor), project, "submit")
    client = signed_in(publisher)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(INBOX).content.decode()
    assert project.title_ar in page
    assert project.title_fr not in page


def test_opening_a_notification_marks_it_read_and_goes_to_its_record(project, editor, publisher):
    transition(signed_in(editor), project, "submit")
    notification = Notification.objects.get(recipient=publisher)
    url = reverse("admin:core_notification_open", args=[notification.pk])

    assert signed_in(editor).get(url).status_code == 404
    notification.refresh_from_db()
    assert notification.read_at is None

    response = signed_in(publisher).get(url)
    assert response.status_code == 302
    assert response.url == change_url(project)
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_another_user_cannot_open_a_notification_page(project, editor, publisher):
    transition(signed_in(editor), project, "submit")
    notification = Notification.objects.get(recipient=publisher)
    url = reverse("admin:core_notification_change", args=[notification.pk])
    assert signed_in(publisher).get(url).status_code == 200
    response = signed_in(editor).get(url, follow=True)
    assert escape(notification.message()) not in response.content.decode()


def test_the_header_counts_unread_notifications_and_mark_all_read_clears_them(project, editor, publisher):
    other = ComponentFactory(publication=Publication.DRAFT)
    editor_client, client = signed_in(editor), signed_in(publisher)
    transition(editor_client, project, "submit")
    transition(editor_client, other, "submit")
    two_unread = ngettext("%(counter)s new notification", "%(counter)s new notifications", 2) % {"counter": 2}
    assert two_unread in client.get(reverse("admin:index")).content.decode()

    assert client.post(reverse("admin:core_notification_read_all")).status_code == 302
    assert not Notification.objects.filter(recipient=publisher).unread().exists()
    assert two_unread not in client.get(reverse("admin:index")).content.decode()
    # The editor's own inbox was not touched by the publisher's button.
    assert not Notification.objects.filter(recipient=editor).exists()


def test_the_mark_read_action_marks_only_the_selected(project, editor, publisher):
    other = ComponentFactory(publication=Publication.DRAFT)
    transition(signed_in(editor), project, "submit")
    transition(signed_in(editor), other, "submit")
    first, second = Notification.objects.filter(recipient=publisher).order_by("pk")
    signed_in(publisher).post(INBOX, {"action": "mark_read", "_selected_action": [first.pk]})
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.read_at is not None
    assert second.read_at is None


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_inbox_costs_the_same_queries_for_one_or_many(editor, publisher, django_assert_max_num_queries):
    client = signed_in(publisher)
    editor_client = signed_in(editor)
    components = [ComponentFactory(publication=Publication.DRAFT) for _number in range(6)]
    transition(editor_client, components[0], "submit")
    with_one = count_queries(client, INBOX)
    for component in components[1:]:
        transition(editor_client, component, "submit")
    with django_assert_max_num_queries(with_one):
        response = client.get(INBOX)
    assert response.content.decode().count("<strong><a href=") == 6
