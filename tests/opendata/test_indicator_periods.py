"""An indicator's reporting periods in the IATI file (result/indicator/period,
valid against the official schema) and in the downloads (a table of their
own, joined to the indicators by their identifier)."""

import csv
import io
import json

from tests.opendata.conftest import streamed
from tests.opendata.test_iati import activity_of, identifier, project_url

LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def indicator_named(document, project, label):
    activity = activity_of(document, identifier(project))
    found = activity.xpath(f".//result/indicator[title/narrative='{label}']")
    assert len(found) == 1, label
    return found[0]


def test_reporting_periods_follow_the_indicators_own_period_in_iati(client, registry, assert_valid_iati):
    thamm = registry["project"]
    document = assert_valid_iati(streamed(client.get(project_url(thamm.slug))))
    periods = indicator_named(document, thamm, "Conseillers formés").findall("period")
    dates = [
        (period.find("period-start").get("iso-date"), period.find("period-end").get("iso-date"))
        for period in periods
    ]
    assert dates == [("2024-01-01", "2024-12-31"), ("2024-01-01", "2024-06-30"), ("2024-07-01", "2024-12-31")]
    first = periods[1]
    assert (first.find("target").get("value"), first.find("actual").get("value")) == ("60", "41")
    # The comment goes with the value reached, in each language given.
    comments = {
        narrative.get(LANG): narrative.text for narrative in first.findall("actual/comment/narrative")
    }
    assert comments == {"fr": "Premier semestre", "ar": "الأسدس الأول"}
    assert first.find("target/comment") is None
    # A period without a value reached: the target alone, no empty comment.
    second = periods[2]
    assert second.find("actual") is None and second.find("target").get("value") == "60"
    assert not document.xpath("//comment[not(narrative)]")


def test_a_reporting_period_with_the_indicators_own_dates_is_written_once(
    client, registry, assert_valid_iati
):
    thamm = registry["project"]
    period = registry["first_period"]
    period.end = period.indicator.period_end
    period.save()
    document = assert_valid_iati(streamed(client.get(project_url(thamm.slug))))
    periods = indicator_named(document, thamm, "Conseillers formés").findall("period")
    assert [period.find("period-end").get("iso-date") for period in periods] == ["2024-12-31", "2024-12-31"]
    # The reporting period's figures, not the indicator's own (95).
    assert periods[0].find("actual").get("value") == "41"


def test_the_draft_indicators_periods_are_not_exported(client, registry, assert_valid_iati):
    content = streamed(client.get("/api/v1/iati/activities.xml"))
    assert_valid_iati(content)
    assert b"DRAFTPROJECTMARK" not in content
    assert b'<actual value="7"' not in content


def csv_rows(response):
    lines = streamed(response).decode("utf-8").lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(lines)))
    header, data = rows[0], rows[3:]
    return [dict(zip(header, row, strict=True)) for row in data]


def test_the_periods_table_gives_each_period_with_its_indicator(client, registry):
    rows = csv_rows(client.get("/fr/data/indicator_periods.csv"))
    assert [(row["start"], row["end"], row["target"], row["actual"]) for row in rows] == [
        ("2024-01-01", "2024-06-30", "60.00", "41.00"),
        ("2024-07-01", "2024-12-31", "60.00", ""),
    ]
    first = rows[0]
    assert (first["project"], first["indicator_label_fr"], first["comment_ar"]) == (
        "thamm",
        "Conseillers formés",
        "الأسدس الأول",
    )
    assert first["source"] == "https://example.org/rapport-2024.pdf"
    # The indicator column joins the indicators table's id column.
    indicators = csv_rows(client.get("/fr/data/indicators.csv"))
    trained = [row for row in indicators if row["label_fr"] == "Conseillers formés"]
    assert [row["id"] for row in trained] == [first["indicator"]]


def test_the_periods_table_in_json_has_its_dictionary(client, registry):
    data = json.loads(streamed(client.get("/fr/data/indicator_periods.json")))
    names = [field["name"] for field in data["fields"]]
    assert names[:2] == ["project", "indicator"] and "comment_en" in names
    assert all(field["description"] for field in data["fields"])
    assert [row["actual"] for row in data["rows"]] == [41, None]


def test_the_data_page_lists_the_periods_table(client, registry):
    page = client.get("/fr/data/").content.decode()
    assert 'id="dictionary-indicator_periods"' in page
