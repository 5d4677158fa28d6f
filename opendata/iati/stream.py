"""An `iati-activities` file written one activity at a time.

Projects are read in chunks as plain rows (`rows.chunk_rows`) and each
activity is sent as soon as it is written, so memory does not grow with the
size of the registry (the peers' trackers show what building the whole file
in memory costs). The whole registry, a filtered selection and one project
take the same path.

A written activity is kept in the cache under its project's stamp in the
IATI feed (opendata/feeds.py), which moves whenever anything the activity
shows changes, and under the day (an activity's status follows it), the
site address and the writer's code: the next file reads only the projects
whose activity is not kept.
"""

import datetime
import logging
import zlib
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from core.feed import stamps
from core.fragments import code_release
from opendata.feeds import IATI_ACTIVITIES
from opendata.iati import activity as activity_module
from opendata.iati import rows as rows_module
from opendata.iati.activity import (
    DEFAULT_LANGUAGE,
    MISSING,
    ActivityWriter,
    iati_identifier,
    missing_essentials,
    xml_text,
)
from opendata.iati.rows import chunk_rows, programme_links

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
    for project, missing, activity in activities(queryset, writer):
        if missing:
            if not written:
                left_out.append((project, missing))
            logger.info("IATI export leaves out %s: %s", project.slug, ", ".join(missing))
            pending.append(left_out_comment(project, missing))
            continue
        pending.append(activity)
        written += 1
        yield "".join(pending).encode()
        pending.clear()
    if not written:
        raise NothingToExport(left_out)
    pending.append("</iati-activities>")
    yield "".join(pending).encode()


def activities(queryset, writer: ActivityWriter) -> Iterator[tuple[Any, list[str], str | None]]:
    """(project, what it misses, its activity) of each project of `queryset`
    in `iati_key` order; an activity kept in the cache comes without its
    project (None), which was not read."""
    stamped = stamped_ids(queryset)
    keeping = settings.FRAGMENT_CACHE_SECONDS > 0
    prefix = ":".join(
        (
            "iati",
            code_release(activity_module, rows_module),
            settings.IATI_REPORTING_ORG_REF,
            writer.base_url,
            writer.today.isoformat(),
        )
    )
    relations = None  # programme links, read once if any activity is written
    size = rows_module.CHUNK_SIZE
    for start in range(0, len(stamped), size):
        chunk = stamped[start : start + size]
        keys = {pk: f"{prefix}:{pk}:{stamp.timestamp()}" for pk, stamp in chunk if keeping and stamp}
        kept = cache.get_many(list(keys.values())) if keys else {}
        unkept = [pk for pk, _stamp in chunk if keys.get(pk) not in kept]
        if unkept and relations is None:
            relations = programme_links()
        loaded = {rows.project.pk: rows for rows in chunk_rows(unkept, relations)} if unkept else {}
        made = {}
        for pk, _stamp in chunk:
            if keys.get(pk) in kept:
                yield None, [], zlib.decompress(kept[keys[pk]]).decode()
            elif pk in loaded:  # else unpublished since its key was read
                rows = loaded[pk]
                missing = missing_essentials(rows.project, rows.participations)
                activity = None if missing else writer.activity(rows)
                if activity is not None and pk in keys:
                    # Compressed: the XML of a large registry takes a tenth
                    # of the room (a per-process cache keeps a copy a worker).
                    made[keys[pk]] = zlib.compress(activity.encode(), 1)
                yield rows.project, missing, activity
        if made:
            cache.set_many(made, settings.FRAGMENT_CACHE_SECONDS)


def stamped_ids(queryset) -> list[tuple[int, datetime.datetime | None]]:
    """The projects of `queryset` in `iati_key` order, each with its stamp
    in the IATI feed (None when not stamped yet)."""
    ids = list(queryset.rewrite(False).order_by("iati_key").values_list("pk", flat=True))
    stamped = stamps(IATI_ACTIVITIES, queryset)
    return [(pk, stamped.get(pk)) for pk in ids]
