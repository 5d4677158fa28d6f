"""The Excel downloads, read back with openpyxl."""

import datetime
import io

from openpyxl import load_workbook

URL = "/fr/data/{}.xlsx"


def workbook(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_xlsx_has_the_table_its_dictionary_and_the_licence(client, registry, settings):
    response = client.get(URL.format("projects"))
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert 'filename="projects.xlsx"' in response["Content-Disposition"]
    book = workbook(response)
    assert book.sheetnames == ["projects", "dictionary", "licence"]
    licence = {row[0]: row[1] for row in book["licence"].iter_rows(values_only=True)}
    assert licence["licence"] == settings.DATA_LICENCE["name"]
    dictionary = list(book["dictionary"].iter_rows(values_only=True))
    header = [cell.value for cell in book["projects"][1]]
    assert [row[0] for row in dictionary[1:]] == header


def test_xlsx_round_trip_keeps_arabic_dates_and_numbers(client, registry):
    sheet = workbook(client.get(URL.format("projects")))["projects"]
    assert sheet.freeze_panes == "A4"
    rows = list(sheet.iter_rows(values_only=True))
    names = rows[0]
    records = [dict(zip(names, row, strict=True)) for row in rows[3:]]
    thamm = next(record for record in records if record["slug"] == "thamm")
    assert thamm["title_ar"] == "نحو مقاربة شاملة لحكامة هجرة اليد العاملة"
    assert thamm["start_date"].date() == datetime.date(2019, 11, 1)
    assert thamm["budget"] == 25_000_000
    assert thamm["countries"] == "MA; TN; LY"
    assert thamm["status_ar"]


def test_xlsx_never_turns_text_into_a_formula(client, registry):
    project = registry["project"]
    project.summary_fr = "=1+1"
    project.save()
    sheet = workbook(client.get(URL.format("projects")))["projects"]
    names = [cell.value for cell in sheet[1]]
    column = names.index("summary_fr") + 1
    cells = [sheet.cell(row=row, column=column) for row in range(4, sheet.max_row + 1)]
    formula_text = [cell for cell in cells if cell.value == "=1+1"]
    assert len(formula_text) == 1
    assert formula_text[0].data_type == "s"


def test_xlsx_drops_characters_excel_refuses(client, registry):
    project = registry["project"]
    project.summary_fr = "Texte\x0bcollé depuis Word"
    project.save()
    sheet = workbook(client.get(URL.format("projects")))["projects"]
    values = [value for row in sheet.iter_rows(values_only=True) for value in row]
    assert "Textecollé depuis Word" in values
