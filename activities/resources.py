"""Activity import and export columns (see core/imports.py)."""

from import_export import fields, widgets

from activities.models import Activity
from core.imports import CountryWidget, RegistryResource, StrictManyToManyWidget
from partners.models import Country, Organisation
from projects.models import Component, Project


class ComponentWidget(widgets.ForeignKeyWidget):
    """A component by its code within the row's project ("1", "OS 3")."""

    def __init__(self):
        super().__init__(Component, "code")

    def get_queryset(self, value, row, *args, **kwargs):
        return Component.objects.filter(project__slug=(row or {}).get("project"))

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class ActivityResource(RegistryResource):
    def get_instance(self, instance_loader, row):
        if row.get("id"):
            return Activity.objects.filter(pk=row["id"]).first()
        return super().get_instance(instance_loader, row)

    project = fields.Field(
        attribute="project", column_name="project", widget=widgets.ForeignKeyWidget(Project, "slug")
    )
    component = fields.Field(attribute="component", column_name="component", widget=ComponentWidget())
    country = fields.Field(attribute="country", column_name="country", widget=CountryWidget(Country, "code"))
    partners = fields.Field(
        attribute="partners",
        column_name="partners",
        widget=StrictManyToManyWidget(Organisation, field="slug"),
    )

    class Meta(RegistryResource.Meta):
        model = Activity
        # A new activity is known by its code within its project's
        # component and its country (the seeds number AMEM's activities once,
        # then carry them out in each country under that number); a row that
        # comes from an export names its activity by `id`, as some have no
        # code at all.
        import_id_fields = ("project", "component", "code", "country")
        fields = (
            "id",
            "project",
            "component",
            "code",
            "title_fr",
            "title_ar",
            "title_en",
            "description_fr",
            "description_ar",
            "description_en",
            "country",
            "kind",
            "status",
            "start_date",
            "end_date",
            "partners",
            "is_recurring",
            "order",
        )
        export_order = fields
