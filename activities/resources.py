"""Activity import and export columns (see core/imports.py), headed by their
labels in French and Arabic; each field's name is also read as its header."""

from import_export import fields, widgets

from activities.models import Activity
from core.imports import CountryWidget, RegistryResource, StrictManyToManyWidget, column_header
from partners.models import Country, Organisation
from projects.models import Component, Project


class ComponentWidget(widgets.ForeignKeyWidget):
    """A component by its code within the row's project ("1", "OS 3")."""

    def __init__(self):
        super().__init__(Component, "code")

    def get_queryset(self, value, row, *args, **kwargs):
        # The row is keyed by headers, which are the columns' labels.
        project = (row or {}).get(column_header(Activity, "project"))
        return Component.objects.filter(project__slug=project)

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


class ActivityResource(RegistryResource):
    def get_instance(self, instance_loader, row):
        pk = row.get(self.fields["id"].column_name)
        if pk:
            return Activity.objects.filter(pk=pk).first()
        return super().get_instance(instance_loader, row)

    project = fields.Field(attribute="project", widget=widgets.ForeignKeyWidget(Project, "slug"))
    component = fields.Field(attribute="component", widget=ComponentWidget())
    country = fields.Field(attribute="country", widget=CountryWidget(Country, "code"))
    partners = fields.Field(
        attribute="partners",
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
