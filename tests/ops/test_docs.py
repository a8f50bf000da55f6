"""Every operations command and its options are documented."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import get_commands, load_command_class
from django.core.management.base import BaseCommand

ROOT = Path(__file__).resolve().parents[2]


def options(command: BaseCommand, name: str) -> set[str]:
    parser = command.create_parser("marquee", name)
    return {option for action in parser._actions for option in action.option_strings}


@pytest.mark.parametrize("name", ["backup", "restore", "migrate-to"])
def test_each_command_and_option_is_in_the_docs(name):
    assert get_commands()[name] == "marquee.ops"
    docs = (ROOT / "docs" / "backups.md").read_text()
    assert f"marquee {name}" in docs
    assert f"marquee {name}" in (ROOT / "README.md").read_text()
    command = load_command_class("marquee.ops", name)
    for option in sorted(options(command, name) - options(BaseCommand(), "any")):
        assert option in docs, f"marquee {name} {option} is not in docs/backups.md"


def test_the_deployment_guide_covers_each_piece():
    guide = (ROOT / "docs" / "deploy.md").read_text()
    for piece in [
        "marquee serve --no-worker",  # app servers
        "marquee worker",  # background workers
        "upstream marquee",  # nginx
        "CACHE_URL=redis://",  # the shared cache
        "WhiteNoise",  # static files
        "shared volume",  # media files
        "[Service]",  # systemd units
        "marquee backup",  # backups
        "## Upgrades",
    ]:
        assert piece in guide, piece
