"""Imports started from the web: queued as a background task, progress kept in the cache.

The import itself runs in one database transaction, so progress written to the database
would only appear when it is over; it goes to the shared cache instead, where the progress
page reads it while the worker runs.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.core.cache import cache
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from marquee.accounts.models import User
from marquee.errors import InputError
from marquee.imports.files import MAX_UPLOAD_BYTES, clean_file_name
from marquee.imports.formats import FORMATS
from marquee.imports.models import ImportJob
from marquee.imports.services import import_apply
from marquee.journal.page_cache import content_changed
from marquee.predictions.services import training_queue_if_due

logger = logging.getLogger(__name__)
PROGRESS_TIMEOUT = 60 * 60


def _progress_key(job_id: int) -> str:
    return f"marquee:import-progress:{job_id}"


@transaction.atomic
def import_job_start(
    *,
    user: User,
    export_format: str,
    upload: UploadedFile,
    create_missing: bool = False,
    dry_run: bool = False,
) -> ImportJob:
    """Keep the uploaded file and queue its import; the worker picks it up."""
    if export_format not in FORMATS:
        raise InputError("format", f'"{export_format}" is not a format Marquee can import')
    if upload.size is None or upload.size == 0:
        raise InputError("file", "is empty", file=upload.name)
    if upload.size > MAX_UPLOAD_BYTES:
        raise InputError("file", f"is larger than {MAX_UPLOAD_BYTES:,} bytes", file=upload.name)
    job = ImportJob.objects.create(
        user=user,
        format=export_format,
        upload=upload,
        # Django stores the file under a cleaned name of its own; the parser is given this one.
        original_name=clean_file_name(upload.name),
        create_missing=create_missing,
        dry_run=dry_run,
    )
    transaction.on_commit(lambda: run_import_job.enqueue(job.pk))
    return job


def import_job_progress(job: ImportJob) -> tuple[int, int]:
    """(items done, items in all) as the worker last reported them."""
    if job.is_finished:
        return job.total, job.total
    return cache.get(_progress_key(job.pk), (job.processed, job.total))


@task()
def run_import_job(job_id: int) -> None:
    """Parse and apply an uploaded export; the job ends done or failed, never stuck running."""
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    if job.status != ImportJob.Status.QUEUED:
        return  # already picked up (a retried task must not import twice)
    job.status = ImportJob.Status.RUNNING
    job.save(update_fields=["status"])
    export_format = FORMATS[job.format]

    def progress(done: int, total: int) -> None:
        cache.set(_progress_key(job.pk), (done, total), PROGRESS_TIMEOUT)

    try:
        parsed = export_format.parser()(Path(job.upload.path), name=job.original_name)
        progress(0, len(parsed.records))
        report = import_apply(
            user=job.user,
            source=export_format.source,
            parsed=parsed,
            dry_run=job.dry_run,
            create_missing=job.create_missing or export_format.creates_films,
            progress=progress,
        )
    except InputError as error:
        _finish(job, status=ImportJob.Status.FAILED, error=error.describe())
    except Exception:
        logger.exception("import job %s failed", job.pk)
        _finish(
            job,
            status=ImportJob.Status.FAILED,
            error="The import failed unexpectedly; nothing was changed. The error has been logged.",
        )
    else:
        job.report = report.to_dict()
        job.processed = job.total = len(parsed.records)
        _finish(job, status=ImportJob.Status.DONE)
        if report.changed_anything and not report.dry_run:
            content_changed()
            training_queue_if_due()


def _finish(job: ImportJob, *, status: str, error: str = "") -> None:
    job.status, job.error, job.finished_at = status, error, timezone.now()
    job.save()
    cache.delete(_progress_key(job.pk))
    # The export held someone's viewing history; it is not kept once imported.
    job.upload.delete(save=False)
