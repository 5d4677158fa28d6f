"""The IATI files: the whole published registry (or a selection of it, with
the project list's filters) and one published project."""

import itertools

from django.http import FileResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _

from core.rest.errors import json_error, read_only
from opendata.exports.kept import keeping, kept_copy, written_through
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


@read_only
def registry_activities(request):
    """`/api/v1/iati/activities.xml`: every published project (a copy kept
    until the registry changes, opendata/exports/kept.py); `?country=MA&funder=ue`
    etc. narrow it like the project list, streamed."""
    if keeping(request):
        copy = kept_copy(request, "iati-activities", ".xml")
        try:
            return FileResponse(copy.open("rb"), content_type=CONTENT_TYPE, filename="activities.xml")
        except FileNotFoundError:
            projects = Project.objects.published()
            return xml_response(request, projects, "activities.xml", keep_as=copy)
    queryset, errors = selection(request, ProjectFilterSet, Project.objects.published())
    if errors:
        return json_error(request, 400, errors)
    return xml_response(request, queryset, "activities.xml")


@read_only
def project_activity(request, slug):
    """`/api/v1/projects/<slug>/iati.xml`: one published project; a draft,
    unknown or incomplete project is a 404 (with the reason when incomplete)."""
    return xml_response(request, Project.objects.published().filter(slug=slug), f"{slug}-iati.xml")
