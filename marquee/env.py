"""Typed helpers that read settings from environment variables.

Every helper also honours ``NAME_FILE``: when set, the value is read from that file, which is how
container secrets are usually passed (``SECRET_KEY_FILE=/run/secrets/key``).
"""

from __future__ import annotations

import os
from pathlib import Path


class SettingError(ValueError):
    """An environment variable holds a value that cannot be used."""


def _raw(name: str) -> str | None:
    file_path = os.environ.get(f"{name}_FILE")
    if file_path:
        return Path(file_path).read_text(encoding="utf-8").strip()
    return os.environ.get(name)


def env_str(name: str, default: str = "") -> str:
    """The variable as text, or ``default`` when unset or empty."""
    value = _raw(name)
    return value if value else default


def env_bool(name: str, default: bool = False) -> bool:
    """The variable as a boolean: 1/true/yes/on or 0/false/no/off, any case."""
    value = _raw(name)
    if value is None or value == "":
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise SettingError(f"{name}={value!r} is not a boolean (use true or false)")


def env_int(name: str, default: int) -> int:
    """The variable as an integer."""
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise SettingError(f"{name}={value!r} is not a whole number") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """The variable as a comma separated list, blanks dropped."""
    value = _raw(name)
    if value is None or value == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]
