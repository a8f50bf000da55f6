"""Signing up and profiles."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from marquee.accounts.forms import SignInForm, SignupForm
from marquee.accounts.models import User
from marquee.ratelimits import SIGN_UP, client_address, wait_in_words
from marquee.reviews.selectors import published_reviews
from marquee.taste.visitors import keep_visitor_answers


class SignInView(LoginView):
    """Sign in; answers 429 while a username is locked out after too many failures."""

    template_name = "accounts/login.html"
    authentication_form = SignInForm
    # LoginView puts the host name in site_name; base.html shows the journal's name there.
    extra_context = {"site_name": settings.SITE_NAME}

    def form_valid(self, form: SignInForm) -> HttpResponse:
        response = super().form_valid(form)
        keep_visitor_answers(self.request, form.get_user())  # taste answers given before
        return response

    def form_invalid(self, form: SignInForm) -> HttpResponse:
        response = super().form_invalid(form)
        if form.locked_out:
            response.status_code = 429
        return response


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("journal:home")
    form = SignupForm(request.POST or None)
    address = client_address(request)
    if request.method == "POST" and not SIGN_UP.hit(address):
        wait = wait_in_words(SIGN_UP.retry_after(address))
        form.add_error(None, f"Too many sign-ups from your address; please try again in {wait}.")
        return render(request, "accounts/signup.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        keep_visitor_answers(request, user)  # taste answers given before signing up
        return redirect("journal:home")
    return render(request, "accounts/signup.html", {"form": form})


def profile(request: HttpRequest, username: str) -> HttpResponse:
    person = get_object_or_404(User, username=username, is_active=True)
    return render(
        request,
        "accounts/profile.html",
        {"person": person, "reviews": published_reviews().filter(author=person)[:20]},
    )
