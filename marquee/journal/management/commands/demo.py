"""``marquee demo``: fill an empty site with the sample journal and print how to sign in."""

from __future__ import annotations

import secrets
import sys

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from marquee.demo.loader import DemoRefusedError, DemoSummary, demo_load
from marquee.errors import InputError
from marquee.journal.page_cache import content_changed
from marquee.related.services import similar_rebuild


class Command(BaseCommand):
    help = (
        "Fill an empty site with a sample journal: real films with their credits, three critics, "
        "readers, reviews and comments. Refuses when the site already has reviews, unless "
        "--force, which adds only the demo items that are missing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--password",
            help="Password for the new demo accounts (default: a random one, printed once).",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though the site has reviews; adds only missing demo items.",
        )

    def handle(self, *args, **options) -> None:
        password = options["password"]
        if password is None:
            password = secrets.token_urlsafe(12)
        else:
            try:
                validate_password(password)
            except ValidationError as error:
                raise CommandError("--password: " + " ".join(error.messages)) from error
        verbosity = options["verbosity"]
        try:
            summary = demo_load(
                password=password,
                force=options["force"],
                progress=verbosity >= 1 and sys.stderr.isatty(),
            )
        except (DemoRefusedError, InputError) as error:
            raise CommandError(str(error)) from error
        if summary.changed_anything:
            content_changed()
            similar_rebuild()  # a handful of films: "more like this" is ready at once
        if verbosity >= 1:
            self._report_counts(summary)
        self._report_sign_in(summary, password)

    def _report_counts(self, summary: DemoSummary) -> None:
        if not summary.changed_anything:
            self.stdout.write("Nothing to add: every demo item is already here.")
            return
        published = summary.reviews_created - summary.drafts_created
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo journal loaded: {summary.films_created} films, "
                f"{summary.people_created} people, {published} published reviews and "
                f"{summary.drafts_created} drafts, {summary.comments_created} comments."
            )
        )

    def _report_sign_in(self, summary: DemoSummary, password: str) -> None:
        created = summary.accounts_created
        existing = [account for account in summary.accounts if not account.created]
        if created:
            login_url = settings.SITE_URL + reverse("accounts:login")
            self.stdout.write("")
            self.stdout.write(f"Sign in at {login_url}")
            self.stdout.write(f"Password for every account below: {password}")
            width = max(len(account.username) for account in created)
            for account in created:
                role = "site owner (superuser)" if account.role == "owner" else account.role
                self.stdout.write(
                    f"  {account.username:<{width}}  {role}, shown as {account.display_name}"
                )
            self.stdout.write(
                self.style.WARNING(
                    "This password is shown only once. Change it, or remove the demo "
                    "accounts, before the site goes public."
                )
            )
        if existing:
            names = ", ".join(account.username for account in existing)
            self.stdout.write(f"Accounts that already existed kept their passwords: {names}")
