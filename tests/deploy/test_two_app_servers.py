"""Two stateless app servers and a worker share one PostgreSQL database, as docs/deploy.md lays out.

Each process gets a data folder of its own whose ``media`` folder is the one shared volume, the
same SECRET_KEY, and one shared cache (a file cache in a shared folder stands in for Redis).
A reader signs in through one server and is signed in on the other; a comment posted through
one shows on the other at once; an import queued by a third process is run by the worker, with
the uploaded file on the shared volume, and its progress is read through a server.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.db import connection

from tests.ops.postgres import throwaway_database

PASSWORD = "a-long-deploy-test-password-42"
TAGLINE = "Served by whichever server answers."
SETUP = """
from pathlib import Path
from marquee.accounts.models import User
from marquee.catalog.services import film_create
from marquee.imports.journal import journal_export
from marquee.readers.models import Rating
from marquee.readers.services import rating_set
from marquee.reviews.models import Verdict
from marquee.reviews.services import review_create

critic = User.objects.create_user(
    username="carla", email="carla@example.test", password={password!r}, is_critic=True
)
film = film_create(title="Alien", year=1979)
review = review_create(
    author=critic, film=film, verdict=Verdict.objects.first(), tagline={tagline!r},
    setup="A towing ship answers a call.", body="Patient horror.", should_watch="Yes.",
    publish=True,
)
rating_set(user=critic, film=film, half_stars=9)
journal_export(user=critic, out=Path({export!r}))
Rating.objects.all().delete()
print(review.get_absolute_url())
"""
# Queued the way the upload page queues it (the page itself is covered by tests/imports).
QUEUE_IMPORT = """
from pathlib import Path
from django.core.files.uploadedfile import SimpleUploadedFile
from marquee.accounts.models import User
from marquee.imports.jobs import import_job_start

upload = SimpleUploadedFile("journal.zip", Path({export!r}).read_bytes())
job = import_job_start(
    user=User.objects.get(username="carla"), export_format="journal", upload=upload
)
print(job.get_absolute_url())
"""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").split(":")[0] not in {"postgres", "postgresql"},
        reason="several app servers need PostgreSQL (DATABASE_URL)",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """One visitor with one cookie jar, talking to whichever server it is pointed at."""

    def __init__(self) -> None:
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def get(self, url: str, *, deadline: float | None = None) -> tuple[str, str]:
        while True:
            try:
                with self.opener.open(url, timeout=10) as response:
                    return response.read().decode(), response.geturl()
            except OSError:
                if deadline is None or time.monotonic() > deadline:
                    raise
                time.sleep(0.5)

    def post(
        self,
        url: str,
        fields: dict[str, str],
        *,
        form_page: str | None = None,
    ) -> tuple[str, str]:
        """Post a form as a browser would, with the CSRF token from the page that shows it."""
        page, _ = self.get(form_page or url)
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        fields = {**fields, "csrfmiddlewaretoken": token}
        request = urllib.request.Request(url, data=urllib.parse.urlencode(fields).encode())
        with self.opener.open(request, timeout=30) as response:
            return response.read().decode(), response.geturl()


def process_env(base: dict[str, str], root: Path, name: str) -> dict[str, str]:
    """A data folder of this process's own, its media folder being the shared volume."""
    data = root / name
    data.mkdir()
    (data / "media").symlink_to(root / "shared-media", target_is_directory=True)
    return {**base, "MARQUEE_DATA_DIR": str(data)}


def test_two_app_servers_and_a_worker_share_one_database(tmp_path):
    assert connection.vendor == "postgresql"
    (tmp_path / "shared-media").mkdir()
    export = tmp_path / "journal.zip"
    processes: list[subprocess.Popen] = []
    with throwaway_database() as database_url:
        base = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SECRET_KEY": "one-secret-key-shared-by-every-app-server-" + uuid.uuid4().hex,
            "CACHE_URL": f"file://{tmp_path / 'shared-cache'}",
            "TASKS_RUN_IMMEDIATELY": "false",
            "DEBUG": "false",
        }
        setup_env = process_env(base, tmp_path, "setup")
        command = [sys.executable, "-m", "marquee"]
        subprocess.run([*command, "migrate", "--no-input", "-v", "0"], env=setup_env, check=True)
        script = SETUP.format(password=PASSWORD, tagline=TAGLINE, export=str(export))
        review_url = subprocess.run(
            [*command, "shell", "-v", "0", "-c", script],
            env=setup_env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        ports = [free_port(), free_port()]
        try:
            for name, port in zip(["app-a", "app-b"], ports, strict=True):
                serve = ["serve", "--no-worker", "--no-migrate", "--workers", "1"]
                processes.append(
                    subprocess.Popen(
                        [*command, *serve, "--host", "127.0.0.1", "--port", str(port)],
                        env=process_env(base, tmp_path, name),
                        stdout=(tmp_path / f"{name}.log").open("wb"),
                        stderr=subprocess.STDOUT,
                    )
                )
            processes.append(
                subprocess.Popen(
                    [*command, "worker"],
                    env=process_env(base, tmp_path, "worker"),
                    stdout=(tmp_path / "worker.log").open("wb"),
                    stderr=subprocess.STDOUT,
                )
            )
            a, b = (f"http://127.0.0.1:{port}" for port in ports)
            reader = _check_the_servers_share_everything(a, b, review_url)
            job_path = subprocess.run(
                [*command, "shell", "-v", "0", "-c", QUEUE_IMPORT.format(export=str(export))],
                env=setup_env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            _check_the_worker_runs_the_import(reader, b, job_path)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
            for log in sorted(tmp_path.glob("*.log")):  # shown by pytest when the test fails
                print(f"== {log.name}\n{log.read_text(errors='replace')[-5000:]}")


def _check_the_servers_share_everything(a: str, b: str, review_url: str) -> Browser:
    """Sessions, writes and the page cache are the same through either server."""
    deadline = time.monotonic() + 120
    anonymous, reader = Browser(), Browser()
    for server in (a, b):
        page, _ = anonymous.get(server + review_url, deadline=deadline)
        assert TAGLINE in page

    # Signed in through A, the same session is good on B.
    _, landed = reader.post(a + "/accounts/login/", {"username": "carla", "password": PASSWORD})
    assert landed == a + "/"
    page, _ = reader.get(b + "/")
    assert "Sign out" in page

    # A comment posted through B shows on A at once, cached anonymous pages included.
    slug = review_url.strip("/").split("/")[-1]
    reader.post(b + f"/comments/on/{slug}/", {"body": "Seen on B"}, form_page=b + review_url)
    page, _ = anonymous.get(a + review_url)
    assert "Seen on B" in page
    return reader


def _check_the_worker_runs_the_import(reader: Browser, server: str, job_path: str) -> None:
    assert re.fullmatch(r"/imports/\d+/", job_path), job_path
    deadline = time.monotonic() + 60
    while True:
        status, _ = reader.get(server + job_path + "status/")
        if "Finished" in status or "Failed" in status or time.monotonic() > deadline:
            break
        time.sleep(0.5)
    assert "Finished" in status and "<dt>Created</dt><dd>1</dd>" in status, status
