"""Activities across projects, the event timeline and its Atom feed."""

import re
import xml.etree.ElementTree as ET

import pytest

from tests.pages.conftest import html

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def activity_codes(client, query="", language="fr"):
    response = client.get(f"/{language}/activities/{query}")
    assert response.status_code == 200
    return set(re.findall(r'<span class="code">([\d.]+)</span>', html(response)))


def event_titles(client, query="", language="fr"):
    response = client.get(f"/{language}/events/{query}")
    assert response.status_code == 200
    return re.findall(r"<h3><span[^>]*>([^<]+)</span></h3>", html(response))


def test_activities_across_projects(client, registry):
    assert activity_codes(client) == {"1.1", "1.2", "1.3"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?project=amem", {"1.1", "1.2", "1.3"}),
        ("?project=thamm", set()),
        ("?project=thamm&project=amem", {"1.1", "1.2", "1.3"}),
        ("?country=MA", {"1.1"}),
        ("?country=MA&country=LY", {"1.1", "1.3"}),
        ("?component=axis", {"1.1", "1.2", "1.3"}),
        ("?component=objective", set()),
        ("?kind=study", {"1.1", "1.2", "1.3"}),
        ("?kind=workshop&kind=training", set()),
        ("?status=suspended", {"1.3"}),
        ("?status=suspended&status=planned", {"1.1", "1.2", "1.3"}),
        ("?subregional=true", {"1.2"}),
        ("?q=recrutement equitable", {"1.1"}),
    ],
)
def test_activity_filters(client, registry, query, expected):
    assert activity_codes(client, query) == expected


def test_subregional_activity_is_shown_as_such(client, registry):
    content = html(client.get("/fr/activities/?subregional=true"))
    assert '<span class="place">' in content


def test_timeline_lists_public_events_latest_first(client, registry):
    assert event_titles(client) == [
        "Table ronde des partenaires",
        "Comité de pilotage THAMM",
        "Atelier de lancement AMEM",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?project=amem", ["Atelier de lancement AMEM"]),
        ("?country=TN", ["Comité de pilotage THAMM"]),
        ("?country=TN&country=MA", ["Comité de pilotage THAMM", "Atelier de lancement AMEM"]),
        ("?kind=launch", ["Atelier de lancement AMEM"]),
        ("?year=2019", ["Atelier de lancement AMEM"]),
        ("?year=2019&year=2021", ["Table ronde des partenaires", "Atelier de lancement AMEM"]),
        (
            "?ordering=date",
            ["Atelier de lancement AMEM", "Comité de pilotage THAMM", "Table ronde des partenaires"],
        ),
        ("?q=pilotage", ["Comité de pilotage THAMM"]),
    ],
)
def test_event_filters(client, registry, query, expected):
    assert event_titles(client, query) == expected


def test_event_dates_with_precision(client, registry):
    content = html(client.get("/fr/events/"))
    start = '<time datetime="2019-02-12">12 février 2019</time>'
    assert f'{start} – <time datetime="2019-02-13">13 février 2019</time>' in content
    assert '<time datetime="2020-03">mars 2020</time>' in content


def test_event_in_arabic(client, registry):
    assert "ورشة إطلاق برنامج أمم" in html(client.get("/ar/events/"))


def feed(client, language):
    response = client.get(f"/{language}/events/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)


def test_atom_feed_of_public_events(client, registry):
    root = feed(client, "fr")
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    titles = [entry.findtext(f"{ATOM}title") for entry in entries]
    assert titles == [
        "Table ronde des partenaires",
        "THAMM – Comité de pilotage THAMM",
        "AMEM – Atelier de lancement AMEM",
    ]
    links = [entry.find(f"{ATOM}link").get("href") for entry in entries]
    assert links[2].startswith("http://testserver/fr/projects/amem/#event-")
    assert links[0].startswith("http://testserver/fr/events/#event-")
    assert all(entry.findtext(f"{ATOM}updated") for entry in entries)


def test_atom_feed_in_the_language_of_its_address(client, registry):
    root = feed(client, "ar")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert "AMEM – ورشة إطلاق برنامج أمم" in [
        e.findtext(f"{ATOM}title") for e in root.findall(f"{ATOM}entry")
    ]
    assert "http://testserver/ar/projects/amem/" in ET.tostring(root, encoding="unicode")


def test_feed_is_announced_on_pages(client, registry):
    assert '<link rel="alternate" type="application/atom+xml" href="/en/events/feed/"' in html(
        client.get("/en/")
    )
