"""Spreadsheet imports in the admin (django-import-export), all or nothing.

Rows name related records by their natural keys (organisation and project
slugs, ISO country codes), translated fields have one column per language
(`title_fr`, `title_ar`, `title_en`), and every row goes through the model's
own validation. The admin shows a preview (a dry run) with each row's changes
and errors; an import with any bad row writes nothing.
"""

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext
from import_export import resources, widgets


class StrictManyToManyWidget(widgets.ManyToManyWidget):
    """Like the library's widget, but an unknown key is an error instead of
    being silently dropped (a mistyped country code must not vanish)."""

    def __init__(self, model, field="pk", separator=",", normalise=None, **kwargs):
        super().__init__(model, field=field, separator=separator, **kwargs)
        self.normalise = normalise or (lambda value: value)

    def clean(self, value, row=None, **kwargs):
        if not value:
            return self.model.objects.none()
        keys = {self.normalise(key.strip()) for key in str(value).split(self.separator) if key.strip()}
        found = self.model.objects.filter(**{f"{self.field}__in": keys})
        missing = keys - {getattr(item, self.field) for item in found}
        if missing:
            raise ValueError(
                gettext("Unknown %(model)s: %(keys)s")
                % {"model": self.model._meta.verbose_name, "keys": ", ".join(sorted(missing))}
            )
        return found


class CountryWidget(widgets.ForeignKeyWidget):
    """A country by its ISO code, whatever its case."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(str(value).strip().upper() if value else value, row, **kwargs)


class RegistryResource(resources.ModelResource):
    """All or nothing: one transaction, rolled back on any error, including
    the model validation errors the library would otherwise skip."""

    class Meta:
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    def before_import_row(self, row, **kwargs):
        # An empty spreadsheet cell reads as None, an empty CSV cell as "":
        # one value, or every empty text of a re-imported export would count
        # as a change (and be saved, moving `updated_at` and the version).
        for column, value in row.items():
            if value is None:
                row[column] = ""
        super().before_import_row(row, **kwargs)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # Empty and NULL are one value for a text: a translation column left
        # NULL stays NULL when its empty cell comes back.
        was_null = self.is_text(field) and getattr(instance, field.attribute) is None
        super().import_field(field, instance, row, is_m2m, **kwargs)
        if was_null and getattr(instance, field.attribute) == "":
            setattr(instance, field.attribute, None)

    def is_text(self, field) -> bool:
        if not field.attribute or "__" in field.attribute:
            return False
        try:
            model_field = self._meta.model._meta.get_field(field.attribute)
        except FieldDoesNotExist:
            return False
        return isinstance(model_field, models.CharField | models.TextField)

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, **kwargs)
