"""Real-browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server.

The browser is Debian's ``chromium`` package at ``/usr/bin/chromium``; Playwright never downloads
one. Without it these tests are skipped with a message, except under ``CI=true``, where they fail:
CI must run them (``scripts/test`` installs the package when it runs as root with apt-get).

Each test gets a fresh browser context (its own cookies) on the live server, which runs the site
in a thread of this process against the test database; ``log_in`` signs a user in by handing the
context a session cookie, as ``client.force_login`` would. Screenshots go to
``$MARQUEE_SCREENSHOT_DIR`` (default ``test-screenshots/`` at the top of the checkout).
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.servers.basehttp import WSGIRequestHandler
from django.db import connections
from django.test import Client
from django.utils import timezone

from marquee.accounts.models import User
from marquee.catalog.models import Credit, Film
from marquee.catalog.services import film_create, film_set_people
from marquee.comments.models import Comment
from marquee.comments.services import comment_moderate, comment_post
from marquee.imports.jobs import import_job_start
from marquee.imports.models import ImportJob
from marquee.readers.services import diary_entry_add, rating_set, watchlist_toggle
from marquee.reviews.models import Review
from marquee.reviews.services import review_create, verdict_by_name

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOT_DIR = Path(os.environ.get("MARQUEE_SCREENSHOT_DIR") or ROOT / "test-screenshots")
# Generous for a loaded two-core machine; a healthy page answers in well under a second.
TIMEOUT_MS = 15_000

# Playwright must never fetch a browser of its own: the one used is Debian's.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(autouse=True)
def _restored_database(django_db_serialized_rollback) -> None:
    """The live server needs a transactional database, which is emptied after each test; the
    data migrations' rows (the verdict badges) are put back before each one."""


@pytest.fixture(scope="package")
def browser() -> Iterator:
    """One Chromium for all the browser tests; skipped (or, under CI, failed) when missing."""
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        message = f"Chromium is not installed at {CHROMIUM} (Debian package: chromium)"
        if _in_ci():
            pytest.fail(f"{message}; CI must run the browser tests.", pytrace=False)
        pytest.skip(f"{message}; the browser tests need it.")
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do: on a busy two-core machine an htmx swap after
    # the rating widget's 400 ms delay can take longer than Playwright's default 5 seconds.
    expect.set_options(timeout=TIMEOUT_MS)

    # Playwright's synchronous API keeps an event loop running in this thread. Django then
    # refuses ORM calls from the tests (they call it between browser steps, never during
    # one, so the check is lifted while the browser is up), and asgiref hands this thread a
    # fresh set of database connection objects, which lack the copy of the migrations' rows
    # that ``serialized_rollback`` restores: it is carried over to them.
    serialized = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # The live server writes headers and body separately; without TCP_NODELAY each response
    # to a kept-alive connection can stall on a delayed ACK (about 40 ms).
    WSGIRequestHandler.disable_nagle_algorithm = True
    try:
        with sync_playwright() as playwright:
            for alias, contents in serialized.items():
                connections[alias]._test_serialized_contents = contents
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        del WSGIRequestHandler.disable_nagle_algorithm  # back to socketserver's default
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def new_context(browser, live_server) -> Iterator[Callable]:
    """Make a browser context on the live server (``new_context(bypass_csp=True)`` and so on).

    ``browser`` comes first so that the live server, started once, shares this thread's
    connection to the in-memory SQLite test database, as Django's live server tests do.
    """
    contexts = []

    def make(**options):
        defaults = {"viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}
        context = browser.new_context(
            base_url=live_server.url, timezone_id="UTC", **{**defaults, **options}
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def open_page() -> Iterator[Callable]:
    """Open a page in a context; the test fails if the site's script throws or the browser
    reports an error (a failed stylesheet, script or htmx request, a blocked inline script)."""
    watched = []

    def open_in(context):
        page = context.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
        page.on("console", lambda message: _console_problem(message, problems))
        page.on("response", lambda response: _response_problem(response, problems))
        watched.append(problems)
        return page

    yield open_in
    reported = [problem for problems in watched for problem in problems]
    assert not reported, "the browser reported problems:\n" + "\n".join(reported)


@pytest.fixture
def page(context, open_page):
    return open_page(context)


def _console_problem(message, problems: list[str]) -> None:
    # Failed loads are reported with their address by _response_problem instead.
    if message.type == "error" and not message.text.startswith("Failed to load resource"):
        problems.append(f"console error: {message.text}")


def _response_problem(response, problems: list[str]) -> None:
    """A stylesheet, script or htmx request that failed; pages themselves are the tests' job."""
    request = response.request
    # The site has no favicon; browsers ask for one anyway.
    if (
        response.status >= 400
        and request.resource_type != "document"
        and not request.url.endswith("/favicon.ico")
    ):
        problems.append(f"{response.status} for {request.method} {request.url}")


@pytest.fixture
def log_in(live_server) -> Callable:
    """Sign ``user`` in on a browser context, as ``client.force_login`` does for the test client."""

    def sign_in(context, user: User) -> None:
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url, "httpOnly": True}]
        )

    return sign_in


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR


@pytest.fixture
def screenshot(screenshot_dir) -> Callable:
    """Save a full-page screenshot of ``page`` as ``<name>.png`` in the screenshot folder."""

    def take(page, name: str) -> Path:
        path = screenshot_dir / f"{name}.png"
        page.screenshot(path=path, full_page=True, animations="disabled")
        return path

    return take


@dataclass
class Journal:
    """A small journal with something on every main page (see ``journal_with_content``)."""

    critic: User
    reader: User
    staff: User
    films: dict[str, Film]
    reviews: dict[str, Review]
    pending_comment: Comment
    import_job: ImportJob


FILMS = [
    # title, year, runtime, genres, director, cast
    ("Alien", 1979, 117, ["Horror", "Science Fiction"], "Ridley Scott", ["Sigourney Weaver", "Tom Skerritt", "John Hurt"]),
    ("Blade Runner", 1982, 117, ["Science Fiction", "Thriller"], "Ridley Scott", ["Harrison Ford", "Rutger Hauer", "Sean Young"]),
    ("Stalker", 1979, 162, ["Science Fiction", "Drama"], "Andrei Tarkovsky", ["Alisa Freyndlikh", "Aleksandr Kaydanovskiy"]),
    ("Paddington 2", 2017, 103, ["Comedy", "Family"], "Paul King", ["Ben Whishaw", "Hugh Grant", "Sally Hawkins"]),
    ("Spirited Away", 2001, 125, ["Animation", "Fantasy"], "Hayao Miyazaki", ["Rumi Hiiragi", "Miyu Irino"]),
    ("The Thing", 1982, 109, ["Horror", "Science Fiction"], "John Carpenter", ["Kurt Russell", "Wilford Brimley", "Keith David"]),
]  # fmt: skip
REVIEWS = {
    "Alien": ("recommended viewing", "In space, no one can hear you scream.", "A commercial towing ship answers a distress call from a barren moon.", "A haunted-house film *in space*, built with patience.\n\nThe crew feels real: tired, underpaid, arguing about bonuses. When the creature arrives, the film has earned every second of dread.", "If you're a fan of slow-burn horror, yes."),
    "Stalker": ("essential", "A journey to the room where wishes come true.", "A guide leads two men through the forbidden Zone.", "Slow, strange and **unforgettable**. Tarkovsky films water, rust and grass as if they were holy.", "Yes, with patience and a quiet evening."),
    "Paddington 2": ("worth a look", "Marmalade, prison and Hugh Grant.", "A bear takes on odd jobs to buy a pop-up book for his aunt.", "Kinder than it needs to be and funnier than it has any right to be.", "Yes, especially with children."),
}  # fmt: skip


@pytest.fixture
def journal_with_content(critic, reader, other_reader, staff, tmp_path) -> Journal:
    """Films, three published reviews, comments (one awaiting moderation), a reader's diary and
    ratings across genres, decades and months, and a finished Letterboxd import with a report."""
    films = {}
    for title, year, runtime, genres, director, cast in FILMS:
        film = film_create(title=title, year=year, runtime_minutes=runtime, genres=genres)
        film_set_people(film=film, role=Credit.Role.DIRECTOR, names=[director])
        film_set_people(film=film, role=Credit.Role.CAST, names=cast)
        films[title] = film
    reviews = {}
    for title, (verdict, tagline, setup, body, advice) in REVIEWS.items():
        reviews[title] = review_create(
            author=critic,
            film=films[title],
            verdict=verdict_by_name(verdict),
            tagline=tagline,
            setup=setup,
            body=body,
            should_watch=advice,
            publish=True,
        )
    alien = reviews["Alien"]
    first = comment_post(review=alien, author=other_reader, body="Still the scariest dinner scene.")
    comment_moderate(comment=first, moderator=staff, status=Comment.Status.APPROVED)
    comment_post(review=alien, author=critic, body="It really is.", parent=first)
    pending = comment_post(review=alien, author=reader, body="Is the director's cut worth it?")

    today = timezone.localdate()
    viewings = [
        ("Alien", 9, 40, True, ["halloween"]),
        ("Blade Runner", 8, 95, False, ["rain"]),
        ("Stalker", 10, 150, False, []),
        ("Paddington 2", 9, 210, False, ["family", "comfort"]),
        ("Spirited Away", 10, 300, False, []),
        ("The Thing", 7, 400, True, ["halloween"]),
    ]
    for title, half_stars, days_ago, rewatch, tags in viewings:
        diary_entry_add(
            user=reader,
            film=films[title],
            watched_on=today - timedelta(days=days_ago),
            rewatch=rewatch,
            half_stars=half_stars,
            tags=tags,
        )
        rating_set(user=other_reader, film=films[title], half_stars=max(2, half_stars - 3))
    watchlist_toggle(user=reader, film=films["The Thing"], on_list=True)

    export = io.BytesIO()
    with zipfile.ZipFile(export, "w") as archive:
        archive.writestr(
            "ratings.csv",
            "Date,Name,Year,Letterboxd URI,Rating\n"
            "2024-03-10,Alien,1979,https://boxd.it/a0,4.5\n"
            "2024-03-11,Paddington 3,2026,https://boxd.it/p3,5\n"
            "2024-03-12,Stalker,1979,https://boxd.it/s0,eleven\n",
        )
    job = import_job_start(
        user=reader,
        export_format="letterboxd",
        upload=SimpleUploadedFile("letterboxd-rita-2024-05-01-12-00-utc.zip", export.getvalue()),
    )  # tests run tasks inline: the import is over when this returns
    job.refresh_from_db()
    return Journal(
        critic=critic,
        reader=reader,
        staff=staff,
        films=films,
        reviews=reviews,
        pending_comment=pending,
        import_job=job,
    )
