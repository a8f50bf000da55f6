"""Upload caps and ZIP checks not covered by tests/imports: each limit refuses what passes it.

tests/imports/test_files.py covers traversal with "../", absolute paths, compression bombs, member
counts and non-ZIPs; tests/imports/test_upload_page.py covers a declared Content-Length over the
cap. These cover the rest: the byte counter on the stream, the service's own cap, the per-member
and total size caps, members that lie about their size, and Windows-style unsafe names.
"""

from __future__ import annotations

import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory

from marquee.errors import InputError
from marquee.imports import files, jobs
from marquee.imports.files import open_zip
from marquee.imports.jobs import import_job_start
from marquee.imports.models import ImportJob
from marquee.imports.uploads import (
    SizeLimitedUploadHandler,
    install_upload_limits,
    upload_too_large,
)


def make_zip(path, members: dict[str, bytes], compression=zipfile.ZIP_STORED):
    with zipfile.ZipFile(path, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_the_stream_is_cut_off_once_it_passes_the_cap():
    request = RequestFactory().post(
        "/imports/", {"export_file": SimpleUploadedFile("big.zip", b"x" * 200_000)}
    )
    install_upload_limits(request, limit=10_000)
    assert "export_file" not in request.FILES
    (counter,) = [h for h in request.upload_handlers if isinstance(h, SizeLimitedUploadHandler)]
    assert 10_000 < counter.received < 10_000 + 2 * 64 * 1024  # stopped within a chunk or two


def test_an_upload_under_the_cap_arrives_whole():
    request = RequestFactory().post(
        "/imports/", {"export_file": SimpleUploadedFile("small.zip", b"x" * 5_000)}
    )
    install_upload_limits(request, limit=10_000)
    assert request.FILES["export_file"].read() == b"x" * 5_000


def test_a_content_length_that_is_not_a_number_counts_as_too_large():
    request = RequestFactory().post("/imports/", {}, CONTENT_LENGTH="lots")
    assert upload_too_large(request)


@pytest.mark.django_db
def test_the_import_service_refuses_empty_and_oversized_files(reader, monkeypatch):
    with pytest.raises(InputError, match="is empty"):
        import_job_start(
            user=reader, export_format="journal", upload=SimpleUploadedFile("e.zip", b"")
        )
    monkeypatch.setattr(jobs, "MAX_UPLOAD_BYTES", 100)
    with pytest.raises(InputError, match="larger than 100 bytes"):
        import_job_start(
            user=reader, export_format="journal", upload=SimpleUploadedFile("b.zip", b"x" * 101)
        )
    assert ImportJob.objects.count() == 0


def test_a_member_that_unpacks_too_large_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_ZIP_MEMBER_BYTES", 1_000)
    archive = make_zip(tmp_path / "big.zip", {"diary.csv": b"x" * 1_001})
    with pytest.raises(InputError, match="diary.csv unpacks to 1,001 bytes; too large"):
        open_zip(archive)


def test_members_that_unpack_too_large_together_are_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_ZIP_UNCOMPRESSED_BYTES", 1_500)
    archive = make_zip(tmp_path / "big.zip", {"a.csv": b"x" * 1_000, "b.csv": b"x" * 1_000})
    with pytest.raises(InputError, match="unpacks to 2,000 bytes; the limit is 1,500"):
        open_zip(archive)


def test_a_member_larger_than_its_directory_entry_claims_is_never_read_past_its_claim(tmp_path):
    path = make_zip(tmp_path / "liar.zip", {"diary.csv": b"x" * 1_000})
    data = bytearray(path.read_bytes())
    entry = data.index(b"PK\x01\x02")  # the central directory entry
    data[entry + 24 : entry + 28] = struct.pack("<I", 10)  # claims 10 bytes uncompressed
    path.write_bytes(bytes(data))
    archive = open_zip(path)
    # zipfile itself stops at the claimed size and then finds the CRC wrong.
    with pytest.raises((InputError, zipfile.BadZipFile)):
        archive.read("diary.csv")


@pytest.mark.parametrize("name", ["..\\..\\evil.csv", "C:/Windows/evil.csv", "a/../../evil.csv"])
def test_windows_style_and_nested_unsafe_names_are_refused(tmp_path, name):
    archive = make_zip(tmp_path / "evil.zip", {name: b"a"})
    with pytest.raises(InputError, match="unsafe path"):
        open_zip(archive)


@pytest.mark.django_db
def test_an_upload_through_the_page_works_with_csrf_checks_on(reader):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(reader)
    client.get("/imports/")
    token = client.cookies["csrftoken"].value
    response = client.post(
        "/imports/",
        {
            "format": "journal",
            "export_file": SimpleUploadedFile("journal.zip", b"PK\x05\x06" + b"\x00" * 18),
            "csrfmiddlewaretoken": token,
        },
    )
    assert response.status_code in {200, 302}
