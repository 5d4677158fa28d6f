"""The seed registry writes each Arabic term one way (fixtures/README.md,
"Arabic"): the Moroccan administrative usage, names included. Read from the
fixture files themselves, so no database is needed."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
ARABIC_LETTER = "[\u0621-\u064a]"

# The registry's spelling, and the spellings it must not use.
TERMS = {
    "حكامة": ["حوكمة"],
    "إفريقيا": ["أفريقي", "افريقي"],
    "هجرة اليد العاملة": [
        "هجرة العمالة",
        f"هجرة العمل(?!{ARABIC_LETTER})",
        "الهجرة العمالية",
        "هجرة الأيدي العاملة",
    ],
    "إرشادي": ["استرشادي", "إسترشادي", "الاستئناس"],
    "إحصائيات الشغل": ["إحصاءات", "احصاءات", "إحصائيات العمل", "احصائيات"],
}


def arabic_texts():
    """(where, text) for every Arabic column of every fixture record."""
    for path in sorted(FIXTURES.glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            key = row.get("pk") or row["fields"].get("slug") or row["fields"].get("code")
            for field, value in row["fields"].items():
                if field.endswith("_ar") and isinstance(value, str) and value:
                    yield f"{path.name} {row['model']} {key} {field}", value


@pytest.mark.parametrize("term", TERMS)
def test_arabic_fields_use_one_spelling_per_term(term):
    texts = list(arabic_texts())
    found = [
        f"{where}: {match.group(0)!r}"
        for variant in TERMS[term]
        for where, text in texts
        for match in re.finditer(variant, text)
    ]
    assert found == [], f"write {term!r} instead"


@pytest.mark.parametrize("term", TERMS)
def test_each_term_is_used_in_the_registry(term):
    # Guards the test above against a term that no longer appears at all.
    stem = term.removesuffix("ا")
    assert any(stem in text for _where, text in arabic_texts())
