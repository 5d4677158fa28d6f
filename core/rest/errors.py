"""Bad parameters become a 400 or 404 whose JSON body names the parameter,
before they can reach the database (PostgreSQL refuses NUL characters with a
500) or DRF's anonymous "Not found."."""

import functools

from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings

from core.rest.languages import activated_language, requested_language
from core.text import with_nul


def check_query_parameters(request) -> None:
    """Refuse NUL characters in any query parameter's value."""
    names = with_nul(request.query_params)
    if names:
        raise ValidationError({name: [_("Null characters are not allowed.")] for name in names})


class FormatNegotiation(DefaultContentNegotiation):
    """DRF's negotiation, with an unknown `?format=` (or `.suffix`) named."""

    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            formats = ", ".join(renderer.format for renderer in renderers)
            raise NotFound(
                {
                    api_settings.URL_FORMAT_OVERRIDE: [
                        _("Unknown format. Choose one of: %(formats)s.") % {"formats": formats}
                    ]
                }
            )
        return matching


def json_error(request, status: int, errors: dict) -> JsonResponse:
    """An error of a view under /api/ that is not a DRF view (the IATI files,
    an unknown address): JSON like every other API answer, in the language
    asked for (`?lang=` or Accept-Language)."""
    with translation.override(activated_language(requested_language(request), request)):
        body = {
            name: [str(message) for message in messages] if isinstance(messages, list) else str(messages)
            for name, messages in errors.items()
        }
    response = JsonResponse(body, status=status, json_dumps_params={"ensure_ascii": False})
    response["Vary"] = "Accept-Language"
    return response


def api_not_found(request, path=""):
    return json_error(request, 404, {"detail": _("Not found.")})


def read_only(view):
    """A file under /api/ answers GET and HEAD; any other method is a JSON
    405 (not the CSRF page a POST would otherwise meet: nothing is written)."""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = json_error(
                request, 405, {"detail": _('Method "%(method)s" not allowed.') % {"method": request.method}}
            )
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return wrapped
