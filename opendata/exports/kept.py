"""Whole-registry downloads written once per revision of the registry.

Writing the IATI file or the CSV of 10,000 projects keeps a core busy for
several seconds, and partner systems fetch them far more often than the
registry changes. The first request after a change streams the file as
usual and writes a copy under `MEDIA_ROOT/downloads/`, named after what it
holds, the registry's revision (core/models.py), the day (activity
statuses depend on it) and the site address (links in the file); later
requests are served that copy. A copy only takes its name once complete, so
no reader ever gets half a file; a client that leaves early leaves no copy
behind. `RESPONSE_CACHE_SECONDS = 0` turns it off with the response cache.
"""

import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from core.response_cache import registry_revision


def keeping(request) -> bool:
    """Whether this request asks for a whole download that may be kept."""
    return not request.GET and settings.RESPONSE_CACHE_SECONDS > 0


def kept_copy(request, name: str, suffix: str) -> Path:
    """Where the copy of download `name` is kept for this request's revision."""
    revision = registry_revision(request).number
    site = hashlib.sha256(request.build_absolute_uri("/").encode()).hexdigest()[:12]
    folder = Path(settings.MEDIA_ROOT) / "downloads"
    return folder / f"{name}--{revision}-{timezone.localdate().isoformat()}-{site}{suffix}"


def written_through(pieces: Iterator[bytes | str], path: Path) -> Iterator[bytes | str]:
    """`pieces`, passed on while copied to `path`; older copies of the same
    download are removed once the new one is in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}.part")
    try:
        with partial.open("wb") as copy:
            for piece in pieces:
                copy.write(piece.encode() if isinstance(piece, str) else piece)
                yield piece
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    name = path.name.split("--")[0]
    for older in path.parent.glob(f"{name}--*"):
        if older != path and not older.name.endswith(".part"):
            older.unlink(missing_ok=True)
