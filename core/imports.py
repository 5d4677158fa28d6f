"""Spreadsheet imports in the admin (django-import-export), all or nothing.

Rows name related records by their natural keys (organisation and project
slugs, ISO country codes), translated fields have one column per language
(`title_fr`, `title_ar`, `title_en`), and every row goes through the model's
own validation. The admin shows a preview (a dry run) with each row's changes
and errors, and names the columns an updated row changes; an import with any
bad row writes nothing. A row that changes a public record, imported by
someone who may not publish it, waits for review like an edit of its form.

A column's header is its label in French and in Arabic, built from the
model's verbose names the way the open-data downloads label theirs ("Titre
(Français) / العنوان (الفرنسية)"), so that staff read the same names in both
files. An import also takes the technical name (`title_fr`) as header: files
exported before the labels, and scripts, keep working.
"""

import datetime
from contextlib import suppress
from decimal import Decimal
from functools import lru_cache, partial

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext
from import_export import resources, widgets
from import_export.resources import Diff

from core.languages import in_language
from core.review import changed_row, is_public, may_approve, propose

# The languages of a header, as in the open-data data dictionary.
HEADER_LANGUAGES = ("fr", "ar")


def field_label(model, name: str):
    """A field's verbose name; a translated field's (`title_ar`) names its
    language ("title (Arabic)")."""
    field = model._meta.get_field(name)
    language = getattr(field, "language", None)
    if language is None:  # not one of modeltranslation's columns
        return field.verbose_name
    return in_language(field.translated_field.verbose_name, language)


@lru_cache(maxsize=256)
def column_header(model, name: str) -> str:
    """The header of the column of `model`'s field `name`: its label in
    French, then in Arabic (once when both read the same, as "ID")."""
    label = field_label(model, name)
    labels = []
    for language in HEADER_LANGUAGES:
        with translation.override(language):
            labels.append(capfirst(str(label)))
    return " / ".join(dict.fromkeys(labels))


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


class DayWidget(widgets.DateWidget):
    """A date, also from a spreadsheet cell that holds a date and a time (as
    the XLSX exports' date cells read back): the library would keep the
    time, and an unchanged date would count as a change."""

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        return value.date() if isinstance(value, datetime.datetime) else value


class AmountWidget(widgets.DecimalWidget):
    """A decimal written to its field's places (an XLSX cell reads 2500000.5
    for 2500000.50), so that an unchanged amount reads as unchanged. More
    places than the field has are left for the model to refuse, not rounded."""

    def __init__(self, decimal_places: int, **kwargs):
        super().__init__(**kwargs)
        self.decimal_places = decimal_places

    def clean(self, value, row=None, **kwargs):
        value = super().clean(value, row, **kwargs)
        if value is None or not value.is_finite() or value.as_tuple().exponent < -self.decimal_places:
            return value
        return value.quantize(Decimal(1).scaleb(-self.decimal_places))


class CountryWidget(widgets.ForeignKeyWidget):
    """A country by its ISO code, whatever its case."""

    def clean(self, value, row=None, **kwargs):
        return super().clean(str(value).strip().upper() if value else value, row, **kwargs)


class DiffCells(list):
    """One row's cells in the preview, and the headers of the columns whose
    value the row changes (`changed`)."""

    def __init__(self, cells, changed):
        super().__init__(cells)
        self.changed = changed


class ColumnDiff(Diff):
    """The library's diff of a row, which also names the columns an update
    changes (a new row changes them all)."""

    def __init__(self, resource, instance, new):
        super().__init__(resource, instance, new)
        self.headers = resource.get_diff_headers()

    def as_html(self):
        changed = []
        if not self.new:
            changed = [
                header
                for header, before, after in zip(self.headers, self.left, self.right, strict=True)
                if before != after
            ]
        return DiffCells(super().as_html(), changed)


class RegistryResource(resources.ModelResource):
    """All or nothing: one transaction, rolled back on any error, including
    the model validation errors the library would otherwise skip. Columns
    are headed by their labels (column_header) and read by label or by
    technical name."""

    class Meta:
        use_transactions = True
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True

    WIDGETS_MAP = {
        **resources.ModelResource.WIDGETS_MAP,
        "DateField": DayWidget,
        "DecimalField": "get_amount_widget",
    }

    def __init__(self, **kwargs):
        # What refuses a row outside the importer's part of the registry
        # (core/admin.py, ScopedAdmin): a callable giving errors by field.
        self.refusal = kwargs.pop("refusal", None)
        super().__init__(**kwargs)
        for name, field in self.fields.items():
            # A column that is no field of the model keeps the header it declares.
            with suppress(FieldDoesNotExist):
                field.column_name = column_header(self._meta.model, name)

    @classmethod
    def get_amount_widget(cls, model_field):
        return partial(AmountWidget, decimal_places=model_field.decimal_places)

    @classmethod
    def get_diff_class(cls):
        return ColumnDiff

    def before_import(self, dataset, **kwargs):
        # A file exported before the labels, or written by a script, heads
        # its columns with the technical names.
        headers = {name: field.column_name for name, field in self.fields.items()}
        if dataset.headers:
            dataset.headers = [
                headers.get(header.strip(), header.strip()) if isinstance(header, str) else header
                for header in dataset.headers
            ]
        super().before_import(dataset, **kwargs)

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

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        # Errors name the columns of the file, not the model's fields.
        try:
            refused = self.refusal(instance) if self.refusal is not None else {}
            if refused:
                raise ValidationError(refused)
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            headers = {field.attribute: field.column_name for field in self.fields.values()}
            raise ValidationError(
                {headers.get(name, name): errors for name, errors in error.error_dict.items()}
            ) from error

    # A row that changes a public record waits for a publisher, as the
    # record's form does (core/review.py): the record is left as it is and
    # the row's changes become its importer's pending change.
    def save_instance(self, instance, is_create, row, **kwargs):
        user = kwargs.get("user")
        if is_create or user is None or may_approve(user, type(instance)) or not is_public(instance):
            return super().save_instance(instance, is_create, row, **kwargs)
        self.reviewed.add(instance.pk)
        return None

    def save_m2m(self, instance, row, **kwargs):
        if instance.pk not in self.reviewed:
            return super().save_m2m(instance, row, **kwargs)
        relations = {
            field.attribute: field.clean(row)
            for field in self.get_import_fields()
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row
        }
        record = type(instance)._base_manager.get(pk=instance.pk)
        propose(record=record, rows=[changed_row(instance, relations)], user=kwargs["user"])
        return None

    def import_data(self, dataset, **kwargs):
        kwargs["rollback_on_validation_errors"] = True
        self.reviewed: set = set()
        result = super().import_data(dataset, **kwargs)
        result.waiting_for_review = len(self.reviewed)
        return result
