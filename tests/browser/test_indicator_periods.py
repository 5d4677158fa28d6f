"""WAFIRA's sheet, whose indicators have a reporting period (its figures of
May 2024), drawn as a chart with its table: valid HTML (Nu HTML checker) and
no serious accessibility violation (axe), in French and in Arabic."""

import json
import subprocess

import pytest

from tests.browser.pages import LANGUAGES
from tests.browser.test_accessibility import BLOCKING, axe_results, describe
from tests.browser.test_validity import served

pytestmark = pytest.mark.browser

SHEET = "/{language}/projects/wafira/"


def test_the_sheet_with_periods_is_valid_html(live_server, vnu_jar, tmp_path):
    for language in LANGUAGES:
        status, body = served(live_server.url + SHEET.format(language=language))
        assert status == 200
        assert b'class="period-chart"' in body and b'<table class="periods">' in body
        (tmp_path / f"{language}-wafira.html").write_bytes(body)
    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    messages = json.loads(result.stderr)["messages"]
    assert not messages, messages
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sheet_with_periods_is_accessible(new_page, axe_script, language):
    page = new_page(bypass_csp=True)
    assert page.goto(SHEET.format(language=language)).status == 200
    violations = axe_results(page, axe_script)["violations"]
    blocking = [violation for violation in violations if violation["impact"] in BLOCKING]
    assert not blocking, describe(blocking)


def test_the_chart_is_drawn_without_inline_style(new_page):
    # The site's Content-Security-Policy stays on: the chart's colours come
    # from the stylesheet.
    page = new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    assert page.goto(SHEET.format(language="ar")).status == 200
    bar = page.locator(".chart-actual").first
    assert bar.evaluate("element => getComputedStyle(element).fill") == "rgb(0, 87, 63)"
    assert not errors, errors
