"""The IATI files: the whole published registry (or a selection of it, with
the project list's filters) and one published project."""

import itertools

from django.conf import settings
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import gettext_lazy as _

from core.response_cache import registry_revision
from core.rest.errors import json_error, read_only
from core.rest.throttling import throttled
from opendata.exports.kept import kept_copy, written_through
from opendata.exports.selection import selection
from opendata.iati.stream import NothingToExport, activities_xml, reasons_text
from projects.filters import ProjectFilterSet
from projects.models import Project

CONTENT_TYPE = "application/xml; charset=utf-8"


def base_url(request) -> str:
    return request.build_absolute_uri("/")


def xml_response(request, queryset, filename: str, *, keep_as=None):
    """The file of `queryset`, streamed; also copied to `keep_as` if given."""
    chunks = activities_xml(queryset, base_url=base_url(request))
    try:
        first = next(chunks)
    except NothingToExport as nothing:
        # The schema wants at least one activity in a file: no file, then,
        # but a JSON 404 that says why.
        errors = {"detail": _("No published project of this selection can be exported to IATI.")}
        if nothing.left_out:
            errors["left_out"] = [
                f"{project.slug}: {reasons_text(keys)}" for project, keys in nothing.left_out
            ]
        return json_error(request, 404, errors)
    chunks = itertools.chain([first], chunks)
    if keep_as is not None:
        chunks = written_through(chunks, keep_as)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@throttled
@read_only
def registry_activities(request):
    """`/api/v1/iati/activities.xml`: every published project, or those that
    `?country=MA&funder=ue` etc. select like the project list. Each
    selection is written once per revision of the registry and served from
    that copy (opendata/exports/kept.py) under one name for every query
    string that selects the same rows, with validators that answer a
    conditional request with 304 before any work."""
    queryset, errors, key = selection(request, ProjectFilterSet, Project.objects.published())
    if errors:
        return json_error(request, 400, errors)
    name = "-".join(filter(None, ["iati-activities", key]))
    revision = registry_revision(request)
    etag = f'W/"{revision.number}-{timezone.localdate().isoformat()}-{key or "all"}"'
    last_modified = revision.changed_at.timestamp()
    not_modified = get_conditional_response(request, etag=etag, last_modified=last_modified)
    if not_modified is not None:
        return not_modified
    if settings.RESPONSE_CACHE_SECONDS <= 0:
        response = xml_response(request, queryset, "activities.xml")
    else:
        copy = kept_copy(request, name, ".xml")
        try:
            response = FileResponse(copy.open("rb"), content_type=CONTENT_TYPE, filename="activities.xml")
        except FileNotFoundError:
            response = xml_response(request, queryset, "activities.xml", keep_as=copy)
    if response.status_code == 200:
        response["ETag"] = etag
        response["Last-Modified"] = http_date(last_modified)
    return response


@throttled
@read_only
def project_activity(request, slug):
    """`/api/v1/projects/<slug>/iati.xml`: one published project; a draft,
    unknown or incomplete project is a 404 (with the reason when incomplete)."""
    return xml_response(request, Project.objects.published().filter(slug=slug), f"{slug}-iati.xml")
