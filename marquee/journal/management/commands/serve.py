"""``marquee serve``: migrate, collect static files, and serve the site with gunicorn."""

from __future__ import annotations

import os
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from gunicorn.app.base import BaseApplication
from threadpoolctl import threadpool_limits

from marquee.env import env_int


class _Gunicorn(BaseApplication):
    """Gunicorn configured from Python instead of a command line."""

    def __init__(self, options: dict) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        # Each worker runs in its own process and answers one request per thread: BLAS
        # threads on top of that only contend for the same cores (a search's matrix product
        # took three times longer on a busy two-core machine with them).
        threadpool_limits(limits=1)
        from marquee.wsgi import application

        return application


class Command(BaseCommand):
    help = "Apply migrations and serve the site with a production server (gunicorn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("MARQUEE_HOST", "127.0.0.1"))
        parser.add_argument("--port", type=int, default=env_int("PORT", 8000))
        parser.add_argument(
            "--workers",
            type=int,
            default=env_int("WEB_CONCURRENCY", 2 * (os.cpu_count() or 1) + 1),
            help="Worker processes (default: 2 x cores + 1, or WEB_CONCURRENCY).",
        )
        parser.add_argument("--threads", type=int, default=env_int("WEB_THREADS", 2))
        parser.add_argument(
            "--no-migrate", action="store_true", help="Skip applying database migrations."
        )
        parser.add_argument(
            "--no-worker",
            action="store_true",
            help="Do not start a background worker (run `marquee worker` elsewhere instead).",
        )

    def handle(self, *args, **options) -> None:
        if not options["no_migrate"]:
            call_command("migrate", interactive=False, verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        address = f"{options['host']}:{options['port']}"
        self.stdout.write(f"Marquee is serving at http://{address}/  (Ctrl+C stops it)")
        self.stdout.flush()
        worker = None
        if not options["no_worker"]:
            # Imports and training run outside the web workers; one machine runs both.
            worker = subprocess.Popen([sys.executable, "-m", "marquee", "worker", "-v", "0"])
        try:
            self._serve(address, options)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)

    def _serve(self, address: str, options: dict) -> None:
        _Gunicorn(
            {
                "bind": address,
                "workers": options["workers"],
                "threads": options["threads"],
                "worker_class": "gthread",
                "accesslog": "-" if options["verbosity"] > 1 else None,
                "errorlog": "-",
                "loglevel": "warning",
                "graceful_timeout": 10,
                "timeout": 60,
            }
        ).run()
