"""The history page reads in the user's language: field and choice labels,
related records by name, yes or no, dates as the language writes them; only
real changes (no untouched translation, no untranslated copy column, no
empty text turned into another empty text); the comment a transition was
made with; headers from our catalogue."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.workflow import Transition, record_transition
from tests.factories import CountryFactory, ParticipationFactory
from tests.workflow.conftest import form_data

pytestmark = pytest.mark.django_db


def admin_url(record, view):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])


def edit(client, record, language="fr", **changes):
    url = admin_url(record, "change")
    page = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    response = client.post(url, form_data(page, **changes), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 302, response.context["adminform"].form.errors
    record.refresh_from_db()


def history(client, record, language="fr"):
    response = client.get(admin_url(record, "history"), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    return response


def newest_changes(client, record, language="fr") -> dict:
    newest = history(client, record, language).context["page_obj"].object_list[0]
    return {str(change["field"]): (change["old"], change["new"]) for change in newest.history_delta_changes}


def test_a_project_edit_shows_only_what_changed_with_labels_in_french(editor_client, project):
    edit(editor_client, project, status="finalisation", end_date="2023-06-30")

    assert newest_changes(editor_client, project) == {
        "Statut": ("En cours d'exécution", "Finalisation"),
        "Date de fin": ("31 décembre 2022", "30 juin 2023"),
    }


def test_an_edit_made_in_arabic_reads_in_arabic_without_the_untouched_titles(editor_client, project):
    edit(editor_client, project, language="ar", status="finalisation", end_date="2023-08-31")

    # Saving in Arabic writes the Arabic title into the untranslated copy
    # column: not a change anybody made, so not listed (nor the titles).
    assert newest_changes(editor_client, project, "ar") == {
        "الحالة": ("قيد التنفيذ", "في طور الإنهاء"),
        "تاريخ الانتهاء": ("31 دجنبر، 2022", "31 غشت، 2023"),
    }


def test_related_records_are_named_and_booleans_read_yes_or_no(editor_client, project):
    participation = project.participations.get()
    morocco = CountryFactory(code="MA")
    edit(editor_client, participation, role="implementer", country=morocco.pk, is_lead="on")

    assert newest_changes(editor_client, participation) == {
        "Rôle": ("Bailleur de fonds", "Organisme de mise en œuvre"),
        "Pays": ("—", "Maroc"),
        "Partenaire chef de file": ("Non", "Oui"),
    }
    assert newest_changes(editor_client, participation, "ar") == {
        "الدور": ("الجهة المانحة", "الوكالة المنفذة"),
        "بلد": ("—", "المغرب"),
        "الشريك الرئيسي": ("لا", "نعم"),
    }


def test_a_transition_comment_is_shown_with_its_label_in_the_readers_language(
    project, editor_client, publisher
):
    record_transition(record=project, user=publisher, transition=Transition.SUBMIT)
    record_transition(
        record=project, user=publisher, transition=Transition.SEND_BACK, comment="Le budget manque."
    )

    page = history(editor_client, project, "ar")

    comments = [record.history_comment for record in page.context["page_obj"].object_list]
    assert comments == ["إرجاع إلى المسودة: Le budget manque.", "إحالة على المراجعة", ""]
    assert "None" not in re.sub(r"\s+", " ", page.content.decode())


def test_the_headers_come_from_our_catalogue(editor_client, project):
    edit(editor_client, project, status="finalisation")

    french = history(editor_client, project, "fr").content.decode()
    arabic = history(editor_client, project, "ar").content.decode()

    assert ">Modifications<" in french and ">التغييرات<" in arabic
    assert ">Changes<" not in french + arabic


def history_queries(client, record) -> int:
    with CaptureQueriesContext(connection) as queries:
        history(client, record)
    return len(queries)


def test_the_history_page_costs_the_same_queries_for_few_or_many_versions(editor_client, project):
    participation = project.participations.get()
    few = history_queries(editor_client, participation)
    for amount in range(1, 8):
        participation.amount, participation.currency = amount * 1000, "EUR"
        participation.country = CountryFactory(code="MA") if amount % 2 else None
        participation.save()
    ParticipationFactory(project=project)

    assert history_queries(editor_client, participation) == few
