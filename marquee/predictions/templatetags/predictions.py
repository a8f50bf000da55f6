"""``{% should_watch film critic=review.author %}``: the personal prediction box."""

from __future__ import annotations

from django import template

from marquee.predictions import store
from marquee.predictions.selectors import should_watch_for

register = template.Library()


@register.inclusion_tag("predictions/_should_watch.html", takes_context=True)
def should_watch(context: template.Context, film, critic=None) -> dict:
    """What the box shows for the signed-in reader; nothing at all for anonymous visitors."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "film": film,
        "prediction": should_watch_for(user, film, critic=critic),
        "critic": critic,
        "trained": store.current() is not None,
    }
