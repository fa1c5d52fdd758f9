#!/usr/bin/env python
"""Django's command-line entry point for the clinic app."""

import os
import sys
from pathlib import Path

from dotenv import load_dotenv


def main():
    # `make run` writes .env (DJANGO_DEBUG=true) so that the README's commands work in a fresh shell. Only the
    # command line reads it: gunicorn and the tests never do, and a variable already set always wins.
    load_dotenv(Path(__file__).resolve().parent / ".env", override=False)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
