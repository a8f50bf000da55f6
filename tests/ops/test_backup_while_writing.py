"""A backup taken while another process keeps writing is one consistent moment of the site."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

WRITER = """
import time
from marquee.catalog.models import Genre

deadline = time.monotonic() + 60
for n in range(100_000):
    if time.monotonic() > deadline:
        break
    Genre.objects.create(name=f"genre {n}", slug=f"genre-{n}")
    time.sleep(0.001)  # a busy site, not a benchmark: leave the backup some CPU
    if n == 100:
        print("writing", flush=True)
"""


def marquee(*args: str, env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "marquee", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
        **kwargs,
    )


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="runs on SQLite only; it needs no second run on PostgreSQL",
)
def test_a_sqlite_backup_taken_under_writes_restores_and_verifies(tmp_path):
    base = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    site = {**base, "MARQUEE_DATA_DIR": str(tmp_path / "site")}
    marquee("migrate", "--no-input", "-v", "0", env=site)
    writer = subprocess.Popen(
        [sys.executable, "-m", "marquee", "shell", "-v", "0", "-c", WRITER],
        env=site,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert writer.stdout.readline().strip() == "writing"
        marquee("backup", str(tmp_path / "site.tar.gz"), env=site)
        time.sleep(0.5)
        assert writer.poll() is None, "the writer should still have been writing"
    finally:
        writer.terminate()
        writer.wait(timeout=30)

    restored = {**base, "MARQUEE_DATA_DIR": str(tmp_path / "restored")}
    output = marquee("restore", str(tmp_path / "site.tar.gz"), env=restored).stdout
    assert "every table's row count and checksum matches the backup" in output
    count = marquee(
        "shell",
        "-v",
        "0",
        "-c",
        "from marquee.catalog.models import Genre; print(Genre.objects.count())",
        env=restored,
    ).stdout
    assert int(count) > 100  # what had been written when the backup began, and no half rows
