"""Comments on reviews: read as the caller may see them; readers post, subject to moderation."""

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Path, Router, Status
from ninja.pagination import paginate

from marquee.api.auth import ANYONE, SIGNED_IN, caller, signed_in_caller
from marquee.api.errors import field_problem, input_problem
from marquee.api.pagination import PagePagination
from marquee.api.routers.reviews import review_for
from marquee.api.schemas import SLUG_PATTERN, CommentCreate, CommentOut
from marquee.comments.models import Comment
from marquee.comments.selectors import visible_comments
from marquee.comments.services import comment_post
from marquee.errors import InputError, RateLimitedError

router = Router(tags=["comments"])

# The services name fields as the site's forms do; the API's names differ here and there.
FIELDS = {"comment": "body", "review": "slug"}


@router.get(
    "/{slug}/comments",
    response=list[CommentOut],
    auth=ANYONE,
    summary="List a review's comments",
    description=(
        "Top-level comments, oldest first, each with its replies. Everyone sees approved "
        "comments; commenters also see their own awaiting moderation, and the review's author "
        "and staff see all that wait."
    ),
)
@paginate(PagePagination)
def list_comments(
    request: HttpRequest, slug: str = Path(..., pattern=SLUG_PATTERN)
) -> QuerySet[Comment]:
    return visible_comments(review_for(request, slug), caller(request)).order_by("created_at", "id")


@router.post(
    "/{slug}/comments",
    response={201: CommentOut},
    auth=SIGNED_IN,
    summary="Comment on a review, or reply to a comment",
    description=(
        "A reader's first comment waits for a moderator (`status` is `pending`); once one is "
        "approved, later comments appear at once."
    ),
)
def post_comment(
    request: HttpRequest, payload: CommentCreate, slug: str = Path(..., pattern=SLUG_PATTERN)
) -> Status:
    review = review_for(request, slug)
    parent = None
    if payload.parent is not None:
        parent = Comment.objects.filter(pk=payload.parent, review=review).first()
        if parent is None:
            raise field_problem("parent", "there is no such comment on this review")
    try:
        comment = comment_post(
            review=review, author=signed_in_caller(request), body=payload.body, parent=parent
        )
    except RateLimitedError:
        raise  # answered 429 with Retry-After by the API's error handler
    except InputError as error:
        raise input_problem(error, fields=FIELDS) from None
    return Status(201, comment)
