"""Every `marquee` command the project adds is documented in the README."""

from pathlib import Path

from django.core.management import get_commands

ROOT = Path(__file__).resolve().parents[1]


def test_every_marquee_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ours = [name for name, app in get_commands().items() if app.startswith("marquee.")]
    assert "serve" in ours
    missing = [name for name in ours if f"marquee {name}" not in readme]
    assert not missing, f"document these commands in README.md: {missing}"
