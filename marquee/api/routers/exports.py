"""Exports: the caller's whole history as a file, in Marquee's own format or Letterboxd's."""

import tempfile
from pathlib import Path as FilePath
from typing import Literal

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from ninja import Router

from marquee.api.auth import SIGNED_IN, signed_in_caller
from marquee.imports.journal import journal_export
from marquee.imports.letterboxd_export import letterboxd_export

router = Router(tags=["exports"], auth=SIGNED_IN)

ExportFormat = Literal["journal", "letterboxd"]
CONTENT_TYPES = {"journal": "application/zip", "letterboxd": "text/csv"}
SUFFIXES = {"journal": "zip", "letterboxd": "csv"}
BINARY = {"type": "string", "format": "binary"}


@router.get(
    "/{export_format}",
    response={200: None},
    summary="Download your history",
    description=(
        "`journal`: Marquee's lossless ZIP (see docs/journal-format.md), which imports back "
        "into any Marquee. `letterboxd`: a CSV that Letterboxd's importer reads."
    ),
    openapi_extra={
        "responses": {
            "200": {
                "description": "The export file.",
                "content": {media: {"schema": BINARY} for media in CONTENT_TYPES.values()},
            }
        }
    },
)
def download_export(request: HttpRequest, export_format: ExportFormat) -> FileResponse:
    user = signed_in_caller(request)
    folder = FilePath(tempfile.mkdtemp(prefix="marquee-export-"))
    out = folder / f"export.{SUFFIXES[export_format]}"
    if export_format == "journal":
        journal_export(user=user, out=out)
    else:
        letterboxd_export(user=user, out=out)
    stream = out.open("rb")
    # The file is gone from the folder at once; the open handle keeps it readable until closed.
    out.unlink()
    folder.rmdir()
    name = f"marquee-{user.username}-{timezone.localdate():%Y-%m-%d}.{SUFFIXES[export_format]}"
    return FileResponse(
        stream, as_attachment=True, filename=name, content_type=CONTENT_TYPES[export_format]
    )
