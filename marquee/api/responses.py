"""What every API response carries, whichever operation made it.

Wrapped around each API URL: ETags on reads (``If-None-Match`` answers 304), ``Vary`` on the
credentials, CORS for the origins the site owner lists (none by default), HEAD answered as
GET without a body, upload limits before a multipart body is read, and a problem document for
a method the URL does not take.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.utils.cache import get_conditional_response, patch_vary_headers, set_response_etag

from marquee.api.errors import problem_response
from marquee.imports.uploads import install_upload_limits, upload_too_large

View = Callable[..., HttpResponseBase]
CORS_MAX_AGE = 600
CORS_ALLOWED_HEADERS = "Authorization, Content-Type, If-None-Match"
CORS_EXPOSED_HEADERS = "ETag, Location, Retry-After"


def _allowed_origin(request: HttpRequest) -> str | None:
    origin = request.headers.get("Origin")
    return origin if origin and origin in settings.MARQUEE_API_CORS_ORIGINS else None


def _preflight(request: HttpRequest, origin: str) -> HttpResponse:
    response = HttpResponse(status=204)
    response["Access-Control-Allow-Origin"] = origin
    response["Access-Control-Allow-Methods"] = "GET, HEAD, POST, PUT, PATCH, DELETE"
    response["Access-Control-Allow-Headers"] = CORS_ALLOWED_HEADERS
    response["Access-Control-Max-Age"] = str(CORS_MAX_AGE)
    return response


def _finish(request: HttpRequest, response: HttpResponseBase, method: str) -> HttpResponseBase:
    if response.status_code == 405 and "Allow" in response:
        allowed = response["Allow"]
        response = problem_response(
            request,
            405,
            f"{method} is not allowed here; use {allowed}.",
            code="method_not_allowed",
            headers={"Allow": allowed},
        )
    if (
        method in {"GET", "HEAD"}
        and response.status_code == 200
        and isinstance(response, HttpResponse)
    ):
        if not response.has_header("ETag"):
            set_response_etag(response)
        response.headers.setdefault("Cache-Control", "private, no-cache")
        response = get_conditional_response(request, etag=response["ETag"], response=response)
    patch_vary_headers(response, ("Authorization", "Cookie", "Origin"))
    origin = _allowed_origin(request)
    if origin:
        response["Access-Control-Allow-Origin"] = origin
        response["Access-Control-Expose-Headers"] = CORS_EXPOSED_HEADERS
    if method == "HEAD" and isinstance(response, HttpResponse):
        response.content = b""
    return response


def api_view(view: View) -> View:
    """``view`` with the headers and behaviour every API response shares."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        method = request.method or "GET"
        origin = _allowed_origin(request)
        if method == "OPTIONS" and origin and "Access-Control-Request-Method" in request.headers:
            return _preflight(request, origin)
        if method == "HEAD":
            request.method = "GET"
        if request.content_type == "multipart/form-data":
            if upload_too_large(request):
                return problem_response(
                    request, 413, "The upload is larger than the limit.", code="too_large"
                )
            install_upload_limits(request)
        response = view(request, *args, **kwargs)
        return _finish(request, response, method)

    wrapper.csrf_exempt = True  # type: ignore[attr-defined]
    return wrapper


def api_root(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """/api/v1/ itself: where the documentation and the OpenAPI document are."""
    return JsonResponse(
        {
            "docs": request.build_absolute_uri("docs"),
            "openapi": request.build_absolute_uri("openapi.json"),
        }
    )


def unknown_path(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    """Any other URL under the API: a problem document rather than the site's HTML 404 page."""
    return problem_response(
        request, 404, "There is no such API endpoint; see /api/v1/docs.", code="not_found"
    )
