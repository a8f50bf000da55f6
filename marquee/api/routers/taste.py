"""How alike the caller's taste is to another reader's (or a critic's)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema

from marquee.accounts.models import User
from marquee.api.auth import SIGNED_IN, signed_in_caller
from marquee.api.errors import ApiProblem, field_problem, not_found
from marquee.api.schemas import USERNAME_PATTERN, FilmRef
from marquee.taste.selectors import CompareRefused, comparison

router = Router(tags=["taste"], auth=SIGNED_IN)


class FilmAgreementOut(Schema):
    film: FilmRef
    yours: float = Field(description="Your rating (or verdict as stars).")
    theirs: float = Field(description="Their rating (or verdict as stars).")


class CompatibilityOut(Schema):
    username: str
    score: int | None = Field(
        description="0-100, higher is more alike; null when you share no rated film."
    )
    low: int | None = Field(description="The 80% interval's lower end.")
    high: int | None = Field(description="The 80% interval's upper end.")
    shared: int = Field(description="Films you both rated (or a critic's verdicts).")
    agree: list[FilmAgreementOut] = Field(description="Films you agree on most, strongest first.")
    disagree: list[FilmAgreementOut] = Field(description="Films you disagree on most.")


@router.get(
    "/{username}/compatibility",
    response=CompatibilityOut,
    summary="How alike you and a reader are",
    openapi_extra={"responses": {403: {"description": "Their ratings are private."}}},
)
def get_compatibility(
    request: HttpRequest,
    username: str = Path(..., pattern=USERNAME_PATTERN, max_length=150),
) -> dict:
    """Your taste compatibility with a reader or critic, as on the compare page."""
    you = signed_in_caller(request)
    them = User.objects.filter(username=username, is_active=True).first()
    if them is None:
        raise not_found("reader")
    if them.pk == you.pk:
        raise field_problem("username", "that is you; compare with someone else", location="path")
    try:
        match = comparison(you, them).match
    except CompareRefused as refusal:
        raise ApiProblem(403, refusal.message, code="private") from None
    known = match.has_evidence
    return {
        "username": them.username,
        "score": match.score if known else None,
        "low": match.low if known else None,
        "high": match.high if known else None,
        "shared": match.shared,
        "agree": match.agree,
        "disagree": match.disagree,
    }
