"""`marquee serve` migrates an empty data folder and serves pages and static files."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, deadline: float) -> tuple[int, bytes, dict]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status, response.read(), dict(response.headers)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@pytest.mark.slow
def test_serve_answers_on_a_fresh_data_folder(tmp_path):
    port = _free_port()
    env = {**os.environ, "MARQUEE_DATA_DIR": str(tmp_path), "DATABASE_URL": ""}
    server = subprocess.Popen(
        [sys.executable, "-m", "marquee", "serve", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        status, body, headers = _get(f"http://127.0.0.1:{port}/", deadline)
        assert status == 200 and b"Latest reviews" in body
        assert headers["Server"].startswith("gunicorn")
        status, css, _ = _get(f"http://127.0.0.1:{port}/static/marquee/marquee.css", deadline)
        assert status == 200 and b"--paper" in css
        assert (tmp_path / "marquee.sqlite3").exists()
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert f"serving at http://127.0.0.1:{port}/" in output


def test_each_web_worker_runs_blas_on_one_thread():
    """Gunicorn's processes are the parallelism; BLAS threads inside each would contend."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from marquee.journal.management.commands.serve import _Gunicorn

    # Two threads to begin with, as on any multi-core machine; undone when the test ends.
    with threadpool_limits(limits=2):
        _Gunicorn({"workers": 1}).load()
        pools = threadpool_info()
        assert pools and all(pool["num_threads"] == 1 for pool in pools)
