"""A project still "under way" after its own end date says its status is to
be confirmed, on its card and its sheet, in the page's language; the status
itself is not changed."""

import datetime

import pytest
import time_machine

from projects.models import Project
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

FLAG = {
    "fr": "Date de fin dépassée : statut à confirmer",
    "ar": "تجاوز تاريخ الانتهاء: الوضعية في انتظار التأكيد",
}


@pytest.fixture
def projects():
    ProjectFactory(
        acronym="PADIDFA", status=Project.Status.IMPLEMENTATION, end_date=datetime.date(2019, 12, 31)
    )
    ProjectFactory(
        acronym="THAMM", status=Project.Status.IMPLEMENTATION, end_date=datetime.date(2029, 10, 31)
    )
    ProjectFactory(acronym="RSA", status=Project.Status.CLOSED, end_date=datetime.date(2015, 12, 31))


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_only_the_project_past_its_end_is_flagged(client, projects, language):
    with time_machine.travel(datetime.datetime(2026, 12, 4, 12, tzinfo=datetime.UTC)):
        listing = client.get(f"/{language}/projects/").content.decode()
        sheets = {
            slug: client.get(f"/{language}/projects/{slug}/").content.decode()
            for slug in ("padidfa", "thamm", "rsa")
        }
    assert listing.count(FLAG[language]) == 1
    assert FLAG[language] in sheets["padidfa"]
    assert FLAG[language] not in sheets["thamm"] and FLAG[language] not in sheets["rsa"]
    assert Project.objects.get(acronym="PADIDFA").status == Project.Status.IMPLEMENTATION


def test_the_flag_appears_the_day_after_the_end(projects):
    thamm = Project.objects.get(acronym="THAMM")
    with time_machine.travel(datetime.datetime(2029, 10, 31, 12, tzinfo=datetime.UTC)):
        assert not thamm.is_past_its_end
    with time_machine.travel(datetime.datetime(2029, 11, 1, 12, tzinfo=datetime.UTC)):
        assert thamm.is_past_its_end
