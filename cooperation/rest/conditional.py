"""Conditional requests: ETag and Last-Modified on every successful GET, and
304 Not Modified for If-None-Match / If-Modified-Since.

The ETag hashes the response language, the full path with its query string,
the media type and the body: a French client never gets a 304 for an Arabic
body, nor page 2 for page 1. It is exact, so prefer it. Last-Modified is the
time of the latest change recorded in the history of the models a resource
shows (an edit, a withdrawal or a deletion, published or not): a coarser
validator, to the second, that never claims "not modified" after a change it
can see.
"""

import hashlib

from django.db.models import Max, Value
from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import http_date


def latest_change(models) -> int | None:
    """The time (whole seconds since the epoch, as HTTP dates go) of the latest historical record of any of
    `models`, in one query."""
    latest = [
        model.history.model.objects.order_by()
        .annotate(one=Value(1))
        .values("one")
        .annotate(latest=Max("history_date"))
        .values_list("latest", flat=True)
        for model in models
    ]
    if not latest:
        return None
    times = [moment for moment in latest[0].union(*latest[1:], all=True) if moment is not None]
    return int(max(times).timestamp()) if times else None


def entity_tag(language: str, request, media_type: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (language, request.get_full_path(), media_type):
        digest.update(part.encode())
        digest.update(b"\n")
    digest.update(body)
    return quote_etag(digest.hexdigest()[:40])


def conditional_response(request, response, *, language: str, models):
    """Tag a rendered 200 response, and answer 304 when the client's copy is
    current. `request` is Django's request."""
    etag = entity_tag(language, request, response.get("Content-Type", ""), response.content)
    modified = latest_change(models)
    response["ETag"] = etag
    if modified is not None:
        response["Last-Modified"] = http_date(modified)
    return get_conditional_response(request, etag=etag, last_modified=modified, response=response)
