"""The caller: who the API thinks you are."""

from django.http import HttpRequest
from ninja import Router

from marquee.api.auth import SIGNED_IN, signed_in_caller
from marquee.api.schemas import MeOut

router = Router(tags=["me"], auth=SIGNED_IN)


@router.get("", response=MeOut, summary="Who is calling")
def get_me(request: HttpRequest) -> dict:
    user = signed_in_caller(request)
    return {
        "username": user.username,
        "name": user.public_name,
        "is_critic": user.is_critic,
        "is_staff": user.is_staff,
        "can_write_reviews": user.can_write_reviews,
        "token": getattr(request, "api_token", None),
    }
