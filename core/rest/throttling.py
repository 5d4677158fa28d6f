"""Request rates: anonymous readers per IP address, partner systems (token
holders) per account at a higher rate; past it, 429 with Retry-After.

The rates are `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` ("anon", "user"),
read at each request rather than when DRF is imported, so that a test can
lower them with `override_settings`. Counts live in the default cache: use a
shared one (CACHE_URL) in production so that every worker counts together.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class AnonymousRateThrottle(AnonRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class PartnerRateThrottle(UserRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
