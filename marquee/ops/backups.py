"""Backups of a whole site while it serves, and restoring one into an empty site.

A backup is one ``.tar.gz`` file (see docs/backups.md) holding:

- ``manifest.json``: the format, when and from which engine it was made, the fingerprint (row
  count and checksum) of every table, and the size and SHA-256 of every media file;
- ``database.sqlite3`` (SQLite's online backup) or ``database.pgdump`` (``pg_dump``'s custom
  format), both taken from one consistent moment while the site goes on writing;
- ``media/...``: the uploaded files under MEDIA_ROOT.

Restoring checks the result against the manifest, table by table and file by file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils import timezone

from marquee.imports.files import written_atomically
from marquee.ops.databases import (
    POSTGRESQL,
    SQLITE,
    OperationError,
    database_alias,
    describe_database,
    engine_of,
    postgres_command_env,
    postgres_tool,
    snapshot,
    sqlite_restore_from,
)
from marquee.ops.fingerprints import (
    TableFingerprint,
    database_fingerprint,
    fingerprint_differences,
    tables_with_content,
    total_rows,
)

FORMAT = "marquee-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {SQLITE: "database.sqlite3", POSTGRESQL: "database.pgdump"}
MEDIA_PREFIX = "media/"
PG_TIMEOUT_SECONDS = 6 * 60 * 60


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, or what a restore put back."""

    path: Path
    engine: str
    tables: int
    rows: int
    media_files: int

    def describe(self) -> str:
        return (
            f"{self.tables} tables, {self.rows:,} rows ({self.engine}) "
            f"and {self.media_files} media file{'s' if self.media_files != 1 else ''}"
        )


def backup_file_name(now: dt.datetime | None = None) -> str:
    """The name a backup gets inside a folder: ``marquee-backup-20260102-030405.tar.gz``."""
    return f"marquee-backup-{(now or timezone.now()):%Y%m%d-%H%M%S}.tar.gz"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def _media_files(root: Path) -> Iterator[tuple[str, Path]]:
    """(name inside the media folder, path) for every regular file under ``root``."""
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            yield path.relative_to(root).as_posix(), path


def _pg_dump(out: Path, *, using: str, snapshot_id: str | None) -> None:
    args, env = postgres_command_env(connections[using].settings_dict)
    command = [postgres_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges"]
    if snapshot_id:
        command.append(f"--snapshot={snapshot_id}")
    _run([*command, *args, "--file", str(out)], env=env, what="pg_dump")


def _pg_restore(dump: Path, *, using: str) -> None:
    connection = connections[using]
    args, env = postgres_command_env(connection.settings_dict)
    # pg_restore recreates every table, so the (empty) ones `migrate` made must go first.
    tables = connection.introspection.table_names()
    if tables:
        quoted = ", ".join(connection.ops.quote_name(table) for table in tables)
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {quoted} CASCADE")
    connection.close()
    command = [
        postgres_tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
    ]
    _run([*command, *args, str(dump)], env=env, what="pg_restore")


def _run(command: list[str], *, env: dict[str, str], what: str) -> None:
    result = subprocess.run(
        command, env=env, capture_output=True, text=True, timeout=PG_TIMEOUT_SECONDS
    )
    if result.returncode != 0:
        raise OperationError(f"{what} failed: {result.stderr.strip()[-2000:]}")


def backup_create(
    *, out: Path, include_media: bool = True, using: str = DEFAULT_DB_ALIAS
) -> BackupSummary:
    """Write a backup of the site's database and media files to ``out`` (a .tar.gz file).

    Safe while the site serves: the database is read from one consistent moment, and ``out``
    appears only once it is complete.
    """
    engine = engine_of(connections[using].settings_dict)
    media_root = Path(settings.MEDIA_ROOT)
    media = list(_media_files(media_root)) if include_media else []
    out.parent.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="marquee-backup-") as folder,
        snapshot(using) as (alias, snapshot_id),
    ):
        tables = database_fingerprint(using=alias)
        if engine == SQLITE:
            database_file = Path(connections[alias].settings_dict["NAME"])
        else:
            database_file = Path(folder) / DATABASE_FILES[POSTGRESQL]
            _pg_dump(database_file, using=using, snapshot_id=snapshot_id)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": timezone.now().isoformat(),
            "engine": engine,
            "database": DATABASE_FILES[engine],
            "tables": {name: table.to_dict() for name, table in tables.items()},
            "media": [
                {"path": name, "size": path.stat().st_size, "sha256": _sha256(path)}
                for name, path in media
            ],
        }
        with written_atomically(out) as temporary, tarfile.open(temporary, "w:gz") as archive:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime, info.mode = len(data), int(timezone.now().timestamp()), 0o600
            archive.addfile(info, io.BytesIO(data))
            archive.add(database_file, arcname=DATABASE_FILES[engine], recursive=False)
            for name, path in media:
                archive.add(path, arcname=MEDIA_PREFIX + name, recursive=False)
    out.chmod(0o600)  # it holds password hashes and everyone's email address
    return BackupSummary(
        path=out,
        engine=engine,
        tables=len(tables),
        rows=total_rows(tables),
        media_files=len(media),
    )


def _open_backup(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError) as error:
        raise OperationError(f"cannot read {path}: {error}") from None


def backup_manifest(archive: tarfile.TarFile) -> dict:
    """The manifest of an open backup archive, checked to be one this version can restore."""
    try:
        member = archive.extractfile(MANIFEST)
    except KeyError:
        member = None
    if member is None:
        raise OperationError("this is not a Marquee backup: it has no manifest.json")
    manifest = json.loads(member.read().decode("utf-8"))
    if manifest.get("format") != FORMAT:
        raise OperationError("this is not a Marquee backup: its manifest is of another format")
    if manifest.get("version") != VERSION:
        raise OperationError(
            f"this backup is format version {manifest.get('version')}; "
            f"this Marquee restores version {VERSION}"
        )
    return manifest


def backup_restore(
    *,
    archive_path: Path,
    force: bool = False,
    include_media: bool = True,
    using: str = DEFAULT_DB_ALIAS,
) -> BackupSummary:
    """Restore a backup into this site, which must be empty unless ``force``; then verify it.

    Raises OperationError, before changing anything, when the backup is of another engine, is
    damaged, or the site already has content; and afterwards when the restored rows or files
    differ from what the backup recorded.
    """
    settings_dict = connections[using].settings_dict
    engine = engine_of(settings_dict)
    with (
        _open_backup(archive_path) as archive,
        tempfile.TemporaryDirectory(prefix="marquee-restore-") as folder,
    ):
        manifest = backup_manifest(archive)
        if manifest["engine"] != engine:
            raise OperationError(
                f"this backup is of a {manifest['engine']} site and this site uses {engine}: "
                f"restore it into a {manifest['engine']} site, then move with `marquee migrate-to`"
            )
        if manifest.get("database") != DATABASE_FILES[engine]:
            raise OperationError("the backup is damaged: its manifest names no known database file")
        content = tables_with_content(using=using)
        if content and not force:
            raise OperationError(
                f"{describe_database(settings_dict)} is not empty ({', '.join(content[:5])}"
                f"{', ...' if len(content) > 5 else ''} have rows). Restore into an empty site, "
                "or pass --force to replace everything in it."
            )
        expected = {
            name: TableFingerprint.from_dict(table) for name, table in manifest["tables"].items()
        }
        database_file = Path(folder) / manifest["database"]
        _extract_to(archive, manifest["database"], database_file)
        if engine == SQLITE:
            _check_sqlite_copy(database_file, expected)
            sqlite_restore_from(database_file, using=using)
        else:
            _pg_restore(database_file, using=using)
        ContentType.objects.clear_cache()
        differences = fingerprint_differences(expected, database_fingerprint(using=using))
        if differences:
            raise OperationError(
                "the restored database differs from the backup: " + "; ".join(differences)
            )
        media = manifest["media"] if include_media else []
        _restore_media(archive, media, Path(settings.MEDIA_ROOT))
    return BackupSummary(
        path=archive_path,
        engine=engine,
        tables=len(expected),
        rows=total_rows(expected),
        media_files=len(media),
    )


def _extract_to(archive: tarfile.TarFile, name: str, out: Path) -> None:
    try:
        member = archive.extractfile(name)
    except KeyError:
        member = None
    if member is None:
        raise OperationError(f"the backup is damaged: {name} is missing")
    with member, out.open("wb") as handle:
        shutil.copyfileobj(member, handle, 1024 * 1024)


def _check_sqlite_copy(database_file: Path, expected: dict[str, TableFingerprint]) -> None:
    """Refuse a damaged database file before it replaces the site's."""
    config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(database_file)}
    with database_alias(config) as alias:
        differences = fingerprint_differences(expected, database_fingerprint(using=alias))
    if differences:
        raise OperationError("the backup is damaged: " + "; ".join(differences))


def _restore_media(archive: tarfile.TarFile, media: list[dict], root: Path) -> None:
    """Put the backed-up media files under ``root`` and check each one's size and hash."""
    root.mkdir(parents=True, exist_ok=True)
    problems = []
    for entry in media:
        name = PurePosixPath(entry["path"])
        if name.is_absolute() or ".." in name.parts:
            raise OperationError(f"the backup is damaged: unsafe media path {entry['path']!r}")
        out = root / name
        out.parent.mkdir(parents=True, exist_ok=True)
        _extract_to(archive, MEDIA_PREFIX + entry["path"], out)
        if out.stat().st_size != entry["size"] or _sha256(out) != entry["sha256"]:
            problems.append(entry["path"])
    if problems:
        raise OperationError(
            "restored media files differ from the backup: " + ", ".join(problems[:10])
        )
