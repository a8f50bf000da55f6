"""Crash safety: kill -9 the server while readers write, and an import halfway through.

Afterwards the database passes its integrity checks, every write the server acknowledged is
there whole, the import is all there or not there at all, and both the site and the import run
again. The site runs in subprocesses on SQLite, and on a new PostgreSQL database when the suite
runs on PostgreSQL.
"""

from __future__ import annotations

import csv
import fcntl
import io
import os
import pty
import re
import select
import signal
import sqlite3
import struct
import subprocess
import termios
import threading
import time
import zipfile
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

import pytest
from django.db import connection

from tests.ops.live_site import MARQUEE, LiveSite, Visitor, group_is_gone, kill_group, serving
from tests.ops.postgres import throwaway_database

pytestmark = pytest.mark.slow

WRITERS = 4
ACKNOWLEDGED_BEFORE_THE_KILL = 24
IMPORT_ROWS = 300  # films; 600 records, progress shown every 250: the kill comes at 250 or 500

SITE = """
import json
from marquee.accounts.models import User
from marquee.catalog.services import film_create
from marquee.comments.models import Comment
from marquee.reviews.models import Verdict
from marquee.reviews.services import review_create

critic = User.objects.create_user(username="crash-critic", email="c@example.test", is_critic=True)
films = [film_create(title=f"Crash Film {{n}}", year=1990 + n) for n in range(6)]
review = review_create(
    author=critic, film=films[0], verdict=Verdict.objects.first(), tagline="Loud.",
    setup="A crash.", body="Then another.", should_watch="Yes.", publish=True,
)
for n in range({writers}):
    reader = User.objects.create_user(username=f"crash{{n}}", email=f"crash{{n}}@example.test")
    # An approved comment makes a reader trusted: later ones need no moderation.
    Comment.objects.create(
        review=review, author=reader, body="Trusted.", status=Comment.Status.APPROVED
    )
User.objects.create_user(username="importer", email="importer@example.test")
print(json.dumps({{"review": review.slug, "films": [film.slug for film in films]}}))
"""

# Everything the crash may have left half-done, and the writes the test looks for.
STATE = """
import json
from marquee.catalog.models import Film
from marquee.comments.models import Comment
from marquee.readers.models import DiaryEntry, Rating
from marquee.reviews.models import Review

print(json.dumps({
    "comments": sorted(
        Comment.objects.filter(body__startswith="crash-test ").values_list("body", flat=True)
    ),
    "diary": sorted(
        DiaryEntry.objects.filter(note__startswith="crash-test ").values_list("note", flat=True)
    ),
    "ratings": {
        f"{user} {film}": half_stars
        for user, film, half_stars in Rating.objects.filter(
            user__username__startswith="crash"
        ).values_list("user__username", "film__slug", "half_stars")
    },
    "orphan_comments": Comment.objects.exclude(review_id__in=Review.objects.values("pk")).count(),
    "comments_on_unpublished": Comment.objects.exclude(review__status="published").count(),
    "ratings_out_of_range": Rating.objects.exclude(half_stars__range=(1, 10)).count(),
    "orphan_diary": DiaryEntry.objects.exclude(film_id__in=Film.objects.values("pk")).count(),
    "imported_films": Film.objects.filter(title__startswith="Crash Test Picture").count(),
    "imported_diary": DiaryEntry.objects.filter(user__username="importer").count(),
    "imported_ratings": Rating.objects.filter(user__username="importer").count(),
}))
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Iterator[LiveSite]:
    """One migrated site for the module (migrating takes longer than each test)."""
    folder = tmp_path_factory.mktemp("crash-site")
    on_postgres = connection.vendor == "postgresql"
    with throwaway_database() if on_postgres else nullcontext("") as database_url:
        site = LiveSite(folder / "data", database_url)
        site.marquee("migrate", "--no-input", "-v", "0")
        site.content = site.shell_json(SITE.format(writers=WRITERS))
        yield site


def assert_database_is_sound(site: LiveSite) -> dict:
    """Integrity checks on the database file (SQLite), and no half-written rows (both)."""
    if site.sqlite_path:
        with sqlite3.connect(site.sqlite_path) as db:
            assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
            assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        db.close()
    state = site.shell_json(STATE)  # PostgreSQL: it answers, and its constraints held
    assert state["orphan_comments"] == state["comments_on_unpublished"] == 0
    assert state["ratings_out_of_range"] == state["orphan_diary"] == 0
    return state


# --- kill -9 the server during writes --------------------------------------------------------


class Writer(threading.Thread):
    """A signed-in reader posting comments, ratings and diary entries until the server dies."""

    def __init__(self, base_url: str, username: str, session_key: str, content: dict) -> None:
        super().__init__(daemon=True)
        self.visitor = Visitor(base_url, session_key)
        self.username, self.content = username, content
        self.comments: list[str] = []  # acknowledged
        self.diary: list[str] = []  # acknowledged
        self.ratings: list[tuple[str, int, bool]] = []  # film, half-stars, acknowledged
        self.stop = threading.Event()

    @property
    def acknowledged(self) -> int:
        return len(self.comments) + len(self.diary) + sum(acked for *_, acked in self.ratings)

    def run(self) -> None:
        films = self.content["films"]
        assert self.visitor.get(f"/films/{films[0]}/").status == 200  # for the CSRF cookie
        n = 0
        while not self.stop.is_set() and n < 2000:
            n += 1
            film = films[n % len(films)]
            if n % 3 == 0:
                if not self._comment(n):
                    return
            elif n % 3 == 1:
                answer = self.visitor.post(
                    f"/u/film/{film}/rating/", {"half_stars": n % 10 + 1}, htmx=True
                )
                acked = answer.status == 200 and "You gave it" in answer.body
                self.ratings.append((film, n % 10 + 1, acked))
                if not answer.status:
                    return
            elif not self._diary(film, n):
                return

    def _comment(self, n: int) -> bool:
        body = f"crash-test {self.username} comment {n}"
        answer = self.visitor.post(f"/comments/on/{self.content['review']}/", {"body": body})
        if answer.status == 302 and "#comment-" in answer.location:
            self.comments.append(body)
        return bool(answer.status)

    def _diary(self, film: str, n: int) -> bool:
        note = f"crash-test {self.username} diary {n}"
        fields = {"diary-watched_on": "2024-05-01", "diary-note": note, "diary-tags": "crash"}
        answer = self.visitor.post(f"/u/film/{film}/diary/", fields, htmx=True)
        if answer.status == 200 and "Added to your diary." in answer.body:
            self.diary.append(note)
        return bool(answer.status)


def test_kill_9_of_the_server_during_writes_loses_no_acknowledged_write(site, tmp_path):
    usernames = [f"crash{n}" for n in range(WRITERS)]
    sessions = site.sign_in(usernames)
    log = tmp_path / "serve.log"
    with serving(site, log) as (base_url, server):
        writers = [Writer(base_url, name, sessions[name], site.content) for name in usernames]
        for writer in writers:
            writer.start()
        deadline = time.monotonic() + 120
        while sum(writer.acknowledged for writer in writers) < ACKNOWLEDGED_BEFORE_THE_KILL:
            assert time.monotonic() < deadline, f"too few writes went through:\n{log.read_text()}"
            assert all(writer.is_alive() for writer in writers), log.read_text()[-3000:]
            time.sleep(0.05)
        # Mid-flight: every writer is between sending a request and reading its answer, or
        # about to send the next. The master, its workers and the background worker all die.
        kill_group(server, signal.SIGKILL)
        assert server.returncode == -signal.SIGKILL
        for writer in writers:
            writer.stop.set()
            writer.join(timeout=60)
        deadline = time.monotonic() + 30
        while not group_is_gone(server.pid):
            assert time.monotonic() < deadline, "gunicorn's workers outlived SIGKILL"
            time.sleep(0.1)

    state = assert_database_is_sound(site)
    stored_comments, stored_diary = set(state["comments"]), set(state["diary"])
    for writer in writers:
        assert set(writer.comments) <= stored_comments
        assert set(writer.diary) <= stored_diary
        for film, allowed in _allowed_ratings(writer.ratings).items():
            assert state["ratings"].get(f"{writer.username} {film}") in allowed, (writer, film)
    assert "Traceback" not in log.read_text()

    # The site comes back on the same database and takes writes again.
    with serving(site, log) as (base_url, _):
        writer = Writer(base_url, usernames[0], sessions[usernames[0]], site.content)
        assert writer.visitor.get(f"/films/{site.content['films'][0]}/").status == 200
        assert writer._comment(10_000) and writer.comments
        page = writer.visitor.get(f"/reviews/{site.content['review']}/").body
        earlier = [body for writer in writers for body in writer.comments]
        assert writer.comments[-1] in page and earlier[-1] in page


def _allowed_ratings(ratings: list[tuple[str, int, bool]]) -> dict[str, set[int]]:
    """Per film: the last acknowledged value, or one sent after it whose answer never came."""
    allowed: dict[str, set[int]] = {}
    for film, half_stars, acked in ratings:
        if acked:
            allowed[film] = {half_stars}
        elif film in allowed:
            allowed[film].add(half_stars)
    return allowed


# --- kill -9 an import halfway ---------------------------------------------------------------


def letterboxd_export(path: Path, rows: int) -> Path:
    """A diary and ratings of ``rows`` films the catalog lacks (`--create-missing` adds them)."""
    diary, ratings = io.StringIO(), io.StringIO()
    diary_csv, ratings_csv = csv.writer(diary), csv.writer(ratings)
    diary_csv.writerow(
        ["Date", "Name", "Year", "Letterboxd URI", "Rating", "Rewatch", "Tags", "Watched Date"]
    )
    ratings_csv.writerow(["Date", "Name", "Year", "Letterboxd URI", "Rating"])
    for n in range(rows):
        film = [f"Crash Test Picture {n:04d}", 1950 + n % 70, f"https://boxd.it/crash{n:04d}"]
        diary_csv.writerow(["2024-01-02", *film, "3.5", "", "crash", "2024-01-01"])
        ratings_csv.writerow(["2024-01-02", *film, "3.5"])
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("diary.csv", diary.getvalue())
        archive.writestr("ratings.csv", ratings.getvalue())
    return path


IMPORT = ["import", "letterboxd", "EXPORT", "--user", "importer", "--create-missing"]


def kill_import_halfway(site: LiveSite, export: Path) -> tuple[int, int]:
    """Run the import with its progress bar on a terminal; kill -9 it once the bar shows it
    part way through. The rows done and the total the bar showed then."""
    master, terminal = pty.openpty()  # tqdm draws its bar only on a terminal, this wide
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    command = [*MARQUEE, *(str(export) if part == "EXPORT" else part for part in IMPORT)]
    process = subprocess.Popen(
        command,
        env=site.env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        start_new_session=True,
    )
    os.close(terminal)
    shown = b""
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline and process.poll() is None:
            if not select.select([master], [], [], 0.5)[0]:
                continue
            try:
                shown += os.read(master, 4096)
            except OSError:  # the other end closed
                break
            progress = re.findall(rb"(\d+)/(\d+) \[", shown)
            if progress and 0 < int(progress[-1][0]) < int(progress[-1][1]):
                kill_group(process, signal.SIGKILL)
                return int(progress[-1][0]), int(progress[-1][1])
        raise AssertionError(f"the import was never seen part way through: {shown[-800:]!r}")
    finally:
        os.close(master)
        if process.poll() is None:
            kill_group(process, signal.SIGKILL)


def test_kill_9_of_an_import_halfway_leaves_all_or_nothing_and_a_rerun_completes(site, tmp_path):
    export = letterboxd_export(tmp_path / "letterboxd.zip", IMPORT_ROWS)
    done, total = kill_import_halfway(site, export)
    assert 0 < done < total == 2 * IMPORT_ROWS

    state = assert_database_is_sound(site)
    imported = (state["imported_films"], state["imported_diary"], state["imported_ratings"])
    # One transaction: killed before its end, nothing of it is there (all of it, had the kill
    # come after the commit).
    assert imported in {(0, 0, 0), (IMPORT_ROWS,) * 3}, imported

    output = site.marquee(*(str(export) if part == "EXPORT" else part for part in IMPORT))
    state = assert_database_is_sound(site)
    imported = (state["imported_films"], state["imported_diary"], state["imported_ratings"])
    assert imported == (IMPORT_ROWS,) * 3, output
