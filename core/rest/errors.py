"""Bad parameters become a 400 or 404 whose JSON body names the parameter,
before they can reach the database (PostgreSQL refuses NUL characters with a
500) or DRF's anonymous "Not found."."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.settings import api_settings


def check_query_parameters(request) -> None:
    """Refuse NUL characters in any query parameter's value."""
    for name, values in request.query_params.lists():
        if any("\x00" in value for value in values):
            raise ValidationError({name.replace("\x00", ""): [_("Null characters are not allowed.")]})


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
