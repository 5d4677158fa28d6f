from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = _("Cooperation registry")

    def ready(self):
        from core.models import registry_models, relations_changed, saved_or_deleted

        for model in registry_models():
            post_save.connect(saved_or_deleted, sender=model, dispatch_uid="registry_revision")
            post_delete.connect(saved_or_deleted, sender=model, dispatch_uid="registry_revision")
            m2m_changed.connect(relations_changed, sender=model, dispatch_uid="registry_revision")
