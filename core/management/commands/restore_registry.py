"""Load a document written by `dump_registry` into an empty, migrated
database, in one transaction: all of it or nothing."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from core.backup import registry_is_empty
from core.feed import catch_up, mark_everything
from core.models import RegistryRevision


class Command(BaseCommand):
    help = "Restore the registry from a dump_registry file into an empty database (after migrate)."

    def add_arguments(self, parser):
        parser.add_argument("file", help="A JSON file written by dump_registry.")

    def handle(self, *args, file, **options):
        if not registry_is_empty():
            raise CommandError(
                "This database already holds registry records or accounts: restore into a new, "
                "migrated database so that nothing is mixed or overwritten."
            )
        with transaction.atomic():
            # loaddata keeps the ids and resets the sequences after them.
            call_command("loaddata", file, format="json", verbosity=0)
            # Raw rows send no change: the feed learns of every record now.
            RegistryRevision.rewritten()
            mark_everything()
            catch_up()
        self.stdout.write(self.style.SUCCESS(f"Registry restored from {file}."))
