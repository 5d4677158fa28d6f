"""No edit of a project leaves one of its records invalid: a component that
has activities cannot be deleted or moved to another project, and the
project's period cannot leave its activities or events outside. Each
refusal names the records, in the admin and on every other path, and
nothing is saved."""

import datetime

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import RestrictedError
from django.urls import reverse

from activities.models import Activity, Event
from core.periods import DatePrecision
from core.publication import Publication
from projects.models import Component, Project, ProjectCountry
from projects.resources import ProjectResource
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    EventFactory,
    IndicatorFactory,
    ProjectCountryFactory,
    ProjectFactory,
)
from tests.workflow.conftest import form_data

pytestmark = pytest.mark.django_db

date = datetime.date


def refusal_of(call) -> ValidationError:
    with pytest.raises(ValidationError) as refusal:
        call()
    return refusal.value


def admin_url(record, view="change"):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])


def row_of(page, prefix: str, **fields) -> int:
    """The index of the inline row of `page` whose record has `fields`."""
    [forms] = [
        inline.formset.forms
        for inline in page.context["inline_admin_formsets"]
        if inline.formset.prefix == prefix
    ]
    return next(
        index
        for index, form in enumerate(forms)
        if all(getattr(form.instance, name) == value for name, value in fields.items())
    )


@pytest.fixture
def amem():
    """A draft project of 2019-2022 with an axis of seven activities: the
    refusals name the first five, then "…"."""
    project = ProjectFactory(
        acronym="AMEM",
        publication=Publication.DRAFT,
        start_date=date(2019, 1, 1),
        end_date=date(2022, 12, 31),
    )
    axis = ComponentFactory(project=project, code="3", publication=Publication.DRAFT)
    for rank in range(1, 8):
        ActivityFactory(project=project, component=axis, code=f"3.{rank}")
    return project


# Components with activities.


def test_deleting_a_component_with_activities_is_refused_naming_them(amem):
    axis = amem.components.get()
    message = refusal_of(axis.delete).messages[0]
    assert "3.1, 3.2, 3.3, 3.4, 3.5, …" in message
    assert Component.objects.filter(pk=axis.pk).exists()
    assert axis.activities.count() == 7


def test_a_bulk_deletion_of_a_component_with_activities_is_refused_by_the_database(amem):
    with pytest.raises(RestrictedError):
        amem.components.all().delete()
    assert Activity.objects.filter(project=amem).count() == 7


def test_a_component_without_activities_can_be_deleted(amem):
    empty = ComponentFactory(project=amem, code="4")
    empty.delete()
    assert list(amem.components.values_list("code", flat=True)) == ["3"]


def test_deleting_a_project_still_deletes_its_components_and_activities(amem):
    amem.delete()
    assert not Component.objects.exists()
    assert not Activity.objects.exists()


def test_the_project_inline_refuses_to_delete_a_component_with_activities_and_saves_nothing(
    staff_client, amem
):
    page = staff_client.get(admin_url(amem))
    data = form_data(page, title_fr="Titre changé")
    data["components-0-DELETE"] = "on"

    response = staff_client.post(admin_url(amem), data)

    assert response.status_code == 200
    assert "3.1, 3.2, 3.3, 3.4, 3.5, …" in response.content.decode()
    assert amem.components.filter(code="3").exists()
    amem.refresh_from_db()
    assert amem.title_fr != "Titre changé"


def test_the_project_inline_deletes_a_component_without_activities(staff_client, amem):
    ComponentFactory(project=amem, code="4", publication=Publication.DRAFT)
    page = staff_client.get(admin_url(amem))
    data = form_data(page)
    data[f"components-{row_of(page, 'components', code='4')}-DELETE"] = "on"

    response = staff_client.post(admin_url(amem), data)

    assert response.status_code == 302
    assert list(amem.components.values_list("code", flat=True)) == ["3"]


def test_the_component_delete_page_gives_the_reason_and_deletes_nothing(staff_client, amem):
    axis = amem.components.get()
    url = admin_url(axis, "delete")

    shown = staff_client.get(url)
    confirmed = staff_client.post(url, {"post": "yes"})

    for response in (shown, confirmed):
        assert response.status_code == 200
        assert "3.1, 3.2, 3.3, 3.4, 3.5, …" in response.content.decode()
    assert Component.objects.filter(pk=axis.pk).exists()


def test_the_changelist_action_refuses_to_delete_a_component_with_activities(staff_client, amem):
    axis = amem.components.get()
    url = reverse("admin:projects_component_changelist")
    data = {"action": "delete_selected", "_selected_action": [axis.pk], "post": "yes"}

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "3.1, 3.2, 3.3, 3.4, 3.5, …" in response.content.decode()
    assert Component.objects.filter(pk=axis.pk).exists()


def test_moving_a_component_to_another_project_is_refused_naming_its_activities_and_indicators(amem):
    axis = amem.components.get()
    IndicatorFactory(project=amem, component=axis, label_fr="Études réalisées")
    axis.project = ProjectFactory(acronym="THAMM")
    errors = refusal_of(axis.full_clean).message_dict
    assert list(errors) == ["project"]
    assert "3.1, 3.2, 3.3, 3.4, 3.5, …" in errors["project"][0]
    assert "Études réalisées" in errors["project"][1]


def test_a_component_without_activities_or_indicators_may_move(amem):
    empty = ComponentFactory(project=amem, code="4")
    empty.project = ProjectFactory(acronym="THAMM")
    empty.full_clean()


# The project's period and its records.


@pytest.fixture
def timeline(amem):
    """AMEM's activity 3.1 runs from March to June 2019, activity 3.2 until
    November 2022; its launch workshop is on 15 January 2019."""
    Activity.objects.filter(code="3.1").update(start_date=date(2019, 3, 1), end_date=date(2019, 6, 30))
    Activity.objects.filter(code="3.2").update(start_date=date(2022, 9, 1), end_date=date(2022, 11, 30))
    EventFactory(project=amem, title_fr="Atelier de lancement", start_date=date(2019, 1, 15))
    return amem


def moved(project, **dates) -> dict:
    for name, value in dates.items():
        setattr(project, name, value)
    return refusal_of(project.full_clean).message_dict


def test_ending_a_project_before_its_activities_end_is_refused_on_the_end_date(timeline):
    errors = moved(timeline, end_date=date(2022, 6, 30))
    assert list(errors) == ["end_date"]
    assert "(3.2)" in errors["end_date"][0]


def test_starting_a_project_after_its_activities_and_events_is_refused_on_the_start_date(timeline):
    errors = moved(timeline, start_date=date(2019, 4, 1))
    assert list(errors) == ["start_date"]
    activities, events = errors["start_date"]
    assert "(3.1)" in activities
    assert "Atelier de lancement" in events


def test_a_period_that_still_holds_its_records_is_accepted(timeline):
    timeline.start_date, timeline.end_date = date(2019, 1, 15), date(2022, 11, 30)
    timeline.full_clean()


def test_an_end_known_to_the_year_runs_to_the_end_of_that_year(timeline):
    # Stored on any day of 2022, the end "2022" lets activity 3.2 end in November.
    timeline.end_date, timeline.end_precision = date(2022, 1, 1), DatePrecision.YEAR
    timeline.full_clean()
    timeline.save()
    errors = moved(timeline, end_precision=DatePrecision.DAY)
    assert "(3.2)" in errors["end_date"][0]


def test_an_event_known_to_the_month_is_outside_only_when_the_whole_month_is(timeline):
    Event.objects.update(start_date=date(2019, 3, 1), date_precision=DatePrecision.MONTH)
    Activity.objects.filter(code="3.1").update(start_date=None, end_date=None)
    # "March 2019" may be 20 March: a start on 10 March leaves it inside...
    timeline.start_date = date(2019, 3, 10)
    timeline.full_clean()
    # ...a start in April does not.
    errors = moved(timeline, start_date=date(2019, 4, 1))
    assert "Atelier de lancement" in errors["start_date"][0]


def test_a_signature_may_come_before_the_project_starts_but_not_after_it_ends(timeline):
    EventFactory(
        project=timeline,
        kind=Event.Kind.SIGNATURE,
        title_fr="Signature du contrat",
        start_date=date(2018, 3, 23),
    )
    Event.objects.filter(title_fr="Atelier de lancement").delete()
    Activity.objects.update(start_date=None, end_date=None)
    timeline.start_date = date(2019, 6, 1)
    timeline.full_clean()
    timeline.save()
    errors = moved(timeline, start_date=None, end_date=date(2018, 1, 31))
    assert "Signature du contrat" in errors["end_date"][0]


def test_a_project_with_an_unknown_end_imposes_no_upper_bound(timeline):
    timeline.end_date = None
    timeline.full_clean()


def test_an_edit_that_leaves_the_dates_alone_is_not_held_up_by_older_records(timeline):
    # A record outside the period since before these rules (a fixture loaded
    # as it is): the project's other edits go through.
    Event.objects.update(start_date=date(2018, 1, 15))
    timeline.title_fr = "Nouveau titre"
    timeline.full_clean()


def test_the_project_form_names_the_records_left_outside_and_saves_nothing(staff_client, timeline):
    page = staff_client.get(admin_url(timeline))
    data = form_data(page, start_date="2019-04-01", end_date="2022-06-30", title_fr="Titre changé")

    response = staff_client.post(admin_url(timeline), data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "(3.1)" in form.errors["start_date"][0]
    assert "Atelier de lancement" in form.errors["start_date"][1]
    assert "(3.2)" in form.errors["end_date"][0]
    timeline.refresh_from_db()
    assert (timeline.start_date, timeline.end_date) == (date(2019, 1, 1), date(2022, 12, 31))
    assert timeline.title_fr != "Titre changé"


def test_a_project_import_that_ends_it_before_its_activities_writes_nothing(admin_user, timeline):
    columns = ["slug", "acronym", "title_fr", "status", "start_date", "end_date"]
    row = [timeline.slug, "AMEM", timeline.title_fr, timeline.status, "2019-01-01", "2022-06-30"]

    result = ProjectResource().import_data(
        tablib.Dataset(row, headers=columns), dry_run=False, user=admin_user
    )

    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    assert "(3.2)" in " ".join(invalid.error.messages)
    assert Project.objects.get(pk=timeline.pk).end_date == date(2022, 12, 31)


# A project's countries and its events.


def test_a_country_where_events_of_the_project_take_place_cannot_leave(amem):
    morocco = CountryFactory(code="MA")
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس")
    ProjectCountryFactory(project=amem, country=morocco)
    link = ProjectCountryFactory(project=amem, country=tunisia)
    EventFactory(project=amem, country=tunisia, title_fr="Atelier national en Tunisie")

    message = refusal_of(link.delete).messages[0]
    assert "Tunisie" in message and "Atelier national en Tunisie" in message
    link.country = CountryFactory(code="LY", name_fr="Libye")
    assert list(refusal_of(link.full_clean).message_dict) == ["country"]
    assert ProjectCountry.objects.filter(project=amem, country=tunisia).exists()


def test_moving_a_country_row_to_another_project_is_refused_while_the_first_uses_it(amem):
    morocco = CountryFactory(code="MA")
    link = ProjectCountryFactory(project=amem, country=morocco)
    Activity.objects.filter(code="3.1").update(country=morocco)
    link.project = ProjectFactory(acronym="THAMM")
    errors = refusal_of(link.full_clean).message_dict
    assert list(errors) == ["project"] and "(3.1)" in errors["project"][0]


def test_the_admin_still_deletes_a_project_with_its_components_and_activities(staff_client, amem):
    url = admin_url(amem, "delete")
    assert not staff_client.get(url).context["protected"]
    response = staff_client.post(url, {"post": "yes"})
    assert response.status_code == 302
    assert not Activity.objects.exists()


def test_taking_a_country_away_in_bulk_is_refused_too(admin_user, amem):
    """`countries.set()` and `.remove()` (an import's countries column, an
    approved change) delete the links in bulk: checked all the same."""
    morocco = CountryFactory(code="MA")
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس")
    ProjectCountryFactory(project=amem, country=morocco)
    ProjectCountryFactory(project=amem, country=tunisia)
    Activity.objects.filter(code="3.1").update(country=tunisia)

    for take_away in (lambda: amem.countries.set([morocco]), amem.countries.clear):
        # In a savepoint, as a request's transaction would be rolled back.
        with transaction.atomic():
            assert "(3.1)" in refusal_of(take_away).messages[0]

    columns = ["slug", "acronym", "title_fr", "countries"]
    row = [amem.slug, "AMEM", amem.title_fr, "MA"]
    result = ProjectResource().import_data(
        tablib.Dataset(row, headers=columns), dry_run=False, user=admin_user
    )
    assert result.has_errors() or result.has_validation_errors()
    assert set(amem.countries.values_list("code", flat=True)) == {"MA", "TN"}

    # A country nothing uses may go.
    Activity.objects.filter(code="3.1").update(country=morocco)
    amem.countries.set([morocco])
    assert list(amem.countries.values_list("code", flat=True)) == ["MA"]
