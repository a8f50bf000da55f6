"""The API under /api/v1/, and the page where people make and revoke their tokens."""

from __future__ import annotations

from django.urls import URLPattern, path, re_path

from marquee.api import views
from marquee.api.api import api
from marquee.api.responses import api_root, api_view, unknown_path

app_name = "api"


def _version_1() -> tuple[list[URLPattern], str, str]:
    patterns, app, namespace = api.urls
    wrapped = [
        URLPattern(
            p.pattern,
            api_view(api_root if p.name == "api-root" else p.callback),
            p.default_args,
            p.name,
        )
        for p in patterns
        if isinstance(p, URLPattern)
    ]
    wrapped.append(re_path(r"", api_view(unknown_path), name="unknown"))
    return wrapped, app, namespace


urlpatterns = [
    path("tokens/", views.token_list, name="tokens"),
    path("tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("v1/", _version_1()),
]
