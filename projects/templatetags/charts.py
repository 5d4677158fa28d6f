"""The small bar chart of an indicator's reporting periods on the project
sheet (templates/projects/indicator_periods.html): its geometry, computed
here, drawn by the template as inline SVG.

The site's Content-Security-Policy allows no inline style, so the chart
carries only SVG geometry attributes; its colours come from classes in
static/css/site.css. On a right-to-left page the periods run from right to
left, like the table beside them, and each period's two bars swap sides.
"""

from decimal import Decimal

from django import template
from django.utils.translation import get_language_bidi

register = template.Library()

SLOT = 96  # the width given to each period
BAR = 30
GAP = 4  # between a period's target and its value reached
MARGIN = 8
TOP = 20  # room for the value written above the tallest bar
PLOT = 110
BOTTOM = 24  # room for the period's end date below the axis


def coordinate(value) -> str:
    """A length as SVG reads it, whatever the page's language: a number
    written by the template would take the French decimal comma."""
    return f"{value:.1f}".removesuffix(".0")


@register.simple_tag
def period_chart(periods) -> dict | None:
    """Where the chart draws each period's target and value reached (bars
    scaled to the largest value), or None when no period has a value."""
    periods = list(periods)
    values = [value for period in periods for value in (period.target, period.actual) if value is not None]
    if not values:
        return None
    largest = max(values) or Decimal(1)
    rtl = get_language_bidi()
    width = 2 * MARGIN + SLOT * len(periods)
    axis = TOP + PLOT
    slots = []
    for index, period in enumerate(periods):
        position = len(periods) - 1 - index if rtl else index
        centre = MARGIN + SLOT * position + SLOT // 2
        # The target before the value reached, in the reading direction.
        starts = {"target": centre - GAP // 2 - BAR, "actual": centre + GAP // 2}
        if rtl:
            starts = {"target": starts["actual"], "actual": starts["target"]}
        bars = []
        for kind in ("target", "actual"):
            value = getattr(period, kind)
            if value is None:
                continue
            height = float(value / largest) * PLOT
            bars.append(
                {
                    "kind": kind,
                    "value": value,
                    "x": coordinate(starts[kind]),
                    "y": coordinate(axis - height),
                    "width": coordinate(BAR),
                    "height": coordinate(height),
                    "label_x": coordinate(starts[kind] + BAR / 2),
                    "label_y": coordinate(axis - height - 5),
                }
            )
        slots.append(
            {"period": period, "bars": bars, "label_x": coordinate(centre), "label_y": coordinate(axis + 16)}
        )
    return {
        "width": coordinate(width),
        "height": coordinate(TOP + PLOT + BOTTOM),
        "axis": coordinate(axis),
        "axis_end": coordinate(width - MARGIN),
        "margin": coordinate(MARGIN),
        "slots": slots,
    }
