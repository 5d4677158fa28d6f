"""CSV for the list endpoints: one row per result, UTF-8 with a byte order
mark so that Excel shows Arabic, a coded value as `x.code` beside `x.label`.

The columns come from the list's serializer, so they are the same on every
page whatever the rows hold. Nested objects become dotted columns
(`status.code`, `title.ar` with `lang=all`); a list of objects becomes one
column per key, its values joined with "; " (`funders.slug`,
`funders.name`).
"""

import csv
import io

from rest_framework import serializers
from rest_framework.renderers import BaseRenderer

BYTE_ORDER_MARK = "\ufeff"
JOINER = "; "


def csv_columns(serializer) -> list[str]:
    """Column names of a serializer's rows, in the order of its fields."""
    columns = []
    for name, field in serializer.fields.items():
        columns += _field_columns(field, [name])
    return columns


def _field_columns(field, path: list[str]) -> list[str]:
    field = getattr(field, "child", None) or field
    if isinstance(field, serializers.Serializer):
        columns = []
        for name, child in field.fields.items():
            columns += _field_columns(child, [*path, name])
        return columns
    subcolumns = field.csv_subcolumns() if hasattr(field, "csv_subcolumns") else []
    if subcolumns:
        return [".".join([*path, sub]) for sub in subcolumns]
    return [".".join(path)]


def flatten(value, path: tuple[str, ...] = ()) -> dict[str, str]:
    """One row's cells by dotted column name."""
    if isinstance(value, dict):
        cells = {}
        for key, item in value.items():
            cells.update(flatten(item, (*path, str(key))))
        return cells
    if isinstance(value, list | tuple):
        if any(isinstance(item, dict) for item in value):
            parts = [flatten(item, path) for item in value]
            keys = list(dict.fromkeys(key for part in parts for key in part))
            return {key: JOINER.join(part.get(key, "") for part in parts) for key in keys}
        return {".".join(path): JOINER.join(_cell(item) for item in value)}
    return {".".join(path): _cell(value)}


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _file_name(renderer_context) -> str:
    """The list's name, from its path: /api/v1/projects/ -> projects.csv."""
    request = renderer_context.get("request")
    segment = request.path.rstrip("/").rsplit("/", 1)[-1] if request is not None else ""
    return f"{segment.removesuffix('.csv') or 'export'}.csv"


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        renderer_context = renderer_context or {}
        view = renderer_context.get("view")
        response = renderer_context.get("response")
        if isinstance(data, dict) and "results" in data:
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        cells = [flatten(row) for row in rows]
        succeeded = response is None or response.status_code < 400
        if succeeded and view is not None and hasattr(view, "get_serializer"):
            columns = csv_columns(view.get_serializer())
            if response is not None:
                response["Content-Disposition"] = f'attachment; filename="{_file_name(renderer_context)}"'
        else:
            columns = list(dict.fromkeys(key for row in cells for key in row))
        buffer = io.StringIO()
        buffer.write(BYTE_ORDER_MARK)
        writer = csv.DictWriter(
            buffer, fieldnames=columns, restval="", extrasaction="ignore", lineterminator="\r\n"
        )
        writer.writeheader()
        writer.writerows(cells)
        return buffer.getvalue().encode(self.charset)
