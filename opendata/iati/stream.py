"""An `iati-activities` file written one activity at a time.

Projects are read in chunks as plain rows (`rows.activity_rows`) and each
activity is sent as soon as it is written, so memory does not grow with the
size of the registry (the peers' trackers show what building the whole file
in memory costs). The whole registry, a filtered selection and one project
take the same path.
"""

import datetime
import logging
from collections.abc import Iterator

from django.utils import timezone, translation

from opendata.iati.activity import (
    DEFAULT_LANGUAGE,
    MISSING,
    ActivityWriter,
    iati_identifier,
    missing_essentials,
    xml_text,
)
from opendata.iati.rows import activity_rows

IATI_VERSION = "2.03"

logger = logging.getLogger(__name__)


class NothingToExport(Exception):
    """No project of the selection can make a valid activity (the schema
    wants at least one per file). `left_out` holds (project, reasons) pairs."""

    def __init__(self, left_out):
        super().__init__("No project to export")
        self.left_out = left_out


def reasons_text(keys: list[str]) -> str:
    return "; ".join(str(MISSING[key]) for key in keys)


def left_out_comment(project, keys: list[str]) -> str:
    with translation.override("en"):
        reasons = reasons_text(keys)
    text = xml_text(f" Left out: {iati_identifier(project)} ({project.slug}): {reasons} ")
    # "--" may not appear inside an XML comment.
    return f"<!--{text.replace('--', '- -')}-->\n"


def activities_xml(queryset, *, base_url: str) -> Iterator[bytes]:
    """The `iati-activities` file of `queryset` (published projects), in pieces.

    Nothing is yielded before the first exportable project has been written:
    if there is none, `NothingToExport` is raised on the first `next()`, while
    the caller can still answer with an error instead of an invalid file.

    Links to project pages are in the activities' default language, whatever
    the request's. The language stays active across the yields: the file is
    written in the thread that sends it (WSGI iterates it there; ASGI reads a
    synchronous stream in one go), and one override per file costs far less
    than one per project.
    """
    with translation.override(DEFAULT_LANGUAGE):
        yield from _activities_xml(queryset, base_url=base_url)


def _activities_xml(queryset, *, base_url: str) -> Iterator[bytes]:
    writer = ActivityWriter(base_url=base_url, today=timezone.localdate())
    generated = timezone.now().astimezone(datetime.UTC).replace(microsecond=0).isoformat()
    pending = [
        "<?xml version='1.0' encoding='utf-8'?>\n",
        f'<iati-activities version="{IATI_VERSION}" generated-datetime="{generated}">\n',
    ]
    left_out = []
    written = 0
    for rows in activity_rows(queryset):
        project = rows.project
        missing = missing_essentials(project, rows.participations)
        if missing:
            if not written:
                left_out.append((project, missing))
            logger.info("IATI export leaves out %s: %s", project.slug, ", ".join(missing))
            pending.append(left_out_comment(project, missing))
            continue
        pending.append(writer.activity(rows))
        written += 1
        yield "".join(pending).encode()
        pending.clear()
    if not written:
        raise NothingToExport(left_out)
    pending.append("</iati-activities>")
    yield "".join(pending).encode()
