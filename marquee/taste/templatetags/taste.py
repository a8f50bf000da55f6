"""``{% people_like person %}``: readers whose taste is most like a reader's, on their profile."""

from __future__ import annotations

from django import template

from marquee.taste.selectors import can_see_ratings, people_like

register = template.Library()


@register.inclusion_tag("taste/_people_like.html", takes_context=True)
def people_like_box(context: template.Context, person) -> dict:
    """Nothing for a private profile (unless it is yours, or you are staff)."""
    request = context.get("request")
    viewer = getattr(request, "user", None)
    if viewer is None or not can_see_ratings(viewer, person):
        return {"show": False}
    return {
        "show": True,
        "person": person,
        "viewer": viewer,
        "people": people_like(person),
        "is_me": viewer.is_authenticated and viewer.pk == person.pk,
    }
