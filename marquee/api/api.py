"""The public API, version 1: every router mounted, one error format, and the OpenAPI document.

The OpenAPI document django-ninja builds from the typed schemas is finished here: every
operation lists the problem documents it may answer with (``application/problem+json``),
public reads say that credentials are optional, and a 429 says it carries ``Retry-After``.
"""

from __future__ import annotations

from typing import Any

from ninja import NinjaAPI
from ninja.openapi.docs import Swagger
from ninja.operation import Operation

from marquee.api.auth import anonymous
from marquee.api.errors import Problem, install_problem_handlers
from marquee.api.routers import (
    comments,
    diary,
    exports,
    films,
    imports,
    me,
    people,
    predictions,
    ratings,
    reviews,
    search,
    taste,
    watchlist,
)
from marquee.api.throttling import CallerRateLimit

DESCRIPTION = """\
Marquee's films, people, reviews and comments, and each reader's own ratings, diary, watchlist,
imports and exports. See docs/api.md for a guide with examples.

Authenticate with a personal access token made on your profile page
(`Authorization: Bearer mq_...`); the site's own pages use the session cookie. Errors are
RFC 9457 problem documents. Lists are paginated with `page` and `page_size`.
"""

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}
ERRORS = {
    400: "The request body could not be read (malformed JSON, for one).",
    401: "Credentials are missing, wrong or revoked.",
    403: "Not allowed: writing with a read-only token, a session write without its CSRF token, "
    "or something only its owner, a critic or staff may do.",
    404: "There is no such thing here, or it is not yours to see.",
    413: "The request body is larger than the limit.",
    422: "A parameter or field is not valid; `errors` lists each one.",
    429: "The caller's rate limit is spent for now.",
}
RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds until requests are accepted again.",
        "required": True,
        "schema": {"type": "integer", "minimum": 0},
    }
}
LOCATION = {
    "Location": {
        "description": "The URL of what was made.",
        "required": True,
        "schema": {"type": "string"},
    }
}


def _problem(status: int, description: str) -> dict[str, Any]:
    response: dict[str, Any] = {
        "description": description,
        "content": {"application/problem+json": {"schema": PROBLEM_REF}},
    }
    if status == 429:
        response["headers"] = RETRY_AFTER
    return response


def _finish_operation(method: str, operation: dict[str, Any], public: bool) -> None:
    """Add the problem documents, headers and optional security ninja leaves out."""
    responses: dict[str, Any] = {}
    for status, response in operation["responses"].items():
        # ninja keys its responses by number, openapi_extra by string; OpenAPI wants strings.
        responses[str(status)] = {**responses.get(str(status), {}), **response}
    parameters = operation.get("parameters", [])
    errors = {401, 403, 429} | {int(status) for status in responses if int(status) >= 400}
    if "requestBody" in operation:
        errors |= {400, 413, 422}
    if parameters:
        errors.add(422)
    if any(parameter["in"] == "path" for parameter in parameters):
        errors.add(404)
    for status in errors:
        responses[str(status)] = _problem(status, ERRORS.get(status, "An error."))
    for status in ("201", "202"):
        if status in responses:
            responses[status].setdefault("headers", LOCATION)
    if method == "get" and "application/json" in responses.get("200", {}).get("content", {}):
        responses["304"] = {"description": "Not modified since the ETag in If-None-Match."}
    operation["responses"] = dict(sorted(responses.items()))
    if public:
        operation.setdefault("security", []).append({})


class MarqueeAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        return operation.view_func.__name__

    def get_openapi_schema(self, *, path_prefix: str | None = None, path_params=None):  # type: ignore[override]
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        public = {
            self.get_openapi_operation_id(op)
            for bound in self._get_bound_routers()
            for path_view in bound.path_operations.values()
            for op in path_view.operations
            if anonymous in op.auth_callbacks
        }
        for path_item in schema["paths"].values():
            for method, operation in path_item.items():
                _finish_operation(method, operation, operation["operationId"] in public)
        problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
        schema["components"]["schemas"].update(problem.pop("$defs", {}))
        schema["components"]["schemas"]["Problem"] = problem
        return schema


api = MarqueeAPI(
    title="Marquee API",
    version="1",
    description=DESCRIPTION,
    urls_namespace="api:v1",
    docs=Swagger(),
    docs_url="/docs",
    openapi_url="/openapi.json",
    throttle=[CallerRateLimit()],
)
install_problem_handlers(api)

api.add_router("/films", films.router)
api.add_router("/people", people.router)
api.add_router("/reviews", reviews.router)
api.add_router("/reviews", comments.router)
api.add_router("/verdicts", reviews.verdicts_router)
api.add_router("/search", search.router)
api.add_router("/me", me.router)
api.add_router("/me/ratings", ratings.router)
api.add_router("/me/diary", diary.router)
api.add_router("/me/watchlist", watchlist.router)
api.add_router("/me/imports", imports.router)
api.add_router("/me/exports", exports.router)
api.add_router("/me", predictions.router)
api.add_router("/users", taste.router)
