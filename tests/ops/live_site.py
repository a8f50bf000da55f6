"""A real site run in subprocesses, for tests that kill it: a data folder, its database, `marquee
serve` in a process group of its own, and signed-in readers that talk to it over HTTP."""

from __future__ import annotations

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path

MARQUEE = [sys.executable, "-m", "marquee"]

# Readers signed in the way Client.force_login does it: a session row per reader, made up front.
SESSIONS = """
import json
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from marquee.accounts.models import User

sessions = {{}}
for reader in User.objects.filter(username__in={usernames!r}):
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.create()
    sessions[reader.username] = session.session_key
print(json.dumps(sessions))
"""


@dataclass
class LiveSite:
    """A data folder and a database (SQLite in the folder, or ``database_url``)."""

    data_dir: Path
    database_url: str = ""
    content: dict = field(default_factory=dict)  # what a test put there, for it to look up

    @property
    def env(self) -> dict[str, str]:
        env = {key: value for key, value in os.environ.items() if not key.startswith("MARQUEE_")}
        env.pop("CACHE_URL", None)  # the default: a file cache in the data folder
        return {
            **env,
            "MARQUEE_DATA_DIR": str(self.data_dir),
            "DATABASE_URL": self.database_url,
            "DEBUG": "false",
            "MARQUEE_COMMENTS_PER_HOUR": "0",
        }

    @property
    def sqlite_path(self) -> Path | None:
        return None if self.database_url else self.data_dir / "marquee.sqlite3"

    def marquee(self, *args: str, timeout: float = 300) -> str:
        """Run a `marquee` command to the end; its standard output."""
        done = subprocess.run(
            [*MARQUEE, *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert done.returncode == 0, f"marquee {args[0]} failed:\n{done.stdout}\n{done.stderr}"
        return done.stdout

    def shell_json(self, script: str):
        """Run Python in `marquee shell`; the JSON it printed on its last line."""
        return json.loads(self.marquee("shell", "-v", "0", "-c", script).splitlines()[-1])

    def sign_in(self, usernames: list[str]) -> dict[str, str]:
        """A session key for each of ``usernames``."""
        return self.shell_json(SESSIONS.format(usernames=usernames))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def kill_group(process: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Send ``sig`` to the whole process group: gunicorn's master, its workers, the worker."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, sig)
    process.wait(timeout=30)


def group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@contextmanager
def serving(
    site: LiveSite, log: Path, *, workers: int = 2
) -> Iterator[tuple[str, subprocess.Popen]]:
    """`marquee serve` on a free port, in a process group of its own; stopped (if still up) after."""
    port = free_port()
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*MARQUEE, "serve", "--no-migrate", "--port", str(port), "--workers", str(workers)],
            env=site.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while Visitor(base_url).get("/healthz").status != 200:
            assert process.poll() is None, f"marquee serve exited:\n{log.read_text()[-3000:]}"
            assert time.monotonic() < deadline, "marquee serve did not come up in 120 s"
            time.sleep(0.3)
        yield base_url, process
    finally:
        if process.poll() is None:
            kill_group(process, signal.SIGTERM)
        # Gunicorn's workers leave when their master does; wait so the next test starts clean.
        deadline = time.monotonic() + 30
        while not group_is_gone(process.pid) and time.monotonic() < deadline:
            time.sleep(0.2)


@dataclass
class Answer:
    status: int  # 0 when no answer came (refused, reset, timed out)
    location: str = ""
    body: str = ""


class Visitor:
    """A browser's worth of HTTP: a cookie jar and, once a page with a form was seen, a CSRF
    token. A new connection for every request, so a dead server never hides behind keep-alive."""

    def __init__(self, base_url: str, session_key: str = "") -> None:
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.cookies = {"sessionid": session_key} if session_key else {}

    def get(self, path: str) -> Answer:
        return self._request("GET", path)

    def post(self, path: str, fields: dict, *, htmx: bool = False) -> Answer:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
            **({"HX-Request": "true"} if htmx else {}),
        }
        return self._request("POST", path, urllib.parse.urlencode(fields), headers)

    def _request(self, method: str, path: str, body=None, headers=None) -> Answer:
        cookies = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            connection.request(
                method, path, body=body, headers={**(headers or {}), "Cookie": cookies}
            )
            response = connection.getresponse()
            content = response.read().decode("utf-8", errors="replace")
        except (OSError, http.client.HTTPException):
            return Answer(0)
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value
        return Answer(response.status, response.getheader("Location", ""), content)
