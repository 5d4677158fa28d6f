"""Bring the Editors and Publishers groups up to date with the registry's
models (after a new model or permission was added)."""

from django.apps import apps
from django.core.management.base import BaseCommand

from core.workflow import sync_editorial_groups


class Command(BaseCommand):
    help = "Create or update the Editors and Publishers groups and their permissions."

    def handle(self, *args, **options):
        for name, count in sync_editorial_groups(apps).items():
            self.stdout.write(f"{name}: {count} permissions")
