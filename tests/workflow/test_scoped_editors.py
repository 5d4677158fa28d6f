"""Editors attached to organisations see and edit only the projects those
organisations (or their units) take part in, with their rows; publishers
and editors attached to none see everything."""

import pytest
import tablib
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import Activity, Event
from activities.resources import ActivityResource
from core.models import PendingChange
from core.publication import Publication
from partners.models import Organisation, StaffScope
from projects.models import Component, Document, Indicator, Participation, Project, ProjectCountry
from tests.factories import (
    ActivityFactory,
    CountryFactory,
    DocumentFactory,
    EventFactory,
    IndicatorFactory,
    OrganisationFactory,
    ParticipationFactory,
    ProjectCountryFactory,
    ProjectFactory,
)
from tests.workflow.conftest import member_of, signed_in
from tests.workflow.spreadsheets import as_csv, confirm, preview

pytestmark = pytest.mark.django_db

CHILDREN = (Component, Indicator, Document, Activity, Event, Participation, ProjectCountry)


def admin_url(model, view="changelist", *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def project_of(organisation, **fields):
    """A published project `organisation` funds, with one row of each kind."""
    project = ProjectFactory(**fields)
    ParticipationFactory(project=project, organisation=organisation)
    ProjectCountryFactory(project=project, country=CountryFactory(code="MA"))
    IndicatorFactory(project=project)
    DocumentFactory(project=project)
    ActivityFactory(project=project)
    EventFactory(project=project)
    return project


@pytest.fixture
def registry(db):
    ministry = OrganisationFactory(acronym_fr="MTIP")
    directorate = OrganisationFactory(acronym_fr="DTRAV", parent=ministry)
    agency = OrganisationFactory(acronym_fr="GIZ")
    return {
        "ministry": ministry,
        "agency": agency,
        "ours": project_of(ministry, acronym="AMEM"),
        # A unit's project is its organisation's too.
        "unit's": project_of(directorate, acronym="THAMM"),
        "theirs": project_of(agency, acronym="WAFIRA"),
    }


def scoped(username, *organisations):
    user = member_of("Editors", username)
    StaffScope.objects.create(user=user).organisations.set(organisations)
    return user


@pytest.fixture
def scoped_editor(registry):
    return scoped("scoped", registry["ministry"])


@pytest.fixture
def scoped_client(scoped_editor):
    return signed_in(scoped_editor)


def listed_projects(client, model) -> set[str]:
    response = client.get(admin_url(model))
    assert response.status_code == 200
    rows = response.context["cl"].result_list
    return {row.acronym if model is Project else row.project.acronym for row in rows}


@pytest.mark.parametrize("model", (Project, *CHILDREN), ids=lambda model: model.__name__)
def test_a_scoped_editor_lists_only_their_organisations_projects(scoped_client, model):
    assert listed_projects(scoped_client, model) == {"AMEM", "THAMM"}


@pytest.mark.parametrize("model", (Project, *CHILDREN), ids=lambda model: model.__name__)
def test_a_publisher_lists_every_project(registry, model):
    assert listed_projects(signed_in(member_of("Publishers", "publisher")), model) == {
        "AMEM",
        "THAMM",
        "WAFIRA",
    }


def test_an_editor_attached_to_no_organisation_lists_every_project(registry):
    editor = member_of("Editors", "editor")
    StaffScope.objects.create(user=editor)
    assert listed_projects(signed_in(editor), Project) == {"AMEM", "THAMM", "WAFIRA"}


def test_a_project_the_editor_created_is_theirs(scoped_client, scoped_editor):
    project = Project(acronym="NEW", slug="new", title_fr="Nouveau", publication=Publication.DRAFT)
    project._history_user = scoped_editor
    project.save()
    assert "NEW" in listed_projects(scoped_client, Project)
    assert scoped_client.get(admin_url(Project, "change", project.pk)).status_code == 200


def other_records(registry):
    theirs = registry["theirs"]
    return [theirs, *(model.objects.filter(project=theirs).first() for model in CHILDREN)]


@pytest.mark.parametrize("view", ("change", "history", "delete"))
def test_another_projects_pages_are_not_found(registry, scoped_client, view):
    for record in other_records(registry):
        response = scoped_client.get(admin_url(type(record), view, record.pk))
        assert response.status_code == 404, record
    own = registry["ours"]
    assert scoped_client.get(admin_url(Project, "change", own.pk)).status_code == 200
    assert scoped_client.get(admin_url(Project, "history", own.pk)).status_code == 200


def test_another_projects_revert_pending_change_and_transition_pages_are_not_found(registry, scoped_client):
    theirs = registry["theirs"]
    version = theirs.history.first()
    change = PendingChange.objects.create(record=theirs, rows=[])
    for url in (
        admin_url(Project, "simple_history", theirs.pk, version.history_id),
        admin_url(Project, "pending", theirs.pk, change.pk),
        admin_url(Project, "transition", theirs.pk, "submit"),
    ):
        assert scoped_client.get(url).status_code == 404, url
        assert scoped_client.post(url, {"decision": "withdraw"}).status_code == 404, url
    change.refresh_from_db()
    assert change.state == PendingChange.State.PENDING


def test_a_changed_post_on_another_project_changes_nothing(registry, scoped_client):
    theirs = registry["theirs"]
    response = scoped_client.post(admin_url(Project, "change", theirs.pk), {"acronym": "HACKED"})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.acronym == "WAFIRA"


def autocomplete(client, model, field, term=""):
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field,
            "term": term,
        },
    )
    assert response.status_code == 200
    return {result["text"] for result in response.json()["results"]}


def test_the_project_autocomplete_offers_only_their_projects(registry, scoped_client):
    offered = autocomplete(scoped_client, Activity, "project")
    assert {text.split(" ")[0] for text in offered} >= {"AMEM", "THAMM"}
    assert not any("WAFIRA" in text for text in offered)


def test_any_published_organisation_may_be_picked_as_a_partner(registry, scoped_client):
    OrganisationFactory(acronym_fr="DRAFTORG", publication=Publication.DRAFT)
    offered = autocomplete(scoped_client, Participation, "organisation")
    assert any("GIZ" in text for text in offered)
    assert not any("DRAFTORG" in text for text in offered)


def test_a_form_refuses_another_project(registry, scoped_client):
    form = scoped_client.get(admin_url(Activity, "add")).context["adminform"].form
    assert set(form.fields["project"].queryset.values_list("acronym", flat=True)) == {"AMEM", "THAMM"}


def test_another_organisation_is_read_only(registry, scoped_client):
    agency = registry["agency"]
    response = scoped_client.get(admin_url(Organisation, "change", agency.pk))
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert scoped_client.post(admin_url(Organisation, "change", agency.pk), {}).status_code == 403
    own = scoped_client.get(admin_url(Organisation, "change", registry["ministry"].pk))
    assert own.context["has_change_permission"]


ACTIVITY_COLUMNS = ["project", "component", "code", "title_fr", "title_ar", "kind"]


def test_an_import_naming_another_project_is_refused_and_writes_nothing(registry, scoped_client):
    ours = registry["ours"]
    theirs = registry["theirs"]
    ours_component = Component.objects.filter(project=ours).first()
    their_component = Component.objects.filter(project=theirs).first()
    rows = [
        ACTIVITY_COLUMNS,
        [ours.slug, ours_component.code, "9.1", "Étude", "دراسة", "study"],
        [theirs.slug, their_component.code, "9.2", "Atelier", "ورشة", "workshop"],
    ]
    before = Activity.objects.count()
    previewed = preview(scoped_client, Activity, as_csv(rows), "csv")
    result = previewed.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert str(theirs) in " ".join(result.invalid_rows[0].error.messages)
    assert "confirm_form" not in previewed.context
    assert Activity.objects.count() == before


def test_a_confirmed_import_meeting_another_project_writes_nothing(registry, scoped_editor):
    theirs = registry["theirs"]
    component = Component.objects.filter(project=theirs).first()
    dataset = tablib.Dataset(
        [theirs.slug, component.code, "9.3", "Atelier", "ورشة", "workshop"], headers=ACTIVITY_COLUMNS
    )
    scope = admin.site._registry[Activity].scope
    resource = ActivityResource(refusal=lambda record: scope.import_refusal(scoped_editor, record))
    before = Activity.objects.count()
    result = resource.import_data(dataset, dry_run=False, user=scoped_editor)
    assert result.has_validation_errors()
    assert Activity.objects.count() == before


def test_an_import_updating_another_project_is_refused(registry, scoped_client):
    theirs = registry["theirs"]
    rows = [["slug", "acronym", "title_fr"], [theirs.slug, "HACKED", "Pris"]]
    previewed = preview(scoped_client, Project, as_csv(rows), "csv")
    assert [row.number for row in previewed.context["result"].invalid_rows] == [1]
    previewed_ours = preview(
        scoped_client, Project, as_csv([["slug", "acronym", "title_fr"], ["amem", "AMEM", "Titre"]]), "csv"
    )
    assert confirm(scoped_client, Project, previewed_ours).status_code == 302
    theirs.refresh_from_db()
    assert theirs.acronym == "WAFIRA"


def board_findings(client, key) -> set[str]:
    response = client.get("/admin/quality/")
    assert response.status_code == 200
    problem = next(problem for problem in response.context["problems"] if problem.key == key)
    return {finding.record for finding in problem.findings}


def test_the_board_shows_a_scoped_editor_only_their_problems(registry, scoped_client):
    # Every project is under way past its end: a status to confirm.
    assert board_findings(scoped_client, "status") == {str(registry["ours"]), str(registry["unit's"])}
    publisher = signed_in(member_of("Publishers", "publisher"))
    assert board_findings(publisher, "status") == {str(registry[key]) for key in ("ours", "unit's", "theirs")}


def test_the_board_lists_only_their_pending_changes(registry, scoped_client):
    PendingChange.objects.create(record=registry["ours"], rows=[])
    PendingChange.objects.create(record=registry["theirs"], rows=[])
    assert board_findings(scoped_client, "pending") == {str(registry["ours"])}


# Query budget: a changelist costs the same with 10 or 1,000 projects.


def bulk_projects(count, start, ministry, agency):
    """`count` projects, half of them the ministry's, each with a component
    and an activity, written in bulk."""
    projects = Project.objects.bulk_create(
        Project(
            acronym=f"BULK{number}",
            slug=f"bulk-{number}",
            iati_key=f"BULK-{number}",
            title_fr=f"Projet {number}",
            title_ar=f"مشروع {number}",
            publication=Publication.PUBLISHED,
        )
        for number in range(start, start + count)
    )
    Participation.objects.bulk_create(
        Participation(
            project=project,
            organisation=ministry if index % 2 else agency,
            role=Participation.Role.FUNDER,
        )
        for index, project in enumerate(projects)
    )
    components = Component.objects.bulk_create(
        Component(project=project, code="1", title_fr="Axe", kind=Component.Kind.AXIS) for project in projects
    )
    Activity.objects.bulk_create(
        Activity(project=component.project, component=component, title_fr="Étude", code="1.1")
        for component in components
    )


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("model", (Project, Activity), ids=lambda model: model.__name__)
def test_a_scoped_changelist_costs_the_same_for_10_or_1000_projects(model, django_assert_max_num_queries):
    ministry, agency = OrganisationFactory(), OrganisationFactory()
    client = signed_in(scoped("scoped", ministry))
    bulk_projects(10, 0, ministry, agency)
    url = admin_url(model)
    with_10 = count_queries(client, url)
    bulk_projects(990, 10, ministry, agency)
    with django_assert_max_num_queries(with_10):
        response = client.get(url)
    assert response.context["cl"].result_count == 500


def test_the_organisations_are_set_on_the_accounts_page(scoped_editor):
    superuser = member_of("Publishers", "root")
    superuser.is_superuser = True
    superuser.save()
    response = signed_in(superuser).get(reverse("admin:auth_user_change", args=[scoped_editor.pk]))
    formsets = {formset.formset.model for formset in response.context["inline_admin_formsets"]}
    assert StaffScope in formsets
    form = next(f for f in response.context["inline_admin_formsets"] if f.formset.model is StaffScope)
    assert list(form.formset.forms[0].initial["organisations"]) == [
        scoped_editor.staff_scope.organisations.get()
    ]


def test_the_pending_changes_list_shows_only_their_records(registry, scoped_client):
    PendingChange.objects.create(record=registry["ours"], rows=[])
    PendingChange.objects.create(record=registry["theirs"], rows=[])
    PendingChange.objects.create(record=CountryFactory(code="TN"), rows=[])
    response = scoped_client.get(reverse("admin:core_pendingchange_changelist"))
    records = {change.record for change in response.context["cl"].result_list}
    assert records == {registry["ours"], CountryFactory(code="TN")}
    publisher = signed_in(member_of("Publishers", "publisher"))
    assert publisher.get(reverse("admin:core_pendingchange_changelist")).context["cl"].result_count == 3


def test_a_scoped_editor_previews_only_their_own_drafts_on_the_site(registry, scoped_client):
    ours, theirs = f"/fr/projects/{registry['ours'].slug}/", f"/fr/projects/{registry['theirs'].slug}/"
    # Another organisation's published project is public to everyone.
    assert scoped_client.get(theirs).status_code == 200
    Project.objects.filter(pk__in=[registry["ours"].pk, registry["theirs"].pk]).update(publication="draft")
    assert scoped_client.get(ours).status_code == 200
    assert scoped_client.get(theirs).status_code == 404
