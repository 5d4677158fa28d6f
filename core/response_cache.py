"""Whole public responses, kept until the registry changes.

A public page or API answer depends only on its address, its language and
format, the registry's content and today's date (a project is "ongoing"
relative to today). The cache key holds all of them, the content through
the registry's revision (core/models.py): an edit, a publication or
an import moves the revision on, and the next reader gets a fresh render.
A page that shows the records of some apps only (the project list: projects
and organisations) is kept under their revisions instead, and stays kept
through an edit elsewhere (an activity).
Nothing is ever deleted: entries of older revisions are no longer asked for
and expire after `RESPONSE_CACHE_SECONDS`.

Only successful answers are kept, never one marked private or no-store (a
staff preview) nor one that sets a cookie; logged-in users always get a
fresh render. With a per-process cache (`locmem`, the default) each worker
keeps its own copies; `CACHE_URL` names a shared one.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from core.models import AppRevision, RegistryRevision

KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Disposition",
    "Cache-Control",
    "ETag",
    "Last-Modified",
    "Vary",
    "X-Robots-Tag",
    # A CSV page's place in its list (core/rest/views.py).
    "Link",
    "X-Total-Count",
)


def registry_revision(request) -> RegistryRevision:
    """The revision a request reads, looked up once per request, before any
    data: a response is never kept under a newer revision than its data."""
    request = getattr(request, "_request", request)
    if not hasattr(request, "registry_revision"):
        request.registry_revision = RegistryRevision.current()
    return request.registry_revision


def app_revisions(request) -> dict[str, int]:
    """The revision of each app's records, read once per request."""
    request = getattr(request, "_request", request)
    if not hasattr(request, "app_revisions"):
        request.app_revisions = AppRevision.numbers()
    return request.app_revisions


def response_key(request, *variants: str, reads: tuple[str, ...] | None = None) -> str | None:
    """The key of this GET request's response, or None when it must not be
    cached. `variants` are what else the response depends on (language,
    format); `reads`, the apps whose records it shows, if not all of them:
    it is then kept until one of those changes (core.models.AppRevision)."""
    if settings.RESPONSE_CACHE_SECONDS <= 0 or request.method != "GET" or request.user.is_authenticated:
        return None
    if reads is None:
        number = str(registry_revision(request).number)
    else:
        revisions = app_revisions(request)
        number = "-".join(f"{label}{revisions.get(label, 0)}" for label in reads)
    digest = hashlib.sha256("\n".join((request.get_full_path(), *variants)).encode()).hexdigest()
    return f"response:{number}:{timezone.localdate().isoformat()}:{digest}"


def cached_response(key: str | None) -> HttpResponse | None:
    kept = cache.get(key) if key else None
    if kept is None:
        return None
    content, headers = kept
    return HttpResponse(content, headers=headers)


def keep(key: str | None, response) -> None:
    if key is None or response.status_code != 200 or response.streaming or response.cookies:
        return
    cache_control = response.get("Cache-Control", "")
    if "private" in cache_control or "no-store" in cache_control:
        return
    headers = {name: response[name] for name in KEPT_HEADERS if name in response}
    cache.set(key, (response.content, headers), settings.RESPONSE_CACHE_SECONDS)


class CachedPageMixin:
    """A public page that anonymous visitors get from the response cache."""

    # The apps whose records the page shows, when not all of them: an edit
    # elsewhere leaves the kept page kept.
    reads: tuple[str, ...] | None = None

    def dispatch(self, request, *args, **kwargs):
        key = response_key(request, reads=self.reads)
        response = cached_response(key)
        if response is not None:
            return response
        response = super().dispatch(request, *args, **kwargs)
        if key is not None:
            if getattr(response, "is_rendered", True):
                keep(key, response)
            else:
                response.add_post_render_callback(lambda rendered: keep(key, rendered))
        return response
