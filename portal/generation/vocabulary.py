"""Word lists of the generated registry, aligned in French, Arabic and English.

Each list is a tab-separated file in data/, under a header line naming its
columns; fr, ar and en hold the same phrase in each language, so that titles
translate. The generator fills the placeholders: {s} a subject, {p} a place,
{a} a project's (or host's) acronym, {d} a domain (a subject), {c} a country.
The order of the rows matters: the generator draws from them by position, and
the same seed gives the same registry only with the same lists.
"""

import csv
import json
import re
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from activities.models import Activity, Event
from core.money import Currency
from partners.models import Organisation
from projects.models import Component

DATA = Path(__file__).resolve().with_name("data")


def load(name: str, *, kinds=None) -> list[tuple[str, ...]]:
    """The rows of data/<name>.tsv under its header line, as tuples of strings.

    With `kinds` (a model's choices), the first column must hold one of its
    values: bulk_create would store a misspelt kind as it is.
    """
    path = DATA / f"{name}.tsv"
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.reader(file, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        rows = []
        for row in reader:
            if len(row) != len(header):
                raise ImproperlyConfigured(
                    f"{path}:{reader.line_num}: {len(row)} columns where the header names {len(header)}."
                )
            if kinds is not None and row[0] not in kinds.values:
                raise ImproperlyConfigured(f"{path}:{reader.line_num}: unknown kind {row[0]!r}.")
            rows.append(tuple(row))
    return rows


# The weight is that of a project country; those of weight 0 are only the
# home countries of funders.
COUNTRIES = [(code, fr, ar, en, int(weight)) for code, fr, ar, en, weight in load("countries")]
CITIES: dict[str, list[tuple[str, ...]]] = {}
for code, *names in load("cities"):
    CITIES.setdefault(code, []).append(tuple(names))
THEMES = load("themes")
# A subject names its theme by slug, the generator finds it by position in THEMES.
THEME_POSITIONS = {slug: position for position, (slug, *_names) in enumerate(THEMES)}
SUBJECTS = [(fr, ar, en, THEME_POSITIONS[theme]) for fr, ar, en, theme in load("subjects")]
ACTIONS = load("actions")
PLACES = load("places")
# Most projects have a single phase.
PHASES = [("", "", "")] * 3 + [tuple(f" {cell}" for cell in phase) for phase in load("phases")]
SUMMARIES = load("summaries")
OBJECTIVES = load("objectives")
BENEFICIARIES = load("beneficiaries")
COMPONENT_TITLES = load("component_titles")
ACTIVITY_TEMPLATES = load("activity_templates", kinds=Activity.Kind)
EVENT_TEMPLATES = load("event_templates", kinds=Event.Kind)
INDICATORS = load("indicators")
FUNDER_KINDS = load("funder_kinds", kinds=Organisation.Kind)
NATIONAL_KINDS = [
    (kind, fr, ar, en, int(weight))
    for kind, fr, ar, en, weight in load("national_kinds", kinds=Organisation.Kind)
]

COMPONENT_KINDS = [Component.Kind.AXIS, Component.Kind.SPECIFIC_OBJECTIVE, Component.Kind.COMPONENT]
IMPLEMENTER_KINDS = {Organisation.Kind.PUBLIC_AGENCY.value, Organisation.Kind.MINISTRY.value}
STATUS_WEIGHTS = [
    (Activity.Status.COMPLETED, 45),
    (Activity.Status.ONGOING, 30),
    (Activity.Status.PLANNED, 18),
    (Activity.Status.SUSPENDED, 4),
    (Activity.Status.CANCELLED, 3),
]
CURRENCIES = [(Currency.EUR, 60), (Currency.USD, 25), (Currency.MAD, 15)]

# French contractions and the Arabic article after the preposition لـ, which
# the word lists cannot know in advance ("à le travail" -> "au travail").
# JSON, not TSV: the patterns end in spaces that matter.
CONTRACTIONS = [
    (re.compile(pattern), replacement)
    for pattern, replacement in json.loads((DATA / "contractions.json").read_text(encoding="utf-8"))
]


def contract(text: str) -> str:
    for pattern, replacement in CONTRACTIONS:
        text = pattern.sub(replacement, text)
    return text
