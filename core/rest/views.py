"""The base classes of every API endpoint.

They put together what each response needs: the language (`?lang=` or
Accept-Language, with Content-Language and Vary in the answer), refusing bad
parameters with a named error, rate limits, JSON / browsable / CSV
renderers, the conditional headers, and for model lists the shared
FilterSet, a stable order and bounded pagination.
"""

import re

from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import viewsets
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import get_object_or_404
from rest_framework.renderers import BrowsableAPIRenderer, JSONRenderer
from rest_framework.response import Response

from core.response_cache import cached_response, keep, response_key
from core.rest.conditional import conditional_response, tag
from core.rest.errors import FormatNegotiation, check_query_parameters
from core.rest.languages import (
    activated_language,
    check_language,
    content_language,
    requested_language,
)
from core.rest.pagination import RegistryPagination
from core.rest.renderers import CSVRenderer
from core.rest.rows import KeptRows
from core.rest.throttling import AnonymousRateThrottle, PartnerRateThrottle

SAFE_METHODS = ("GET", "HEAD")
# Parameters every answer of a model resource takes, and those of its lists
# besides their FilterSet's.
COMMON_PARAMETERS = frozenset({"format", "lang"})
PAGING_PARAMETERS = frozenset({"page", "page_size", "pagination", "cursor"})
# `?expand=details`: list rows as complete as the detail, for mirrors.
EXPAND_PARAM = "expand"
EXPAND_DETAILS = "details"


class RegistryAPIMixin:
    """Language, parameter checks, throttles, renderers and conditional GET
    for any API view; successful answers in JSON or CSV are kept in the
    response cache (core/response_cache.py), looked up after the
    throttles."""

    renderer_classes = [JSONRenderer, BrowsableAPIRenderer, CSVRenderer]
    throttle_classes = [AnonymousRateThrottle, PartnerRateThrottle]
    content_negotiation_class = FormatNegotiation
    # Actions whose rows make a table; the others (a detail) are JSON only.
    csv_actions: tuple[str, ...] = ("list",)

    def dispatch(self, request, *args, **kwargs):
        self.language = requested_language(request)
        # Rendering happens inside (see finalize_response), so labels and
        # messages are in the response language, and the thread's language
        # is restored afterwards.
        with translation.override(activated_language(self.language, request)):
            return super().dispatch(request, *args, **kwargs)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_query_parameters(request)
        check_language(self.language)

    def cached_or(self, handler, request, *args, **kwargs):
        """The kept answer to this request, or the handler's (kept then)."""
        if not isinstance(request.accepted_renderer, BrowsableAPIRenderer):
            # The browsable page shows the user and forms: never shared.
            self.cache_key = response_key(request, self.language or "", request.accepted_media_type)
        cached = cached_response(getattr(self, "cache_key", None))
        if cached is not None:
            return cached
        return handler(request, *args, **kwargs)

    def get_renderers(self):
        renderers = super().get_renderers()
        if getattr(self, "action", None) in self.csv_actions:
            return renderers
        return [renderer for renderer in renderers if not isinstance(renderer, CSVRenderer)]

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "language": self.language}

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if isinstance(getattr(response, "accepted_renderer", None), CSVRenderer):
            self.shape_csv(response)
        language = self.language or activated_language(None)
        response["Content-Language"] = content_language(language)
        patch_vary_headers(response, ("Accept", "Accept-Language"))
        if request.method not in SAFE_METHODS or response.status_code != 200:
            return response
        if isinstance(response, Response):
            response.render()
            # Clients revalidate with the validators rather than guess how
            # long a record stays current.
            patch_cache_control(response, no_cache=True)
            tag(request._request, response, language=language)
            keep(getattr(self, "cache_key", None), response)
        if "ETag" not in response:
            return response
        return conditional_response(request._request, response)

    @staticmethod
    def shape_csv(response) -> None:
        """An error is never a table: it stays JSON. A page of a longer list
        says so in its headers, as a table has no room for `count` and
        `next`: `X-Total-Count`, and `Link` to the next and previous pages."""
        if response.status_code >= 400:
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
            return
        data = response.data if isinstance(response.data, dict) else {}
        if data.get("count") is not None:
            response["X-Total-Count"] = str(data["count"])
        links = [
            f'<{data[relation]}>; rel="{relation}"' for relation in ("next", "previous") if data.get(relation)
        ]
        if links:
            response["Link"] = ", ".join(links)


class RegistryViewSet(RegistryAPIMixin, viewsets.ReadOnlyModelViewSet):
    """A read-only model resource: `list_serializer_class` for lists (kept
    light), `serializer_class` for a detail, the app's FilterSet."""

    filter_backends = [DjangoFilterBackend]
    pagination_class = RegistryPagination
    # The order of cursor pages: unique together, never changed by a filter.
    cursor_keys: tuple[str, ...] = ("updated_at", "pk")
    list_serializer_class = None
    # Any key reaches the view, which answers a JSON 404 unless the key has
    # the documented form `lookup_pattern` (the site's own 404 page is HTML,
    # and a NUL or an over-long number must not reach the database).
    lookup_value_regex = "[^/.]+"
    lookup_pattern = "[0-9]{1,18}"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A misspelt filter (`statuss=closed`) must not pass for no filter.
        unknown = sorted(set(request.query_params) - self.known_parameters())
        if unknown:
            known = ", ".join(sorted(self.known_parameters()))
            message = _("Unknown parameter. This address takes: %(known)s.") % {"known": known}
            raise ValidationError({name: [message] for name in unknown})

    unfiltered_parameters = COMMON_PARAMETERS | PAGING_PARAMETERS | {EXPAND_PARAM}

    def known_parameters(self) -> frozenset[str]:
        if self.action != "list":
            return COMMON_PARAMETERS
        filterset_class = getattr(self, "filterset_class", None)
        filters = filterset_class.base_filters if filterset_class else {}
        return self.unfiltered_parameters | frozenset(filters)

    @property
    def detailed(self) -> bool:
        """Whether the records go out whole: a detail, or `?expand=details`."""
        if self.action != "list":
            return True
        value = self.request.query_params.get(EXPAND_PARAM, "")
        if value not in ("", EXPAND_DETAILS):
            message = _("Only %(value)s is known here.") % {"value": EXPAND_DETAILS}
            raise ValidationError({EXPAND_PARAM: [message]})
        return value == EXPAND_DETAILS

    def list(self, request, *args, **kwargs):
        return self.cached_or(self.page_of_rows, request, *args, **kwargs)

    def page_of_rows(self, request, *args, **kwargs):
        """DRF's list, with the rows kept under the change feed's stamps."""
        rows = self.kept_rows(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(rows.rows(self.paginate_queryset(rows.keys())))

    def retrieve(self, request, *args, **kwargs):
        return self.cached_or(self.kept_detail, request, *args, **kwargs)

    def kept_detail(self, request, *args, **kwargs):
        """DRF's retrieve, with the record kept as the list's rows are."""
        rows = self.kept_rows(self.get_queryset())
        found = rows.rows([self.get_object(rows.keys())])
        if not found:
            raise NotFound()
        return Response(found[0])

    def kept_rows(self, queryset) -> KeptRows:
        return KeptRows(
            self.get_serializer_class(),
            self.get_serializer_context(),
            f"{self.language}:{translation.get_language()}",
            queryset,
            cursor_keys=self.cursor_keys,
        )

    def get_serializer_class(self):
        if not self.detailed and self.list_serializer_class is not None:
            return self.list_serializer_class
        return self.serializer_class

    def get_object(self, queryset=None):
        """The record the address names in `queryset` (by default the
        view's; in a detail, its keys only: see `kept_rows()`)."""
        key = self.kwargs[self.lookup_url_kwarg or self.lookup_field]
        if not re.fullmatch(self.lookup_pattern, key):
            raise NotFound()
        queryset = self.get_queryset() if queryset is None else queryset
        record = get_object_or_404(queryset, **{self.lookup_field: key})
        self.check_object_permissions(self.request, record)
        return record

    def filter_queryset(self, queryset):
        # A detail is found by its key alone: list filters do not apply.
        if self.action != "list":
            return queryset
        # Without a filter parameter the FilterSet would filter nothing.
        if set(self.request.query_params) - self.unfiltered_parameters:
            queryset = super().filter_queryset(queryset)
        # Whatever the requested order, end with the primary key so that
        # pages never overlap nor skip a row.
        ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
        if not {"pk", "-pk", queryset.model._meta.pk.name} & set(ordering):
            ordering.append("pk")
        return queryset.order_by(*ordering)
