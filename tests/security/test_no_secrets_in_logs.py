"""Passwords and secret keys never reach the logs, nor the output of failing commands."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

from marquee.accounts.models import User
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
WRONG_PASSWORD = "wrong-Pa55word-that-must-stay-secret"
NEW_PASSWORD = "new-readers-Pa55word-never-logged"
SECRET_KEY = "secret-key-value-never-logged-9f8e7d6c5b4a39281706f5e4d3c2b1a0"
DATABASE_PASSWORD = "database-Pa55word-never-logged"


@pytest.fixture
def everything_logged(caplog, settings):
    """Every logger at DEBUG, SQL statements and their parameters included."""
    settings.MARQUEE_LOGIN_ATTEMPTS = 2
    caplog.set_level(logging.DEBUG)
    caplog.set_level(logging.DEBUG, logger="django")  # Django's own default is INFO
    connection.force_debug_cursor = True
    yield caplog
    connection.force_debug_cursor = False


def logged_text(caplog) -> str:
    return "\n".join(
        f"{record.getMessage()} {record.args!r} {getattr(record, 'params', '')!r} "
        f"{getattr(record, 'sql', '')}"
        for record in caplog.records
    )


@pytest.mark.django_db
def test_failed_and_locked_out_sign_ins_log_no_password(client, reader, everything_logged):
    for _ in range(3):
        client.post("/accounts/login/", {"username": reader.username, "password": WRONG_PASSWORD})
    response = client.post("/accounts/login/", {"username": reader.username, "password": PASSWORD})
    assert response.status_code == 429
    text = logged_text(everything_logged)
    assert "sign-in refused" in text  # the lockout is logged, without the password
    assert "SELECT" in text  # SQL logging really was on
    assert WRONG_PASSWORD not in text and PASSWORD not in text


@pytest.mark.django_db
def test_signing_up_logs_no_password(client, everything_logged):
    data = {"username": "newreader", "email": "new@example.test"}
    client.post("/accounts/signup/", {**data, "password1": NEW_PASSWORD, "password2": "other"})
    client.post("/accounts/signup/", {**data, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert User.objects.filter(username="newreader").exists()
    text = logged_text(everything_logged)
    assert "INSERT" in text
    assert NEW_PASSWORD not in text


def run(*args: str, env: dict[str, str]) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "marquee", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return result.stdout + result.stderr


def test_loading_settings_and_failing_commands_show_no_secret(tmp_path, monkeypatch):
    env = {
        "PATH": "/usr/bin:/bin",
        "MARQUEE_DATA_DIR": str(tmp_path),
        "SECRET_KEY": SECRET_KEY,
        # Port 1 on the loopback address: nothing listens, so every connection fails at once.
        "DATABASE_URL": f"postgres://marquee:{DATABASE_PASSWORD}@127.0.0.1:1/marquee",
        "LOG_LEVEL": "DEBUG",
        "DEBUG": "true",
    }
    outputs = [
        run("check", "--deploy", env=env),
        run("backup", str(tmp_path / "backup.tar.gz"), env=env),
        run("restore", str(tmp_path / "missing.tar.gz"), env=env),
        run("migrate-to", f"postgres://other:{DATABASE_PASSWORD}@127.0.0.1:1/x", env=env),
        run("migrate-to", f"nonsense://u:{DATABASE_PASSWORD}@", env=env),
    ]
    assert "connection" in outputs[1].lower()  # it did fail on the database
    for output in outputs:
        assert SECRET_KEY not in output
        assert DATABASE_PASSWORD not in output
