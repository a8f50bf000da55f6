"""Reviews: anyone reads published ones; critics write, edit and publish their own."""

from typing import Literal

from django.db.models import F, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from marquee.api.auth import ANYONE, SIGNED_IN, caller, signed_in_caller
from marquee.api.errors import ApiProblem, field_problem, input_problem, not_found
from marquee.api.pagination import PagePagination
from marquee.api.schemas import (
    SLUG_PATTERN,
    USERNAME_PATTERN,
    ReviewCreate,
    ReviewDetail,
    ReviewSummary,
    ReviewUpdate,
    Slug,
    VerdictOut,
)
from marquee.catalog.models import Credit, Film
from marquee.catalog.selectors import films_matching, search_text
from marquee.errors import InputError
from marquee.reviews import permissions, services
from marquee.reviews.models import Review, Verdict
from marquee.reviews.selectors import published_reviews

router = Router(tags=["reviews"])

ReviewOrdering = Literal["-published_at", "published_at", "-updated_at", "updated_at"]
ORDERINGS = {
    "-published_at": (F("published_at").desc(nulls_last=True), "-id"),
    "published_at": (F("published_at").asc(nulls_last=True), "id"),
    "-updated_at": ("-updated_at", "-id"),
    "updated_at": ("updated_at", "id"),
}


def review_for(request: HttpRequest, slug: str) -> Review:
    """The review at ``slug`` as the caller may see it; drafts of others are simply not there."""
    review = Review.objects.select_related("film", "verdict", "author").filter(slug=slug).first()
    if review is None or not permissions.can_view_review(caller(request), review):
        raise not_found("review")
    return review


def _editable(request: HttpRequest, slug: str) -> Review:
    review = review_for(request, slug)
    if not permissions.can_edit_review(signed_in_caller(request), review):
        raise ApiProblem(403, "Only the review's author or staff may change it.", code="forbidden")
    return review


def _verdict(slug: str) -> Verdict:
    verdict = Verdict.objects.filter(slug=slug).first()
    if verdict is None:
        valid = ", ".join(Verdict.objects.values_list("slug", flat=True))
        raise field_problem("verdict", f'"{slug}" is not one of this journal\'s verdicts: {valid}')
    return verdict


class ReviewFilters(Schema):
    q: str | None = Field(
        None,
        max_length=200,
        description="Part of the tagline or of any title of the film; case and accents ignored.",
    )
    film: Slug | None = Field(None, description="A film's slug.")
    verdict: Slug | None = Field(None, description="A verdict's slug.")
    author: str | None = Field(
        None, pattern=USERNAME_PATTERN, max_length=150, description="A critic's username."
    )
    genre: Slug | None = Field(None, description="A genre's slug.")
    director: Slug | None = Field(None, description="A director's slug.")
    year: int | None = Field(None, ge=1800, le=2200, description="The film's release year.")
    mine: bool = Field(
        False, description="Only the caller's own reviews, drafts included (critics only)."
    )
    ordering: ReviewOrdering = "-published_at"


@router.get("", response=list[ReviewSummary], auth=ANYONE, summary="List reviews")
@paginate(PagePagination)
def list_reviews(request: HttpRequest, filters: Query[ReviewFilters]) -> QuerySet[Review]:
    if filters.mine:
        user = signed_in_caller(request)
        if not permissions.can_write_reviews(user):
            raise ApiProblem(403, "Only critics have reviews of their own.", code="forbidden")
        reviews = Review.objects.filter(author=user).for_listing()
    else:
        reviews = published_reviews()
    query = search_text(filters.q)
    if query:
        films = films_matching(Film.objects.all(), query)
        reviews = reviews.filter(Q(tagline__icontains=query) | Q(film__in=films))
    if filters.film:
        reviews = reviews.filter(film__slug=filters.film)
    if filters.verdict:
        reviews = reviews.filter(verdict__slug=filters.verdict)
    if filters.author:
        reviews = reviews.filter(author__username=filters.author)
    if filters.genre:
        reviews = reviews.filter(film__in=Film.objects.filter(genres__slug=filters.genre))
    if filters.director:
        directed = Credit.objects.filter(role=Credit.Role.DIRECTOR, person__slug=filters.director)
        reviews = reviews.filter(film__in=directed.values("film_id"))
    if filters.year is not None:
        reviews = reviews.filter(film__year=filters.year)
    return reviews.order_by(*ORDERINGS[filters.ordering])


@router.get("/{slug}", response=ReviewDetail, auth=ANYONE, summary="Get a review")
def get_review(request: HttpRequest, slug: str = Path(..., pattern=SLUG_PATTERN)) -> Review:
    return review_for(request, slug)


@router.post(
    "",
    response={201: ReviewDetail},
    auth=SIGNED_IN,
    summary="Write a review (critics)",
    description="Saved as a draft unless `publish` is true.",
)
def create_review(request: HttpRequest, response: HttpResponse, payload: ReviewCreate) -> Status:
    user = signed_in_caller(request)
    if not permissions.can_write_reviews(user):
        raise ApiProblem(403, "Only critics write reviews.", code="forbidden")
    film = Film.objects.filter(slug=payload.film).first()
    if film is None:
        raise field_problem("film", f'no film has the slug "{payload.film}"')
    try:
        review = services.review_create(
            author=user,
            film=film,
            verdict=_verdict(payload.verdict),
            tagline=payload.tagline,
            setup=payload.setup,
            body=payload.body,
            should_watch=payload.should_watch,
            publish=payload.publish,
        )
    except InputError as error:
        raise input_problem(error) from None
    response["Location"] = f"{request.path.rstrip('/')}/{review.slug}"
    return Status(201, review)


@router.patch(
    "/{slug}",
    response=ReviewDetail,
    auth=SIGNED_IN,
    summary="Change a review (its author or staff)",
    description="Only the fields sent change; each save is kept in the review's history.",
)
def update_review(
    request: HttpRequest, payload: ReviewUpdate, slug: str = Path(..., pattern=SLUG_PATTERN)
) -> Review:
    review = _editable(request, slug)
    try:
        return services.review_update(
            review=review,
            user=signed_in_caller(request),
            verdict=_verdict(payload.verdict) if payload.verdict else review.verdict,
            tagline=review.tagline if payload.tagline is None else payload.tagline,
            setup=review.setup if payload.setup is None else payload.setup,
            body=review.body if payload.body is None else payload.body,
            should_watch=review.should_watch
            if payload.should_watch is None
            else payload.should_watch,
        )
    except InputError as error:
        raise input_problem(error) from None


@router.post("/{slug}/publish", response=ReviewDetail, auth=SIGNED_IN, summary="Publish a review")
def publish_review(request: HttpRequest, slug: str = Path(..., pattern=SLUG_PATTERN)) -> Review:
    review = _editable(request, slug)
    return services.review_publish(review=review, user=signed_in_caller(request))


@router.post(
    "/{slug}/unpublish",
    response=ReviewDetail,
    auth=SIGNED_IN,
    summary="Turn a published review back into a draft",
)
def unpublish_review(request: HttpRequest, slug: str = Path(..., pattern=SLUG_PATTERN)) -> Review:
    review = _editable(request, slug)
    return services.review_unpublish(review=review, user=signed_in_caller(request))


verdicts_router = Router(tags=["reviews"], auth=ANYONE)


@verdicts_router.get("", response=list[VerdictOut], summary="List the journal's verdicts")
@paginate(PagePagination)
def list_verdicts(request: HttpRequest) -> QuerySet[Verdict]:
    return Verdict.objects.order_by("position", "id")
