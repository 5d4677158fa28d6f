"""Text folding for search: one normal form for stored text and queries.

Latin accents are dropped ("sécurité" -> "securite"), ligatures spelt out
("œuvre" -> "oeuvre"), case is folded; apostrophes and dashes of any kind
separate words ("main-d’œuvre" = "main d'oeuvre"); Arabic-Indic and Persian
digits are read as digits; invisible direction marks vanish; Arabic is
reduced to a skeleton that ignores diacritics (U+064B-U+0652, U+0670),
tatweel, hamza-bearing alef forms, alef maqsura and ta marbuta, so that
people find a word however it was typed.
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
LATIN_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE"})
DIGITS = str.maketrans(
    {**{chr(0x0660 + n): str(n) for n in range(10)}, **{chr(0x06F0 + n): str(n) for n in range(10)}}
)
# Direction marks, zero-width spaces and joiners, the byte order mark.
INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
# Apostrophes, quotation marks and dashes of every kind, and the ASCII ones.
SEPARATORS = re.compile(
    "['`\u00b4\u2018\u2019\u201a\u201b\u02bc\u02b9\u2032\u00ab\u00bb\u201c\u201d\u201e\"\\-\u2010-\u2015\u2212]"
)
SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Return `text` in the form the search column stores and compares."""
    text = INVISIBLE.sub("", text or "")
    text = ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS).translate(LATIN_LIGATURES).translate(DIGITS)
    text = SEPARATORS.sub(" ", text)
    decomposed = unicodedata.normalize("NFKD", text)
    # Only Latin-script combining marks remain at this point; drop them.
    stripped = "".join(char for char in decomposed if not unicodedata.combining(char))
    return SPACES.sub(" ", stripped.replace("\x00", " ")).strip().casefold()


def alphabetical(label: str) -> str:
    """A sort key that puts labels in dictionary order in French, Arabic or
    English: folded, and without the Arabic article, which dictionaries skip."""
    folded = fold(label)
    return " ".join(
        word[2:] if word.startswith("ال") and len(word) > 3 else word for word in folded.split(" ")
    )


def words(query: str) -> list[str]:
    """Split a query into folded words, ignoring empty ones."""
    return [word for word in fold(query).split(" ") if word]


def with_nul(query) -> list[str]:
    """The parameters of a query string (a QueryDict) whose name or a value
    holds a NUL character, which PostgreSQL refuses: named without it."""
    return sorted(
        {key.replace("\x00", "") for key, values in query.lists() if "\x00" in key + "".join(values)}
    )
