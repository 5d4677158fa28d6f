import datetime

import pytest
from django.core.exceptions import ValidationError

from tests.factories import (
    ActivityFactory,
    ComponentFactory,
    CountryFactory,
    EventFactory,
    ProjectCountryFactory,
    ProjectFactory,
)

pytestmark = pytest.mark.django_db


def errors_of(instance) -> dict:
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_activity_component_must_belong_to_its_project():
    project = ProjectFactory()
    activity = ActivityFactory.build(project=project, component=ComponentFactory())
    assert "component" in errors_of(activity)


def test_activity_country_must_be_one_of_its_projects_countries():
    link = ProjectCountryFactory(country=CountryFactory(code="MA"))
    tunisia = CountryFactory(code="TN", name_fr="Tunisie", name_ar="تونس")
    component = ComponentFactory(project=link.project)
    activity = ActivityFactory.build(project=link.project, component=component, country=tunisia)
    assert "country" in errors_of(activity)
    activity.country = link.country
    activity.full_clean()


def test_subregional_activity_has_no_country():
    activity = ActivityFactory(country=None)
    activity.full_clean()
    assert activity.is_subregional


def test_event_end_before_start_is_refused():
    event = EventFactory.build(
        project=ProjectFactory(), start_date=datetime.date(2019, 2, 13), end_date=datetime.date(2019, 2, 12)
    )
    assert "end_date" in errors_of(event)
