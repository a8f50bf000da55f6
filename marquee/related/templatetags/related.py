"""``{% related_films film %}``: relations, "More like this" and, for critics, possible
influences, on the film page (the catalog's view needs no change)."""

from __future__ import annotations

from django import template

from marquee.related import selectors
from marquee.related.permissions import can_curate_relations

register = template.Library()


@register.inclusion_tag("related/_film_section.html", takes_context=True)
def related_films(context: template.Context, film) -> dict:
    request = context.get("request")
    user = getattr(request, "user", None)
    curator = user is not None and can_curate_relations(user)
    return {
        "film": film,
        "relations": selectors.relations_of(film),
        "similar": selectors.more_like_this(film),
        "influences": selectors.possible_influences(film) if curator else [],
        "curator": curator,
        "csrf_token": context.get("csrf_token"),
        "request": request,
    }
