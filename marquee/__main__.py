"""The ``marquee`` command: every management command, e.g. ``marquee serve`` or ``marquee demo``."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marquee.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["marquee", *sys.argv[1:]])


if __name__ == "__main__":
    main()
