"""The fr, ar and en catalogues are complete, valid and Moroccan where it matters,
and so are the libraries' strings the admin shows (core/library_messages.py,
locale/ar/LC_MESSAGES/djangojs.po)."""

import json
import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.dates import MONTHS
from django.utils.functional import Promise

from core.library_messages import MESSAGES

LOCALE = Path(settings.BASE_DIR) / "locale"
CATALOGUES = {code: LOCALE / code / "LC_MESSAGES" / "django.po" for code in ["fr", "ar", "en"]}
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


@pytest.mark.parametrize(
    "path", sorted(LOCALE.glob("*/LC_MESSAGES/*.po")), ids=lambda path: str(path.relative_to(LOCALE))
)
def test_catalogue_is_valid_and_fully_translated(path):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


@pytest.mark.parametrize("name", ["django.po", "djangojs.po"])
def test_arabic_catalogue_has_six_plural_forms(name):
    text = (LOCALE / "ar" / "LC_MESSAGES" / name).read_text(encoding="utf-8")
    assert "nplurals=6;" in text
    plural_entries = re.findall(r"^msgid_plural ", text, flags=re.MULTILINE)
    assert len(re.findall(r"^msgstr\[5\] \"\S", text, flags=re.MULTILINE)) == len(plural_entries)


def test_arabic_month_names_are_moroccan():
    with translation.override("ar"):
        names = [str(MONTHS[number]) for number in range(1, 13)]
    assert names == [
        "يناير",
        "فبراير",
        "مارس",
        "أبريل",
        "ماي",
        "يونيو",
        "يوليوز",
        "غشت",
        "شتنبر",
        "أكتوبر",
        "نونبر",
        "دجنبر",
    ]


def in_language(message, language: str) -> str:
    """A string of core/library_messages.py as `language` shows it."""
    with translation.override(language):
        if isinstance(message, Promise):  # ngettext_lazy: its plural for 3
            return str(message % 3)
        return translation.gettext(message)


@pytest.mark.parametrize("message", MESSAGES, ids=lambda message: in_language(message, "en")[:50])
def test_library_strings_are_translated_in_arabic_and_french(message):
    english = in_language(message, "en")
    assert ARABIC_LETTER.search(in_language(message, "ar")), english
    assert in_language(message, "fr") != english


def javascript_catalogue(client, language: str) -> dict:
    """The strings of the admin's scripts (SelectFilter2, the calendar, the
    actions) as its jsi18n view gives them."""
    client.cookies["django_language"] = language
    script = client.get(reverse("admin:jsi18n")).content.decode()
    return json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, flags=re.DOTALL).group(1))


@pytest.mark.django_db
def test_every_string_of_the_admin_scripts_is_in_arabic(staff_client):
    arabic = javascript_catalogue(staff_client, "ar")
    french = javascript_catalogue(staff_client, "fr")
    assert set(arabic) >= set(french)
    # Django fills a string missing in Arabic from the French catalogue.
    french_left = {msgid for msgid, text in arabic.items() if text == french.get(msgid)}
    assert french_left == set()
    assert all(ARABIC_LETTER.search(str(text)) for text in arabic.values())


@pytest.mark.django_db
def test_admin_calendar_months_are_moroccan(staff_client):
    arabic = javascript_catalogue(staff_client, "ar")
    months = ["January", "May", "July", "August", "September", "November", "December"]
    assert [arabic[month] for month in months] == ["يناير", "ماي", "يوليوز", "غشت", "شتنبر", "نونبر", "دجنبر"]
    assert arabic["abbrev. month August\x04Aug"] == "غشت"
