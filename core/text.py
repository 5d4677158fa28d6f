"""Text folding for search: one normal form for stored text and queries.

Latin accents are dropped ("sécurité" -> "securite"), case is folded, and
Arabic is reduced to a skeleton that ignores diacritics (U+064B-U+0652,
U+0670), tatweel, hamza-bearing alef forms, alef maqsura and ta marbuta, so
that people find a word however it was typed.
"""

import re
import unicodedata

ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
    }
)
SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return `text` in the form the search column stores and compares."""
    text = ARABIC_MARKS.sub("", text or "").translate(ARABIC_LETTERS)
    decomposed = unicodedata.normalize("NFKD", text)
    # Only Latin-script combining marks remain at this point; drop them.
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return SPACES.sub(" ", stripped.replace("\x00", " ")).strip().casefold()


def words(query: str) -> list[str]:
    """Split a query into folded words, ignoring empty ones."""
    return [word for word in fold(query).split(" ") if word]


def with_nul(query) -> list[str]:
    """The parameters of a query string (a QueryDict) whose name or a value
    holds a NUL character, which PostgreSQL refuses: named without it."""
    return sorted(
        {key.replace("\x00", "") for key, values in query.lists() if "\x00" in key + "".join(values)}
    )
