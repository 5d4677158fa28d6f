"""The fr, ar and en catalogues are complete, valid and Moroccan where it matters."""

import re
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from django.utils.dates import MONTHS

CATALOGUES = {
    code: Path(settings.BASE_DIR) / "locale" / code / "LC_MESSAGES" / "django.po"
    for code in ["fr", "ar", "en"]
}


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_catalogue_is_valid_and_fully_translated(language):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUES[language])],
        capture_output=True,
        text=True,
        check=False,
        env={"LC_ALL": "C"},
    )
    assert result.returncode == 0, result.stderr
    assert "fuzzy" not in result.stderr and "untranslated" not in result.stderr, result.stderr


def test_arabic_catalogue_has_six_plural_forms():
    text = CATALOGUES["ar"].read_text(encoding="utf-8")
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
