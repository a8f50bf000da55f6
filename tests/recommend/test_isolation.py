"""The engine is a plain library: importing it must not pull in Django or the site."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_recommend_imports_neither_django_nor_marquee():
    code = (
        "import recommend, recommend.evaluate, sys; "
        "bad = [m for m in sys.modules if m.startswith(('django', 'marquee'))]; "
        "assert not bad, bad"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
