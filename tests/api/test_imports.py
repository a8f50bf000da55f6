"""Imports through the API: start one with an upload, then poll it until it is done."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marquee.imports.formats import FORMATS
from marquee.imports.journal import journal_export
from marquee.imports.models import ImportJob
from marquee.readers.models import Rating
from tests.api.conftest import fields_of, problem_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def journal_zip(history, tmp_path):
    out = tmp_path / "journal.zip"
    journal_export(user=history, out=out)
    Rating.objects.all().delete()
    return out.read_bytes()


def test_an_import_starts_and_is_polled_until_done(
    api,
    history,
    journal_zip,
    media,
    django_capture_on_commit_callbacks,
):
    caller = api.as_user(history)
    with django_capture_on_commit_callbacks(execute=True):
        response = caller.upload(
            "/me/imports",
            {"format": "journal", "file": SimpleUploadedFile("journal.zip", journal_zip)},
        )
    assert response.status_code == 202, response.content
    job = response.json()
    assert response["Location"] == f"/api/v1/me/imports/{job['id']}"
    assert job["format"] == "journal" and job["original_name"] == "journal.zip"

    polled = caller.get(f"/me/imports/{job['id']}").json()
    assert polled["status"] == "done" and polled["percent"] == 100
    assert polled["report"] is not None and polled["error"] == ""
    assert Rating.objects.filter(user=history).count() == 2
    listed = caller.get("/me/imports", {"status": "done"}).json()
    assert [j["id"] for j in listed["items"]] == [job["id"]]
    assert caller.get("/me/imports", {"status": "failed"}).json()["count"] == 0


def test_a_broken_upload_fails_the_job_and_says_why(
    api, reader, media, django_capture_on_commit_callbacks
):
    caller = api.as_user(reader)
    with django_capture_on_commit_callbacks(execute=True):
        response = caller.upload(
            "/me/imports", {"format": "journal", "file": SimpleUploadedFile("x.zip", b"not a zip")}
        )
    job = caller.get(response["Location"].removeprefix("/api/v1")).json()
    assert job["status"] == "failed" and "ZIP" in job["error"]


def test_an_import_needs_a_known_format_and_a_non_empty_file(api, reader, media):
    caller = api.as_user(reader)
    assert fields_of(
        caller.upload("/me/imports", {"format": "netflix", "file": SimpleUploadedFile("a", b"x")})
    ) == {"format"}
    assert fields_of(caller.upload("/me/imports", {"format": "imdb"})) == {"file"}
    empty = caller.upload("/me/imports", {"format": "imdb", "file": SimpleUploadedFile("e", b"")})
    assert fields_of(empty) == {"file"}
    assert not ImportJob.objects.exists()


def test_an_oversized_upload_is_refused_before_it_is_read(api, reader, media):
    response = api.as_user(reader).client.post(
        "/api/v1/me/imports",
        {"format": "imdb", "file": SimpleUploadedFile("big.csv", b"x")},
        headers={"Authorization": f"Bearer {api.as_user(reader).token}"},
        CONTENT_LENGTH=str(10**10),
    )
    assert response.status_code == 413
    assert problem_of(response)["code"] == "too_large"


def test_nobody_sees_someone_elses_imports(api, reader, other_reader, media):
    job = ImportJob.objects.create(user=other_reader, format="imdb", original_name="theirs.csv")
    caller = api.as_user(reader)
    assert caller.get(f"/me/imports/{job.pk}").status_code == 404
    assert caller.get("/me/imports").json()["count"] == 0


def test_the_api_offers_exactly_the_formats_marquee_reads():
    from typing import get_args

    from marquee.api.routers.imports import ImportFormat

    assert set(get_args(ImportFormat)) == set(FORMATS)
