"""The selection a download covers: the published rows narrowed by the
list's FilterSet, read from the query string."""

from typing import Any

from django.db import models
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


def selection(request, filterset_class, queryset) -> tuple[models.QuerySet | None, dict | None]:
    """`queryset` narrowed by the query string through `filterset_class`, or
    the errors by parameter (never a 500: a NUL character is refused before
    it reaches PostgreSQL)."""
    with_nul = sorted({key for key, values in request.GET.lists() if "\x00" in key + "".join(values)})
    if with_nul:
        return None, {key.replace("\x00", ""): [_("Null characters are not allowed.")] for key in with_nul}
    if filterset_class is None:
        return queryset, None
    filterset = filterset_class(request.GET, queryset=queryset)
    if not filterset.is_valid():
        return None, {
            name: [str(message) for message in messages] for name, messages in filterset.errors.items()
        }
    return filterset.qs, None


def filtered(request, filterset_class, queryset) -> tuple[models.QuerySet | None, Any]:
    """`selection()`, its errors as a plain-text 400 (a download's answer)."""
    queryset, errors = selection(request, filterset_class, queryset)
    if errors is None:
        return queryset, None
    lines = [f"{name}: {message}" for name, messages in errors.items() for message in messages]
    return None, HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")
