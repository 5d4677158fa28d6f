"""The open-data page and the downloads it offers.

`/{lang}/data/` lists every table with its data dictionary, the licence,
the last update and the IATI files; `/{lang}/data/<resource>.<csv|xlsx|json>`
downloads a table, narrowed by the list's filters given in the query string
(`projects.csv?country=MA&funder=ue`); a bad filter is a 400, never a 500.
"""

import csv
import io

from django.conf import settings
from django.db import models
from django.http import FileResponse, HttpResponse, JsonResponse
from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django.views.generic import TemplateView

from core.response_cache import CachedPageMixin
from opendata.exports import FORMATS, RESOURCES, export_response, filtered
from opendata.exports.columns import LABEL_LANGUAGES
from opendata.exports.kept import keeping, kept_copy
from opendata.iati.activity import for_iati_check, iati_identifier, missing_essentials
from opendata.iati.stream import reasons_text
from opendata.stats import project_statistics
from projects.filters import ProjectFilterSet
from projects.models import Project, ProjectCountry

GROUPINGS = ("status", "funder", "country", "year")


def statistics_figures(projects, language: str) -> dict:
    """project_statistics() by each grouping of the page, with the projects
    in which each country is suspended."""
    suspended = dict(
        ProjectCountry.objects.filter(
            project__in=projects.values("pk"), status=ProjectCountry.Status.SUSPENDED
        )
        .values_list("country_id")
        .annotate(count=models.Count("pk"))
    )
    figures = {}
    for grouping in GROUPINGS:
        statistics = project_statistics(projects, grouping, language)
        for group in statistics["groups"]:
            group["suspended"] = suspended.get(group["key"], 0) if grouping == "country" else 0
            group["muted"] = group["key"] is None
        figures[grouping] = statistics
    return figures


def contributions_in(statistics, currency: str) -> list[dict]:
    """The funders' contributions in one currency, as rows of a bar chart."""
    rows = []
    for group in statistics["groups"]:
        for amount in group["contributions"]:
            if amount["currency"] == currency and group["key"]:
                shown = f"{formats.number_format(amount['amount'], 0, force_grouping=True)} {currency}"
                rows.append({"label": group["label"], "amount": amount["amount"], "shown": shown})
    return rows


def currencies_of(statistics) -> list[str]:
    return sorted({amount["currency"] for group in statistics["groups"] for amount in group["contributions"]})


class StatisticsView(CachedPageMixin, TemplateView):
    """The registry at a glance: published projects by status, funder,
    country and year, each as a chart beside its table and the table's
    download; the project list's filters narrow every figure."""

    template_name = "opendata/statistics.html"
    # Above this many projects, the years' chart alone tells the periods.
    timeline_limit = 40

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = ProjectFilterSet(self.request.GET, queryset=Project.objects.published())
        context["filterset"] = filterset
        context["filters_invalid"] = not filterset.is_valid()
        if context["filters_invalid"]:
            return context
        figures = statistics_figures(filterset.qs, translation.get_language())
        currencies = currencies_of(figures["funder"])
        context.update(
            figures=figures,
            total=figures["status"]["project_count"],
            currencies=currencies,
            contributions=[
                {"currency": currency, "rows": contributions_in(figures["funder"], currency)}
                for currency in currencies
            ],
            periods=list(filterset.qs.order_by("start_date", "acronym")[: self.timeline_limit])
            if figures["status"]["project_count"] <= self.timeline_limit
            else None,
            query=self.request.GET.urlencode(),
        )
        return context

    def render_to_response(self, context, **response_kwargs):
        if context["filters_invalid"]:
            response_kwargs["status"] = 400
        return super().render_to_response(context, **response_kwargs)


@require_safe
def statistics_table(request, grouping):
    """One table of the statistics page as CSV (UTF-8 with a byte order mark,
    for spreadsheets to read Arabic): the same rows, headed in the page's language."""
    filterset = ProjectFilterSet(request.GET, queryset=Project.objects.published())
    if not filterset.is_valid():
        return JsonResponse(filterset.errors, status=400)
    statistics = statistics_figures(filterset.qs, translation.get_language())[grouping]
    currencies = currencies_of(statistics)
    headings = {
        "status": _("Status"),
        "funder": _("Funder"),
        "country": _("Country"),
        "year": _("Year"),
    }
    header = [_("Key"), headings[grouping], _("Projects")]
    header += [_("Of which suspended")] if grouping == "country" else []
    header += [_("Contributions in %(currency)s") % {"currency": currency} for currency in currencies]
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    for group in statistics["groups"]:
        amounts = {amount["currency"]: amount["amount"] for amount in group["contributions"]}
        row = [group["key"] or "", group["label"], group["project_count"]]
        row += [group["suspended"]] if grouping == "country" else []
        row += [amounts.get(currency, "") for currency in currencies]
        writer.writerow(row)
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="statistics-{grouping}.csv"'
    return response


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
