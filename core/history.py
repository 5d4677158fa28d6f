"""A first version for every record of the registry.

`loaddata`, `bulk_create` and `queryset.update()` write no history: a record
loaded that way has no version to compare its first edit with or to revert
to, and the change feed cannot tell it was ever there. `write_first_versions`
gives each record that has no version one ("created", dated when it is
written, by nobody). It takes an app registry, so that the seed load
(`load_registry`) and a data migration (with the migration's frozen models)
share it.
"""

from django.utils import timezone

from core.models import REGISTRY_APPS


def write_first_versions(apps, *, batch_size: int = 500) -> int:
    """Write the missing first versions; the number written."""
    written = 0
    now = timezone.now()
    for label in REGISTRY_APPS:
        for model in apps.get_app_config(label).get_models():
            try:
                history = apps.get_model(label, f"Historical{model.__name__}")
            except LookupError:
                continue
            if model.__name__.startswith("Historical"):
                continue
            fields = [field.attname for field in model._meta.concrete_fields]
            versioned = history._default_manager.values(model._meta.pk.attname)
            missing = model._default_manager.exclude(pk__in=versioned).order_by("pk").values(*fields)
            versions = [
                history(**row, history_date=now, history_type="+", history_change_reason=None)
                for row in missing.iterator(chunk_size=batch_size)
            ]
            history._default_manager.bulk_create(versions, batch_size=batch_size)
            written += len(versions)
    return written
