"""The Atom feed dates each entry by its event, not by when the registry was
loaded or edited."""

import datetime
import xml.etree.ElementTree as ET

import pytest
import time_machine

from tests.factories import EventFactory, ProjectFactory

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def test_entries_are_dated_by_their_event(client):
    project = ProjectFactory(acronym="AMEM")
    with time_machine.travel(datetime.datetime(2026, 1, 15, tzinfo=datetime.UTC)):
        EventFactory(project=project, title_fr="Lancement", start_date=datetime.date(2019, 3, 12))
        EventFactory(project=project, title_fr="Comité", start_date=datetime.date(2021, 11, 2))
    feed = ET.fromstring(client.get("/fr/events/feed/").content)
    dates = {
        entry.find(f"{ATOM}title").text: (
            entry.find(f"{ATOM}published").text,
            entry.find(f"{ATOM}updated").text,
        )
        for entry in feed.iter(f"{ATOM}entry")
    }
    assert {title: (published[:10], updated[:10]) for title, (published, updated) in dates.items()} == {
        "AMEM – Lancement": ("2019-03-12", "2019-03-12"),
        "AMEM – Comité": ("2021-11-02", "2021-11-02"),
    }
    assert feed.find(f"{ATOM}updated").text.startswith("2021-11-02")
