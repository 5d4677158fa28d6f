"""Fixtures of the browser tests: the system's Chromium driven by Playwright's
sync API against pytest-django's live server, which serves the real seed
registry (fixtures/, loaded once for all of them), and the checkers pinned in
package.json (axe-core, the Nu HTML checker).

Playwright cannot download browsers here: it drives Debian's Chromium.
`scripts/setup-system` installs Chromium, Java and the npm checkers.
"""

import io
import shutil
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection

from tests.browser.pages import DESKTOP

BASE_DIR = Path(settings.BASE_DIR)
CHROMIUM = Path("/usr/bin/chromium")
# Running as root in a container, without a GPU, and with nothing of
# Chromium's own talking to the network (updates, sync, field trials).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = BASE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = BASE_DIR / "test-artifacts"


def require(path: Path, what: str) -> Path:
    if not path.exists():
        pytest.fail(f"{what} is missing at {path}: run scripts/setup-system.", pytrace=False)
    return path


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    require(CHROMIUM, "Chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def registry_tables() -> list[str]:
    return sorted(
        {model._meta.db_table for model in apps.get_models(include_auto_created=True) if model._meta.managed}
    )


def row_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        return cursor.fetchone()[0]


@pytest.fixture(scope="package")
def seed_registry(django_db_setup, django_db_blocker):
    """The real seed registry, loaded and committed once for the browser
    tests, then removed: the rest of the suite expects an empty database.

    Only the tables that were empty before are emptied afterwards, so the
    rows that migrations create (content types, permissions, the editorial
    groups) stay, which a full `flush` would not do.
    """
    with django_db_blocker.unblock():
        empty_before = [table for table in registry_tables() if row_count(table) == 0]
        call_command("load_registry", stdout=io.StringIO())
    yield
    with django_db_blocker.unblock():
        filled = [table for table in empty_before if row_count(table)]
        statements = connection.ops.sql_flush(no_style(), filled, reset_sequences=True, allow_cascade=True)
        connection.ops.execute_sql_flush(statements)
        left = {table: row_count(table) for table in filled if row_count(table)}
        assert not left, f"the browser tests left rows behind: {left}"


@pytest.fixture
def transactional_db(seed_registry, django_db_blocker):
    """Database access for a test that uses `live_server`.

    pytest-django's `live_server` asks for `transactional_db`, which flushes
    every table after each test; these tests only read, so they share the
    committed registry instead of reloading it for every test.
    """
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def new_page(browser, live_server):
    """Opens pages in fresh browser contexts (no cookie shared between tests)
    whose relative addresses go to the live server."""
    contexts = []

    def open_page(*, viewport=DESKTOP, **options):
        context = browser.new_context(base_url=live_server.url, viewport=viewport, **options)
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()


@pytest.fixture(scope="session")
def artifacts():
    """test-artifacts/ (gitignored): screenshots and the checkers' reports."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def screenshots(artifacts):
    folder = artifacts / "screenshots"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def axe_script():
    return require(AXE_SCRIPT, "axe-core (npm)")


@pytest.fixture(scope="session")
def vnu_jar():
    require(Path(shutil.which("java") or "/usr/bin/java"), "Java")
    return require(VNU_JAR, "The Nu HTML checker (npm vnu-jar)")
