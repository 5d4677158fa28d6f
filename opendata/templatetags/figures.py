"""Horizontal bar charts of the statistics page (templates/opendata/
statistics.html): their geometry, computed here, drawn by the template as
inline SVG beside the table that holds the same figures.

As for the sheet's charts (projects/templatetags/charts.py), only geometry
goes in the SVG: colours come from classes in static/css/site.css, the
Content-Security-Policy allowing no inline style. On a right-to-left page
the bars grow from the right.
"""

import json
from functools import cache
from pathlib import Path

from django import template
from django.utils.translation import get_language_bidi, ngettext

from projects.templatetags.charts import coordinate

register = template.Library()

# Natural Earth's shapes of the countries around the registry's (opendata/maps/SOURCE.md).
MAP = Path(__file__).resolve().parent.parent / "maps" / "countries.json"

WIDTH = 640
LABEL = 220  # room for each bar's label
VALUE = 64  # room for the figure after the bar
ROW = 26
BAR = 16


@register.simple_tag
def bar_chart(rows, measure: str) -> dict | None:
    """Where each row's bar goes, scaled to the largest `measure` (a key of
    each row), or None when there is nothing to draw."""
    rows = [row for row in rows if row.get(measure)]
    if not rows:
        return None
    largest = max(row[measure] for row in rows)
    rtl = get_language_bidi()
    room = WIDTH - LABEL - VALUE
    bars = []
    for index, row in enumerate(rows):
        length = room * row[measure] / largest
        top = index * ROW
        start = WIDTH - LABEL - length if rtl else LABEL
        bars.append(
            {
                "label": row["label"],
                "value": row.get("shown", row[measure]),
                "x": coordinate(start),
                "y": coordinate(top + (ROW - BAR) / 2),
                "width": coordinate(length),
                "label_x": coordinate(WIDTH - 4 if rtl else 4),
                "value_x": coordinate(start - 4 if rtl else start + length + 4),
                "text_y": coordinate(top + ROW / 2 + 5),
                "muted": bool(row.get("muted")),
            }
        )
    return {"width": WIDTH, "height": ROW * len(rows), "bars": bars, "rtl": rtl}


TIMELINE_YEAR = 24  # pixels a year
TIMELINE_ROW = 22


@register.simple_tag
def period_timeline(projects) -> dict | None:
    """Each project's period as a bar on a common axis of years (a project
    with one date known: that year), or None without any date."""
    spans = []
    for project in projects:
        start, end = project.start_date or project.end_date, project.end_date or project.start_date
        if start is not None:
            spans.append((project, start.year, end.year))
    if not spans:
        return None
    first = min(start for _project, start, _end in spans)
    last = max(end for _project, _start, end in spans)
    rtl = get_language_bidi()
    width = LABEL + (last - first + 1) * TIMELINE_YEAR + 8

    def x(year: int, length: int = 0) -> float:
        offset = LABEL + (year - first) * TIMELINE_YEAR
        return width - offset - length if rtl else offset

    bars = []
    for index, (project, start, end) in enumerate(spans):
        length = (end - start + 1) * TIMELINE_YEAR
        top = index * TIMELINE_ROW
        bars.append(
            {
                "label": project.short_label,
                "x": coordinate(x(start, length)),
                "y": coordinate(top + 3),
                "width": coordinate(length),
                "label_x": coordinate(width - 4 if rtl else 4),
                "text_y": coordinate(top + TIMELINE_ROW / 2 + 5),
                "title": f"{project.short_label}: {start}–{end}",
            }
        )
    axis_y = len(spans) * TIMELINE_ROW + 14
    years = [
        {"year": year, "x": coordinate(x(year, TIMELINE_YEAR) + TIMELINE_YEAR / 2)}
        for year in range(first, last + 1)
        if (year - first) % 2 == 0
    ]
    return {"width": width, "height": axis_y + 6, "bars": bars, "years": years, "axis_y": coordinate(axis_y)}


@cache
def _shapes() -> dict:
    return json.loads(MAP.read_text())


@register.simple_tag
def country_map(groups) -> dict:
    """The map of the countries concerned: each shaded by its number of
    projects (1, 2 to 3, 4 or more), hatched where a project is suspended."""
    shapes = _shapes()
    by_code = {group["key"]: group for group in groups if group["key"]}
    countries = []
    for code, outline in shapes["countries"].items():
        group = by_code.get(code)
        classes = ["map-country"]
        title = ""
        if code == "MA":
            classes.append("is-whole")
        if group:
            count = group["project_count"]
            classes.append("level-1" if count == 1 else "level-2" if count <= 3 else "level-3")
            title = ngettext("%(country)s: %(count)d project", "%(country)s: %(count)d projects", count) % {
                "country": group["label"],
                "count": count,
            }
            if group.get("suspended"):
                classes.append("is-suspended")
        countries.append({"code": code, "d": outline, "classes": " ".join(classes), "title": title})
    # Countries with projects last, so that their outline is drawn on top.
    countries.sort(key=lambda country: bool(country["title"]))
    return {"width": shapes["width"], "height": shapes["height"], "countries": countries}
