"""Uploading an export and watching its import run."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_safe

from marquee.errors import InputError
from marquee.imports.files import MAX_UPLOAD_BYTES
from marquee.imports.forms import ImportForm
from marquee.imports.jobs import import_job_progress, import_job_start
from marquee.imports.models import ImportJob
from marquee.imports.report import ImportReport
from marquee.imports.uploads import install_upload_limits, upload_too_large


@login_required
@csrf_exempt  # checked below, once the size-limited upload handlers are in place
def import_start(request: HttpRequest) -> HttpResponse:
    """The upload form; the import runs in the background and this redirects to its progress.

    Django reads the body when the CSRF check looks at the form, so the upload handlers must
    be installed first: the view opts out of the middleware's check and runs it itself after.
    """
    if request.method == "POST" and not upload_too_large(request):
        install_upload_limits(request)
    return _import_start(request)


@csrf_protect
def _import_start(request: HttpRequest) -> HttpResponse:
    jobs = ImportJob.objects.filter(user=request.user)[:10]
    context = {"jobs": jobs, "limit_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
    if request.method != "POST":
        return render(request, "imports/start.html", {**context, "form": ImportForm()})
    if upload_too_large(request):
        error = f"That file is larger than {context['limit_mb']} MB; nothing was read."
        return render(
            request,
            "imports/start.html",
            {**context, "form": ImportForm(), "upload_error": error},
            status=413,
        )
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            job = import_job_start(
                user=request.user,
                export_format=form.cleaned_data["format"],
                upload=form.cleaned_data["export_file"],
                create_missing=form.cleaned_data["create_missing"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except InputError as error:
            form.add_error("export_file", error.describe())
        else:
            return redirect(job)
    return render(request, "imports/start.html", {**context, "form": form})


def _job_context(request: HttpRequest, pk: int) -> dict:
    job = get_object_or_404(ImportJob, pk=pk, user=request.user)
    done, total = import_job_progress(job)
    report = ImportReport.from_dict(job.report) if job.report else None
    percent = 100 if job.is_finished else (int(100 * done / total) if total else 0)
    return {"job": job, "done": done, "total": total, "percent": percent, "report": report}


@login_required
@require_safe
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "imports/job.html", _job_context(request, pk))


@login_required
@require_safe
def import_job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the job page polls with htmx until the import ends."""
    return render(request, "imports/_status.html", _job_context(request, pk))
