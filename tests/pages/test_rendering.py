"""Every public page renders in French, Arabic and English, right-to-left in Arabic."""

import itertools
import re

import pytest

from tests.pages.conftest import html

LANGUAGES = ("fr", "ar", "en")
PAGES = (
    "",
    "projects/",
    "projects/amem/",
    "projects/thamm/",
    "projects/thamm-plus/",
    "organisations/",
    "organisations/oit/",
    "organisations/ue/",
    "funders/",
    "activities/",
    "events/",
)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_page_renders_in_every_language(client, registry, language, page):
    response = client.get(f"/{language}/{page}")
    assert response.status_code == 200
    direction = "rtl" if language == "ar" else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html(response)


@pytest.mark.parametrize("page", PAGES)
def test_page_has_one_main_landmark_and_one_h1(client, registry, page):
    content = html(client.get(f"/ar/{page}"))
    assert content.count("<main") == 1
    assert len(re.findall(r"<h1[ >]", content)) == 1
    for landmark in ("<header", "<nav", "<footer"):
        assert landmark in content


@pytest.mark.parametrize("page", PAGES)
def test_ids_are_unique(client, registry, page):
    ids = re.findall(r'\sid="([^"]+)"', html(client.get(f"/fr/{page}")))
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("page", PAGES)
def test_headings_do_not_skip_levels(client, registry, page):
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html(client.get(f"/en/{page}")))]
    assert levels[0] == 1
    for previous, current in itertools.pairwise(levels):
        assert current <= previous + 1, levels


@pytest.mark.parametrize("page", PAGES)
def test_every_input_has_a_label(client, registry, page):
    content = html(client.get(f"/fr/{page}"))
    for control_id in re.findall(r'<(?:input|select|textarea)[^>]*\sid="([^"]+)"', content):
        assert f'for="{control_id}"' in content, control_id
    controls = re.findall(r"<(?:input|select|textarea)\b[^>]*>", content)
    assert all(' id="' in control for control in controls if 'type="hidden"' not in control)
