"""Importing from the web page: upload, background job, progress, report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from marquee.imports.journal import journal_export
from marquee.imports.models import ImportJob
from marquee.readers.models import Rating

pytestmark = pytest.mark.django_db


@pytest.fixture
def journal_zip(history, tmp_path):
    out = tmp_path / "journal.zip"
    journal_export(user=history, out=out)
    Rating.objects.all().delete()
    return out


def upload(client, path, **extra):
    data = {"format": "journal", "export_file": SimpleUploadedFile(path.name, path.read_bytes())}
    return client.post("/imports/", {**data, **extra})


def test_an_upload_runs_in_the_background_and_reports(
    client, history, journal_zip, django_capture_on_commit_callbacks
):
    client.force_login(history)
    with django_capture_on_commit_callbacks(execute=True):
        response = upload(client, journal_zip)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/imports/{job.pk}/"
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.report["created"] == 2  # the two ratings deleted after the export
    assert Rating.objects.filter(user=history).count() == 2
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "Finished" in page and "Created" in page
    assert not job.upload.name or not job.upload.storage.exists(job.upload.name)


def test_the_progress_fragment_polls_until_the_job_ends(client, history, journal_zip):
    client.force_login(history)
    upload(client, journal_zip)  # not committed in this test: the job stays queued
    job = ImportJob.objects.get()
    fragment = client.get(f"/imports/{job.pk}/status/", HTTP_HX_REQUEST="true").content.decode()
    assert 'hx-trigger="every 1s"' in fragment and "Waiting to start" in fragment


def test_a_broken_file_fails_the_job_with_a_clear_message(
    client, reader, tmp_path, django_capture_on_commit_callbacks
):
    bad = tmp_path / "journal.zip"
    bad.write_text("not a zip")
    client.force_login(reader)
    with django_capture_on_commit_callbacks(execute=True):
        upload(client, bad)
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.FAILED
    assert "is not a ZIP archive" in job.error


def test_an_oversized_upload_is_refused_before_it_is_read(client, reader):
    client.force_login(reader)
    response = client.post("/imports/", {"format": "journal"}, CONTENT_LENGTH=str(3 * 1024**3))
    assert response.status_code == 413
    assert ImportJob.objects.count() == 0


def test_nobody_else_sees_my_import(client, history, other_reader, journal_zip):
    client.force_login(history)
    upload(client, journal_zip)
    job = ImportJob.objects.get()
    client.force_login(other_reader)
    assert client.get(f"/imports/{job.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    assert client.get("/imports/").status_code == 302


def test_an_upload_passes_the_csrf_check_with_size_limits_installed(
    reader, journal_zip, django_capture_on_commit_callbacks
):
    """The real middleware checks CSRF (the default test client skips it)."""
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(reader)
    browser.get("/imports/")
    token = browser.cookies["csrftoken"].value
    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post(
            "/imports/",
            {
                "format": "journal",
                "export_file": SimpleUploadedFile("j.zip", journal_zip.read_bytes()),
                "csrfmiddlewaretoken": token,
            },
        )
    assert response.status_code == 302
    assert browser.post("/imports/", {"format": "journal"}).status_code == 403  # no token
