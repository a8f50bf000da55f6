"""One error format for the whole API: RFC 9457 problem details (``application/problem+json``).

Every error, from a missing film to a bad field or a spent rate limit, is answered with a
``Problem``: ``title`` is the HTTP status phrase, ``detail`` says what went wrong this time,
``code`` is a stable word a program can test, and validation errors list each field in
``errors``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from http import HTTPStatus

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from marquee.api.throttling import retry_after
from marquee.errors import InputError, RateLimitedError

logger = logging.getLogger(__name__)
PROBLEM_CONTENT_TYPE = "application/problem+json"


class FieldError(Schema):
    """One thing wrong with the request: where (``body``, ``query``, ``path``, ``form``, ...)."""

    location: str
    field: str
    message: str


class Problem(Schema):
    """An RFC 9457 problem document."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    code: str
    instance: str
    errors: list[FieldError] | None = None


class ApiProblem(HttpError):
    """Answer the request with a problem document instead of the operation's result."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        code: str,
        errors: list[dict[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(status, detail)
        self.code = code
        self.errors = errors
        self.headers = dict(headers or {})


def not_found(what: str) -> ApiProblem:
    return ApiProblem(404, f"There is no such {what}.", code="not_found")


def field_problem(field: str, message: str, *, location: str = "body") -> ApiProblem:
    """A 422 for one field the services or the API refused."""
    return ApiProblem(
        422,
        f"{field}: {message}",
        code="validation_error",
        errors=[{"location": location, "field": field, "message": message}],
    )


def input_problem(error: InputError, *, fields: Mapping[str, str] | None = None) -> ApiProblem:
    """A service's ``InputError`` as a 422, its field renamed to what the API calls it."""
    field = (fields or {}).get(error.field, error.field)
    message = f"{error.file}: {error.message}" if error.file else error.message
    if error.line:
        message = f"line {error.line}: {message}"
    return field_problem(field, message)


def problem_response(
    request: HttpRequest,
    status: int,
    detail: str,
    *,
    code: str,
    errors: list[dict[str, str]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> HttpResponse:
    body: dict = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "code": code,
        "instance": request.path,
    }
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(
        json.dumps(body, ensure_ascii=False), status=status, content_type=PROBLEM_CONTENT_TYPE
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _validation_errors(exc: ValidationError) -> list[dict[str, str]]:
    errors = []
    for error in exc.errors:
        location, *path = [str(part) for part in error.get("loc", ())] or ["request"]
        if location == "body":
            path = path[1:]  # the operation's name for its body, not a field of it
        errors.append(
            {
                "location": location,
                "field": ".".join(path) or location,
                "message": str(error.get("msg", "is not valid")),
            }
        )
    return errors


STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "too_large",
    429: "rate_limited",
}


def install_problem_handlers(api: NinjaAPI) -> None:
    """Make every error the API can raise answer with a problem document."""

    @api.exception_handler(ApiProblem)
    def _problem(request: HttpRequest, exc: ApiProblem) -> HttpResponse:
        return problem_response(
            request,
            exc.status_code,
            exc.message,
            code=exc.code,
            errors=exc.errors,
            headers=exc.headers,
        )

    @api.exception_handler(ValidationError)
    def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
        return problem_response(request, 422, detail, code="validation_error", errors=errors)

    @api.exception_handler(AuthenticationError)
    def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(
            request,
            401,
            "Sign in, or send a personal access token as 'Authorization: Bearer <token>'.",
            code="not_authenticated",
            headers={"WWW-Authenticate": 'Bearer realm="marquee"'},
        )

    @api.exception_handler(Throttled)
    def _throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        return problem_response(
            request,
            429,
            "Too many requests; wait for the number of seconds in Retry-After.",
            code="rate_limited",
            headers={"Retry-After": str(retry_after(request))},
        )

    @api.exception_handler(HttpError)
    def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        code = STATUS_CODES.get(exc.status_code, "error")
        return problem_response(request, exc.status_code, str(exc), code=code)

    @api.exception_handler(InputError)
    def _input(request: HttpRequest, exc: InputError) -> HttpResponse:
        if isinstance(exc, RateLimitedError):
            return problem_response(
                request,
                429,
                exc.message,
                code="rate_limited",
                headers={"Retry-After": str(exc.retry_after)},
            )
        return _problem(request, input_problem(exc))

    @api.exception_handler(Http404)
    def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(request, 404, "There is nothing here.", code="not_found")

    @api.exception_handler(PermissionError)
    def _no_permission(request: HttpRequest, exc: PermissionError) -> HttpResponse:
        return problem_response(
            request, 403, "You may not do this to this resource.", code="forbidden"
        )

    @api.exception_handler(PermissionDenied)
    def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _no_permission(request, PermissionError(str(exc)))

    @api.exception_handler(RequestDataTooBig)
    def _too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
        return problem_response(request, 413, "The request body is too large.", code="too_large")

    @api.exception_handler(SuspiciousOperation)
    def _suspicious(request: HttpRequest, exc: SuspiciousOperation) -> HttpResponse:
        return problem_response(request, 400, "The request is malformed.", code="bad_request")

    @api.exception_handler(MultiPartParserError)
    def _bad_multipart(request: HttpRequest, exc: MultiPartParserError) -> HttpResponse:
        return problem_response(
            request, 400, f"The multipart body cannot be read: {exc}", code="bad_request"
        )

    @api.exception_handler(Exception)
    def _unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        logger.exception("API request %s %s failed", request.method, request.path)
        return problem_response(
            request,
            500,
            "Something went wrong on our side; the error has been logged.",
            code="server_error",
        )
