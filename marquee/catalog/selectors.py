"""Reads from the catalog."""

from __future__ import annotations

from django.db.models import Prefetch, Q, QuerySet

from marquee.catalog.matching import name_match_key, title_match_key, title_search_key
from marquee.catalog.models import Credit, Film, Person, PersonAlias
from marquee.sanitize import normalize_text

MAX_SEARCH_CHARS = 200


def search_text(query: str | None) -> str:
    """What a visitor typed into a search box, made safe to compare: '' when nothing is left."""
    return normalize_text(query or "").strip()[:MAX_SEARCH_CHARS]


def films_matching(films: QuerySet[Film], query: str) -> QuerySet[Film]:
    """Films whose title, original title or another title they go by contains ``query``.

    The one film title search: the site's film list and the API's film list and search box all
    use it. Pass ``query`` through ``search_text`` first. Besides the text as typed, the query is
    folded and looked for in the stored match keys, so "amelie" and "AMÉLIE" find "Amélie" on
    every database. Alternate titles are matched in a subquery, so a film known by several
    matching titles still comes once.
    """
    by_title = Q(title__icontains=query) | Q(original_title__icontains=query)
    by_alternate = Q(alternate_titles__title__icontains=query)
    for lookup, key in _match_key_lookups(query):
        by_title |= Q(**{f"match_key__{lookup}": key})
        by_alternate |= Q(**{f"alternate_titles__match_key__{lookup}": key})
    return films.filter(by_title | Q(pk__in=Film.objects.filter(by_alternate).values("pk")))


def people_matching(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    """People whose name, or another spelling of it, contains ``query``; case and accents are
    ignored on every database ("almodovar" finds "Pedro Almodóvar") through the stored keys."""
    # People and their aliases both have a name and its key: one condition serves both.
    named = Q(name__icontains=query)
    key = name_match_key(query)
    if key:  # only punctuation: an empty key would match everyone
        named |= Q(match_key__contains=key)
    aliased = PersonAlias.objects.filter(named).values("person_id")
    return people.filter(named | Q(pk__in=aliased))


def _match_key_lookups(query: str) -> list[tuple[str, str]]:
    """How a typed fragment of a title is looked up in match keys: (lookup, folded query)."""
    fragment = title_search_key(query)
    if not fragment:  # only punctuation: an empty key would match every film
        return []
    lookups = [("contains", fragment)]
    whole = title_match_key(query)
    if whole and whole != fragment:
        # A key drops its title's leading article ("The Matrix" is "matrix"), so "the matr" can
        # only be the start of a key, once its own article is gone.
        lookups.append(("startswith", whole))
    return lookups


def film_find(*, title: str, year: int | None = None, director: str = "") -> Film | None:
    """The catalog film a person most likely means by ``title`` (and year or director).

    Titles are compared by match key (accents, case, punctuation and leading articles ignored),
    also against alternate titles. A year one off still matches, since release years differ by
    country. When several films remain, the director's name decides; an unresolved tie is None.
    """
    key = title_match_key(title)
    if not key:
        return None
    candidates = list(
        Film.objects.filter(Q(match_key=key) | Q(alternate_titles__match_key=key)).distinct()
    )
    if year is not None:
        exact = [f for f in candidates if f.year == year]
        near = [f for f in candidates if f.year is not None and abs(f.year - year) == 1]
        candidates = exact or near
    if director and len(candidates) != 1:
        wanted = name_match_key(director)
        directed = [
            film
            for film in candidates
            if film.credits.filter(role=Credit.Role.DIRECTOR, person__match_key=wanted).exists()
        ]
        candidates = directed or candidates
    return candidates[0] if len(candidates) == 1 else None


def people_in_role(film: Film, role: str) -> list[Person]:
    """The film's people credited in ``role``, in billing order.

    A film page asks for directors and cast twice (the page and its structured data): every
    credit is read in one query and kept on the film instance, which lives as long as the
    request.
    """
    by_role = film.__dict__.get("_people_by_role")
    if by_role is None:
        by_role = {}
        for credit in film.credits.select_related("person").order_by("role", "order", "pk"):
            by_role.setdefault(credit.role, []).append(credit.person)
        film.__dict__["_people_by_role"] = by_role
    return list(by_role.get(role, []))


def film_directors(film: Film) -> list[Person]:
    return people_in_role(film, Credit.Role.DIRECTOR)


def film_cast(film: Film) -> list[Person]:
    return people_in_role(film, Credit.Role.CAST)


def films_with_credits() -> QuerySet[Film]:
    """Films with genres and credits prefetched, for pages that list many films."""
    return Film.objects.prefetch_related(
        "genres",
        Prefetch("credits", queryset=Credit.objects.select_related("person")),
    )


def person_filmography(person: Person) -> QuerySet[Credit]:
    """Every credit of a person, newest film first."""
    return person.credits.select_related("film").order_by("-film__year", "film__title", "role")
