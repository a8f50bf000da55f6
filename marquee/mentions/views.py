"""The critic's side of links: the suggestions panel, and confirming or rejecting a link."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from marquee.mentions import selectors, services
from marquee.mentions.models import Mention, MentionDecision
from marquee.reviews import permissions
from marquee.reviews.models import Review


def _panel(request: HttpRequest, review: Review, template: str) -> HttpResponse:
    context = {"review": review, "mentions": selectors.mention_choices(review)}
    return render(request, template, context)


@login_required
@require_safe
def review_mentions(request: HttpRequest, slug: str) -> HttpResponse:
    """The films and people found in a review, for its author or staff to confirm or reject."""
    review = get_object_or_404(Review.objects.select_related("film"), slug=slug)
    if not permissions.can_view_review(request.user, review):
        raise Http404("No such review")
    if not permissions.can_edit_review(request.user, review):
        raise PermissionDenied("Only the review's author or staff may see its suggested links.")
    template = "mentions/_panel.html" if request.htmx else "mentions/review.html"
    return _panel(request, review, template)


def _decide(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    mention = get_object_or_404(Mention.objects.select_related("review", "comment__review"), pk=pk)
    if not services.can_decide(request.user, mention):
        raise PermissionDenied("Only the review's author or staff may decide on its links.")
    services.mention_decide(mention=mention, user=request.user, status=status)
    review = mention.review or mention.comment.review
    if request.htmx:
        return _panel(request, review, "mentions/_panel.html")
    return redirect("reviews:edit", review.slug)


@login_required
@require_POST
def mention_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, MentionDecision.Status.CONFIRMED)


@login_required
@require_POST
def mention_reject(request: HttpRequest, pk: int) -> HttpResponse:
    return _decide(request, pk, MentionDecision.Status.REJECTED)
