"""The CSV downloads: UTF-8 with a BOM, three header rows, read back with
the csv module as a spreadsheet or a script would."""

import csv
import io

from django.http import StreamingHttpResponse

from tests.opendata.conftest import streamed

URL = "/fr/data/{}.csv"


def read(response):
    text = streamed(response).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    names, french, arabic, *data = rows
    return names, french, arabic, [dict(zip(names, row, strict=True)) for row in data]


def test_csv_is_streamed_utf8_with_a_byte_order_mark(client, registry):
    response = client.get(URL.format("projects"))
    assert response.status_code == 200
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="projects.csv"'
    assert streamed(response).startswith(b"\xef\xbb\xbf")


def test_three_header_rows_machine_names_then_french_then_arabic_labels(client, registry):
    names, french, arabic, _rows = read(client.get(URL.format("projects")))
    assert names[:4] == ["slug", "iati_identifier", "acronym", "title_fr"]
    assert len(names) == len(set(names)) == len(french) == len(arabic)
    assert {"status", "status_fr", "status_ar", "title_ar", "title_en"} <= set(names)
    # The language columns' labels name their language in each label row.
    assert french[names.index("title_ar")] != french[names.index("title_fr")]
    assert arabic[names.index("title_ar")] != arabic[names.index("title_fr")]


def test_project_row_round_trip(client, registry):
    *_headers, rows = read(client.get(URL.format("projects")))
    row = next(row for row in rows if row["slug"] == "thamm")
    assert row["iati_identifier"] == "MA-COA-31-THAMM"
    assert row["title_ar"] == "نحو مقاربة شاملة لحكامة هجرة اليد العاملة"
    assert row["summary_en"] == ""
    assert row["status"] == "implementation"
    assert row["status_fr"] and row["status_ar"]
    assert (row["start_date"], row["end_date"]) == ("2019-11-01", "2029-10-31")
    assert (row["budget"], row["budget_currency"]) == ("25000000.00", "EUR")
    assert row["countries"] == "MA; TN; LY"
    assert row["countries_ar"] == "المغرب; تونس; ليبيا"
    assert row["suspended_countries"] == "LY"
    assert row["sectors"] == "16020; 15190"
    assert row["funders"] == "ue"  # the draft funder is not named
    assert row["funders_ar"] == "الاتحاد الأوروبي"
    assert row["implementers"] == "oit"
    assert (row["part_of"], row["follows"]) == ("prog", "old")
    assert row["url"] == "http://testserver/fr/projects/thamm/"


def test_labels_beside_codes_in_every_table(client, registry):
    names, *_labels, rows = read(client.get(URL.format("activities")))
    assert {"kind", "kind_fr", "kind_ar", "status", "status_fr", "status_ar"} <= set(names)
    activity = rows[0]
    assert activity["country"] == "MA"
    assert activity["country_ar"] == "المغرب"
    assert activity["title_ar"] == "دراسة حول التنقل"


def test_arabic_text_stays_intact(client, registry):
    content = streamed(client.get(URL.format("organisations"))).decode("utf-8")
    assert "منظمة العمل الدولية" in content
    assert "وزارة الشغل والإدماج المهني" in content


def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe(client, registry):
    project = registry["project"]
    project.summary_fr = '=HYPERLINK("http://evil.example")'
    project.objective_fr = "- renforcer les capacités"
    project.save()
    *_headers, rows = read(client.get(URL.format("projects")))
    row = next(row for row in rows if row["slug"] == "thamm")
    assert row["summary_fr"] == '\'=HYPERLINK("http://evil.example")'
    assert row["objective_fr"] == "'- renforcer les capacités"
    assert row["budget"] == "25000000.00"  # numbers are left alone


def test_participations_carry_amounts_and_roles(client, registry):
    *_headers, rows = read(client.get(URL.format("participations")))
    funders = [row for row in rows if row["project"] == "thamm" and row["role"] == "funder"]
    assert [(row["organisation"], row["amount"], row["currency"], row["iati_role"]) for row in funders] == [
        ("ue", "20000000.00", "EUR", "1")
    ]
    roles = {row["role"]: row["iati_role"] for row in rows if row["project"] == "thamm"}
    assert roles["beneficiary"] == ""
    assert roles["coordinator"] == "2"
