"""Horizontal bar charts of the statistics page (templates/opendata/
statistics.html): their geometry, computed here, drawn by the template as
inline SVG beside the table that holds the same figures.

As for the sheet's charts (projects/templatetags/charts.py), only geometry
goes in the SVG: colours come from classes in static/css/site.css, the
Content-Security-Policy allowing no inline style. On a right-to-left page
the bars grow from the right.
"""

from django import template
from django.utils.translation import get_language_bidi

from projects.templatetags.charts import coordinate

register = template.Library()

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
                "value": row[measure],
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
