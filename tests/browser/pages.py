"""The public pages the browser tests walk through, the languages and the
screen sizes they use."""

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}

# The public pages every check walks through, by a short name.
PAGES = {
    "home": "",
    "project-list": "projects/",
    # Chosen filters unfold their groups of checkboxes.
    "project-list-filtered": "projects/?funder=ue&country=MA&country=TN",
    "project-sheet": "projects/amem/",
    "organisation-list": "organisations/",
    "organisation": "organisations/oit/",
    "funders": "funders/",
    "activities": "activities/",
    "events": "events/",
    "search": "search/?q=migration",
    "statistics": "statistics/",
}
LANGUAGES = ("fr", "ar")


def page_path(language: str, name: str) -> str:
    return f"/{language}/{PAGES[name]}"
