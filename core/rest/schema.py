"""OpenAPI: what every operation shares, documented once.

Every operation takes `lang` (and `format`, which drf-spectacular adds from
the renderers); every GET documents its validators (ETag, Last-Modified,
Content-Language), 304, and the error bodies that name the parameter at
fault.
"""

import re

from django.utils.translation import gettext_lazy as _
from django_filters import filters
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.drainage import has_override
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import (
    ResolvedComponent,
    build_array_type,
    build_basic_type,
    build_parameter_type,
)
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from core.rest.languages import ALL, LANGUAGE_PARAM, language_codes
from core.rest.views import EXPAND_DETAILS, EXPAND_PARAM

ERROR_SCHEMA = {
    "type": "object",
    "description": _(
        "What went wrong, by parameter name (e.g. lang, page, page_size, country), or under "
        '"detail" when no single parameter is at fault.'
    ),
    "additionalProperties": {
        "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}],
    },
    "example": {"page_size": ["Give a page size from 1 to 100."]},
}

ERROR_RESPONSES = {
    "400": _("A parameter has a value the API does not accept; the body names it."),
    "401": _("The token given in the Authorization header is not valid."),
    "404": _("No such record, page or cursor, or an unknown format; the body names the parameter."),
    "406": _("None of the media types in the Accept header can be served."),
    "429": _("Too many requests: wait the number of seconds given in Retry-After."),
}


def language_parameter() -> OpenApiParameter:
    return OpenApiParameter(
        LANGUAGE_PARAM,
        OpenApiTypes.STR,
        enum=[*language_codes(), ALL],
        description=_(
            "Language of every translated field and code label; without it, the Accept-Language "
            "header decides, else French. A blank translation falls back to French. all: every "
            "translated field and label becomes an object with one key per language."
        ),
    )


def expand_parameter() -> OpenApiParameter:
    return OpenApiParameter(
        EXPAND_PARAM,
        OpenApiTypes.STR,
        enum=[EXPAND_DETAILS],
        description=_(
            "details: every row as complete as the record's detail (one call per 100 records to "
            "mirror the list, with page_size=100)."
        ),
    )


def response_headers() -> list[OpenApiParameter]:
    def header(name, description):
        return OpenApiParameter(
            name, OpenApiTypes.STR, location=OpenApiParameter.HEADER, response=[200], description=description
        )

    return [
        header("ETag", _("Send it back in If-None-Match to get 304 while the response is unchanged.")),
        header(
            "Last-Modified",
            _("Latest change to the records this resource shows; for If-Modified-Since."),
        ),
        header("Content-Language", _('The response language ("fr, ar, en" for lang=all).')),
    ]


class RegistryAutoSchema(AutoSchema):
    def get_override_parameters(self):
        parameters = [*super().get_override_parameters(), language_parameter(), *response_headers()]
        if self._is_list_view() and getattr(self.view, "list_serializer_class", None) is not None:
            parameters.append(expand_parameter())
        return parameters

    def _resolve_path_parameters(self, variables):
        # Document the form of a record's key, not the catch-all route.
        parameters = super()._resolve_path_parameters(variables)
        pattern = getattr(self.view, "lookup_pattern", None)
        for parameter in parameters:
            if pattern and parameter["name"] in variables:
                parameter["schema"] = {"type": "string", "pattern": f"^{pattern}$"}
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method != "GET":
            return responses
        responses.setdefault(
            "304",
            {
                "description": _(
                    "Not modified: the copy named by If-None-Match or If-Modified-Since is current."
                )
            },
        )
        error = ResolvedComponent(
            name="Error", type=ResolvedComponent.SCHEMA, object="Error", schema=ERROR_SCHEMA
        )
        self.registry.register_on_missing(error)
        for code, description in ERROR_RESPONSES.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(error.ref, code)
                responses[code]["description"] = description
        return responses


class RegistryFilterExtension(DjangoFilterExtension):
    """django-filter parameters, with our slug and code filters (which filter
    through a method, so drf-spectacular cannot guess their type) documented
    as repeatable strings."""

    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        if isinstance(filter_field, filters.ModelMultipleChoiceFilter) and not has_override(
            filter_field, "field"
        ):
            key = filter_field.extra.get("to_field_name") or "pk"
            description = self._get_field_description(filter_field, None) or ""
            repeat = _("Repeat the parameter for several values (OR).")
            return [
                build_parameter_type(
                    name=field_name,
                    required=False,
                    location=OpenApiParameter.QUERY,
                    description=f"{description} ({key}). {repeat}",
                    schema=build_array_type(build_basic_type(OpenApiTypes.STR)),
                    explode=True,
                    style="form",
                )
            ]
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        for parameter in parameters:
            # A choice's title is its model field's label, translated and
            # shared ("Type", "Statut"): client generators name enums after
            # it, and two filters of one list would then clash.
            schema = parameter.get("schema", {})
            schema.pop("title", None)
            schema.get("items", {}).pop("title", None)
        return parameters


def record_links(result, generator, request, public):
    """OpenAPI links from each list to the detail of its first row, and from
    a record to what lives under its key (`/projects/{slug}/iati.xml`), for
    generated clients and stateful testers to follow."""
    paths = result.get("paths", {})
    for path, operations in paths.items():
        if "get" not in operations:
            continue
        for target, target_operations in paths.items():
            if target == path or not target.startswith(path) or "get" not in target_operations:
                continue
            tail = target.removeprefix(path)
            detail = re.fullmatch(r"\{(\w+)\}/", tail)
            if detail and "{" not in path:
                name, key = "detail", detail.group(1)
                parameters = {key: f"$response.body#/results/0/{key}"}
            elif "{" in path and "{" not in tail:
                name = tail.strip("/").replace(".", "_")
                parameters = {key: f"$request.path.{key}" for key in re.findall(r"\{(\w+)\}", path)}
            else:
                continue
            links = operations["get"]["responses"]["200"].setdefault("links", {})
            links[name] = {"operationId": target_operations["get"]["operationId"], "parameters": parameters}
    return result
