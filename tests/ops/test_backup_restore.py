"""`marquee backup` and `marquee restore`: a backup restored into an empty site is identical."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import stat
import subprocess
import sys
import tarfile
from contextlib import closing

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from marquee.accounts.models import User
from marquee.ops.backups import backup_create, backup_restore
from marquee.ops.databases import OperationError
from marquee.ops.fingerprints import database_fingerprint, tables_with_content
from tests.ops.conftest import empty_the_site

pytestmark = pytest.mark.django_db(transaction=True)


def rewrite_manifest(archive, out, change) -> None:
    """Copy a backup with its manifest changed by ``change(manifest)``."""
    with tarfile.open(archive) as source, tarfile.open(out, "w:gz") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))


def test_a_backup_restored_into_an_empty_site_is_identical(populated_site, media_root, tmp_path):
    before = database_fingerprint(using="default")
    upload = (media_root / populated_site.upload_name).read_bytes()
    out = tmp_path / "site.tar.gz"
    call_command("backup", str(out), stdout=io.StringIO())

    empty_the_site()
    (media_root / populated_site.upload_name).unlink()
    assert tables_with_content(using="default") == []

    output = io.StringIO()
    call_command("restore", str(out), stdout=output)
    assert "every table's row count and checksum matches" in output.getvalue()
    assert database_fingerprint(using="default") == before
    assert (media_root / populated_site.upload_name).read_bytes() == upload
    # The restored site works: its users sign in with their old passwords.
    assert User.objects.get(username="rita_reader").check_password("a-long-test-password-42")


def test_the_backup_holds_a_manifest_the_database_and_the_media(populated_site, tmp_path):
    summary = backup_create(out=tmp_path / "site.tar.gz")
    with tarfile.open(summary.path) as archive:
        names = archive.getnames()
        manifest = json.loads(archive.extractfile("manifest.json").read())
    database = "database.pgdump" if connection.vendor == "postgresql" else "database.sqlite3"
    assert names[:2] == ["manifest.json", database]
    assert f"media/{populated_site.upload_name}" in names
    assert manifest["tables"]["accounts_user"]["rows"] == 3
    assert manifest["tables"]["django_migrations"]["rows"] > 0
    assert summary.rows == sum(table["rows"] for table in manifest["tables"].values())


def test_the_backup_file_is_readable_by_its_owner_only(populated_site, tmp_path):
    summary = backup_create(out=tmp_path / "site.tar.gz", include_media=False)
    assert stat.S_IMODE(summary.path.stat().st_mode) == 0o600


def test_backing_up_into_a_folder_names_the_file_by_date(populated_site, tmp_path):
    output = io.StringIO()
    call_command("backup", str(tmp_path), "--no-media", stdout=output)
    (archive,) = tmp_path.glob("marquee-backup-*.tar.gz")
    assert str(archive) in output.getvalue()


def test_restoring_over_a_site_with_content_needs_force(populated_site, tmp_path):
    out = backup_create(out=tmp_path / "site.tar.gz").path
    User.objects.filter(username="rita_reader").update(display_name="Changed")
    with pytest.raises(CommandError, match=r"is not empty \(accounts_user.*--force"):
        call_command("restore", str(out))
    assert User.objects.get(username="rita_reader").display_name == "Changed"

    call_command("restore", str(out), "--force", stdout=io.StringIO())
    assert User.objects.get(username="rita_reader").display_name == "Rïta ✓"


def test_a_backup_that_does_not_match_its_manifest_is_refused(populated_site, tmp_path):
    out = backup_create(out=tmp_path / "site.tar.gz").path
    tampered = tmp_path / "tampered.tar.gz"
    rewrite_manifest(out, tampered, lambda m: m["tables"]["catalog_film"].update(rows=99))
    empty_the_site()
    with pytest.raises(OperationError, match="catalog_film: 2 rows, expected 99"):
        backup_restore(archive_path=tampered)


def test_a_backup_from_the_other_engine_is_refused(populated_site, tmp_path):
    out = backup_create(out=tmp_path / "site.tar.gz").path
    other = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    moved = tmp_path / "other.tar.gz"
    rewrite_manifest(out, moved, lambda m: m.update(engine=other))
    with pytest.raises(OperationError, match="marquee migrate-to"):
        backup_restore(archive_path=moved, force=True)


def test_something_that_is_not_a_backup_is_refused(transactional_db, tmp_path):
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(CommandError, match="cannot read"):
        call_command("restore", str(tmp_path / "notes.txt"))
    with tarfile.open(tmp_path / "other.tar.gz", "w:gz") as archive:
        archive.add(tmp_path / "notes.txt", arcname="notes.txt")
    with pytest.raises(CommandError, match="not a Marquee backup"):
        call_command("restore", str(tmp_path / "other.tar.gz"))


@pytest.mark.slow
def test_a_backup_of_a_partly_migrated_site_restores_and_verifies(tmp_path):
    """Verification reads tables as their migrations left them, not as today's models say."""
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}

    def marquee(*args: str, database: str) -> str:
        env = {**base, "MARQUEE_DATA_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{database}"}
        return subprocess.run(
            [sys.executable, "-m", "marquee", *args],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            timeout=300,
        ).stdout

    old = tmp_path / "old.sqlite3"
    marquee("migrate", "accounts", "0001", "--no-input", "-v", "0", database=str(old))
    with closing(sqlite3.connect(old)) as database, database:
        database.execute(
            "INSERT INTO accounts_user (password, is_superuser, username, first_name, last_name,"
            " email, is_staff, is_active, date_joined, display_name, bio, is_critic)"
            " VALUES ('!', 0, 'early', '', '', 'e@example.test', 0, 1, '2020-01-01 00:00:00',"
            " 'Early', '', 0)"
        )
    marquee("backup", str(tmp_path / "old.tar.gz"), "--no-media", database=str(old))
    output = marquee(
        "restore", str(tmp_path / "old.tar.gz"), database=str(tmp_path / "new.sqlite3")
    )
    assert "every table's row count and checksum matches the backup" in output
    with tarfile.open(tmp_path / "old.tar.gz") as archive:
        tables = json.loads(archive.extractfile("manifest.json").read())["tables"]
    assert tables["accounts_user"]["rows"] == 1
    assert "catalog_film" not in tables  # not created yet at that migration
