"""The selection a download covers: the published rows narrowed by the
list's FilterSet, read from the query string."""

import hashlib
import json
from typing import Any

from django.db import models
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

from core.text import with_nul


def selection(request, filterset_class, queryset) -> tuple[models.QuerySet | None, dict | None, str]:
    """`queryset` narrowed by the query string through `filterset_class`, or
    the errors by parameter (never a 500: a NUL character is refused before
    it reaches PostgreSQL), and the selection's key (`selection_key()`)."""
    refused = with_nul(request.GET)
    if refused:
        return None, {name: [_("Null characters are not allowed.")] for name in refused}, ""
    if filterset_class is None:
        return queryset, None, ""
    filterset = filterset_class(request.GET, queryset=queryset)
    if not filterset.is_valid():
        errors = {name: [str(message) for message in messages] for name, messages in filterset.errors.items()}
        return None, errors, ""
    return filterset.qs, None, selection_key(filterset.form.cleaned_data)


def selection_key(cleaned: dict) -> str:
    """The filters that narrow a selection as one short key, the same for
    every query string that selects the same rows (parameters in any order,
    repeated values, unknown parameters, empty filters); "" for no filter."""
    parts = []
    for name in sorted(cleaned):
        value = cleaned[name]
        if isinstance(value, models.QuerySet):
            value = sorted(str(item.pk) for item in value)
        elif isinstance(value, list | tuple | set):
            # The order of an ordering matters; that of other choices does not.
            value = (
                [str(item) for item in value] if name == "ordering" else sorted({str(item) for item in value})
            )
        elif value is not None:
            value = str(value)
        if value not in (None, "", []):
            parts.append([name, value])
    if not parts:
        return ""
    return hashlib.sha256(json.dumps(parts).encode()).hexdigest()[:16]


def filtered(request, filterset_class, queryset) -> tuple[models.QuerySet | None, Any]:
    """`selection()`, its errors as a plain-text 400 (a download's answer)."""
    queryset, errors, _key = selection(request, filterset_class, queryset)
    if errors is None:
        return queryset, None
    lines = [f"{name}: {message}" for name, messages in errors.items() for message in messages]
    return None, HttpResponseBadRequest("\n".join(lines), content_type="text/plain; charset=utf-8")
