"""How many rows a public list has, kept until the registry changes.

Counting the 15,000 activities that mention a common word costs more than
reading the page of them shown. A count depends on the query and on the
records the public can see, so it is kept under the SQL that counts and
the registry's revision (core/models.py), which every change of a public
record moves on: a count kept is always the count. Signed-in users get
every count afresh, as they get every page.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator

from core.response_cache import registry_revision


def kept_count(queryset, request) -> int:
    """`queryset.count()`, from the cache when this request may use it."""
    if settings.FRAGMENT_CACHE_SECONDS <= 0 or request is None or request.user.is_authenticated:
        return queryset.count()
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:  # a list refused (`none()`): nothing to count
        return 0
    digest = hashlib.blake2b(repr((sql, params)).encode(), digest_size=16).hexdigest()
    key = f"count:{registry_revision(request).number}:{digest}"
    count = cache.get(key)
    if count is None:
        count = queryset.count()
        cache.set(key, count, settings.FRAGMENT_CACHE_SECONDS)
    return count


class KeptCountPaginator(Paginator):
    """A paginator whose count is kept (`kept_count`)."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    @property
    def count(self):
        if not hasattr(self, "_count"):
            self._count = kept_count(self.object_list, self.request)
        return self._count
