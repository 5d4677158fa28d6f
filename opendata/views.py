"""The open-data page and the downloads it offers.

`/{lang}/data/` lists every table with its data dictionary, the licence,
the last update and the IATI files; `/{lang}/data/<resource>.<csv|xlsx|json>`
downloads a table, narrowed by the list's filters given in the query string
(`projects.csv?country=MA&funder=ue`); a bad filter is a 400, never a 500.
"""

from django.conf import settings
from django.db import models
from django.http import FileResponse
from django.utils import translation
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from opendata.exports import FORMATS, RESOURCES, export_response, filtered
from opendata.exports.columns import LABEL_LANGUAGES
from opendata.exports.kept import keeping, kept_copy
from opendata.iati.activity import for_iati_check, iati_identifier, missing_essentials
from opendata.iati.stream import reasons_text
from projects.models import Project


class DataView(TemplateView):
    template_name = "opendata/data.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tables, last_update = [], None
        for resource in RESOURCES.values():
            queryset = resource.queryset()
            figures = {"last": None}
            if hasattr(queryset.model, "updated_at"):
                figures |= queryset.aggregate(count=models.Count("pk"), last=models.Max("updated_at"))
            else:
                figures |= queryset.aggregate(count=models.Count("pk"))
            if figures["last"] and (last_update is None or figures["last"] > last_update):
                last_update = figures["last"]
            tables.append(
                {
                    "resource": resource,
                    "count": figures["count"],
                    "filterable": resource.filterset_class is not None,
                    "formats": list(FORMATS),
                    "columns": [
                        {
                            "name": column.name,
                            "labels": [column.label_in(language) for language in LABEL_LANGUAGES],
                            "description": column.description,
                        }
                        for column in resource.columns
                    ],
                }
            )
        context.update(
            tables=tables,
            last_update=last_update,
            licence=settings.DATA_LICENCE,
            left_out=left_out_projects(),
            reporting_org_ref=settings.IATI_REPORTING_ORG_REF,
        )
        return context


def left_out_projects() -> list[dict]:
    """Published projects the IATI export leaves out, with the reasons."""
    left_out = []
    for project in for_iati_check(Project.objects.published()).iterator(chunk_size=1000):
        missing = missing_essentials(project)
        if missing:
            left_out.append(
                {"project": project, "identifier": iati_identifier(project), "reasons": reasons_text(missing)}
            )
    return left_out


@require_safe
def export(request, resource, fmt):
    """A table as CSV, XLSX or JSON; the whole table in CSV or JSON is served
    from a copy kept until the registry changes (opendata/exports/kept.py)."""
    resource = RESOURCES[resource]
    queryset, refusal = filtered(request, resource.filterset_class, resource.queryset())
    if refusal:
        return refusal
    base_url = request.build_absolute_uri("/")
    if fmt == "xlsx" or not keeping(request):
        return export_response(resource, queryset, fmt, base_url=base_url)
    # Links and labels follow the page's language: one copy per language.
    copy = kept_copy(request, f"{resource.name}-{translation.get_language()}", f".{fmt}")
    try:
        return FileResponse(
            copy.open("rb"), as_attachment=True, filename=f"{resource.name}.{fmt}", content_type=FORMATS[fmt]
        )
    except FileNotFoundError:
        return export_response(resource, queryset, fmt, base_url=base_url, keep_as=copy)
