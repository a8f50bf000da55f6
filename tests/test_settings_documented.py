"""Every environment variable the code reads is documented in .env.example."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
READERS = re.compile(r"env_(?:str|bool|int|list)\(\s*\"([A-Z_]+)\"|environ\.get\(\"([A-Z_]+)\"")


def _variables_read_by_code() -> set[str]:
    names = set()
    for path in (ROOT / "marquee").rglob("*.py"):
        for match in READERS.finditer(path.read_text(encoding="utf-8")):
            names.add(match.group(1) or match.group(2))
    names.discard("DJANGO_SETTINGS_MODULE")
    return names


def test_every_setting_read_from_the_environment_is_in_env_example():
    documented = set(re.findall(r"^#?\s*([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.M))
    missing = _variables_read_by_code() - documented
    assert not missing, f"document these in .env.example: {sorted(missing)}"


def test_the_code_reads_settings_from_the_environment():
    assert {"DATABASE_URL", "MARQUEE_DATA_DIR", "SECRET_KEY"} <= _variables_read_by_code()
