"""Refusing oversized uploads while they arrive, before anything is kept in memory or on disk."""

from __future__ import annotations

from django.core.files.uploadhandler import (
    FileUploadHandler,
    StopUpload,
    TemporaryFileUploadHandler,
)
from django.http import HttpRequest

from marquee.imports.files import MAX_UPLOAD_BYTES


class UploadTooLarge(Exception):
    pass


def upload_too_large(request: HttpRequest, *, limit: int = MAX_UPLOAD_BYTES) -> bool:
    """True when the request says it carries more than ``limit`` bytes (checked before reading)."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > limit


class SizeLimitedUploadHandler(FileUploadHandler):
    """Counts bytes as they stream in and stops the upload the moment it passes the cap."""

    def __init__(self, request: HttpRequest | None = None, limit: int = MAX_UPLOAD_BYTES) -> None:
        super().__init__(request)
        self.limit = limit
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def install_upload_limits(request: HttpRequest, *, limit: int = MAX_UPLOAD_BYTES) -> None:
    """Stream uploads to a temporary file, counting bytes on the way (call before request.FILES)."""
    request.upload_handlers = [
        SizeLimitedUploadHandler(request, limit),
        TemporaryFileUploadHandler(request),
    ]
