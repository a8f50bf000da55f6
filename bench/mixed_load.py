"""Mixed reads and writes against `marquee serve`: throughput, latency, no 5xx, no lost write.

    .venv/bin/python bench/mixed_load.py                      # SQLite: 64 clients, 120 s, 4 workers
    .venv/bin/python bench/mixed_load.py --postgres           # the same on a private PostgreSQL
    .venv/bin/python bench/mixed_load.py --database-url postgres://user@host:5432/empty_db
    .venv/bin/python bench/mixed_load.py --seconds 10 --clients 8 --workers 2 --json out.json

It builds a fresh site in a temporary folder (the demo journal, one signed-in reader per client,
each with a dozen ratings and one approved comment so their comments need no moderation, and
models trained on those ratings), serves it with `marquee serve`, and lets every client, as its
own signed-in reader, pick at random: 80 % page reads (home, a review, a film, For you, and
search when /search/ answers) and 20 % writes (a comment on a review, a rating, a diary entry),
each write posted with the CSRF token as a browser would. Every write carries a unique text or
value; afterwards the database is read and every write the server acknowledged must be there.

It exits non-zero on any 5xx, any request left without an answer, any unexpected status, or any
acknowledged write that is missing. Traffic goes to loopback only, the run is bounded by
--seconds, and the server (and a PostgreSQL server it started) is stopped at the end.

--postgres starts a PostgreSQL server of its own with ``scripts/postgres`` on port 54339 (data in
/tmp/marquee-bench-pg; reused when already up) and creates a new database there, dropped after
the run. --database-url uses the given database as it is: it must be empty.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MARQUEE = [sys.executable, "-m", "marquee"]
PASSWORD = "mixed-load-password-42"
BENCH_PG_PORT = 54339
BENCH_PG_DIR = "/tmp/marquee-bench-pg"
REQUEST_TIMEOUT = 60  # gunicorn's own worker timeout: a request slower than this is an error

# 80 % reads and 20 % writes; search's share goes to review pages when /search/ does not answer.
READS = {"home": 20, "review": 20, "film": 20, "for-you": 10, "search": 10}
WRITES = {"comment": 7, "rating": 7, "diary": 6}

SETUP = """
import json, random
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.utils import timezone
from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.comments.models import Comment
from marquee.readers.models import Rating
from marquee.reviews.models import Review

call_command("demo", password={password!r}, verbosity=0)
rng = random.Random({seed})
store = import_module(settings.SESSION_ENGINE).SessionStore
films = list(Film.objects.order_by("pk"))
reviews = list(Review.objects.published().order_by("pk"))
hashed = make_password({password!r})  # hashing is slow on purpose: once for every reader
sessions, ratings = {{}}, []
for n in range({readers}):
    reader = User.objects.create(
        username=f"load{{n:03d}}", email=f"load{{n:03d}}@example.test", password=hashed
    )
    # One approved comment makes a reader trusted: later comments need no moderation.
    Comment.objects.create(
        review=rng.choice(reviews), author=reader, body="Hello from a regular.",
        status=Comment.Status.APPROVED,
    )
    for film in rng.sample(films, 12):
        ratings.append(Rating(
            user=reader, film=film, half_stars=rng.randint(1, 10), rated_at=timezone.now()
        ))
    # Signed in as Client.force_login does, instead of 64 slow password checks.
    session = store()
    session[SESSION_KEY] = str(reader.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = reader.get_session_auth_hash()
    session.create()
    sessions[reader.username] = session.session_key
Rating.objects.bulk_create(ratings)
call_command("train", verbosity=0)
print(json.dumps({{
    "sessions": sessions,
    "films": [film.slug for film in films],
    "reviews": [review.slug for review in reviews],
    "words": sorted({{w for f in films for w in f.title.split() if len(w) > 3 and w.isalpha()}}),
}}))
"""

VERIFY = """
import json
from marquee.comments.models import Comment
from marquee.readers.models import DiaryEntry, Rating
tag = {tag!r}
print(json.dumps({{
    "comments": [
        [c.body, c.review.slug, c.author.username, c.status]
        for c in Comment.objects.filter(body__startswith=tag).select_related("review", "author")
    ],
    "diary": [
        [e.note, e.film.slug, e.user.username]
        for e in DiaryEntry.objects.filter(note__startswith=tag).select_related("film", "user")
    ],
    "ratings": {{
        f"{{r.user.username}} {{r.film.slug}}": r.half_stars
        for r in Rating.objects.filter(user__username__startswith="load").select_related(
            "film", "user"
        )
    }},
}}))
"""


# --- the site ---------------------------------------------------------------------------------


@dataclass
class Site:
    base_url: str
    env: dict
    sessions: dict[str, str]
    films: list[str]
    reviews: list[str]
    words: list[str]
    server_pid: int = 0
    searchable: bool = False


def _marquee(env: dict, *args: str, capture: bool = False) -> str:
    done = subprocess.run(
        [*MARQUEE, *args],
        env=env,
        cwd=ROOT,
        check=True,
        text=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
    )
    return done.stdout or ""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _site_env(data_dir: str, database_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith("MARQUEE_")}
    env.pop("CACHE_URL", None)  # the default: a file cache in the data folder, shared by workers
    return {
        **env,
        "MARQUEE_DATA_DIR": data_dir,
        "DATABASE_URL": database_url,
        "DEBUG": "false",
        # The load measures the server, not the anti-spam limit of 30 comments an hour.
        "MARQUEE_COMMENTS_PER_HOUR": "0",
    }


def build_site(env: dict, *, readers: int, seed: int) -> dict:
    """Migrate, load the demo journal, add the readers, train the models; the SETUP output."""
    _marquee(env, "migrate", "--no-input", "-v", "0")
    script = SETUP.format(seed=seed, password=PASSWORD, readers=readers)
    output = _marquee(env, "shell", "-v", "0", "-c", script, capture=True)
    return json.loads(output.splitlines()[-1])


@contextmanager
def served_site(args: argparse.Namespace, database_url: str) -> Iterator[Site]:
    """A fresh site served by `marquee serve` in a process group of its own, stopped afterwards."""
    data_dir = tempfile.mkdtemp(prefix="marquee-mixed-load-")
    env = _site_env(data_dir, database_url)
    server = None
    log = Path(data_dir) / "serve.log"
    try:
        setup = build_site(env, readers=args.clients, seed=args.seed)
        port = _free_port()
        command = ["serve", "--no-migrate", "--port", str(port), "--workers", str(args.workers)]
        if args.threads:
            command += ["--threads", str(args.threads)]
        with log.open("wb") as out:
            server = subprocess.Popen(
                [*MARQUEE, *command],
                env=env,
                cwd=ROOT,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # gunicorn, its workers and `marquee worker`: one group
            )
        site = Site(
            base_url=f"http://127.0.0.1:{port}",
            env=env,
            sessions=setup["sessions"],
            films=setup["films"],
            reviews=setup["reviews"],
            words=setup["words"],
            server_pid=server.pid,
        )
        _wait_until_up(site.base_url, server)
        site.searchable = _answers_200(site.base_url, f"/search/?q={site.words[0]}")
        yield site
    finally:
        if server is not None:
            stop_process_group(server)
            lines = log.read_text(errors="replace").splitlines()
            if any("Traceback" in line or "ERROR" in line for line in lines):
                print("Server log (last lines):", *lines[-40:], sep="\n  ", file=sys.stderr)
        shutil.rmtree(data_dir, ignore_errors=True)


def stop_process_group(process: subprocess.Popen) -> None:
    """SIGTERM the process's group, as Ctrl+C would; SIGKILL what is still there after 30 s."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def _wait_until_up(base_url: str, server: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"marquee serve exited with status {server.returncode}")
        if _answers_200(base_url, "/healthz"):
            return
        time.sleep(0.3)
    raise RuntimeError(f"server at {base_url} did not come up in {timeout} s")


def _answers_200(base_url: str, path: str) -> bool:
    parsed = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@contextmanager
def database(args: argparse.Namespace) -> Iterator[str]:
    """DATABASE_URL to run on: empty (SQLite), the one given, or a new one on a private server."""
    if args.database_url:
        yield args.database_url
        return
    if not args.postgres:
        yield ""
        return
    import psycopg

    env = {
        **os.environ,
        "MARQUEE_TEST_PGPORT": str(BENCH_PG_PORT),
        "MARQUEE_TEST_PGDIR": BENCH_PG_DIR,
    }
    started = False
    if not _port_open(BENCH_PG_PORT):
        subprocess.run(
            [ROOT / "scripts" / "postgres", "start"], env=env, check=True, stdout=subprocess.DEVNULL
        )
        started = True
    admin = {"host": "127.0.0.1", "port": BENCH_PG_PORT, "user": "postgres", "dbname": "postgres"}
    name = f"marquee_load_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(**admin, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        yield f"postgres://postgres@127.0.0.1:{BENCH_PG_PORT}/{name}"
    finally:
        with suppress(psycopg.Error), psycopg.connect(**admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if started:
            subprocess.run([ROOT / "scripts" / "postgres", "stop"], env=env, check=False)


def _processes() -> Iterator[tuple[int, int, int, float]]:
    """(pid, parent pid, process group, CPU seconds used) of every process, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with suppress(OSError, ValueError, IndexError):
            fields = stat.read_text().rpartition(")")[2].split()
            cpu = sum(int(value) for value in fields[11:15]) / ticks  # utime, stime, children's
            yield int(stat.parent.name), int(fields[1]), int(fields[2]), cpu


def cpu_seconds(server_pid: int, database_url: str) -> dict[str, float]:
    """CPU seconds used so far by gunicorn, by the background worker and, when this script
    started it, by PostgreSQL; read before and after the run, the difference is the cost."""
    postmaster = 0
    pid_file = Path(BENCH_PG_DIR) / "data" / "postmaster.pid"
    if f":{BENCH_PG_PORT}/" in database_url and pid_file.exists():
        postmaster = int(pid_file.read_text().split()[0])
    used = {"web": 0.0, "worker": 0.0, "postgres": 0.0}
    for pid, parent, group, cpu in _processes():
        if group == server_pid:
            # `marquee worker` runs background tasks (training after new ratings) beside gunicorn.
            used["worker" if b"worker" in _command_line(pid) else "web"] += cpu
        elif postmaster and postmaster in (pid, parent):
            used["postgres"] += cpu
    return used


def _command_line(pid: int) -> list[bytes]:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return []


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


# --- one client: a signed-in reader with a keep-alive connection and a cookie jar -------------


@dataclass
class Answer:
    status: int  # 0: no answer (connection refused, reset or timed out)
    location: str = ""
    body: str = ""


class Reader:
    """One signed-in reader: cookies, a CSRF token, one keep-alive connection."""

    def __init__(self, base_url: str, username: str, session_key: str) -> None:
        parsed = urllib.parse.urlsplit(base_url)
        self.host, self.port = parsed.hostname, parsed.port
        self.username = username
        self.cookies = {"sessionid": session_key}
        self.connection: http.client.HTTPConnection | None = None
        self.reconnects = 0

    def get(self, path: str) -> Answer:
        return self._request("GET", path)

    def post(self, path: str, fields: dict[str, str], *, htmx: bool = False) -> Answer:
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
        }
        if htmx:
            headers["HX-Request"] = "true"
        return self._request("POST", path, urllib.parse.urlencode(fields), headers)

    def _request(self, method: str, path: str, body: str | None = None, headers=None) -> Answer:
        headers = {
            **(headers or {}),
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        for attempt in range(2):
            reused = self.connection is not None
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    self.host, self.port, timeout=REQUEST_TIMEOUT
                )
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                content = response.read().decode("utf-8", errors="replace")
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                self.close()
                # A kept-alive connection the server had just closed: the request never reached
                # it, so it is sent again on a new one (as browsers do), once.
                if reused and attempt == 0:
                    self.reconnects += 1
                    continue
                return Answer(0)
            except (OSError, http.client.HTTPException):
                self.close()
                return Answer(0)
            self._keep_cookies(response)
            if response.will_close:
                self.close()
            return Answer(response.status, response.getheader("Location", ""), content)
        return Answer(0)

    def _keep_cookies(self, response: http.client.HTTPResponse) -> None:
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or not morsel.value:
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


# --- the traffic ------------------------------------------------------------------------------


@dataclass
class Tally:
    """What one client did: every request, and every write with whether it was acknowledged."""

    requests: list[tuple[str, int, float]] = field(default_factory=list)  # kind, status, seconds
    unexpected: Counter = field(default_factory=Counter)  # "kind status" -> count
    refused: Counter = field(default_factory=Counter)  # writes the site said no to (rate limits)
    comments: list[tuple[str, str, bool]] = field(default_factory=list)  # body, review, acked
    diary: list[tuple[str, str, bool]] = field(default_factory=list)  # note, film, acked
    ratings: list[tuple[str, int, bool]] = field(default_factory=list)  # film, half-stars, acked
    reconnects: int = 0  # kept-alive connections the server had closed, opened again


class Traffic:
    """What each kind of request is, and whether its answer is the expected one."""

    def __init__(self, site: Site, tag: str, *, writes: bool = True) -> None:
        self.site, self.tag = site, tag
        reads = dict(READS)
        if not site.searchable:
            reads["review"] += reads.pop("search")
        kinds = {**reads, **(WRITES if writes else {})}
        self.kinds, self.weights = list(kinds), list(kinds.values())

    def one(self, kind: str, reader: Reader, rng: random.Random, tally: Tally, n: int) -> None:
        started = time.perf_counter()
        answer, ok = getattr(self, "_" + kind.replace("-", "_"))(reader, rng, tally, n)
        tally.requests.append((kind, answer.status, time.perf_counter() - started))
        if not ok:
            tally.unexpected[f"{kind} {answer.status or 'no answer'}"] += 1

    # reads: 200 is the only right answer

    def _home(self, reader, rng, tally, n):
        answer = reader.get("/")
        return answer, answer.status == 200

    def _review(self, reader, rng, tally, n):
        answer = reader.get(f"/reviews/{rng.choice(self.site.reviews)}/")
        return answer, answer.status == 200

    def _film(self, reader, rng, tally, n):
        answer = reader.get(f"/films/{rng.choice(self.site.films)}/")
        return answer, answer.status == 200

    def _for_you(self, reader, rng, tally, n):
        answer = reader.get("/for-you/")
        return answer, answer.status == 200 and "recommendations" in answer.body

    def _search(self, reader, rng, tally, n):
        query = urllib.parse.quote(rng.choice(self.site.words))
        answer = reader.get(f"/search/?q={query}")
        return answer, answer.status == 200

    # writes: each carries a unique text or value, checked against the database afterwards

    def _comment(self, reader, rng, tally, n):
        review = rng.choice(self.site.reviews)
        body = f"{self.tag} {reader.username} comment {n}: seen it twice, liked it more."
        answer = reader.post(f"/comments/on/{review}/", {"body": body, "website": ""})
        # Posted: a redirect to the new comment. Refused (a rate limit): back to the comments.
        acked = answer.status in (302, 303) and "#comment-" in answer.location
        refused = answer.status == 429 or answer.location.endswith("#comments")
        tally.refused["comment"] += refused
        tally.comments.append((body, review, acked))
        return answer, acked or refused

    def _rating(self, reader, rng, tally, n):
        film, half_stars = rng.choice(self.site.films), rng.randint(1, 10)
        # As the star widget posts it (htmx): the answer is the re-rendered widget.
        answer = reader.post(f"/u/film/{film}/rating/", {"half_stars": half_stars}, htmx=True)
        acked = (
            answer.status == 200
            and "You gave it" in answer.body
            and 'role="alert"' not in answer.body
        )
        tally.ratings.append((film, half_stars, acked))
        return answer, acked

    def _diary(self, reader, rng, tally, n):
        film = rng.choice(self.site.films)
        watched = datetime.now(UTC).date() - timedelta(days=rng.randint(1, 3000))
        note = f"{self.tag} {reader.username} diary {n}"
        fields = {
            "diary-watched_on": watched.isoformat(),
            "diary-half_stars": "",
            "diary-tags": "load test",
            "diary-note": note,
        }
        answer = reader.post(f"/u/film/{film}/diary/", fields, htmx=True)
        acked = answer.status == 200 and "Added to your diary." in answer.body
        tally.diary.append((note, film, acked))
        return answer, acked


def run_client(
    traffic: Traffic, reader: Reader, index: int, start: threading.Barrier, seconds: float, tally
) -> None:
    rng = random.Random(index)
    start.wait()
    deadline = time.perf_counter() + seconds
    n = 0
    while time.perf_counter() < deadline:
        n += 1
        # Client i starts with kind i, so that even a short run with few clients makes each.
        kind = traffic.kinds[index % len(traffic.kinds)] if n == 1 else None
        kind = kind or rng.choices(traffic.kinds, traffic.weights)[0]
        traffic.one(kind, reader, rng, tally, n)
    reader.close()
    tally.reconnects = reader.reconnects


def prepare(site: Site) -> list[Reader]:
    """Every reader opens a film page first, as a person would, and so gets a CSRF cookie."""
    readers = []
    for username, session_key in sorted(site.sessions.items()):
        reader = Reader(site.base_url, username, session_key)
        answer = reader.get(f"/films/{site.films[0]}/")
        if answer.status != 200 or "csrftoken" not in reader.cookies:
            raise RuntimeError(f"{username} could not open a film page: HTTP {answer.status}")
        if "Sign out" not in answer.body:
            raise RuntimeError(f"{username} is not signed in")
        readers.append(reader)
    return readers


def run_load(
    site: Site, readers: list[Reader], traffic: Traffic, *, seconds: float, seed: int
) -> tuple[list[Tally], float]:
    """Every reader runs ``traffic`` in a thread of its own for ``seconds``."""
    tallies = [Tally() for _ in readers]
    start = threading.Barrier(len(readers) + 1)
    threads = [
        threading.Thread(
            target=run_client, args=(traffic, reader, seed * 1000 + i, start, seconds, tally)
        )
        for i, (reader, tally) in enumerate(zip(readers, tallies, strict=True))
    ]
    for thread in threads:
        thread.start()
    start.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return tallies, time.perf_counter() - started


# --- checking and reporting -------------------------------------------------------------------


def check_writes(site: Site, tallies: list[Tally], tag: str) -> dict:
    """Every acknowledged write, looked for in the database."""
    script = VERIFY.format(tag=tag)
    stored = json.loads(_marquee(site.env, "shell", "-v", "0", "-c", script, capture=True))
    comments = Counter((body, review) for body, review, _, status in stored["comments"])
    diary = Counter((note, film) for note, film, _ in stored["diary"])
    none = dict.fromkeys(WRITES, 0)
    result = {
        "acknowledged": Counter(none),
        "lost": Counter(none),
        "unacknowledged_but_stored": Counter(dict.fromkeys(["comment", "diary"], 0)),
    }
    usernames = sorted(site.sessions)
    for username, tally in zip(usernames, tallies, strict=True):
        for kind, writes, found in [
            ("comment", tally.comments, comments),
            ("diary", tally.diary, diary),
        ]:
            for text, target, acked in writes:
                present = found[(text, target)] > 0
                result["acknowledged"][kind] += acked
                result["lost"][kind] += acked and not present
                result["unacknowledged_but_stored"][kind] += present and not acked
        _check_ratings(username, tally.ratings, stored["ratings"], result)
    approved = sum(status == "approved" for *_, status in stored["comments"])
    result["comments_not_approved"] = len(stored["comments"]) - approved
    return result


def _check_ratings(username: str, ratings: list, stored: dict, result: dict) -> None:
    """Per film, the value stored is the last one acknowledged (or a later unanswered one)."""
    by_film: dict[str, list[tuple[int, bool]]] = {}
    for film, half_stars, acked in ratings:
        by_film.setdefault(film, []).append((half_stars, acked))
        result["acknowledged"]["rating"] += acked
    for film, attempts in by_film.items():
        acked_at = [i for i, (_, acked) in enumerate(attempts) if acked]
        if not acked_at:
            continue
        last = acked_at[-1]
        allowed = {attempts[last][0]} | {value for value, _ in attempts[last + 1 :]}
        if stored.get(f"{username} {film}") not in allowed:
            result["lost"]["rating"] += 1


def _percentile(ordered: list[float], fraction: float) -> float:
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000 if ordered else 0.0


def summarize(tallies: list[Tally], elapsed: float) -> dict:
    latencies: dict[str, list[float]] = {}
    statuses: dict[str, Counter] = {}
    for tally in tallies:
        for kind, status, seconds in tally.requests:
            latencies.setdefault(kind, []).append(seconds)
            statuses.setdefault(kind, Counter())[status] += 1
    rows = {}
    everything = sorted(seconds for values in latencies.values() for seconds in values)
    for kind, values in [*sorted(latencies.items()), ("all", everything)]:
        ordered = sorted(values)
        counts = (
            sum(statuses.values(), Counter()) if kind == "all" else statuses.get(kind, Counter())
        )
        rows[kind] = {
            "requests": len(ordered),
            "per_second": len(ordered) / elapsed,
            "p50_ms": _percentile(ordered, 0.50),
            "p95_ms": _percentile(ordered, 0.95),
            "p99_ms": _percentile(ordered, 0.99),
            "statuses": {str(status): count for status, count in sorted(counts.items())},
        }
    return rows


def report(args, rows: dict, writes: dict, tallies: list[Tally], elapsed: float, meta: dict) -> int:
    unexpected = sum((tally.unexpected for tally in tallies), Counter())
    refused = sum((tally.refused for tally in tallies), Counter())
    server_errors = sum(
        count
        for status, count in rows["all"]["statuses"].items()
        if status.isdigit() and int(status) >= 500
    )
    no_answer = rows["all"]["statuses"].get("0", 0)
    lost = sum(writes["lost"].values())
    print(
        f"\n{meta['database']}, {args.clients} clients, {args.workers} workers, {elapsed:.0f} s, "
        f"{os.cpu_count()} cores, load average {meta['load_before']:.1f} before / "
        f"{os.getloadavg()[0]:.1f} after; search {'on' if meta['searchable'] else 'not there'}\n"
    )
    print("| kind | requests | req/s | p50 ms | p95 ms | p99 ms | statuses |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for kind, row in rows.items():
        statuses = ", ".join(
            f"{s if s != '0' else 'none'}: {c}" for s, c in row["statuses"].items()
        )
        name = f"**{kind}**" if kind == "all" else kind
        print(
            f"| {name} | {row['requests']:,} | {row['per_second']:.1f} | {row['p50_ms']:.0f} | "
            f"{row['p95_ms']:.0f} | {row['p99_ms']:.0f} | {statuses} |"
        )
    acked = writes["acknowledged"]
    print(
        f"\nacknowledged writes: {sum(acked.values()):,} ({dict(acked)}); "
        f"lost: {lost} ({dict(writes['lost'])}); refused by limits: {dict(refused)}; "
        f"applied without an answer: {dict(writes['unacknowledged_but_stored'])}; "
        f"5xx: {server_errors}; no answer: {no_answer}; unexpected answers: {dict(unexpected)}; "
        f"kept-alive connections re-opened: {meta['reconnects']}"
    )
    cpu = meta["cpu_seconds"]
    server_cpu = cpu["web"] + cpu["postgres"]
    print(
        f"CPU used during the run: gunicorn {cpu['web']:.1f} s"
        + (f" + PostgreSQL {cpu['postgres']:.1f} s" if cpu["postgres"] else "")
        + f" = {1000 * server_cpu / max(1, rows['all']['requests']):.1f} ms a request; "
        f"background worker {cpu['worker']:.1f} s; the clients {cpu['client']:.1f} s"
    )
    failed = bool(server_errors or no_answer or lost or unexpected)
    if args.json:
        summary = {
            **meta,
            "elapsed": elapsed,
            "rows": rows,
            "acknowledged": dict(acked),
            "lost": lost,
            "server_errors": server_errors,
            "no_answer": no_answer,
            "unexpected": dict(unexpected),
            "refused": dict(refused),
            "failed": failed,
        }
        Path(args.json).write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print("FAILED" if failed else "OK: no 5xx, no lost write")
    return 1 if failed else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="length of the run")
    parser.add_argument("--clients", type=int, default=64, help="concurrent signed-in readers")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, help="threads per worker (serve's default: 2)")
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--postgres", action="store_true", help="run on a private PostgreSQL")
    where.add_argument("--database-url", help="an empty PostgreSQL database to run on")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of reads first")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json", help="also write the results to this file")
    args = parser.parse_args()
    if not 1 <= args.clients <= 512 or args.seconds <= 0:
        parser.error("--clients must be 1 to 512 and --seconds positive")

    tag = f"mixed-load-{uuid.uuid4().hex[:8]}"
    with database(args) as database_url, served_site(args, database_url) as site:
        readers = prepare(site)
        # Reads only, not counted: every worker loads the code, the templates and the models.
        warm_up = Traffic(site, tag, writes=False)
        run_load(site, readers, warm_up, seconds=args.warmup, seed=args.seed + 1)
        load_before = os.getloadavg()[0]
        cpu_before, client_before = cpu_seconds(site.server_pid, database_url), time.process_time()
        traffic = Traffic(site, tag)
        tallies, elapsed = run_load(site, readers, traffic, seconds=args.seconds, seed=args.seed)
        cpu_after, client_after = cpu_seconds(site.server_pid, database_url), time.process_time()
        writes = check_writes(site, tallies, tag)
    meta = {
        "database": "PostgreSQL" if database_url else "SQLite",
        "load_before": load_before,
        "searchable": site.searchable,
        "reconnects": sum(tally.reconnects for tally in tallies),
        "cpu_seconds": {
            "client": client_after - client_before,
            **{name: cpu_after[name] - cpu_before[name] for name in cpu_after},
        },
    }
    rows = summarize(tallies, elapsed)
    return report(args, rows, writes, tallies, elapsed, meta)


if __name__ == "__main__":
    sys.exit(main())
