"""Spreadsheet files as staff write them, and the admin's import and export
pages driven as a browser would (preview, confirmation, download)."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse


def as_csv(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def as_xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_rows(content: bytes, name: str) -> list[list]:
    """The cells of a downloaded CSV or XLSX file, header row first."""
    if name == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def import_url(model, step="import"):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{step}")


def format_index(form, name):
    return next(value for value, label in form.fields["format"].choices if label.lower() == name)


def preview(client, model, content: bytes, name: str):
    form = client.get(import_url(model)).context["form"]
    upload = SimpleUploadedFile(f"registry.{name}", content)
    return client.post(import_url(model), {"import_file": upload, "format": format_index(form, name)})


def confirm(client, model, previewed):
    form = previewed.context["confirm_form"]
    data = {name: form[name].value() for name in form.fields}
    return client.post(import_url(model, "process_import"), data)


def exported(client, model, name: str) -> bytes:
    """The file the admin's export page gives, every column ticked."""
    url = import_url(model, "export")
    form = client.get(url).context["form"]
    columns = {
        column: "on" for column, field in form.fields.items() if getattr(field, "is_selectable_field", False)
    }
    response = client.post(url, {"resource": "0", "format": format_index(form, name), **columns})
    assert response.status_code == 200, response.content[:500]
    return response.content
