"""The project sheet reads in order: contents, components whose activities
fold away with their counts per country, a country's note said once, and
the sheet's own downloads."""

import csv
import io
import re

import pytest

from projects.models import Project, ProjectCountry

pytestmark = pytest.mark.django_db


def sheet(client, language="fr", slug="amem") -> str:
    response = client.get(f"/{language}/projects/{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_contents_lead_to_every_section_on_the_page(client, seed):
    page = sheet(client)
    contents = page.split('<nav class="sheet-contents"', 1)[1].split("</nav>", 1)[0]
    targets = re.findall(r'href="#([\w-]+)"', contents)
    assert len(targets) >= 6
    for target in targets:
        assert f'id="{target}"' in page, target


def test_each_component_folds_its_activities_under_their_count_per_country(client, seed):
    amem = Project.objects.get(slug="amem")
    page = sheet(client, "fr")
    summaries = re.findall(r"<summary>([^<]*)</summary>", page)
    components = amem.components.published().order_by("order", "code")
    assert len(summaries) == components.count()
    for summary, component in zip(summaries, components, strict=True):
        count = component.activities.published().count()
        assert summary.startswith(f"{count} activités"), summary
        assert "Maroc" in summary


def test_a_country_note_is_said_once(client, seed):
    noted = ProjectCountry.objects.filter(project__slug="amem").exclude(note_fr="").get()
    page = sheet(client, "fr")
    assert page.count(noted.note_fr.replace("'", "&#x27;")) == 1
    assert f'id="country-{noted.country_id}"' in page


def test_the_sheet_offers_its_own_downloads(client, seed):
    page = sheet(client, "ar")
    downloads = page.split('id="sheet-downloads-title"', 1)[1].split("</section>", 1)[0]
    links = re.findall(r'href="([^"]+)"', downloads)
    assert links[1:] == [
        "/api/v1/projects/amem/?lang=ar",
        "/api/v1/projects/amem/iati.xml",
        "/ar/projects/amem/sheet.pdf",
    ]
    assert links[0].endswith("activities.csv?project=amem")
    for link in links:
        assert client.get(link).status_code == 200, link
    export = client.get(links[0])
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    amem = Project.objects.get(slug="amem")
    codes = sorted(row["code"] for row in rows if row["project"] == "amem")
    assert codes == sorted(amem.activities.published().values_list("code", flat=True))
