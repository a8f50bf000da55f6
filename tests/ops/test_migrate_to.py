"""`marquee migrate-to`: the whole site copied into another, empty database, verified."""

from __future__ import annotations

import io
import sqlite3
from contextlib import closing

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.db import connection

from marquee.accounts.models import User
from marquee.catalog.models import Film
from marquee.ops.databases import database_alias, settings_from_url
from marquee.ops.fingerprints import database_fingerprint

pytestmark = pytest.mark.django_db(transaction=True)


def check_the_copy(url: str) -> None:
    """The target holds the same rows, keeps working, and its permissions point where they did."""
    source = database_fingerprint(using="default", with_migrations=False)
    with database_alias(settings_from_url(url)) as target:
        assert database_fingerprint(using=target, with_migrations=False) == source
        staff = User.objects.using(target).get(username="sam_staff")
        assert {p.codename for p in Permission.objects.using(target).filter(user=staff)} == {
            "change_comment"
        }
        assert staff.groups.using(target).get().permissions.get().codename == "change_review"
        # Sequences moved past the copied keys: new rows get fresh ones.
        newest = Film.objects.using(target).order_by("-pk").first().pk
        film = Film.objects.using(target).create(title="New", slug="new-film")
        assert film.pk > newest


@pytest.mark.slow
def test_a_site_moves_to_a_new_sqlite_file(populated_site, tmp_path):
    url = f"sqlite:///{tmp_path / 'moved.sqlite3'}"
    output = io.StringIO()
    call_command("migrate-to", url, stdout=output)
    assert "every table's row count and checksum matches" in output.getvalue()
    assert "moved.sqlite3" in output.getvalue()
    check_the_copy(url)


@pytest.mark.slow
def test_a_site_moves_to_postgresql(populated_site, postgres_database):
    output = io.StringIO()
    call_command("migrate-to", postgres_database, stdout=output)
    assert "every table's row count and checksum matches" in output.getvalue()
    check_the_copy(postgres_database)


def test_a_target_with_content_is_refused(transactional_db, tmp_path):
    target = tmp_path / "taken.sqlite3"
    with closing(sqlite3.connect(target)) as database, database:
        database.execute("CREATE TABLE accounts_user (id integer PRIMARY KEY)")
        database.execute("INSERT INTO accounts_user VALUES (1)")
    with pytest.raises(CommandError, match=r"already holds a site \(accounts_user have rows\)"):
        call_command("migrate-to", f"sqlite:///{target}")


def test_the_sites_own_database_is_refused(transactional_db):
    if connection.vendor == "postgresql":
        settings = connection.settings_dict
        url = f"postgres://{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"
    else:
        pytest.skip("the SQLite test database lives in memory; it has no address")
    with pytest.raises(CommandError, match="already uses"):
        call_command("migrate-to", url)


def test_an_address_that_is_no_database_is_refused(transactional_db):
    with pytest.raises(CommandError, match="not a database address"):
        call_command("migrate-to", "mysql-ish://nowhere")
