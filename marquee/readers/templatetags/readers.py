"""Template tags for readers' widgets: ``{% film_actions film %}`` and star ratings.

``film_actions`` lets the film page show the signed-in reader's widgets without the catalog's view
knowing about readers: the tag looks up what it needs itself.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from marquee.catalog.models import Film
from marquee.readers.forms import stars_words as _stars_words
from marquee.readers.models import stars_label
from marquee.readers.views import widget_context

register = template.Library()


@register.inclusion_tag("readers/_film_actions.html", takes_context=True)
def film_actions(context: template.Context, film: Film) -> dict:
    """The rating, diary, watchlist and like widgets for ``film`` and the signed-in reader."""
    request = context["request"]
    shared = {"request": request, "user": request.user, "csrf_token": context.get("csrf_token")}
    if not request.user.is_authenticated:
        return {**shared, "film": film, "anonymous": True}
    return {**shared, **widget_context(request, film)}


@register.filter
def stars_words(half_stars: int | None) -> str:
    """``7|stars_words`` is "3½ stars"; nothing for no rating."""
    return _stars_words(half_stars) if half_stars else ""


@register.simple_tag
def stars(half_stars: int | None) -> SafeString | str:
    """A rating drawn as ★★★½, read out by screen readers as "3½ stars"."""
    if not half_stars:
        return ""
    return format_html(
        '<span class="stars-text"><span aria-hidden="true">{}</span>'
        '<span class="visually-hidden">{}</span></span>',
        stars_label(half_stars),
        _stars_words(half_stars),
    )
