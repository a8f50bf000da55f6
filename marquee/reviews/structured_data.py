"""schema.org JSON-LD and OpenGraph data for a review page."""

from __future__ import annotations

import json

from django.conf import settings

from marquee.catalog.selectors import film_cast, film_directors
from marquee.reviews.models import Review
from marquee.reviews.selectors import verdict_rating

# Same escapes as Django's json_script: text inside <script> must not be able to close it.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def absolute_url(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def review_json_ld(review: Review) -> str:
    """A schema.org ``Review`` of a ``Movie``, its rating mapped from the verdict's rank."""
    rating, best = verdict_rating(review.verdict)
    film = review.film
    movie: dict = {
        "@type": "Movie",
        "name": film.title,
        "url": absolute_url(film.get_absolute_url()),
        "director": [{"@type": "Person", "name": p.name} for p in film_directors(film)],
        "actor": [{"@type": "Person", "name": p.name} for p in film_cast(film)[:10]],
    }
    if film.year:
        movie["dateCreated"] = str(film.year)
    if film.imdb_id:
        movie["sameAs"] = f"https://www.imdb.com/title/{film.imdb_id}/"
    data = {
        "@context": "https://schema.org",
        "@type": "Review",
        "name": review.tagline,
        "url": absolute_url(review.get_absolute_url()),
        "author": {"@type": "Person", "name": review.author.public_name},
        "publisher": {"@type": "Organization", "name": settings.SITE_NAME},
        "itemReviewed": movie,
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": best,
            "worstRating": 1,
            "alternateName": review.verdict.name,
        },
        "reviewBody": review.body,
    }
    if review.published_at:
        data["datePublished"] = review.published_at.isoformat()
    return json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES)
