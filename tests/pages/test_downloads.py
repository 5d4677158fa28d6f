"""The project and activity lists offer their current selection as files."""

import csv
import io
import re
from html import unescape

import pytest

from projects.models import Project

pytestmark = pytest.mark.django_db


def download_links(page: str) -> dict[str, str]:
    section = re.search(r'<p class="downloads">(.*?)</p>', page, flags=re.DOTALL).group(1)
    return {text: unescape(href) for href, text in re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', section)}


def test_project_list_links_its_selection_as_csv_without_the_page_number(client, registry):
    page = client.get("/fr/projects/", {"country": "TN", "page": "1"}).content.decode()
    links = download_links(page)
    assert set(links) == {"CSV", "XLSX", "JSON", "IATI XML"}
    assert links["CSV"] == "/fr/data/projects.csv?country=TN"

    response = client.get(links["CSV"])
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    acronyms = {row[rows[0].index("acronym")] for row in rows[3:]}
    assert acronyms == set(
        Project.objects.published().filter(countries__code="TN").values_list("acronym", flat=True)
    )
    assert "DRAFTP" not in acronyms


def test_activity_list_links_its_selection(client, registry):
    page = client.get("/ar/activities/", {"project": "amem"}).content.decode()
    assert download_links(page)["JSON"] == "/ar/data/activities.json?project=amem"
