"""Bounded, stable pagination: numbered pages by default, a keyset cursor for
a full sync.

- `?page=N&page_size=M`: M is 25 by default and at most 100; a larger, zero
  or non-numeric `page_size` is refused with 400 (never silently clamped, so
  a partner never mistakes a short page for the end). A page that does not
  exist (`0`, `abc`, past the last) is a 404 naming `page`.
- `?pagination=cursor`: pages in the order of the last update, then the
  primary key, without COUNT or OFFSET; follow `next` until it is null. A
  record changed during the walk moves to the end and is met again, which
  is what a sync wants. The cursor is signed with the site's key: one that
  was not handed out by this list (tampered, crafted, or from a list ordered
  by other keys) is a 400 naming `cursor`, never a query.
"""

import functools

from django.core import signing
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from core.counts import KeptCountPaginator

DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100
PAGE_SIZE_PARAM = "page_size"
MODE_PARAM = "pagination"
CURSOR_PARAM = "cursor"
PAGE_MODE, CURSOR_MODE = "page", "cursor"


def requested_page_size(request) -> int:
    raw = request.query_params.get(PAGE_SIZE_PARAM, "")
    if raw == "":
        return DEFAULT_PAGE_SIZE
    try:
        size = int(raw)
    except ValueError:
        raise ValidationError({PAGE_SIZE_PARAM: [_("A whole number is required.")]}) from None
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise ValidationError(
            {PAGE_SIZE_PARAM: [_("Give a page size from 1 to %(max)d.") % {"max": MAX_PAGE_SIZE}]}
        )
    return size


def page_size_parameter() -> dict:
    return {
        "name": PAGE_SIZE_PARAM,
        "required": False,
        "in": "query",
        "description": _("Results per page: %(default)d by default, at most %(max)d (more is refused).")
        % {"default": DEFAULT_PAGE_SIZE, "max": MAX_PAGE_SIZE},
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    }


class PageNumbers(PageNumberPagination):
    """Numbered pages whose errors name the parameter at fault."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = PAGE_SIZE_PARAM
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return requested_page_size(request)

    def paginate_queryset(self, queryset, request, view=None):
        # The count kept until the registry changes (core/counts.py).
        self.django_paginator_class = functools.partial(KeptCountPaginator, request=request)
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound as error:
            raise NotFound({self.page_query_param: [error.detail]}) from error

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": _("Page number, from 1. A page past the last one is a 404."),
                "schema": {"type": "integer", "minimum": 1},
            },
            page_size_parameter(),
        ]


class KeysetCursor:
    """Forward-only pages in the order of `keys` (unique together), e.g.
    ("updated_at", "pk"): the cursor holds the keys of the last row sent."""

    display_page_controls = False

    def __init__(self, keys: tuple[str, ...]):
        self.keys = keys

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        size = requested_page_size(request)
        queryset = queryset.order_by(*self.keys)
        position = self.decode(request, queryset.model)
        if position is not None:
            queryset = queryset.filter(self.after(position))
        rows = list(queryset[: size + 1])
        self.page = rows[:size]
        self.next_position = self.position_of(self.page[-1]) if len(rows) > size else None
        return self.page

    def after(self, position) -> models.Q:
        """Rows that come after `position` in the order of the keys."""
        condition = models.Q()
        for index, key in enumerate(self.keys):
            same_before = dict(zip(self.keys[:index], position, strict=False))
            condition |= models.Q(**same_before, **{f"{key}__gt": position[index]})
        return condition

    def position_of(self, row) -> list:
        # A row is a record, or the dictionary of its keys (core/rest/rows.py).
        if isinstance(row, dict):
            return [row[key] for key in self.keys]
        return [getattr(row, key) for key in self.keys]

    @property
    def salt(self) -> str:
        return "cursor:" + ",".join(self.keys)

    def decode(self, request, model):
        encoded = request.query_params.get(CURSOR_PARAM)
        if not encoded:
            return None
        try:
            values = signing.loads(encoded, salt=self.salt)
            fields = [model._meta.pk if key == "pk" else model._meta.get_field(key) for key in self.keys]
            return [field.to_python(value) for field, value in zip(fields, values, strict=True)]
        except (signing.BadSignature, ValueError, TypeError, DjangoValidationError):
            raise ValidationError({CURSOR_PARAM: [_("Invalid cursor: start again without one.")]}) from None

    def encode(self, position) -> str:
        values = [value.isoformat() if hasattr(value, "isoformat") else value for value in position]
        return signing.dumps(values, salt=self.salt)

    def get_next_link(self):
        if self.next_position is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, CURSOR_PARAM, self.encode(self.next_position))

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "previous": None, "results": data})


class RegistryPagination(BasePagination):
    """Numbered pages, or the keyset cursor with `?pagination=cursor`, whose
    keys are the view's `cursor_keys`."""

    def __init__(self):
        self.delegate = None

    def paginate_queryset(self, queryset, request, view=None):
        mode = request.query_params.get(MODE_PARAM) or PAGE_MODE
        if mode == CURSOR_MODE:
            self.delegate = KeysetCursor(getattr(view, "cursor_keys", ("pk",)))
        elif mode == PAGE_MODE:
            self.delegate = PageNumbers()
        else:
            raise ValidationError({MODE_PARAM: [_('Choose "page" or "cursor".')]})
        return self.delegate.paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        return self.delegate.get_paginated_response(data)

    @property
    def display_page_controls(self):
        return bool(self.delegate and self.delegate.display_page_controls)

    def to_html(self):
        return self.delegate.to_html()

    def get_results(self, data):
        return data["results"]

    def get_paginated_response_schema(self, schema):
        link = {"type": "string", "nullable": True, "format": "uri"}
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "count": {
                    "type": "integer",
                    "description": _("Number of results over every page (numbered pages only)."),
                    "example": 123,
                },
                "next": {**link, "description": _("The next page, or null on the last one.")},
                "previous": {
                    **link,
                    "description": _("The previous page (numbered pages only; always null for a cursor)."),
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            *PageNumbers().get_schema_operation_parameters(view),
            {
                "name": MODE_PARAM,
                "required": False,
                "in": "query",
                "description": _(
                    "page (default): numbered pages with a count. cursor: pages in the order of the "
                    "last update then the identifier, for a full or incremental sync; follow next "
                    "until it is null. The ordering parameter does not apply to cursor pages."
                ),
                "schema": {"type": "string", "enum": [PAGE_MODE, CURSOR_MODE], "default": PAGE_MODE},
            },
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": _("Opaque position taken from the next link of a cursor page."),
                "schema": {"type": "string"},
            },
        ]
