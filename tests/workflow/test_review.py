"""Changes to published records are reviewed: an editor's change waits for
a publisher while the public, the API and the downloads keep reading the
published version; a publisher approves it, sends it back with a comment, or
the author withdraws it. Nothing typed is lost, and a change survives the
changes published meanwhile."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from activities.models import Activity, Event
from core.models import PendingChange
from partners.models import Organisation
from projects.models import Component, Document, Indicator, Participation, Project
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ThemeFactory,
)
from tests.workflow.conftest import form_data, member_of, publishable_project, signed_in
from tests.workflow.spreadsheets import as_csv, confirm, preview

pytestmark = pytest.mark.django_db


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def decide(client, record, change, decision, comment=""):
    opts = record._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_pending", args=[record.pk, change.pk])
    return client.post(url, {"decision": decision, "comment": comment})


def edit(client, record, **overrides):
    return client.post(change_url(record), form_data(client.get(change_url(record)), **overrides))


def public_title(project) -> str:
    return Client().get(f"/api/v1/projects/{project.slug}/?lang=fr").json()["title"]


@pytest.fixture(autouse=True)
def in_english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def published(project, publisher):
    project.publication = "published"
    project.save()
    return project


def test_an_editors_change_waits_for_review_and_the_public_keeps_the_published_version(
    published, editor_client, publisher_client
):
    before = published.title_fr
    response = edit(editor_client, published, title_fr="Titre proposé par l'éditrice")
    assert response.status_code == 302

    published.refresh_from_db()
    assert published.title_fr == before
    assert public_title(published) == before
    page = Client().get(f"/fr/projects/{published.slug}/").content.decode()
    assert before in page and "Titre proposé" not in page

    [change] = PendingChange.objects.for_record(published).open()
    assert change.author.username == "editor"
    page = editor_client.get(change_url(published)).content.decode()
    assert "Changes waiting for review" in page
    assert "Titre proposé par l&#x27;éditrice" in page

    approved = decide(publisher_client, published, change, "approve")
    assert approved.status_code == 302
    published.refresh_from_db()
    assert published.title_fr == "Titre proposé par l'éditrice"
    assert public_title(published) == "Titre proposé par l'éditrice"
    change.refresh_from_db()
    assert (change.state, change.reviewer.username) == ("approved", "publisher")
    latest = published.history.latest("history_id")
    assert latest.history_user.username == "editor"
    assert latest.history_change_reason == "Reviewed by publisher"


def test_the_inline_rows_of_a_published_project_are_reviewed_with_it(
    published, editor_client, publisher_client
):
    funder = published.participations.get()
    tunisia = CountryFactory(code="TN", name_fr="Tunisie")
    opened = editor_client.get(change_url(published))
    data = form_data(opened)
    prefix = "participations-0"
    assert data[f"{prefix}-id"] == str(funder.pk)
    data |= {f"{prefix}-amount": "750000", f"{prefix}-currency": "EUR"}
    total = int(data["country_links-TOTAL_FORMS"])
    data |= {
        "country_links-TOTAL_FORMS": str(total + 1),
        f"country_links-{total}-country": "TN",
        f"country_links-{total}-status": "active",
        f"country_links-{total}-order": "0",
    }
    assert editor_client.post(change_url(published), data).status_code == 302

    funder.refresh_from_db()
    assert funder.amount is None
    assert not published.country_links.filter(country=tunisia).exists()
    [change] = PendingChange.objects.for_record(published).open()
    assert sorted(row["action"] for row in change.rows) == ["add", "change"]

    decide(publisher_client, published, change, "approve")
    funder.refresh_from_db()
    assert (funder.amount, funder.currency) == (Decimal("750000"), "EUR")
    assert published.country_links.filter(country=tunisia).exists()


def test_a_change_that_would_break_publication_is_not_approved_and_changes_nothing(
    published, editor_client, publisher_client
):
    arabic = published.title_ar
    edit(editor_client, published, title_ar="", summary_fr="Résumé revu")
    [change] = PendingChange.objects.for_record(published).open()

    refused = decide(publisher_client, published, change, "approve")
    messages = [str(message) for message in refused.wsgi_request._messages]
    assert any("The title in Arabic is missing." in message for message in messages)
    published.refresh_from_db()
    assert (published.title_ar, published.summary_fr) == (arabic, "Appui à la migration équitable.")
    change.refresh_from_db()
    assert change.state == "pending"


def test_a_publishers_own_change_goes_live_after_the_publication_checks(published, publisher_client):
    assert edit(publisher_client, published, title_fr="Titre corrigé").status_code == 302
    published.refresh_from_db()
    assert published.title_fr == "Titre corrigé"
    assert PendingChange.objects.get().state == "approved"

    # Blanking what publication requires is not published: it waits, kept.
    response = publisher_client.post(
        change_url(published), form_data(publisher_client.get(change_url(published)), objective_ar="")
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.objective_ar
    pending = PendingChange.objects.for_record(published).open().get()
    assert pending.rows[0]["fields"]["objective_ar"][1] == ""
    page = publisher_client.get(change_url(published)).content.decode()
    assert "Changes waiting for review" in page


def test_a_record_that_already_broke_a_rule_can_still_be_corrected(publisher_client):
    project = publishable_project(summary_ar="")
    Project.objects.filter(pk=project.pk).update(publication="published")
    edit(publisher_client, project, title_fr="Titre corrigé")
    project.refresh_from_db()
    assert project.title_fr == "Titre corrigé"


def test_a_pending_change_survives_a_published_change_and_conflicts_are_named(
    published, editor_client, publisher_client
):
    edit(editor_client, published, title_fr="Titre de l'éditrice")
    change = PendingChange.objects.for_record(published).open().get()

    # Meanwhile, a publisher changes the title and the summary directly.
    edit(publisher_client, published, title_fr="Titre du publicateur", summary_fr="Résumé du publicateur")
    published.refresh_from_db()
    assert published.title_fr == "Titre du publicateur"

    page = publisher_client.get(change_url(published)).content.decode()
    assert "(changed since this proposal)" in page
    refused = decide(publisher_client, published, change, "approve")
    messages = " ".join(str(message) for message in refused.wsgi_request._messages)
    assert "now “Titre du publicateur” on the site" in messages
    published.refresh_from_db()
    assert published.title_fr == "Titre du publicateur"

    # The author takes the published title into account: their new value
    # replaces the old proposal, and the publisher's summary is kept.
    edit(editor_client, published, title_fr="Titre de l'éditrice, revu")
    change.refresh_from_db()
    assert change.rows[0]["fields"]["title_fr"] == ["Titre du publicateur", "Titre de l'éditrice, revu"]
    decide(publisher_client, published, change, "approve")
    published.refresh_from_db()
    assert (published.title_fr, published.summary_fr) == (
        "Titre de l'éditrice, revu",
        "Résumé du publicateur",
    )


def test_sent_back_with_a_comment_the_author_reads_on_the_form(published, editor_client, publisher_client):
    edit(editor_client, published, summary_fr="Résumé trop long")
    change = PendingChange.objects.for_record(published).open().get()

    decide(publisher_client, published, change, "send_back", comment="")
    change.refresh_from_db()
    assert change.state == "pending"  # a send-back needs its reason

    decide(publisher_client, published, change, "send_back", comment="Raccourcir le résumé, s'il vous plaît.")
    change.refresh_from_db()
    assert change.state == "sent_back"
    page = editor_client.get(change_url(published)).content.decode()
    assert "Raccourcir le résumé, s&#x27;il vous plaît." in page

    # Editing again puts it back in the queue, with both edits.
    edit(editor_client, published, title_fr="Titre plus court")
    change.refresh_from_db()
    assert change.state == "pending"
    assert set(change.rows[0]["fields"]) == {"summary_fr", "title_fr"}


def test_only_its_author_or_a_publisher_may_withdraw_a_change(published, editor_client, publisher_client):
    edit(editor_client, published, summary_fr="Résumé proposé")
    change = PendingChange.objects.for_record(published).open().get()
    colleague = signed_in(member_of("Editors", "karim"))

    decide(colleague, published, change, "approve")
    decide(colleague, published, change, "withdraw")
    change.refresh_from_db()
    assert change.state == "pending"

    decide(editor_client, published, change, "withdraw")
    change.refresh_from_db()
    assert change.state == "withdrawn"
    published.refresh_from_db()
    assert published.summary_fr == "Appui à la migration équitable."


def test_a_draft_is_edited_directly(project, editor_client):
    assert project.publication == "draft"
    edit(editor_client, project, title_fr="Brouillon corrigé")
    project.refresh_from_db()
    assert project.title_fr == "Brouillon corrigé"
    assert not PendingChange.objects.exists()


def test_an_editor_cannot_delete_a_public_row_outside_its_reviewed_form(published, editor_client):
    funder = published.participations.get()
    url = reverse("admin:projects_participation_delete", args=[funder.pk])
    assert editor_client.post(url, {"post": "yes"}).status_code == 403
    assert Participation.objects.filter(pk=funder.pk).exists()


def test_a_link_added_to_a_public_project_from_its_own_page_is_reviewed_on_the_project(
    published, editor_client
):
    partner = OrganisationFactory()
    url = reverse("admin:projects_participation_add")
    data = form_data(editor_client.get(url)) | {
        "project": str(published.pk),
        "organisation": str(partner.pk),
        "role": Participation.Role.INSTITUTIONAL_PARTNER,
    }
    response = editor_client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == change_url(published)
    assert not published.participations.filter(organisation=partner).exists()
    [change] = PendingChange.objects.for_record(published).open()
    assert change.rows[0]["action"] == "add"


def public_records(project):
    component = ComponentFactory(project=project)
    country = project.country_links.get().country
    return {
        Organisation: OrganisationFactory(),
        Component: component,
        Indicator: IndicatorFactory(project=project),
        Document: DocumentFactory(project=project),
        Activity: ActivityFactory(project=project, component=component, country=country),
        Event: EventFactory(project=project, country=country),
    }


TEXT_FIELD = {
    Organisation: "description_fr",
    Component: "title_fr",
    Indicator: "label_fr",
    Document: "title_fr",
    Activity: "title_fr",
    Event: "title_fr",
}


@pytest.mark.parametrize("model", TEXT_FIELD, ids=lambda model: model.__name__)
def test_every_public_kind_of_record_is_reviewed(published, editor_client, publisher_client, model):
    record = public_records(published)[model]
    field = TEXT_FIELD[model]
    before = getattr(record, field)
    assert edit(editor_client, record, **{field: "Texte proposé"}).status_code == 302
    record.refresh_from_db()
    assert getattr(record, field) == before
    change = PendingChange.objects.for_record(record).open().get()

    decide(publisher_client, record, change, "approve")
    record.refresh_from_db()
    assert getattr(record, field) == "Texte proposé"


def test_publishers_find_every_pending_change_in_one_list(published, editor_client, publisher_client):
    edit(editor_client, published, summary_fr="Résumé proposé")
    page = publisher_client.get(reverse("admin:core_pendingchange_changelist")).content.decode()
    assert change_url(published) in page
    assert "Waiting for review" in page


def test_a_link_changed_from_its_own_page_is_checked_against_its_projects_rules(
    published, editor_client, publisher_client
):
    funder = published.participations.get()
    edit(editor_client, funder, role=Participation.Role.INSTITUTIONAL_PARTNER)
    funder.refresh_from_db()
    assert funder.role == Participation.Role.FUNDER
    change = PendingChange.objects.for_record(funder).open().get()

    refused = decide(publisher_client, funder, change, "approve")
    messages = " ".join(str(message) for message in refused.wsgi_request._messages)
    assert "The project has no funder." in messages
    funder.refresh_from_db()
    assert funder.role == Participation.Role.FUNDER


def test_an_import_that_changes_a_published_record_waits_for_review(
    published, editor_client, publisher_client
):
    columns = ["slug", "acronym", "title_fr", "summary_fr", "themes"]
    theme = ThemeFactory()
    row = [published.slug, published.acronym, "Titre importé", published.summary_fr, theme.slug]
    previewed = preview(editor_client, Project, as_csv([columns, row]), "csv")
    assert previewed.context["result"].totals["update"] == 1
    done = confirm(editor_client, Project, previewed)
    assert done.status_code == 302
    messages = " ".join(str(message) for message in done.wsgi_request._messages)
    assert "1 row changes a published record" in messages

    published.refresh_from_db()
    assert published.title_fr != "Titre importé"
    assert not published.themes.exists()
    change = PendingChange.objects.for_record(published).open().get()
    assert change.rows[0]["fields"] == {
        "title_fr": [published.title_fr, "Titre importé"],
        "themes": [[], [theme.pk]],
    }

    decide(publisher_client, published, change, "approve")
    published.refresh_from_db()
    assert published.title_fr == "Titre importé"
    assert list(published.themes.all()) == [theme]


def test_a_publishers_import_goes_live(published, publisher_client):
    columns = ["slug", "acronym", "title_fr"]
    previewed = preview(
        publisher_client,
        Project,
        as_csv([columns, [published.slug, published.acronym, "Titre importé"]]),
        "csv",
    )
    confirm(publisher_client, Project, previewed)
    published.refresh_from_db()
    assert published.title_fr == "Titre importé"
    assert not PendingChange.objects.exists()


def test_the_list_filters_by_the_kinds_of_record_that_have_changes(
    published, editor_client, publisher_client
):
    edit(editor_client, published, summary_fr="Résumé proposé")
    edit(editor_client, OrganisationFactory(), description_fr="Description proposée")
    page = publisher_client.get(reverse("admin:core_pendingchange_changelist")).content.decode()
    assert page.count("content_type__id__exact=") == 2
    assert "historical" not in page.lower()
