"""The `parcours` console script: Django's manage.py under the project's own name."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line  # noqa: PLC0415 -- after the env

    execute_from_command_line(["parcours", *sys.argv[1:]])


if __name__ == "__main__":
    main()
