"""With the production settings of docs/deploy.md, Django's deploy check finds nothing to warn of."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SECRET_KEY = "a-production-secret-key-that-is-long-and-random-7f3c9a1e5b2d8460c4e6a0f9b8d7"


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """The environment docs/deploy.md gives an app server behind an HTTPS reverse proxy."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG"} and not key.startswith("SECURE_")
    }
    env.update(
        MARQUEE_DATA_DIR=str(data_dir),
        DEBUG="false",
        SECRET_KEY=SECRET_KEY,
        SITE_URL="https://films.example.org",
        ALLOWED_HOSTS="films.example.org",
        CSRF_TRUSTED_ORIGINS="https://films.example.org",
        BEHIND_PROXY="true",
        SECURE_SSL_REDIRECT="true",
        SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_PRELOAD="true",
        **extra,
    )
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    return production_env(tmp_path)


def test_the_deploy_check_passes_with_production_settings(env):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_deploy_check_fails_on_a_site_left_in_development_mode(env):
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**env, "DEBUG": "true"})
    assert result.returncode != 0
    assert "security.W018" in result.stderr  # DEBUG on


def test_production_settings_send_hsts_and_keep_cookies_secure(env):
    script = (
        "from django.conf import settings as s; import json; print(json.dumps({"
        "'hsts': s.SECURE_HSTS_SECONDS, 'subdomains': s.SECURE_HSTS_INCLUDE_SUBDOMAINS,"
        "'session_secure': s.SESSION_COOKIE_SECURE, 'session_http_only': s.SESSION_COOKIE_HTTPONLY,"
        "'csrf_secure': s.CSRF_COOKIE_SECURE,"
        "'ssl_redirect': s.SECURE_SSL_REDIRECT, 'proxy_header': s.SECURE_PROXY_SSL_HEADER,"
        "'first_hasher': s.PASSWORD_HASHERS[0],"
        "'validators': [v['NAME'].rsplit('.', 1)[1] for v in s.AUTH_PASSWORD_VALIDATORS]}))"
    )
    result = manage("shell", "-v", "0", "-c", script, env=env)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["hsts"] == 31536000 and values["subdomains"]
    assert values["session_secure"] and values["session_http_only"]
    # The CSRF cookie stays readable to the site's own scripts (API session callers send it
    # back as X-CSRFToken); it is worthless to another site, which cannot read it.
    assert values["csrf_secure"]
    assert values["ssl_redirect"] and values["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["first_hasher"].endswith("Argon2PasswordHasher")
    assert {"MinimumLengthValidator", "CommonPasswordValidator"} <= set(values["validators"])


def test_an_https_site_url_alone_makes_cookies_secure(tmp_path):
    env = production_env(tmp_path)
    script = "from django.conf import settings as s; print(s.SESSION_COOKIE_SECURE)"
    assert manage("shell", "-v", "0", "-c", script, env=env).stdout.strip() == "True"
    env["SITE_URL"] = "http://localhost:8000"
    assert manage("shell", "-v", "0", "-c", script, env=env).stdout.strip() == "False"
