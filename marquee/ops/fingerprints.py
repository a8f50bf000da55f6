"""Fingerprints of a site's database: per-table row counts and checksums.

Two databases hold the same rows exactly when their fingerprints are equal, whichever engine
each runs on. Rows are read through the models, so every value arrives as the same Python value
from SQLite and PostgreSQL (aware datetimes, booleans, decoded JSON), and is then written out in
one fixed text form and hashed. A table's checksum is the sum of its rows' hashes, which does
not depend on the order rows come back in: PostgreSQL sorts text keys by its collation and
SQLite by bytes, so an ordered hash would differ between them for the same rows.

The models used are those the database's own applied migrations describe, with columns taken in
name order: a backup made before a later migration still verifies after it is restored by newer
code (which then migrates it).
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
import uuid
from dataclasses import dataclass

from django.apps import apps
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Model

MODULUS = 2**256
_AS_IS = frozenset({str, int, bool, type(None)})  # the common case, checked first for speed
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
MIGRATIONS_TABLE = "django_migrations"
# Tables that `migrate` fills by itself; a site with rows in no other table is empty.
FILLED_BY_MIGRATE = frozenset(
    {MIGRATIONS_TABLE, "django_content_type", "auth_permission", "reviews_verdict"}
)


@dataclass(frozen=True)
class TableFingerprint:
    """How many rows a table holds, and a checksum of their contents."""

    rows: int
    checksum: str

    def to_dict(self) -> dict:
        return {"rows": self.rows, "checksum": self.checksum}

    @classmethod
    def from_dict(cls, data: dict) -> TableFingerprint:
        return cls(rows=int(data["rows"]), checksum=str(data["checksum"]))


def site_models(*, with_migrations: bool = True) -> list[type[Model]]:
    """Every model with a table of its own (many-to-many tables included), by table name."""
    models = [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    if with_migrations:
        models.append(MigrationRecorder.Migration)
    return sorted(models, key=lambda model: model._meta.db_table)


_MIGRATED_MODELS: dict[frozenset, list[type[Model]]] = {}


def migrated_models(*, using: str) -> list[type[Model]]:
    """The models as the migrations applied to database ``using`` left them, by table name.

    For a fully migrated database these are the site's models; for one restored from an older
    backup, the models of that time, so its columns are read as they are.
    """
    connection = connections[using]
    applied = frozenset(MigrationRecorder(connection).applied_migrations())
    if applied not in _MIGRATED_MODELS:
        loader = MigrationLoader(connection, ignore_no_migrations=True)
        nodes = [key for key in applied if key in loader.graph.nodes]
        if not nodes:
            return []
        state = loader.graph.make_state(nodes=nodes, real_apps=loader.unmigrated_apps)
        _MIGRATED_MODELS[applied] = sorted(
            (
                model
                for model in state.apps.get_models(include_auto_created=True)
                if model._meta.managed and not model._meta.proxy
            ),
            key=lambda model: model._meta.db_table,
        )
    return _MIGRATED_MODELS[applied]


def _plain(value: object) -> object:
    """A value as JSON that reads the same whichever database it came from."""
    if value is None or isinstance(value, bool | str | int):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC)
        return value.isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return value // dt.timedelta(microseconds=1)
    if isinstance(value, bytes | memoryview | bytearray):
        return bytes(value).hex()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


def table_fingerprint(model: type[Model], *, using: str) -> TableFingerprint:
    """The fingerprint of one model's table in database ``using``."""
    fields = sorted(model._meta.concrete_fields, key=lambda field: field.column)
    columns = [field.attname for field in fields]
    rows = model._base_manager.using(using).order_by().values_list(*columns)
    count, total = 0, 0
    for row in rows.iterator(chunk_size=2000):
        text = _ENCODER.encode([value if type(value) in _AS_IS else _plain(value) for value in row])
        total += int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest())
        count += 1
    return TableFingerprint(rows=count, checksum=f"{total % MODULUS:064x}")


def database_fingerprint(
    *, using: str, with_migrations: bool = True
) -> dict[str, TableFingerprint]:
    """Fingerprints of every site table that exists in database ``using``, by table name."""
    existing = set(connections[using].introspection.table_names())
    models = migrated_models(using=using)
    if with_migrations:
        models = [*models, MigrationRecorder.Migration]
    return {
        model._meta.db_table: table_fingerprint(model, using=using)
        for model in models
        if model._meta.db_table in existing
    }


def fingerprint_differences(
    expected: dict[str, TableFingerprint], actual: dict[str, TableFingerprint]
) -> list[str]:
    """Each way ``actual`` differs from ``expected``, in words; empty when they are the same."""
    differences = []
    for table in sorted(expected.keys() | actual.keys()):
        want, have = expected.get(table), actual.get(table)
        if have is None:
            differences.append(f"{table}: missing")
        elif want is None:
            differences.append(f"{table}: not expected")
        elif want.rows != have.rows:
            differences.append(f"{table}: {have.rows} rows, expected {want.rows}")
        elif want.checksum != have.checksum:
            differences.append(f"{table}: {have.rows} rows as expected, but different contents")
    return differences


def tables_with_content(*, using: str) -> list[str]:
    """Tables with rows other than those `migrate` writes; none means the site is empty."""
    existing = set(connections[using].introspection.table_names())
    return [
        model._meta.db_table
        for model in site_models(with_migrations=False)
        if model._meta.db_table in existing
        and model._meta.db_table not in FILLED_BY_MIGRATE
        and model._base_manager.using(using).exists()
    ]


def total_rows(fingerprint: dict[str, TableFingerprint]) -> int:
    """All rows in all tables of a fingerprint."""
    return sum(table.rows for table in fingerprint.values())
