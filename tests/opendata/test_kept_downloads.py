"""Whole-registry downloads (the IATI file, CSV and JSON tables) are written
once per registry revision and served from that copy until the next change;
selections are always streamed."""

import pytest
from django.conf import settings
from django.http import FileResponse

from core.publication import Publication
from opendata.exports.kept import written_through
from tests.opendata.conftest import streamed

pytestmark = pytest.mark.django_db

REGISTRY_URL = "/api/v1/iati/activities.xml"


def kept_copies():
    folder = settings.MEDIA_ROOT / "downloads"
    return sorted(path.name for path in folder.iterdir()) if folder.exists() else []


def test_the_second_download_is_the_kept_copy(
    client, registry, assert_valid_iati, django_assert_max_num_queries
):
    first = streamed(client.get(REGISTRY_URL))
    assert len(kept_copies()) == 1
    # Only the registry's revision is read.
    with django_assert_max_num_queries(1):
        response = client.get(REGISTRY_URL)
    assert isinstance(response, FileResponse)
    assert response["Content-Type"].startswith("application/xml")
    assert 'filename="activities.xml"' in response["Content-Disposition"]
    assert streamed(response) == first
    assert_valid_iati(first)


def test_a_change_is_in_the_next_download_and_the_old_copy_goes(client, registry):
    streamed(client.get(REGISTRY_URL))
    old = kept_copies()
    project = registry["project"]
    project.title_en = "Labour migration governance, second phase"
    project.save()
    content = streamed(client.get(REGISTRY_URL)).decode()
    assert "Labour migration governance, second phase" in content
    assert len(kept_copies()) == 1
    assert kept_copies() != old


def test_a_publication_is_in_the_next_download(client, registry):
    draft = registry["draft_project"]
    assert draft.slug not in streamed(client.get(REGISTRY_URL)).decode()
    draft.publication = Publication.PUBLISHED
    draft.save()
    # Exported, or named with what it lacks: either way, no longer unknown.
    assert draft.slug in streamed(client.get(REGISTRY_URL)).decode()


def test_a_selection_is_kept_once_for_every_spelling_of_it(client, registry):
    streamed(client.get(REGISTRY_URL))
    kept = kept_copies()
    first = client.get(f"{REGISTRY_URL}?country=TN")
    assert not isinstance(first, FileResponse)
    body = streamed(first)
    assert b"<iati-activity " in body
    assert len(kept_copies()) == len(kept) + 1
    # The same rows, asked for otherwise: the same copy, no new one.
    for query in ["country=TN&country=TN", "x=1&country=TN", "q=&country=TN"]:
        again = client.get(f"{REGISTRY_URL}?{query}")
        assert isinstance(again, FileResponse), query
        assert streamed(again) == body
    assert len(kept_copies()) == len(kept) + 1


def test_a_selection_answers_a_conditional_request_with_304(client, registry):
    first = client.get(f"{REGISTRY_URL}?country=TN")
    streamed(first)
    assert first["ETag"] and first["Last-Modified"]
    again = client.get(f"{REGISTRY_URL}?country=TN", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    other = client.get(f"{REGISTRY_URL}?country=MA", HTTP_IF_NONE_MATCH=first["ETag"])
    assert other.status_code == 200


def test_a_download_left_early_leaves_no_copy(tmp_path):
    # What the server does when a client leaves: it closes the stream.
    path = tmp_path / "downloads" / "projects-fr--7-2026-12-02-site.csv"
    pieces = written_through(iter(["id,slug\n", "1,amem\n", "2,thamm\n"]), path)
    assert next(pieces) == "id,slug\n"
    pieces.close()
    assert list(path.parent.iterdir()) == []


def test_a_complete_download_replaces_the_older_copies(tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "projects-fr--6-2026-12-02-site.csv").write_text("old")
    (folder / "projects-ar--6-2026-12-02-site.csv").write_text("other language")
    path = folder / "projects-fr--7-2026-12-02-site.csv"
    assert list(written_through(iter(["id,slug\n", "1,amem\n"]), path)) == ["id,slug\n", "1,amem\n"]
    assert path.read_text() == "id,slug\n1,amem\n"
    assert sorted(p.name for p in folder.iterdir()) == [
        "projects-ar--6-2026-12-02-site.csv",
        "projects-fr--7-2026-12-02-site.csv",
    ]


def test_a_whole_table_is_kept_per_language_and_refreshed_after_a_change(client, registry):
    french = client.get("/fr/data/projects.csv")
    assert not isinstance(french, FileResponse)
    first = streamed(french)
    again = client.get("/fr/data/projects.csv")
    assert isinstance(again, FileResponse)
    assert again["Content-Type"] == "text/csv; charset=utf-8"
    assert again["Content-Disposition"] == 'attachment; filename="projects.csv"'
    assert streamed(again) == first
    arabic = streamed(client.get("/ar/data/projects.csv"))
    assert arabic != first
    assert len(kept_copies()) == 2

    before_the_change = kept_copies()
    project = registry["project"]
    project.title_fr = "Gouvernance de la migration de travail, phase 2"
    project.save()
    refreshed = streamed(client.get("/fr/data/projects.csv"))
    assert "Gouvernance de la migration de travail, phase 2" in refreshed.decode()
    kept = client.get("/fr/data/projects.csv")
    assert isinstance(kept, FileResponse)
    assert streamed(kept) == refreshed
    # The new French copy replaces the old one rather than adding to it.
    assert len(kept_copies()) == 2
    assert kept_copies() != before_the_change


def test_a_filtered_table_and_a_workbook_are_never_kept(client, registry):
    streamed(client.get("/fr/data/projects.csv?country=TN"))
    streamed(client.get("/fr/data/projects.xlsx"))
    assert kept_copies() == []


def test_nothing_is_kept_when_the_cache_is_off(client, registry, settings):
    settings.RESPONSE_CACHE_SECONDS = 0
    streamed(client.get("/api/v1/iati/activities.xml"))
    streamed(client.get("/fr/data/projects.json"))
    assert kept_copies() == []
