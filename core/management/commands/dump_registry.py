"""Write the registry to standard output (or a file) as JSON. See
core/backup.py for what the document holds; restore it with
`manage.py restore_registry FILE`."""

import datetime
import json

from django.core.management.base import BaseCommand
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

from core.backup import registry_objects


class FullPrecisionEncoder(DjangoJSONEncoder):
    # Django's encoder cuts datetimes to milliseconds: a restored registry
    # would then differ from the original (timestamps, ETags built on them).
    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class Command(BaseCommand):
    help = "Dump the registry (records, history, accounts, groups) as JSON, for restore_registry."

    def add_arguments(self, parser):
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")
        parser.add_argument("--indent", type=int, default=None)

    def handle(self, *args, output=None, indent=None, **options):
        # One consistent snapshot, even while people keep editing.
        with transaction.atomic():
            objects = registry_objects()
        document = json.dumps(objects, cls=FullPrecisionEncoder, ensure_ascii=False, indent=indent)
        if output:
            with open(output, "w", encoding="utf-8") as stream:
                stream.write(document)
            self.stderr.write(f"{len(objects)} objects written to {output}")
        else:
            self.stdout.write(document)
