"""``marquee worker``: run queued background tasks (imports, training) until stopped."""

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run background tasks from the database queue (imports, model training)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--batch", action="store_true", help="run what is queued now, then exit"
        )

    def handle(self, *args, **options) -> None:
        extra = ["--batch"] if options["batch"] else []
        call_command("db_worker", *extra, "--queue-name", "*", verbosity=options["verbosity"])
