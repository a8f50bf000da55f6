"""``marquee openapi > docs/openapi.json``: the API's OpenAPI document, as committed in docs/."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand

from marquee.api.api import api


def openapi_document() -> str:
    """The OpenAPI document as the committed file holds it (stable key order, final newline)."""
    return json.dumps(api.get_openapi_schema(), indent=2, ensure_ascii=False) + "\n"


class Command(BaseCommand):
    help = "Print the API's OpenAPI 3 document (JSON)."

    def handle(self, *args, **options) -> None:
        self.stdout.write(openapi_document(), ending="")
