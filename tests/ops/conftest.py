"""A populated site for backup, restore and migrate-to tests, and a PostgreSQL server to move to.

These tests use real transactions (``transaction=True``): backups read the database through
connections of their own, which never see a test's uncommitted rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.management import call_command

from marquee.accounts.models import User
from marquee.catalog.models import Credit, Film
from marquee.catalog.services import film_create, film_set_people
from marquee.comments.services import comment_moderate, comment_post
from marquee.imports.models import ImportJob
from marquee.readers.services import diary_entry_add, rating_set, watchlist_toggle
from marquee.reviews.models import Verdict
from marquee.reviews.services import review_create
from tests.conftest import PASSWORD
from tests.ops.postgres import throwaway_database


@dataclass
class Site:
    critic: User
    reader: User
    film: Film
    upload_name: str


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def populated_site(transactional_db, media_root) -> Site:
    """Rows in most tables, with the awkward values: JSON, unicode, m2m, self-references, files."""
    verdict, _ = Verdict.objects.get_or_create(
        slug="recommended-viewing", defaults={"name": "recommended viewing", "position": 2}
    )
    critic = User.objects.create_user(
        username="carla_critic", email="carla@example.test", password=PASSWORD, is_critic=True
    )
    reader = User.objects.create_user(
        username="rita_reader", email="rita@example.test", password=PASSWORD, display_name="Rïta ✓"
    )
    staff = User.objects.create_user(
        username="sam_staff", email="sam@example.test", password=PASSWORD, is_staff=True
    )
    editors = Group.objects.create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="change_review"))
    staff.groups.add(editors)
    staff.user_permissions.add(Permission.objects.get(codename="change_comment"))

    film = film_create(title="Alien", year=1979, genres=["Horror", "Science Fiction"])
    film_set_people(film=film, role=Credit.Role.DIRECTOR, names=["Ridley Scott"])
    film_set_people(film=film, role=Credit.Role.CAST, names=["Sigourney Weaver", "Tom Skerritt"])
    other = film_create(title="Le Samouraï", year=1967, genres=["Crime"])
    review = review_create(
        author=critic,
        film=film,
        verdict=verdict,
        tagline="In space, no one can hear you scream.",
        setup="A towing ship answers a distress call.",
        body="A haunted-house film *in space* — «patient», 静か.",
        should_watch="If you like slow-burn horror, yes.",
        publish=True,
    )
    top = comment_post(review=review, author=reader, body="First! ünïcödé")
    comment_moderate(comment=top, moderator=staff, status="approved")
    comment_post(review=review, author=critic, body="Thanks.", parent=top)
    rating_set(user=reader, film=film, half_stars=9)
    diary_entry_add(
        user=reader,
        film=other,
        watched_on=dt.date(2024, 2, 29),
        half_stars=7,
        tags=["rewatch", "noir"],
        note="Rain.",
    )
    watchlist_toggle(user=reader, film=other)
    LogEntry.objects.create(
        user=staff,
        content_type=ContentType.objects.get_for_model(Film),
        object_id=str(film.pk),
        object_repr=str(film),
        action_flag=ADDITION,
        change_message='[{"added": {}}]',
    )
    job = ImportJob(
        user=reader, format="journal", original_name="journal.zip", status="done", total=2
    )
    job.report = {"created": 2, "notes": ["ok", {"nested": [1, 2.5, None]}]}
    job.upload.save("journal.zip", ContentFile(b"PK\x03\x04 not really a zip"), save=True)
    return Site(critic=critic, reader=reader, film=film, upload_name=job.upload.name)


def empty_the_site() -> None:
    """What a new site looks like: every table empty but for what `migrate` writes."""
    call_command("flush", interactive=False, verbosity=0)


@pytest.fixture
def postgres_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards; skips without a server."""
    with throwaway_database() as url:
        yield url
