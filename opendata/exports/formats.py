"""Writing a table as CSV (streamed), JSON (streamed) or XLSX (openpyxl in
write-only mode, into a temporary file); see the package docstring for the
layout they share."""

import csv
import datetime
import json
import tempfile
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font

from opendata.exports.columns import LABEL_LANGUAGES
from opendata.exports.kept import written_through
from opendata.exports.resources import Resource

SEPARATOR = "; "
ROWS_PER_PIECE = 100
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
XLSX_MAX_TEXT = 32_767
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def metadata() -> dict:
    licence = settings.DATA_LICENCE
    summaries = {}
    for language in LABEL_LANGUAGES:
        with translation.override(language):
            summaries[language] = str(licence["summary"])
    return {
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
        "licence": {"name": licence["name"], "url": licence["url"], "summary": summaries},
    }


def _plain(value):
    """A value as text for CSV cells and joined lists."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date | Decimal):
        return value.isoformat() if isinstance(value, datetime.date) else format(value, "f")
    if isinstance(value, list | tuple):
        return SEPARATOR.join(_plain(item) for item in value)
    return str(value)


def csv_cell(value) -> str:
    text = _plain(value)
    if isinstance(value, str | list | tuple) and text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


class _Line:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, text):
        return text


def csv_pieces(resource: Resource, rows: Iterable[list]) -> Iterator[str]:
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow([col.name for col in resource.columns])
    for language in LABEL_LANGUAGES:
        yield writer.writerow([col.label_in(language) for col in resource.columns])
    piece = []
    for row in rows:
        piece.append(writer.writerow([csv_cell(value) for value in row]))
        if len(piece) >= ROWS_PER_PIECE:
            yield "".join(piece)
            piece = []
    if piece:
        yield "".join(piece)


def json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    return value


def json_pieces(resource: Resource, rows: Iterable[list]) -> Iterator[str]:
    head = {
        "resource": resource.name,
        **metadata(),
        "fields": [
            {
                "name": col.name,
                "label_fr": col.label_in("fr"),
                "label_ar": col.label_in("ar"),
                "description": str(col.description),
            }
            for col in resource.columns
        ],
    }
    # The head, then "rows": [ ... ] written one row at a time.
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "rows": [\n'
    names = [col.name for col in resource.columns]
    separator = ""
    piece = []
    for row in rows:
        record = {name: json_value(value) for name, value in zip(names, row, strict=True)}
        piece.append(separator + json.dumps(record, ensure_ascii=False))
        separator = ",\n"
        if len(piece) >= ROWS_PER_PIECE:
            yield "".join(piece)
            piece = []
    yield "".join(piece) + "\n]}\n"


def xlsx_value(sheet, value):
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, list | tuple):
        value = _plain(value)
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)[:XLSX_MAX_TEXT]
        if value.startswith("="):
            # A text, never a formula.
            cell = WriteOnlyCell(sheet, value)
            cell.data_type = "s"
            return cell
    return value


def xlsx_file(resource: Resource, rows: Iterable[list]):
    """The workbook in a temporary file: the table (three header rows, frozen),
    its data dictionary and a sheet on the licence."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(resource.name)
    sheet.freeze_panes = "A4"
    bold = Font(bold=True)

    def header(values):
        cells = []
        for value in values:
            cell = WriteOnlyCell(sheet, value)
            cell.font = bold
            cells.append(cell)
        return cells

    sheet.append(header([col.name for col in resource.columns]))
    for language in LABEL_LANGUAGES:
        sheet.append(header([col.label_in(language) for col in resource.columns]))
    for row in rows:
        sheet.append([xlsx_value(sheet, value) for value in row])

    dictionary = workbook.create_sheet("dictionary")
    dictionary.append(["name", "label_fr", "label_ar", "description_fr", "description_ar"])
    for col in resource.columns:
        descriptions = []
        for language in LABEL_LANGUAGES:
            with translation.override(language):
                descriptions.append(str(col.description))
        dictionary.append([col.name, col.label_in("fr"), col.label_in("ar"), *descriptions])

    about = workbook.create_sheet("licence")
    meta = metadata()
    about.append(["resource", resource.name])
    about.append(["generated_at", meta["generated_at"]])
    about.append(["licence", meta["licence"]["name"]])
    about.append(["licence_url", meta["licence"]["url"]])
    for language, summary in meta["licence"]["summary"].items():
        about.append([f"licence_summary_{language}", summary])

    # Closed by the response once sent.
    output = tempfile.TemporaryFile()  # noqa: SIM115
    workbook.save(output)
    output.seek(0)
    return output


def export_response(resource: Resource, queryset, fmt: str, *, base_url: str, keep_as=None):
    """The download of `queryset` (already published and filtered) in `fmt`;
    a CSV or JSON stream is also copied to `keep_as` if given."""
    language = translation.get_language()
    filename = f"{resource.name}.{fmt}"

    def rows():
        # Page addresses in the language of the page the download came from,
        # even though a stream is read after the view has returned.
        with translation.override(language):
            yield from resource.rows(queryset, base_url=base_url)

    if fmt == "xlsx":
        response = FileResponse(xlsx_file(resource, rows()), as_attachment=True, filename=filename)
        response["Content-Type"] = FORMATS["xlsx"]
        return response
    pieces = csv_pieces(resource, rows()) if fmt == "csv" else json_pieces(resource, rows())
    if keep_as is not None:
        pieces = written_through(pieces, keep_as)
    response = StreamingHttpResponse(pieces, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
