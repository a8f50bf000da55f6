"""Whole-page caching for anonymous visitors, shared by every worker through Django's cache.

Pages are cached under a *content generation* number. Any successful write through the site
(a POST, PUT, PATCH or DELETE answered below 400) and any command that changes content calls
``content_changed()``, which moves to a new generation, so no visitor sees a page older than the
last write for longer than it takes to render it again. Signed-in people (anyone with a session
cookie) always get a freshly rendered page: their pages carry their own name, forms and
predictions.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

GENERATION_KEY = "marquee:content-generation"
# A safety net for writes that bypass the site and forget to call content_changed().
PAGE_TIMEOUT_SECONDS = 300
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


def content_changed() -> None:
    """Start a new content generation: every cached page is stale from now on."""
    cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = time.time_ns()
        cache.add(GENERATION_KEY, generation, timeout=None)
        generation = cache.get(GENERATION_KEY, generation)
    return generation


def _is_cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method in {"GET", "HEAD"}
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


def _page_key(request: HttpRequest) -> str:
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"marquee:page:{_generation()}:{path}"


def cache_public_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Serve anonymous visitors a cached copy of this page while the content is unchanged."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        if not _is_cacheable_request(request):
            return view(request, *args, **kwargs)
        key = _page_key(request)
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Page-Cache"] = "hit"
        else:
            response = view(request, *args, **kwargs)
            if _is_cacheable_response(request, response):
                cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT_SECONDS)
                response["X-Page-Cache"] = "miss"
        patch_vary_headers(response, ("Cookie",))
        return response

    return wrapper


def _is_cacheable_response(request: HttpRequest, response: HttpResponse) -> bool:
    # A page that set a cookie (a CSRF token, a session) belongs to one visitor only.
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
    )


class ContentChangedOnWriteMiddleware:
    """Any write the site accepted may change what public pages show."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method in WRITE_METHODS and response.status_code < 400:
            content_changed()
        return response
