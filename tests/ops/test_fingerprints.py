"""Table fingerprints tell identical databases from different ones, on either engine."""

from __future__ import annotations

import datetime as dt
import decimal
import os
import subprocess
import sys
import uuid

import pytest

from marquee.accounts.models import User
from marquee.ops.databases import database_alias
from marquee.ops.fingerprints import (
    _plain,
    database_fingerprint,
    fingerprint_differences,
    table_fingerprint,
    tables_with_content,
)


@pytest.mark.django_db
def test_the_same_rows_give_the_same_fingerprint_whatever_their_order(reader, other_reader):
    before = table_fingerprint(User, using="default")
    rows = list(User.objects.order_by("-pk").values())
    User.objects.all().delete()
    User.objects.bulk_create(User(**row) for row in rows)  # inserted in reverse order
    assert table_fingerprint(User, using="default") == before


@pytest.mark.django_db
def test_one_changed_value_changes_the_checksum_not_the_count(reader, other_reader):
    before = database_fingerprint(using="default")
    User.objects.filter(pk=reader.pk).update(display_name="Someone else")
    after = database_fingerprint(using="default")
    assert after["accounts_user"].rows == before["accounts_user"].rows
    assert fingerprint_differences(before, after) == [
        "accounts_user: 2 rows as expected, but different contents"
    ]


def test_values_read_the_same_from_either_engine():
    moment = dt.datetime(2024, 2, 29, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert _plain(moment) == "2024-03-01T04:30:00+00:00"
    assert _plain(decimal.Decimal("4.50")) == _plain(decimal.Decimal("4.5")) == "4.5"
    assert _plain({"b": 1, "a": [None, 2.5]}) == '{"a": [null, 2.5], "b": 1}'
    assert _plain(True) is True and _plain(1) == 1
    assert _plain(memoryview(b"\x00\xff")) == "00ff"
    assert _plain(uuid.UUID(int=1)) == "00000000-0000-0000-0000-000000000001"


@pytest.mark.slow
def test_a_freshly_migrated_site_counts_as_empty(tmp_path, django_db_blocker):
    """Data migrations that add rows must be listed in FILLED_BY_MIGRATE, or restores refuse."""
    database = tmp_path / "fresh.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "marquee", "migrate", "--no-input", "-v", "0"],
        env={
            **os.environ,
            "DATABASE_URL": f"sqlite:///{database}",
            "MARQUEE_DATA_DIR": str(tmp_path),
        },
        check=True,
        timeout=300,
    )
    config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}
    with django_db_blocker.unblock(), database_alias(config) as alias:
        assert tables_with_content(using=alias) == []
