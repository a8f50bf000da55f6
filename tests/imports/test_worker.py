"""A queued import is picked up by `marquee worker`, as in production."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from marquee.imports.jobs import import_job_start
from marquee.imports.journal import journal_export
from marquee.imports.models import ImportJob
from marquee.readers.models import Rating

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_worker_runs_a_queued_import(history, tmp_path, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    out = tmp_path / "journal.zip"
    journal_export(user=history, out=out)
    Rating.objects.all().delete()
    job = import_job_start(
        user=history,
        export_format="journal",
        upload=SimpleUploadedFile("journal.zip", out.read_bytes()),
    )
    assert ImportJob.objects.get(pk=job.pk).status == ImportJob.Status.QUEUED
    call_command("worker", "--batch", verbosity=0)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert Rating.objects.filter(user=history).count() == 2
