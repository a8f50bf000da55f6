"""Finding the reader and the film a command line names."""

from __future__ import annotations

import re

from django.core.management.base import CommandError

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.catalog.selectors import film_find

TITLE_WITH_YEAR = re.compile(r"^(?P<title>.+?)\s*\((?P<year>\d{4})\)\s*$")


def reader_named(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f'no reader called "{username}"')
    return user


def film_named(text: str) -> Film:
    """A film from "Title (Year)" or a plain title."""
    match = TITLE_WITH_YEAR.match(text.strip())
    title, year = (match["title"], int(match["year"])) if match else (text.strip(), None)
    film = film_find(title=title, year=year)
    if film is None:
        raise CommandError(f'no single film in the catalog matches "{text}"')
    return film
