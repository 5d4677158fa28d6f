#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cooperation.settings")
    # Production always provides SECRET_KEY; a command run without one is a
    # developer's (makemigrations, shell...), so it gets the development mode.
    # The WSGI entry point keeps refusing to start without a key.
    if not os.environ.get("SECRET_KEY"):
        os.environ.setdefault("DEBUG", "true")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
