"""Posting and moderating comments. Works as plain forms, and as htmx fragments when asked."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from marquee.comments import selectors, services
from marquee.comments.forms import CommentForm
from marquee.comments.models import Comment
from marquee.errors import InputError
from marquee.journal.views import paginate
from marquee.reviews.models import Review
from marquee.reviews.permissions import can_moderate_comments


@login_required
@require_POST
def comment_post(request: HttpRequest, slug: str) -> HttpResponse:
    review = get_object_or_404(Review.objects.published(), slug=slug)
    form = CommentForm(request.POST)
    if not form.is_valid() or form.cleaned_data["website"]:
        messages.error(request, "Your comment could not be posted: " + _form_errors(form))
        return redirect(review.get_absolute_url() + "#comments")
    parent = None
    if form.cleaned_data["parent"]:
        parent = get_object_or_404(Comment, pk=form.cleaned_data["parent"], review=review)
    try:
        comment = services.comment_post(
            review=review, author=request.user, body=form.cleaned_data["body"], parent=parent
        )
    except InputError as error:
        messages.error(request, f"Your comment could not be posted: {error.message}")
        return redirect(review.get_absolute_url() + "#comments")
    if comment.status == Comment.Status.PENDING:
        messages.info(
            request, "Thanks! Your first comment will appear once a moderator approves it."
        )
    return redirect(f"{review.get_absolute_url()}#comment-{comment.pk}")


def _form_errors(form: CommentForm) -> str:
    if form.is_valid():
        return "please leave the last field empty."
    return "; ".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items())


@login_required
@require_safe
def moderation_queue(request: HttpRequest) -> HttpResponse:
    if not can_moderate_comments(request.user):
        raise PermissionDenied("Only staff moderate comments.")
    page = paginate(request, selectors.moderation_queue())
    return render(request, "comments/moderation.html", {"page": page})


@login_required
@require_POST
def comment_moderate(request: HttpRequest, pk: int) -> HttpResponse:
    if not can_moderate_comments(request.user):
        raise PermissionDenied("Only staff moderate comments.")
    comment = get_object_or_404(Comment, pk=pk)
    try:
        services.comment_moderate(
            comment=comment, moderator=request.user, status=request.POST.get("status", "")
        )
    except InputError as error:
        return HttpResponse(error.message, status=400, content_type="text/plain; charset=utf-8")
    if request.htmx:
        return render(request, "comments/_moderated.html", {"comment": comment})
    messages.success(request, f"Comment marked {comment.get_status_display().lower()}.")
    return redirect("comments:moderation")
