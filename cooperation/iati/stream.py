"""An `iati-activities` file written one activity at a time.

lxml's incremental writer (`etree.xmlfile`) writes into a small buffer that
is emptied after each activity, and projects are read in chunks with their
prefetches, so memory does not grow with the size of the registry (the
peers' trackers show what building the whole file in memory costs).
"""

import datetime
import io
import logging
from collections.abc import Iterator

from django.utils import timezone, translation
from lxml import etree

from cooperation.exports.resources import release
from cooperation.iati.activity import (
    DEFAULT_LANGUAGE,
    MISSING,
    ActivityWriter,
    for_iati,
    iati_identifier,
    missing_essentials,
)

IATI_VERSION = "2.03"
CHUNK_SIZE = 200

logger = logging.getLogger(__name__)


class NothingToExport(Exception):
    """No project of the selection can make a valid activity (the schema
    wants at least one per file). `left_out` holds (project, reasons) pairs."""

    def __init__(self, left_out):
        super().__init__("No project to export")
        self.left_out = left_out


def reasons_text(keys: list[str]) -> str:
    return "; ".join(str(MISSING[key]) for key in keys)


def left_out_comment(project, keys: list[str]) -> etree._Comment:
    with translation.override("en"):
        reasons = reasons_text(keys)
    # "--" may not appear inside an XML comment.
    text = f" Left out: {iati_identifier(project)} ({project.slug}): {reasons} ".replace("--", "- -")
    return etree.Comment(text)


def _drain(buffer: io.BytesIO) -> bytes:
    data = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return data


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
    buffer = io.BytesIO()
    left_out = []
    written = 0
    with etree.xmlfile(buffer, encoding="utf-8") as xf:
        xf.write_declaration()
        with xf.element("iati-activities", {"version": IATI_VERSION, "generated-datetime": generated}):
            xf.write("\n")
            for project in for_iati(queryset).iterator(chunk_size=CHUNK_SIZE):
                missing = missing_essentials(project)
                if missing:
                    left_out.append((project, missing))
                    logger.info("IATI export leaves out %s: %s", project.slug, ", ".join(missing))
                    xf.write(left_out_comment(project, missing), "\n")
                    continue
                xf.write(writer.element(project), pretty_print=True)
                release(project)
                written += 1
                xf.flush()
                yield _drain(buffer)
            if not written:
                raise NothingToExport(left_out)
    yield _drain(buffer)
