"""Rate limits: so many requests a minute per token, per signed-in user, or per address.

Counted in the shared cache by ``marquee.ratelimits``, like the site's other abuse limits. A
caller over the limit gets 429 with ``Retry-After``: the seconds left in their window.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja.throttling import BaseThrottle

from marquee.ratelimits import RateLimit, client_address

API_REQUESTS = RateLimit("api", "MARQUEE_API_RATE_LIMIT", window=60)
API_ANONYMOUS_REQUESTS = RateLimit("api-anonymous", "MARQUEE_API_ANON_RATE_LIMIT", window=60)


def caller_limit(request: HttpRequest) -> tuple[RateLimit, str]:
    """Which limit the request counts against, and whose allowance it spends."""
    token = getattr(request, "api_token", None)
    if token is not None:
        return API_REQUESTS, f"token:{token.pk}"
    user = getattr(request, "auth", None)
    if user is not None and user.is_authenticated:
        return API_REQUESTS, f"user:{user.pk}"
    return API_ANONYMOUS_REQUESTS, f"address:{client_address(request)}"


def retry_after(request: HttpRequest) -> int:
    limit, who = caller_limit(request)
    return limit.retry_after(who)


class CallerRateLimit(BaseThrottle):
    """Counts each request against its caller's limit; a limit of 0 turns it off."""

    def allow_request(self, request: HttpRequest) -> bool:
        limit, who = caller_limit(request)
        return limit.hit(who)

    def wait(self) -> None:
        # The wait depends on the caller, which ninja does not pass here; the 429 handler
        # sets Retry-After from the request instead.
        return None
