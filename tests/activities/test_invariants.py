"""An activity or an event lies within its project: its dates within the
project's period (read at each date's precision), an event's country among
the project's countries. Refused on the record, in the admin and in an
import, with nothing saved."""

import datetime

import pytest
import tablib
from django.core.exceptions import ValidationError
from django.urls import reverse

from activities.models import Activity, Event
from activities.resources import ActivityResource
from core.periods import DatePrecision
from core.publication import Publication
from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    EventFactory,
    ProjectCountryFactory,
    ProjectFactory,
)
from tests.workflow.conftest import form_data

pytestmark = pytest.mark.django_db

date = datetime.date


def errors_of(record) -> dict:
    with pytest.raises(ValidationError) as refusal:
        record.full_clean()
    return refusal.value.message_dict


def admin_url(record, view="change"):
    opts = record._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=[record.pk])


@pytest.fixture
def amem():
    """A draft project from August 2018 to July 2021 (month precision), in
    Morocco, with an axis."""
    project = ProjectFactory(
        acronym="AMEM",
        publication=Publication.DRAFT,
        start_date=date(2018, 8, 1),
        start_precision=DatePrecision.MONTH,
        end_date=date(2021, 7, 31),
        end_precision=DatePrecision.MONTH,
    )
    ProjectCountryFactory(project=project, country=CountryFactory(code="MA"))
    ComponentFactory(project=project, code="1", publication=Publication.DRAFT)
    return project


@pytest.mark.parametrize(
    ("start", "end", "refused"),
    [
        (date(2018, 7, 31), None, ["start_date"]),
        (date(2021, 6, 1), date(2021, 8, 1), ["end_date"]),
        (date(2021, 8, 1), None, ["start_date"]),
        (date(2018, 8, 1), date(2021, 7, 31), []),
    ],
)
def test_activity_dates_must_lie_within_its_projects_period(amem, start, end, refused):
    activity = ActivityFactory.build(
        project=amem, component=amem.components.get(), start_date=start, end_date=end
    )
    if refused:
        assert list(errors_of(activity)) == refused
    else:
        activity.full_clean()


def test_the_refusal_gives_the_projects_date_as_the_pages_write_it(amem):
    activity = ActivityFactory.build(
        project=amem, component=amem.components.get(), start_date=date(2018, 1, 5)
    )
    assert "2018" in errors_of(activity)["start_date"][0]


def test_a_project_without_dates_bounds_nothing(amem):
    amem.start_date = amem.end_date = None
    amem.save()
    ActivityFactory.build(
        project=amem, component=amem.components.get(), start_date=date(2001, 1, 1), end_date=date(2040, 1, 1)
    ).full_clean()


@pytest.mark.parametrize(
    ("start", "precision", "refused"),
    [
        # "2018" may be any day of 2018, August included.
        (date(2018, 1, 1), DatePrecision.YEAR, False),
        (date(2018, 7, 1), DatePrecision.MONTH, True),
        (date(2021, 7, 1), DatePrecision.MONTH, False),
        (date(2021, 8, 1), DatePrecision.MONTH, True),
        (date(2022, 1, 1), DatePrecision.YEAR, True),
    ],
)
def test_event_dates_are_read_at_their_precision(amem, start, precision, refused):
    event = EventFactory.build(project=amem, start_date=start, date_precision=precision)
    if refused:
        assert list(errors_of(event)) == ["start_date"]
    else:
        event.full_clean()


def test_an_event_that_ends_after_its_project_is_refused_on_its_end_date(amem):
    event = EventFactory.build(project=amem, start_date=date(2021, 7, 1), end_date=date(2021, 8, 15))
    assert list(errors_of(event)) == ["end_date"]


def test_a_signature_may_come_before_its_project_but_not_after_it_ends(amem):
    # AMEM's cooperation contract was signed on 23 March 2018, before the
    # project's start in August.
    signature = EventFactory.build(project=amem, kind=Event.Kind.SIGNATURE, start_date=date(2018, 3, 23))
    signature.full_clean()
    signature.start_date = date(2021, 9, 1)
    assert list(errors_of(signature)) == ["start_date"]
    workshop = EventFactory.build(project=amem, kind=Event.Kind.WORKSHOP, start_date=date(2018, 3, 23))
    assert list(errors_of(workshop)) == ["start_date"]


def test_an_events_country_must_be_one_of_its_projects_countries(amem):
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس")
    event = EventFactory.build(project=amem, country=tunisia, start_date=date(2019, 1, 23))
    assert list(errors_of(event)) == ["country"]
    event.country = CountryFactory(code="MA")
    event.full_clean()


def test_an_event_of_a_cooperation_partner_may_take_place_anywhere_at_any_time():
    EventFactory.build(
        project=None, country=CountryFactory(code="TN", name_fr="Tunisie"), start_date=date(1990, 1, 1)
    ).full_clean()


def test_the_activity_form_refuses_dates_outside_the_project_and_saves_nothing(staff_client, amem):
    activity = ActivityFactory(project=amem, component=amem.components.get(), publication=Publication.DRAFT)
    page = staff_client.get(admin_url(activity))

    response = staff_client.post(
        admin_url(activity), form_data(page, start_date="2018-05-02", title_fr="Titre changé")
    )

    assert response.status_code == 200
    assert list(response.context["adminform"].form.errors) == ["start_date"]
    activity.refresh_from_db()
    assert (activity.start_date, activity.title_fr) != (date(2018, 5, 2), "Titre changé")


def test_the_event_form_refuses_a_country_outside_the_project_and_saves_nothing(staff_client, amem):
    event = EventFactory(project=amem, start_date=date(2019, 1, 15), publication=Publication.DRAFT)
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس")
    page = staff_client.get(admin_url(event))

    response = staff_client.post(admin_url(event), form_data(page, country="TN", end_date="2021-09-01"))

    assert response.status_code == 200
    assert sorted(response.context["adminform"].form.errors) == ["country", "end_date"]
    event.refresh_from_db()
    assert (event.country, event.end_date) == (None, None)
    assert not Event.objects.filter(country=tunisia).exists()


def test_an_activity_import_with_dates_outside_the_project_writes_nothing(admin_user, amem):
    columns = ["project", "component", "code", "title_fr", "country", "start_date", "end_date"]
    rows = [
        [amem.slug, "1", "1.1", "Diagnostic", "MA", "2019-01-01", "2019-06-30"],
        [amem.slug, "1", "1.2", "Enquête", "MA", "2021-03-01", "2021-12-31"],
    ]

    result = ActivityResource().import_data(
        tablib.Dataset(*rows, headers=columns), dry_run=False, user=admin_user
    )

    assert result.has_validation_errors()
    [invalid] = result.invalid_rows
    # The project's end, as the pages write a date known to the month.
    assert invalid.number == 2 and "juillet 2021" in " ".join(invalid.error.messages)
    assert not Activity.objects.exists()
