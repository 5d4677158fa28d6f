"""Log records as JSON lines: one object per record, for a log collector.

`settings.LOGGING` uses it for the application's logs (LOG_FORMAT=json, the
production default) and gunicorn.conf.py for gunicorn's error log. Extra
attributes of a record (`logger.info("...", extra={...})`, Django's
`status_code`, `request`) become keys of the object.
"""

import datetime
import json
import logging

# Attributes every LogRecord has; anything else was passed as `extra`.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonLinesFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "process": record.process,
        }
        for key, value in vars(record).items():
            if key not in STANDARD_ATTRIBUTES and not key.startswith("_"):
                entry[key] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        # default=str: Django passes the request object itself as an extra.
        return json.dumps(entry, ensure_ascii=False, default=str)
