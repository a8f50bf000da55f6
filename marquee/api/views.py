"""The page where people make, see and revoke their personal access tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_http_methods, require_POST

from marquee.api import services
from marquee.api.forms import TokenForm
from marquee.api.models import PersonalAccessToken
from marquee.api.selectors import user_tokens
from marquee.errors import InputError


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_list(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; a posted form makes a new one, whose secret is shown this once."""
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            new_token = services.token_create(
                user=request.user, name=form.cleaned_data["name"], scope=form.cleaned_data["scope"]
            )
        except InputError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": user_tokens(request.user), "new_token": new_token},
        status=400 if request.method == "POST" and new_token is None else 200,
    )
    # The page may hold a secret shown once: no cache anywhere may keep a copy.
    add_never_cache_headers(response)
    return response


@login_required
@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    # Someone else's token is answered exactly like a missing one.
    token = get_object_or_404(PersonalAccessToken, pk=pk, user=request.user)
    services.token_revoke(user=request.user, token=token)
    messages.success(request, f"Token “{token.name}” revoked; it no longer works.")
    return redirect("api:tokens")
