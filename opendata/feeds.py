"""What each API resource shows, for the change feed (core/feed.py).

`shows` names, from the resource's model, every row its list row or detail
shows, with the fields it shows of it (None: the whole row): when one of
those changes, the record appears in `modified_since`. A new nested field
in a serializer needs its entry here; tests/api/test_mirror.py mirrors the
whole API and fails otherwise.
"""

from activities.models import Activity, Event
from core.feed import Feed
from partners.models import Organisation
from projects.models import Component, Indicator, Project

# What a reference to another record shows (a published one only).
PROJECT = ("slug", "acronym", "publication")
ORGANISATION = ("slug", "name", "acronym", "publication")
COMPONENT = ("kind", "code", "publication")
# What a parent counts of its children.
COUNTED = ("publication", "project", "component")

FEEDS = (
    Feed(
        "projects",
        Project,
        "slug",
        Project.objects.published,
        shows={
            "participations": None,
            "participations__organisation": ORGANISATION,
            "participations__country": ("name",),
            "country_links": None,
            "countries": ("name",),
            # The DAC code: the sector in the project's row of the downloads.
            "themes": ("slug", "name", "dac_code"),
            "components": None,
            "documents": None,
            "relations": None,
            "relations__related": PROJECT,
            "inverse_relations": None,
            "inverse_relations__project": PROJECT,
            "activities": COUNTED,
            "indicators": COUNTED,
            "events": COUNTED,
        },
    ),
    Feed(
        "organisations",
        Organisation,
        "slug",
        Organisation.objects.published,
        shows={
            "parent": ORGANISATION,
            "units": (*ORGANISATION, "parent"),
            "participations": None,
            "participations__project": (*PROJECT, "title", "start_date"),
        },
    ),
    Feed(
        "components",
        Component,
        "id",
        Component.objects.published,
        shows={
            "project": PROJECT,
            "managers": ORGANISATION,
            "activities": (*COUNTED, "code", "title", "kind", "status", "country", "start_date", "end_date"),
        },
    ),
    Feed(
        "indicators",
        Indicator,
        "id",
        Indicator.objects.published,
        shows={"project": PROJECT, "component": COMPONENT, "periods": None},
    ),
    Feed(
        "activities",
        Activity,
        "id",
        Activity.objects.published,
        shows={"project": PROJECT, "component": COMPONENT, "partners": ORGANISATION},
    ),
    Feed(
        "events",
        Event,
        "id",
        Event.objects.published,
        shows={"project": PROJECT, "organisations": ORGANISATION},
    ),
)

# What a project's IATI activity shows (opendata/iati/rows.py reads it all):
# the activities of the IATI file are kept under its stamps
# (opendata/iati/stream.py). Not an API list: no withdrawals to tell.
IATI_ACTIVITIES = Feed(
    "iati-activities",
    Project,
    "iati_key",
    Project.objects.published,
    shows={
        "participations": None,
        "participations__organisation": None,
        "country_links": None,
        "themes": None,
        "documents": None,
        "indicators": None,
        "indicators__component": None,
        "indicators__periods": None,
        "relations": None,
        "relations__related": None,
        "inverse_relations": None,
        "inverse_relations__project": None,
    },
    listed=False,
)
