"""Request rates: anonymous readers per IP address, partner systems (token
holders) per account at a higher rate; past it, 429 with Retry-After.

The rates are `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` ("anon", "user"),
read at each request rather than when DRF is imported, so that a test can
lower them with `override_settings`. Counts live in the default cache: use a
shared one (CACHE_URL) in production so that every worker counts together.
"""

import functools
import math

from django.utils.translation import gettext_lazy as _
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from core.rest.errors import json_error


class AnonymousRateThrottle(AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class PartnerRateThrottle(UserRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


def throttled(view):
    """The API's rates for a view outside DRF (the IATI files under /api/):
    past them, a JSON 429 with Retry-After, before any work is done."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        for throttle in (AnonymousRateThrottle(), PartnerRateThrottle()):
            if not throttle.allow_request(request, None):
                wait = math.ceil(throttle.wait() or 1)
                message = _("Too many requests: try again in %(seconds)d seconds.") % {"seconds": wait}
                response = json_error(request, 429, {"detail": message})
                response["Retry-After"] = str(wait)
                return response
        return view(request, *args, **kwargs)

    return wrapped
