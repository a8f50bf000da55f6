"""Moving a site to another database (SQLite to PostgreSQL, say), verified row for row.

The target is migrated in a separate process (so data migrations run against it alone), emptied
of the rows `migrate` wrote there, and filled table by table from one consistent snapshot of the
source inside a single transaction; primary keys are kept, so content types, permissions and
every foreign key stay as they were. Foreign keys are checked when that transaction commits.
PostgreSQL's sequences are then moved past the copied keys.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Model

from marquee.ops.databases import (
    SQLITE,
    OperationError,
    database_alias,
    describe_database,
    engine_of,
    settings_from_url,
    snapshot,
)
from marquee.ops.fingerprints import (
    MIGRATIONS_TABLE,
    database_fingerprint,
    fingerprint_differences,
    site_models,
    tables_with_content,
    total_rows,
)

BATCH_ROWS = 1000
MIGRATE_TIMEOUT_SECONDS = 30 * 60


@dataclass(frozen=True)
class CopySummary:
    """What was copied where, and what was left behind."""

    target: str
    tables: int
    rows: int
    not_copied: list[str]


def _same_database(one: dict, other: dict) -> bool:
    if engine_of(one) != engine_of(other):
        return False
    if engine_of(one) == SQLITE:
        return Path(str(one["NAME"])).resolve() == Path(str(other["NAME"])).resolve()
    keys = ("NAME", "HOST", "PORT")
    return [str(one.get(key) or "") for key in keys] == [str(other.get(key) or "") for key in keys]


def _unapplied_migrations(using: str) -> list[str]:
    executor = MigrationExecutor(connections[using])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def _migrate(url: str) -> None:
    """Apply every migration to the database at ``url`` in a process of its own."""
    result = subprocess.run(
        [sys.executable, "-m", "marquee", "migrate", "--no-input", "-v", "0"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=MIGRATE_TIMEOUT_SECONDS,
    )
    if result.returncode != 0:
        raise OperationError(f"migrating the target failed: {result.stderr.strip()[-2000:]}")


def _copy_table(model: type[Model], *, source: str, target: str) -> None:
    connection = connections[target]
    fields = [field for field in model._meta.concrete_fields if not field.generated]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = (
        model._base_manager.using(source)
        .order_by()
        .values_list(*[field.attname for field in fields])
        .iterator(chunk_size=BATCH_ROWS)
    )
    batch: list[list[object]] = []
    with connection.cursor() as cursor:
        for row in rows:
            batch.append(
                [
                    field.get_db_prep_save(value, connection=connection)
                    for field, value in zip(fields, row, strict=True)
                ]
            )
            if len(batch) >= BATCH_ROWS:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def database_copy_to(*, url: str, using: str = DEFAULT_DB_ALIAS) -> CopySummary:
    """Copy this site's whole database into the empty database at ``url``, and verify the copy.

    Stop the app servers and workers first: what they write after the snapshot is not copied.
    """
    source_settings = connections[using].settings_dict
    target_settings = settings_from_url(url)
    if _same_database(source_settings, target_settings):
        raise OperationError("the target is the database this site already uses")
    unapplied = _unapplied_migrations(using)
    if unapplied:
        raise OperationError(
            f"this site's database lacks {len(unapplied)} migration(s) "
            f"({', '.join(unapplied[:3])}...): run `marquee migrate` first"
        )
    target_name = describe_database(target_settings)
    with database_alias(target_settings, prefix="target") as target:
        content = tables_with_content(using=target)
        if content:
            raise OperationError(
                f"{target_name} already holds a site ({', '.join(content[:5])} have rows); "
                "migrate-to copies only into an empty database"
            )
        connections[target].close()
        _migrate(url)
        models = site_models(with_migrations=False)
        with snapshot(using) as (source, _):
            expected = database_fingerprint(using=source, with_migrations=False)
            modelled = {model._meta.db_table for model in models} | {MIGRATIONS_TABLE}
            not_copied = sorted(set(connections[source].introspection.table_names()) - modelled)
            with transaction.atomic(using=target):
                connection = connections[target]
                quote = connection.ops.quote_name
                with connection.cursor() as cursor:
                    for model in models:
                        cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")
                for model in models:
                    _copy_table(model, source=source, target=target)
                with connection.cursor() as cursor:
                    for statement in connection.ops.sequence_reset_sql(no_style(), models):
                        cursor.execute(statement)
        differences = fingerprint_differences(
            expected, database_fingerprint(using=target, with_migrations=False)
        )
    if differences:
        raise OperationError("the copy differs from the source: " + "; ".join(differences))
    return CopySummary(
        target=target_name,
        tables=len(expected),
        rows=total_rows(expected),
        not_copied=not_copied,
    )
