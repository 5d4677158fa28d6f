"""Conditional requests: ETag and Last-Modified on every successful GET, and
304 Not Modified for If-None-Match / If-Modified-Since.

The ETag hashes the response language, the full path with its query string,
the media type and the body: a French client never gets a 304 for an Arabic
body, nor page 2 for page 1. It is exact, so prefer it. Last-Modified is the
time of the registry's latest change (core/models.py: any edit,
publication, withdrawal or deletion): a coarser validator, to the second,
that never claims "not modified" after a change.
"""

import hashlib

from django.utils.cache import get_conditional_response, quote_etag
from django.utils.http import http_date, parse_http_date_safe

from core.response_cache import registry_revision


def entity_tag(language: str, request, media_type: str, body: bytes) -> str:
    digest = hashlib.sha256()
    for part in (language, request.get_full_path(), media_type):
        digest.update(part.encode())
        digest.update(b"\n")
    digest.update(body)
    return quote_etag(digest.hexdigest()[:40])


def tag(request, response, *, language: str) -> None:
    """Set the validators of a rendered 200 response."""
    response["ETag"] = entity_tag(language, request, response.get("Content-Type", ""), response.content)
    response["Last-Modified"] = http_date(registry_revision(request).changed_at.timestamp())


def conditional_response(request, response):
    """304 when the client's copy of a tagged response is current. `request`
    is Django's request."""
    return get_conditional_response(
        request,
        etag=response["ETag"],
        last_modified=parse_http_date_safe(response["Last-Modified"]),
        response=response,
    )
