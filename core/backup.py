"""The registry as one JSON document, for backups and for moving it to a new
database: every record, its whole history (deleted records included), the
changes waiting for review, and the accounts and groups that history names.

Three parts, each serialised the way it restores safely:
- groups by name (a fresh database already has the editorial groups), with
  their permissions by natural key (content type ids differ between databases);
- accounts, live records and pending changes with their own ids, and their
  relations by natural key (readable: a project's themes are slugs, its
  countries ISO codes; a pending change's kind of record is its model's name);
- historical records with plain ids: they may point at records deleted since,
  which have no natural key any more.
API tokens are left out: they are credentials, issued again after a restore.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers

from core.models import REGISTRY_APPS, PendingChange


def registry_models() -> tuple[list, list]:
    """The registry's live models in dependency order, and its historical models."""
    ordered = serializers.sort_dependencies(
        [(apps.get_app_config(label), None) for label in REGISTRY_APPS], allow_cycles=True
    )
    live = [model for model in ordered if not model.__name__.startswith("Historical")]
    history = [model for model in ordered if model.__name__.startswith("Historical")]
    return live, history


def registry_objects() -> list[dict]:
    """The whole registry as the Python serialiser's dicts, ready for JSON."""
    live, history = registry_models()

    def rows(models, **options):
        objects = (row for model in models for row in model._default_manager.order_by("pk").iterator())
        return serializers.serialize("python", objects, **options)

    return [
        *rows([Group], use_natural_foreign_keys=True, use_natural_primary_keys=True),
        *rows([get_user_model(), *live, PendingChange], use_natural_foreign_keys=True),
        *rows(history),
    ]


def registry_is_empty() -> bool:
    live, history = registry_models()
    models = [get_user_model(), *live, *history, PendingChange]
    return not any(model._default_manager.exists() for model in models)
