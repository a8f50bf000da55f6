"""Review pages: reading, writing, editing, publishing, history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_POST, require_safe

from marquee.catalog.selectors import film_cast, film_directors
from marquee.catalog.services import film_resolve
from marquee.comments.forms import CommentForm
from marquee.comments.selectors import visible_comments
from marquee.errors import InputError
from marquee.journal.page_cache import cache_public_page
from marquee.journal.views import paginate
from marquee.reviews import permissions, selectors, services
from marquee.reviews.forms import ReviewTextForm, ReviewWriteForm
from marquee.reviews.models import Review
from marquee.reviews.structured_data import absolute_url, review_json_ld


def _review_for(request: HttpRequest, slug: str) -> Review:
    """The review at ``slug``, as a 404 when this user may not see it (drafts stay hidden)."""
    review = get_object_or_404(
        Review.objects.select_related("film", "verdict", "author"), slug=slug
    )
    if not permissions.can_view_review(request.user, review):
        raise Http404("No such review")
    return review


def _editable_review(request: HttpRequest, slug: str) -> Review:
    review = _review_for(request, slug)
    if not permissions.can_edit_review(request.user, review):
        raise PermissionDenied("Only the review's author or staff may change it.")
    return review


@require_safe
@cache_public_page
def review_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "journal/archive.html",
        {"heading": "All reviews", "page": paginate(request, selectors.published_reviews())},
    )


@require_safe
@cache_public_page
def review_detail(request: HttpRequest, slug: str) -> HttpResponse:
    review = _review_for(request, slug)
    return render(
        request,
        "reviews/detail.html",
        {
            "review": review,
            "directors": film_directors(review.film),
            "cast": film_cast(review.film),
            "comments": visible_comments(review, request.user),
            "comment_form": CommentForm(),
            "can_edit": permissions.can_edit_review(request.user, review),
            "json_ld": mark_safe(review_json_ld(review)),  # escaped for <script> by the builder
            "canonical_url": absolute_url(review.get_absolute_url()),
        },
    )


@login_required
def review_write(request: HttpRequest) -> HttpResponse:
    if not permissions.can_write_reviews(request.user):
        raise PermissionDenied("Only critics write reviews.")
    form = ReviewWriteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            film = film_resolve(
                title=data["film_title"],
                year=data["film_year"],
                director=data["director"],
                cast=data["cast"].split(","),
            )
            review = services.review_create(
                author=request.user,
                film=film,
                verdict=data["verdict"],
                tagline=data["tagline"],
                setup=data["setup"],
                body=data["body"],
                should_watch=data["should_watch"],
                publish=data["publish"],
            )
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Review published." if data["publish"] else "Draft saved.")
            return redirect(review)
    return render(request, "reviews/write.html", {"form": form})


@login_required
def review_edit(request: HttpRequest, slug: str) -> HttpResponse:
    review = _editable_review(request, slug)
    initial = {
        "verdict": review.verdict,
        "tagline": review.tagline,
        "setup": review.setup,
        "body": review.body,
        "should_watch": review.should_watch,
    }
    form = ReviewTextForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.review_update(review=review, user=request.user, **form.cleaned_data)
        except InputError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Review saved.")
            return redirect(review)
    return render(request, "reviews/edit.html", {"form": form, "review": review})


@login_required
@require_POST
def review_publish(request: HttpRequest, slug: str) -> HttpResponse:
    review = _editable_review(request, slug)
    services.review_publish(review=review, user=request.user)
    messages.success(request, "Review published.")
    return redirect(review)


@login_required
@require_POST
def review_unpublish(request: HttpRequest, slug: str) -> HttpResponse:
    review = _editable_review(request, slug)
    services.review_unpublish(review=review, user=request.user)
    messages.success(request, "Review is a draft again.")
    return redirect(review)


@login_required
@require_safe
def review_history(request: HttpRequest, slug: str) -> HttpResponse:
    review = _editable_review(request, slug)
    revisions = review.revisions.select_related("edited_by")
    return render(request, "reviews/history.html", {"review": review, "revisions": revisions})


@login_required
@require_safe
def my_reviews(request: HttpRequest) -> HttpResponse:
    """A critic's own reviews, drafts included."""
    if not permissions.can_write_reviews(request.user):
        raise PermissionDenied("Only critics write reviews.")
    reviews = Review.objects.filter(author=request.user).for_listing().order_by("-updated_at")
    return render(request, "reviews/mine.html", {"page": paginate(request, reviews)})
