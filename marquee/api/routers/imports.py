"""Imports of another service's export: start one, then poll its progress."""

from typing import Literal

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, File, Form, Path, Query, Router, Schema, Status, UploadedFile
from ninja.pagination import paginate

from marquee.api.auth import SIGNED_IN, signed_in_caller
from marquee.api.errors import input_problem, not_found
from marquee.api.pagination import PagePagination
from marquee.api.schemas import MAX_ID, ImportJobOut
from marquee.errors import InputError
from marquee.imports.jobs import import_job_start
from marquee.imports.models import ImportJob

router = Router(tags=["imports"], auth=SIGNED_IN)

# The formats marquee.imports.formats.FORMATS reads; a test keeps the two lists the same.
ImportFormat = Literal["letterboxd", "imdb", "trakt", "movary", "journal"]
ImportStatus = Literal["queued", "running", "done", "failed"]


class ImportForm(Schema):
    format: ImportFormat = Field(description="Where the export comes from.")
    create_missing: bool = Field(False, description="Add films the catalog does not have yet.")
    dry_run: bool = Field(False, description="Only report what would change.")


class ImportFilters(Schema):
    status: ImportStatus | None = None


@router.post(
    "",
    response={202: ImportJobOut},
    summary="Start an import",
    description=(
        "Upload an export as `multipart/form-data`; it is imported in the background. Poll the "
        "job (its URL is in the Location header) until `status` is `done` or `failed`."
    ),
)
def start_import(
    request: HttpRequest,
    response: HttpResponse,
    form: Form[ImportForm],
    file: File[UploadedFile],
) -> Status:
    try:
        job = import_job_start(
            user=signed_in_caller(request),
            export_format=form.format,
            upload=file,
            create_missing=form.create_missing,
            dry_run=form.dry_run,
        )
    except InputError as error:
        raise input_problem(error) from None
    job.refresh_from_db()  # a worker running tasks at once may have finished it already
    response["Location"] = f"{request.path.rstrip('/')}/{job.pk}"
    return Status(202, job)


@router.get("", response=list[ImportJobOut], summary="List your imports")
@paginate(PagePagination)
def list_imports(request: HttpRequest, filters: Query[ImportFilters]) -> QuerySet[ImportJob]:
    jobs = ImportJob.objects.filter(user=signed_in_caller(request))
    if filters.status:
        jobs = jobs.filter(status=filters.status)
    return jobs.order_by("-created_at", "-id")


@router.get("/{job_id}", response=ImportJobOut, summary="An import's progress")
def get_import(request: HttpRequest, job_id: int = Path(..., ge=1, le=MAX_ID)) -> ImportJob:
    job = ImportJob.objects.filter(pk=job_id, user=signed_in_caller(request)).first()
    if job is None:
        raise not_found("import")
    return job
