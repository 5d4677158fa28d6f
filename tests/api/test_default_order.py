"""Default orders say where empty values go, so that SQLite and PostgreSQL
(which put NULL at opposite ends) list the same rows in the same order."""

import datetime

import pytest

from tests.factories import ActivityFactory, ComponentFactory, CountryFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_sub_regional_activities_come_first_then_countries_by_name(client):
    project = ProjectFactory(acronym="AMEM")
    axis = ComponentFactory(project=project, code="1", order=1)
    tunisia = CountryFactory(code="TN", name_fr="Tunisie")
    morocco = CountryFactory(code="MA", name_fr="Maroc")
    ActivityFactory(project=project, component=axis, country=tunisia, title_fr="En Tunisie")
    ActivityFactory(project=project, component=axis, country=None, title_fr="Sous-régionale")
    ActivityFactory(project=project, component=axis, country=morocco, title_fr="Au Maroc")
    rows = client.get("/api/v1/activities/?lang=fr").json()["results"]
    assert [row["country"] for row in rows] == [None, "MA", "TN"]


def test_projects_without_a_start_date_come_last(client):
    ProjectFactory(acronym="UNDATED", start_date=None, end_date=None)
    ProjectFactory(acronym="OLD", start_date=datetime.date(2015, 1, 1), end_date=None)
    ProjectFactory(acronym="NEW", start_date=datetime.date(2022, 1, 1), end_date=None)
    rows = client.get("/api/v1/projects/").json()["results"]
    assert [row["acronym"] for row in rows] == ["NEW", "OLD", "UNDATED"]
