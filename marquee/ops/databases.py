"""Database connections for operations: extra aliases, consistent snapshots, PostgreSQL tools.

Nothing here prints or logs a password: databases are described by engine, name, host and port.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dj_database_url
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.utils import load_backend

POSTGRESQL = "postgresql"
SQLITE = "sqlite"


class OperationError(Exception):
    """An operation cannot go ahead; the message says why and what to do."""


def engine_of(settings_dict: dict) -> str:
    """``"sqlite"`` or ``"postgresql"``: the two databases Marquee runs on."""
    engine = settings_dict["ENGINE"]
    if engine.endswith("sqlite3"):
        return SQLITE
    if engine.endswith(("postgresql", "postgis")):
        return POSTGRESQL
    raise OperationError(f"{engine} is not supported: use SQLite or PostgreSQL")


def describe_database(settings_dict: dict) -> str:
    """A database in words, for messages: never its password."""
    if engine_of(settings_dict) == SQLITE:
        return f"SQLite database {settings_dict['NAME']}"
    host = settings_dict.get("HOST") or "the local socket"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"PostgreSQL database {settings_dict['NAME']!r} on {host}{port}"


def settings_from_url(url: str) -> dict:
    """Connection settings for a DATABASE_URL-style address."""
    try:
        config = dj_database_url.parse(url)
    except ValueError:
        # dj-database-url's message repeats the address, password and all.
        raise OperationError(
            "that is not a database address: use sqlite:////absolute/path.sqlite3 or "
            "postgres://user@host:5432/name"
        ) from None
    engine_of(config)
    if not config.get("NAME"):
        raise OperationError("the database address names no database")
    return config


@contextmanager
def database_alias(settings_dict: dict, *, prefix: str = "ops") -> Iterator[str]:
    """A temporary connection alias for ``settings_dict``; closed and forgotten afterwards.

    The connection is made here rather than added to DATABASES, so nothing else (request
    handling, the test runner) ever picks it up.
    """
    alias = f"{prefix}_{uuid.uuid4().hex[:8]}"
    # configure_settings() fills in the defaults Django expects, and insists on a default alias.
    configured = connections.configure_settings({DEFAULT_DB_ALIAS: {}, alias: dict(settings_dict)})
    connections[alias] = load_backend(configured[alias]["ENGINE"]).DatabaseWrapper(
        configured[alias], alias
    )
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]


def sqlite_backup_to(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Copy the SQLite database behind ``using`` into ``path`` with SQLite's online backup.

    The copy is one consistent moment of the database even while the site writes to it; it goes
    through the site's own connection, so an in-memory database (in tests) works too.
    """
    connection = connections[using]
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
    finally:
        target.close()


def sqlite_restore_from(path: Path, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Replace the whole SQLite database behind ``using`` with the database in ``path``."""
    connection = connections[using]
    connection.close()
    connection.ensure_connection()
    source = sqlite3.connect(path)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    connection.close()  # the next query reconnects and sees the restored schema


@contextmanager
def snapshot(using: str = DEFAULT_DB_ALIAS) -> Iterator[tuple[str, str | None]]:
    """An alias that reads one consistent moment of ``using`` while the site goes on writing.

    Yields ``(alias, pg_snapshot)``: on SQLite the alias is an online backup in a temporary file
    (``pg_snapshot`` is None); on PostgreSQL it is a repeatable-read transaction whose exported
    snapshot id lets ``pg_dump --snapshot`` see exactly the same rows.
    """
    settings_dict = connections[using].settings_dict
    if engine_of(settings_dict) == SQLITE:
        with tempfile.TemporaryDirectory(prefix="marquee-snapshot-") as folder:
            copy = Path(folder) / "snapshot.sqlite3"
            sqlite_backup_to(copy, using=using)
            with database_alias({"ENGINE": settings_dict["ENGINE"], "NAME": str(copy)}) as alias:
                yield alias, None
        return
    from psycopg import IsolationLevel

    options = {**settings_dict.get("OPTIONS", {})}
    options["isolation_level"] = IsolationLevel.REPEATABLE_READ
    config = {**settings_dict, "OPTIONS": options, "CONN_MAX_AGE": 0}
    with database_alias(config) as alias, transaction.atomic(using=alias):
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT pg_export_snapshot()")
            (snapshot_id,) = cursor.fetchone()
        yield alias, snapshot_id


def postgres_tool(name: str) -> str:
    """The path of ``pg_dump`` or ``pg_restore``: Debian's newest version first, then PATH.

    A newer pg_dump reads older servers, never the other way round, so the newest one wins.
    """
    candidates = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    if candidates:
        return str(candidates[-1])
    found = shutil.which(name)
    if found:
        return found
    raise OperationError(
        f"{name} was not found: install PostgreSQL's client programs "
        "(Debian: apt-get install postgresql-client)"
    )


def postgres_command_env(settings_dict: dict) -> tuple[list[str], dict[str, str]]:
    """Arguments naming the database for pg_dump/pg_restore, and an environment with the password.

    The password travels in PGPASSWORD, never on the command line where ``ps`` would show it.
    """
    args = ["--dbname", settings_dict["NAME"]]
    if settings_dict.get("HOST"):
        args += ["--host", str(settings_dict["HOST"])]
    if settings_dict.get("PORT"):
        args += ["--port", str(settings_dict["PORT"])]
    if settings_dict.get("USER"):
        args += ["--username", str(settings_dict["USER"])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    for option, variable in [("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")]:
        if settings_dict.get("OPTIONS", {}).get(option):
            env[variable] = str(settings_dict["OPTIONS"][option])
    return args, env
