"""Throwaway PostgreSQL databases on the suite's server, for tests that need a second database."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import dj_database_url
import pytest
from django.db import connection


def postgres_server_url() -> str | None:
    """A PostgreSQL server to create databases on: the suite's own, or MARQUEE_TEST_POSTGRES_URL."""
    if connection.vendor == "postgresql":
        return os.environ.get("DATABASE_URL")
    return os.environ.get("MARQUEE_TEST_POSTGRES_URL") or None


@contextmanager
def throwaway_database() -> Iterator[str]:
    """The URL of a new, empty PostgreSQL database, dropped afterwards; skips without a server."""
    import psycopg

    server = postgres_server_url()
    if not server:
        pytest.skip("no PostgreSQL server (set DATABASE_URL or MARQUEE_TEST_POSTGRES_URL)")
    config = dj_database_url.parse(server)
    name = f"marquee_test_{uuid.uuid4().hex[:10]}"
    params = {
        "dbname": "postgres",
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(**params, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    base = server.split("?")[0].rpartition("/")[0]
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(**params, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
