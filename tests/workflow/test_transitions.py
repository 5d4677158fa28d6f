"""The editorial workflow: who may move a record where, and how it is recorded."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from activities.models import Activity, Event
from core.publication import Publication
from core.workflow import Transition, record_transition
from partners.models import Organisation
from projects.models import Component, Document, Indicator, Project
from projects.services import project_publish, project_send_back, project_submit_for_review
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
DRAFT, REVIEW, PUBLISHED, ARCHIVED = (
    Publication.DRAFT,
    Publication.REVIEW,
    Publication.PUBLISHED,
    Publication.ARCHIVED,
)


def change_url(record):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.pk])


def changelist_url(model):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def transition_url(record, transition):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_transition", args=[record.pk, transition])


# Services


def test_editor_submits_a_project_with_its_draft_children_for_review(project, editor):
    component = ComponentFactory(project=project, publication=DRAFT)
    activity = ActivityFactory(project=project, component=component, publication=DRAFT)
    published_document = DocumentFactory(project=project, publication=PUBLISHED)
    project_submit_for_review(project=project, user=editor)
    for record in (project, component, activity, published_document):
        record.refresh_from_db()
    assert (project.publication, component.publication, activity.publication) == (REVIEW, REVIEW, REVIEW)
    assert published_document.publication == PUBLISHED


def test_editor_cannot_publish(project, editor):
    with pytest.raises(PermissionDenied):
        project_publish(project=project, user=editor)
    project.refresh_from_db()
    assert project.publication == DRAFT


def test_publisher_publishes_a_project_with_the_children_submitted_with_it(project, editor, publisher):
    reviewed = IndicatorFactory(project=project, publication=DRAFT)
    project_submit_for_review(project=project, user=editor)
    late_draft = IndicatorFactory(project=project, publication=DRAFT)
    project_publish(project=project, user=publisher)
    project.refresh_from_db()
    reviewed.refresh_from_db()
    late_draft.refresh_from_db()
    assert project.publication == PUBLISHED
    assert reviewed.publication == PUBLISHED
    assert late_draft.publication == DRAFT
    assert list(Project.objects.published()) == [project]


def test_a_transition_is_one_historical_version_naming_who_and_why(project, publisher):
    project_publish(project=project, user=publisher)
    before = project.updated_at
    project_send_back(project=project, user=publisher, comment="Le résumé arabe est incomplet.")
    latest = project.history.latest()
    assert latest.publication == DRAFT
    assert latest.history_user == publisher
    assert "Le résumé arabe est incomplet." in latest.history_change_reason
    project.refresh_from_db()
    assert project.updated_at > before
    assert project.history.count() == 3  # created, published, sent back


def test_sending_back_needs_a_comment(project, publisher):
    project_publish(project=project, user=publisher)
    with pytest.raises(ValidationError):
        project_send_back(project=project, user=publisher, comment="   ")
    project.refresh_from_db()
    assert project.publication == PUBLISHED


@pytest.mark.parametrize(
    ("state", "transition"),
    [
        (REVIEW, Transition.SUBMIT),
        (PUBLISHED, Transition.PUBLISH),
        (ARCHIVED, Transition.ARCHIVE),
    ],
)
def test_a_transition_from_the_wrong_state_is_refused(publisher, state, transition):
    organisation = OrganisationFactory(publication=state)
    with pytest.raises(ValidationError):
        record_transition(record=organisation, user=publisher, transition=transition)


@pytest.mark.parametrize(
    "factory",
    [OrganisationFactory, ComponentFactory, IndicatorFactory, DocumentFactory, ActivityFactory, EventFactory],
)
def test_every_publishable_record_goes_through_the_whole_workflow(factory, editor, publisher):
    record = factory(publication=DRAFT)
    record_transition(record=record, user=editor, transition=Transition.SUBMIT)
    assert record.publication == REVIEW
    with pytest.raises(PermissionDenied):
        record_transition(record=record, user=editor, transition=Transition.PUBLISH)
    record_transition(record=record, user=publisher, transition=Transition.PUBLISH)
    assert record.publication == PUBLISHED
    record_transition(record=record, user=publisher, transition=Transition.ARCHIVE)
    assert record.publication == ARCHIVED
    record_transition(record=record, user=publisher, transition=Transition.SEND_BACK, comment="À revoir.")
    record.refresh_from_db()
    assert record.publication == DRAFT
    assert record.history.count() == 5


def test_editor_may_not_archive_or_send_back(editor):
    organisation = OrganisationFactory(publication=PUBLISHED)
    for transition in (Transition.ARCHIVE, Transition.SEND_BACK):
        with pytest.raises(PermissionDenied):
            record_transition(record=organisation, user=editor, transition=transition, comment="x")


# Groups


@pytest.mark.parametrize("model", [Organisation, Project, Component, Indicator, Document, Activity, Event])
def test_group_permissions(editor, publisher, model):
    label, name = model._meta.app_label, model._meta.model_name
    for user in (editor, publisher):
        assert user.has_perms([f"{label}.add_{name}", f"{label}.change_{name}", f"{label}.view_{name}"])
        assert not user.has_perm(f"{label}.delete_{name}")
    assert not editor.has_perm(f"{label}.publish_{name}")
    assert publisher.has_perm(f"{label}.publish_{name}")


# Admin


def action_names(response):
    return {value for value, _label in response.context["action_form"].fields["action"].choices}


def test_admin_actions_are_offered_only_to_those_who_may_use_them(editor_client, publisher_client, project):
    editor_actions = action_names(editor_client.get(changelist_url(Project)))
    assert "submit_for_review" in editor_actions
    assert not editor_actions & {"publish", "send_back_to_draft", "archive"}


def test_publisher_sees_every_action(publisher_client, project):
    actions = action_names(publisher_client.get(changelist_url(Project)))
    assert actions >= {"submit_for_review", "publish", "send_back_to_draft", "archive"}


def test_publication_field_is_read_only_in_the_change_form(editor_client, publisher_client, project):
    ComponentFactory(project=project)
    for client in (editor_client, publisher_client):
        page = client.get(change_url(project)).content.decode()
        assert 'name="publication"' not in page
        assert 'name="components-0-publication"' not in page
        assert 'name="record_version"' in page


def test_editor_cannot_publish_through_a_forged_form_post(editor_client, project):
    data = project_form_data(project, publication=PUBLISHED)
    response = editor_client.post(change_url(project), data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.publication == DRAFT


def test_change_form_offers_the_transitions_of_the_user(editor_client, project):
    page = editor_client.get(change_url(project)).content.decode()
    assert "transition-submit" in page
    assert "transition-publish" not in page
    assert editor_client.get(transition_url(project, "publish")).status_code == 403


def test_publisher_publishes_from_the_record_page(publisher_client, project):
    page = publisher_client.get(change_url(project)).content.decode()
    assert transition_url(project, "publish") in page
    confirmation = publisher_client.get(transition_url(project, "publish"))
    assert confirmation.status_code == 200
    assert not confirmation.context["blocked"]
    response = publisher_client.post(transition_url(project, "publish"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.publication == PUBLISHED


def test_publish_page_lists_what_blocks_publication(publisher_client, project):
    project.summary_ar = ""
    project.save()
    page = publisher_client.get(transition_url(project, "publish"))
    assert page.context["blocked"]
    assert 'class="errorlist publication-blockers"' in page.content.decode()
    publisher_client.post(transition_url(project, "publish"))
    project.refresh_from_db()
    assert project.publication == DRAFT


def test_publish_action_reports_blocked_projects_by_name(publisher_client, project):
    blocked = project_without_funder()
    response = publisher_client.post(
        changelist_url(Project),
        {"action": "publish", "_selected_action": [project.pk, blocked.pk]},
        follow=True,
    )
    project.refresh_from_db()
    blocked.refresh_from_db()
    assert project.publication == PUBLISHED
    assert blocked.publication == DRAFT
    errors = [str(m) for m in response.context["messages"] if m.level_tag == "error"]
    assert len(errors) == 1 and blocked.acronym in errors[0]


def project_without_funder():
    from tests.factories import ProjectCountryFactory, ProjectFactory

    project = ProjectFactory(publication=DRAFT)
    ProjectCountryFactory(project=project)
    return project


def test_send_back_action_asks_for_a_comment_on_an_intermediate_page(publisher_client, project, publisher):
    project_publish(project=project, user=publisher)
    selection = {"action": "send_back_to_draft", "_selected_action": [project.pk]}
    page = publisher_client.post(changelist_url(Project), selection)
    assert page.status_code == 200
    assert page.templates[0].name == "admin/publication_transition.html"
    assert 'name="comment"' in page.content.decode()

    without_comment = publisher_client.post(
        changelist_url(Project), {**selection, "apply": "yes", "comment": ""}
    )
    assert without_comment.status_code == 200
    assert without_comment.context["form"].errors
    project.refresh_from_db()
    assert project.publication == PUBLISHED

    done = publisher_client.post(
        changelist_url(Project), {**selection, "apply": "yes", "comment": "Dates à vérifier."}
    )
    assert done.status_code == 302
    project.refresh_from_db()
    assert project.publication == DRAFT
    assert "Dates à vérifier." in project.history.latest().history_change_reason


def test_actions_save_each_record(publisher_client, publisher):
    organisations = [OrganisationFactory(publication=DRAFT) for _ in range(3)]
    publisher_client.post(
        changelist_url(Organisation),
        {"action": "publish", "_selected_action": [o.pk for o in organisations]},
    )
    for organisation in organisations:
        organisation.refresh_from_db()
        assert organisation.publication == PUBLISHED
        assert organisation.version == 2
        assert organisation.history.latest().history_user == publisher


def test_change_form_links_to_a_preview_of_a_draft(editor_client, project):
    page = editor_client.get(change_url(project))
    assert page.context["has_absolute_url"]
    assert page.context["is_public"] is False
    assert 'class="viewsitelink"' in page.content.decode()


def project_form_data(project, **overrides):
    data = {
        "acronym": project.acronym,
        "slug": project.slug,
        "title_fr": project.title_fr,
        "title_ar": project.title_ar,
        "summary_fr": project.summary_fr,
        "summary_ar": project.summary_ar,
        "objective_fr": project.objective_fr,
        "objective_ar": project.objective_ar,
        "status": project.status,
        "start_date": project.start_date.isoformat(),
        "start_precision": project.start_precision,
        "end_date": project.end_date.isoformat(),
        "end_precision": project.end_precision,
        "record_version": project.version,
    }
    for prefix in ("country_links", "participations", "components", "indicators", "documents", "relations"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    return data | overrides


def test_a_project_child_links_to_its_project_page(editor_client, project):
    component = ComponentFactory(project=project, publication=DRAFT)
    page = editor_client.get(change_url(component))
    assert page.context["has_absolute_url"]
    assert page.context["absolute_url"] == project.get_absolute_url()
