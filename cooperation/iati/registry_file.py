"""The whole registry's IATI file, written once per revision of the registry.

Writing the file of 10,000 projects keeps a core busy for several seconds,
and partner systems fetch it far more often than the registry changes. The
first request after a change streams the file as usual and writes a copy
under `MEDIA_ROOT/iati/`, named after the registry's revision (see
cooperation/models.py), the day (activity statuses depend on it) and the
site address (links in the file); later requests are served that copy. A
copy only takes its name once complete, so no reader ever gets half a file;
a client that leaves early leaves no copy behind. `RESPONSE_CACHE_SECONDS = 0`
turns it off with the response cache.
"""

import hashlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from cooperation.response_cache import registry_revision

PREFIX = "activities-"


def directory() -> Path:
    return Path(settings.MEDIA_ROOT) / "iati"


def kept_copy(request, base_url: str) -> Path:
    """Where the file for this request's registry revision is kept."""
    revision = registry_revision(request).number
    site = hashlib.sha256(base_url.encode()).hexdigest()[:12]
    return directory() / f"{PREFIX}{revision}-{timezone.localdate().isoformat()}-{site}.xml"


def written_through(chunks: Iterator[bytes], path: Path) -> Iterator[bytes]:
    """`chunks`, passed on while copied to `path`; older copies are removed
    once the new one is in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{uuid.uuid4().hex}.part")
    try:
        with partial.open("wb") as copy:
            for chunk in chunks:
                copy.write(chunk)
                yield chunk
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)
    for older in path.parent.glob(f"{PREFIX}*.xml"):
        if older != path:
            older.unlink(missing_ok=True)
