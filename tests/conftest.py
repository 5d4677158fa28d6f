import contextlib
import io

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

# The suite runs once per database (scripts/test): a test about one engine's
# own features is marked with it and collected only in that engine's run,
# rather than reported as skipped in the other.
ENGINE_MARKERS = {"postgresql": "django.db.backends.postgresql", "sqlite": "django.db.backends.sqlite3"}


def pytest_configure(config):
    for name in ENGINE_MARKERS:
        config.addinivalue_line("markers", f"{name}: runs only when the test database is {name}")


def pytest_collection_modifyitems(config, items):
    engine = settings.DATABASES["default"]["ENGINE"]
    other_engines = [name for name, module in ENGINE_MARKERS.items() if module != engine]
    kept, deselected = [], []
    for item in items:
        (deselected if any(item.get_closest_marker(name) for name in other_engines) else kept).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture(autouse=True)
def _french_by_default():
    # Each test starts in the default language, whatever the previous one did.
    with translation.override("fr"):
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    # Kept responses are keyed by the registry's revision, which a rolled-back
    # test leaves where it found it: the next test must not read them.
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _media_of_its_own(settings, tmp_path):
    # Uploaded documents and the kept IATI file stay within the test.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def whole_answers_not_kept(settings):
    """Every answer rendered: what the tests of kept parts (cards, blocks,
    rows, counts) look at is what a render takes from the cache."""
    settings.RESPONSE_CACHE_SECONDS = 0


@pytest.fixture
def afresh(settings):
    """`with afresh():` renders every part, takes none from the cache: what a
    kept part must equal after an edit."""

    @contextlib.contextmanager
    def nothing_kept():
        kept = settings.FRAGMENT_CACHE_SECONDS
        settings.FRAGMENT_CACHE_SECONDS = 0
        try:
            yield
        finally:
            settings.FRAGMENT_CACHE_SECONDS = kept

    return nothing_kept


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.fixture
def seed(db):
    """The seed registry of fixtures/, loaded as `load_registry` loads it."""
    call_command("load_registry", stdout=io.StringIO())
