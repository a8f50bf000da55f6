"""The search page: works as a plain GET form, and htmx swaps in live results as you type."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from marquee.search import keyword
from marquee.search.forms import SearchForm
from marquee.search.selectors import search


@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    signed_in = request.user.is_authenticated
    form = SearchForm(request.GET, signed_in=signed_in)
    results = search(
        form.query(),
        filters=form.filters(),
        reader=request.user if signed_in else None,
    )
    context = {
        "form": form,
        "results": results,
        "max_chars": keyword.MAX_QUERY_CHARS,
        "max_words": keyword.MAX_WORDS,
    }
    template = "search/_results.html" if request.htmx else "search/search.html"
    return render(request, template, context)
