"""The open-data page: downloads, licence, data dictionary, IATI notes."""

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from opendata.exports import RESOURCES
from tests.opendata.test_downloads import make_registry


@pytest.mark.parametrize(("language", "direction"), [("fr", "ltr"), ("ar", "rtl"), ("en", "ltr")])
def test_page_renders_in_each_language(client, registry, language, direction):
    response = client.get(f"/{language}/data/")
    assert response.status_code == 200
    assert f'<html lang="{language}" dir="{direction}">' in response.content.decode()


def test_page_links_every_download_and_the_iati_file(client, registry):
    content = client.get("/fr/data/").content.decode()
    for resource in RESOURCES:
        for fmt in ("csv", "xlsx", "json"):
            assert f'href="/fr/data/{resource}.{fmt}"' in content
    assert 'href="/api/v1/iati/activities.xml"' in content


def test_page_describes_every_column(client, registry):
    response = client.get("/ar/data/")
    content = response.content.decode()
    for resource in RESOURCES.values():
        assert f'id="dictionary-{resource.name}"' in content
        for column in resource.columns:
            assert f"<code>{column.name}</code>" in content, column.name
    # The Arabic label of a column, as the CSV's third header row gives it.
    title_ar = next(c for c in RESOURCES["projects"].columns if c.name == "title_ar")
    assert f'<td lang="ar" dir="rtl">{title_ar.label_in("ar")}</td>' in content


def test_page_gives_the_licence_and_the_iati_attribution(client, registry, settings):
    settings.DATA_LICENCE = {
        "name": "Licence ouverte 2.0",
        "url": "https://example.org/licence",
        "summary": "Réutilisation libre.",
    }
    content = client.get("/fr/data/").content.decode()
    assert "Licence ouverte 2.0" in content
    assert 'href="https://example.org/licence"' in content
    assert "Réutilisation libre." in content
    assert "IATI Standard (http://iatistandard.org/)" in content


def test_page_gives_the_last_update(client, registry):
    event = registry["project"].events.first()
    event.save()  # the latest change of all
    event.refresh_from_db()
    content = client.get("/fr/data/").content.decode()
    assert f'<time datetime="{timezone.localtime(event.updated_at).isoformat()}">' in content


def test_page_names_the_projects_the_iati_export_leaves_out(client, registry):
    content = client.get("/fr/data/").content.decode()
    assert "MA-COA-31-BARE" in content
    assert "MA-COA-31-THAMM" not in content.split('id="left-out"')[1]


def test_page_counts_only_published_rows(client, registry):
    response = client.get("/fr/data/")
    counts = {table["resource"].name: table["count"] for table in response.context["tables"]}
    assert counts["projects"] == 4
    assert counts["activities"] == 1
    assert counts["events"] == 2


@pytest.mark.parametrize("count", [1, 50])
def test_page_query_count_does_not_grow(client, db, count, django_assert_max_num_queries):
    make_registry(count)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("data:index"))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    assert page.xpath('//tr[@data-resource="projects"]/td[@class="number"]/text()') == [str(count)]
