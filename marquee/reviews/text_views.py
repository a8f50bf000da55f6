"""Review pages for the plain-text layout: paste a whole review, read one back as text."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from marquee.errors import InputError
from marquee.reviews import permissions
from marquee.reviews.forms import ReviewPasteForm
from marquee.reviews.models import Review
from marquee.reviews.textimport import review_create_from_text, review_to_text


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def review_paste(request: HttpRequest) -> HttpResponse:
    """A critic pastes a review in the plain-text layout; errors name the field and line."""
    if not permissions.can_write_reviews(request.user):
        raise PermissionDenied("Only critics write reviews.")
    form = ReviewPasteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            review = review_create_from_text(
                author=request.user,
                text=form.cleaned_data["text"],
                publish=form.cleaned_data["publish"],
                source="",  # no file name: the message then reads "line 5: tagline: ..."
            )
        except InputError as error:
            form.add_error("text", error.describe())
        else:
            published = form.cleaned_data["publish"]
            messages.success(request, "Review published." if published else "Draft saved.")
            return redirect(review)
    return render(request, "reviews/paste.html", {"form": form})


@require_safe
def review_text(request: HttpRequest, slug: str) -> HttpResponse:
    """The review in the plain-text layout; drafts only for those who may see them."""
    review = get_object_or_404(
        Review.objects.select_related("film", "verdict", "author"), slug=slug
    )
    if not permissions.can_view_review(request.user, review):
        raise Http404("No such review")
    return HttpResponse(review_to_text(review), content_type="text/plain; charset=utf-8")
