"""The public pages' HTML, as served, is valid according to the Nu HTML
checker (npm's vnu-jar, pinned in package.json). The pages are saved first,
then checked in a single run: starting the JVM is the slow part."""

import json
import subprocess
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

from tests.browser.pages import LANGUAGES, PAGES, page_path

pytestmark = pytest.mark.browser

NOT_FOUND = "this-page-does-not-exist/"


def served(url: str) -> tuple[int, bytes]:
    try:
        with urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def test_public_pages_are_valid_html(live_server, vnu_jar, tmp_path):
    pages = {f"{language}-{name}": page_path(language, name) for language in LANGUAGES for name in PAGES}
    pages |= {f"{language}-not-found": f"/{language}/{NOT_FOUND}" for language in LANGUAGES}
    for name, path in pages.items():
        status, body = served(live_server.url + path)
        assert status == (404 if name.endswith("not-found") else 200), path
        (tmp_path / f"{name}.html").write_bytes(body)

    result = subprocess.run(
        ["java", "-jar", str(vnu_jar), "--errors-only", "--format", "json", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    # vnu writes its JSON report on stderr and exits 1 when it found errors.
    messages = json.loads(result.stderr)["messages"]
    problems = [
        f"{message['url'].rsplit('/', 1)[-1]}:{message.get('lastLine', '?')}: {message['message']}"
        f" [{message.get('extract', '').strip()}]"
        for message in messages
    ]
    assert not problems, "\n".join(problems)
    assert result.returncode == 0, result.stderr
