"""Structured logs: one JSON object per line, extras as keys."""

import json
import logging
import sys

from core.logs import JsonLinesFormatter


def record(message, *args, **attributes):
    return logging.makeLogRecord(
        {
            "name": "cooperation.test",
            "levelno": logging.WARNING,
            "levelname": "WARNING",
            "msg": message,
            "args": args,
            **attributes,
        }
    )


def test_a_record_is_one_json_line_with_its_extras():
    line = JsonLinesFormatter().format(record("Projet %s publié", "AMEM", status_code=200, path="/fr/"))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "Projet AMEM publié"
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "cooperation.test"
    assert entry["status_code"] == 200
    assert entry["path"] == "/fr/"
    assert entry["time"].endswith("+00:00")


def test_arabic_text_and_exceptions_stay_readable_on_one_line():
    try:
        raise ValueError("قيمة غير صالحة")
    except ValueError:
        line = JsonLinesFormatter().format(record("خطأ", exc_info=sys.exc_info()))
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "خطأ"
    assert "ValueError: قيمة غير صالحة" in entry["exception"]
