"""The base of every registry queryset: a bulk update says what it wrote.

`queryset.update()` sends no `pre_save`/`post_save`, so the records it
changes announce themselves through `rows_updating` (rows as they were)
and `rows_updated` (as they are now), each with the primary keys. The
registry's revision and the API's change feed (core/feed.py) listen.
"""

from django.db import models
from django.dispatch import Signal

# sender: the model; pks: the primary keys of the rows; fields: the names
# of the fields written.
rows_updating = Signal()
rows_updated = Signal()


class RegistryQuerySet(models.QuerySet):
    def update(self, **kwargs):
        pks = list(self.order_by().values_list("pk", flat=True))
        if not pks:
            return super().update(**kwargs)
        fields = frozenset(kwargs)
        rows_updating.send(sender=self.model, pks=pks, fields=fields)
        if any(field.name == "version" for field in self.model._meta.concrete_fields):
            # A bulk change is a new version of each row, as a save is: an
            # editor's form opened before it is stale, and fragments kept
            # under the old number are not shown again.
            kwargs.setdefault("version", models.F("version") + 1)
        updated = super().update(**kwargs)
        rows_updated.send(sender=self.model, pks=pks, fields=fields)
        return updated

    update.alters_data = True
