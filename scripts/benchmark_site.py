"""Settings and URLconf of scripts/benchmark.py, never of the portal itself.

The production settings, plus one bare view that returns N bytes from memory:
the reference each measured page is compared with, served by the same
gunicorn, middleware and settings, so that the ratio shows what our own code
costs. The bare view exists only here, not in the portal's URLs.
"""

from cooperation.settings import *  # noqa: F403

ROOT_URLCONF = "benchmark_site"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
# Plain HTTP on loopback: no redirect to HTTPS, no secure-only cookies.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False

_payloads: dict[int, bytes] = {}


def bare(request, size):
    from django.http import HttpResponse

    if size not in _payloads:
        _payloads[size] = b"x" * size
    return HttpResponse(_payloads[size], content_type="text/html; charset=utf-8")


def __getattr__(name):
    # Django reads the settings before the apps are ready and the URLconf
    # after: the patterns, which import the views, are built on first use.
    if name == "urlpatterns":
        from django.urls import path

        from cooperation.urls import urlpatterns

        return [path("__bare__/<int:size>/", bare), *urlpatterns]
    raise AttributeError(name)
