"""Project import and export columns (see core/imports.py), headed by their
labels in French and Arabic; each field's name is also read as its header."""

from import_export import fields

from core.imports import RegistryResource, StrictManyToManyWidget
from core.languages import CODES
from partners.models import Country
from projects.models import Project, Theme

TRANSLATED = (
    "title",
    "summary",
    "context",
    "objective",
    "expected_results",
    "beneficiaries",
    "target_groups",
    "stakeholders",
    "period_note",
)


class ProjectResource(RegistryResource):
    # Several values in one cell, separated by commas: "MA,TN".
    countries = fields.Field(
        attribute="countries",
        widget=StrictManyToManyWidget(Country, field="code", normalise=str.upper),
    )
    themes = fields.Field(attribute="themes", widget=StrictManyToManyWidget(Theme, field="slug"))

    class Meta(RegistryResource.Meta):
        model = Project
        import_id_fields = ("slug",)
        # The publication state is never imported: new projects are drafts
        # and go through the review like any other.
        fields = (
            "slug",
            "acronym",
            *(f"{name}_{code}" for name in TRANSLATED for code in CODES),
            "status",
            "start_date",
            "start_precision",
            "end_date",
            "end_precision",
            "duration_months",
            "budget",
            "budget_currency",
            "source_url",
            "countries",
            "themes",
        )
        export_order = fields
