"""Whole downloads write again only what changed: a project's IATI activity
and its row of the projects table are kept in the cache under the project's
stamp in the change feed (opendata/iati/stream.py,
opendata/exports/kept_rows.py). After each edit of something they show, the
file served is the one written afresh."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from projects.models import ProjectCountry, ProjectRelation
from tests.opendata.conftest import streamed
from tests.registry import edit

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("whole_answers_not_kept")]

IATI = "/api/v1/iati/activities.xml"
CSV = "/fr/data/projects.csv"


def download(client, url) -> str:
    content = streamed(client.get(url)).decode()
    # The time a file is generated is its own, not its content's.
    return re.sub(r'generated-datetime="[^"]*"', "", content)


BOTH, ACTIVITY = (IATI, CSV), (IATI,)
# Each edit, with the files that show it.
EDITS = {
    "the project's title": (
        lambda r: edit(r["project"], title_fr="Gouvernance de la migration de travail"),
        BOTH,
    ),
    "a funder's slug": (lambda r: edit(r["ue"], slug="union-europeenne"), (CSV,)),
    "a funder's IATI identifier": (lambda r: edit(r["ue"], iati_identifier="XI-IATI-EC_NEAR"), ACTIVITY),
    "a theme's DAC code": (lambda r: edit(r["employment"], dac_code="16010"), BOTH),
    "a country suspended": (
        lambda r: edit(
            ProjectCountry.objects.get(project=r["project"], country__code="TN"),
            status=ProjectCountry.Status.SUSPENDED,
        ),
        BOTH,
    ),
    "a reporting period's result": (lambda r: edit(r["first_period"], actual=Decimal("44")), ACTIVITY),
    "an indicator's objective": (
        lambda r: edit(r["project"].components.get(code="OS 1"), title_fr="Objectif spécifique 1, revu"),
        ACTIVITY,
    ),
    "a document": (
        lambda r: edit(r["project"].documents.get(kind="sheet"), date=datetime.date(2021, 3, 1)),
        ACTIVITY,
    ),
    "the programme left": (
        lambda r: ProjectRelation.objects.get(
            project=r["project"], kind=ProjectRelation.Kind.PART_OF
        ).delete(),
        BOTH,
    ),
    "the predecessor's slug": (lambda r: edit(r["predecessor"], slug="thamm-precedent"), (CSV,)),
}


@pytest.mark.parametrize("url", [IATI, CSV])
@pytest.mark.parametrize("change", list(EDITS))
def test_after_an_edit_the_file_is_the_one_written_afresh(client, registry, afresh, url, change):
    before = download(client, url)
    assert download(client, url) == before
    change, shown_in = EDITS[change]
    change(registry)
    after = download(client, url)
    with afresh():
        assert after == download(client, url)
    if url in shown_in:
        assert after != before


@pytest.mark.parametrize("url", [IATI, CSV])
def test_a_second_download_reads_no_project(client, registry, url):
    # (A project the IATI file leaves out is read each time, to say why.)
    registry["incomplete"].delete()
    download(client, url)
    with CaptureQueriesContext(connection) as queries:
        download(client, url)
    read = " ".join(query["sql"] for query in queries.captured_queries)
    # Keys and stamps only: no participation, country or indicator row.
    assert "projects_participation" not in read
    assert "projects_projectcountry" not in read
