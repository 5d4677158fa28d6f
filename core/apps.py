from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Cooperation registry")

    def ready(self):
        from core import feed
        from core.models import (
            before_delete,
            before_save,
            registry_models,
            relations_changed,
            saved_or_deleted,
            updated_in_bulk,
        )
        from core.querysets import rows_updated, rows_updating

        for model in registry_models():
            pre_save.connect(before_save, sender=model, dispatch_uid="registry_revision")
            post_save.connect(saved_or_deleted, sender=model, dispatch_uid="registry_revision")
            pre_delete.connect(before_delete, sender=model, dispatch_uid="registry_revision")
            post_delete.connect(saved_or_deleted, sender=model, dispatch_uid="registry_revision")
            m2m_changed.connect(relations_changed, sender=model, dispatch_uid="registry_revision")
            pre_save.connect(feed.before_save, sender=model, dispatch_uid="change_feed")
            post_save.connect(feed.after_save, sender=model, dispatch_uid="change_feed")
            pre_delete.connect(feed.before_delete, sender=model, dispatch_uid="change_feed")
            m2m_changed.connect(feed.relations_changing, sender=model, dispatch_uid="change_feed")
        rows_updating.connect(feed.rows_updating, dispatch_uid="change_feed")
        rows_updated.connect(feed.rows_updating, dispatch_uid="change_feed")
        rows_updated.connect(updated_in_bulk, dispatch_uid="registry_revision")
