"""The selection a download covers: the published rows narrowed by the
list's FilterSet, read from the query string."""

from typing import Any

from django.db import models
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def filtered(request, filterset_class, queryset) -> tuple[models.QuerySet | None, Any]:
    """`queryset` narrowed by the query string through `filterset_class`, or
    a 400 response naming the parameters in error (never a 500)."""
    if any("\x00" in key or "\x00" in value for key, values in request.GET.lists() for value in values):
        return None, HttpResponseBadRequest(
            _("The query string contains a NUL character."), content_type="text/plain; charset=utf-8"
        )
    if filterset_class is None:
        return queryset, None
    filterset = filterset_class(request.GET, queryset=queryset)
    if not filterset.is_valid():
        lines = [f"{name}: {message}" for name, messages in filterset.errors.items() for message in messages]
        return None, HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")
    return filterset.qs, None
