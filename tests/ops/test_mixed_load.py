"""A short run of bench/mixed_load.py: reads and writes at once, no 5xx and no lost write.

The benchmark itself runs 64 clients for two minutes (figures in bench/README.md); here 8 clients
for 10 seconds, on SQLite, and on a new PostgreSQL database when the suite runs on PostgreSQL.
"""

from __future__ import annotations

import json
import subprocess
import sys
from contextlib import nullcontext
from pathlib import Path

import pytest
from django.db import connection

from tests.ops.postgres import throwaway_database

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def test_a_short_mixed_load_gets_no_5xx_and_loses_no_write(tmp_path):
    results = tmp_path / "results.json"
    command = [sys.executable, str(ROOT / "bench" / "mixed_load.py")]
    command += ["--seconds", "10", "--clients", "8", "--workers", "2", "--warmup", "2"]
    command += ["--json", str(results)]
    on_postgres = connection.vendor == "postgresql"
    with throwaway_database() if on_postgres else nullcontext("") as database_url:
        if database_url:
            command += ["--database-url", database_url]
        run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert results.exists(), run.stdout + run.stderr
    summary = json.loads(results.read_text())
    assert run.returncode == 0, run.stdout + run.stderr
    assert summary["database"] == ("PostgreSQL" if on_postgres else "SQLite")
    assert (summary["server_errors"], summary["no_answer"], summary["lost"]) == (0, 0, 0)
    assert summary["unexpected"] == {}
    # Every kind of request was made, and every kind of write was acknowledged at least once.
    assert {"home", "review", "film", "for-you", "comment", "rating", "diary"} <= set(
        summary["rows"]
    )
    assert all(summary["acknowledged"][kind] > 0 for kind in ("comment", "rating", "diary"))
