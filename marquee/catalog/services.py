"""Writes to the catalog. Every film and person is created here so match keys stay right."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from marquee.catalog.matching import name_match_key, title_match_key, unique_slug
from marquee.catalog.models import AlternateTitle, Credit, Film, Genre, Person, PersonAlias
from marquee.catalog.selectors import film_find
from marquee.errors import InputError
from marquee.sanitize import clean_line

MAX_TITLE_CHARS = 300
MAX_NAME_CHARS = 200


def _clean_text(value: str, *, field: str, max_chars: int) -> str:
    return clean_line(value, field=field, max_chars=max_chars)


@transaction.atomic
def film_create(
    *,
    title: str,
    year: int | None = None,
    original_title: str = "",
    runtime_minutes: int | None = None,
    synopsis: str = "",
    imdb_id: str | None = None,
    tmdb_id: int | None = None,
    movielens_id: int | None = None,
    genres: Iterable[str] = (),
) -> Film:
    """Create a film with a unique ``title-year`` slug and its match key."""
    title = _clean_text(title, field="title", max_chars=MAX_TITLE_CHARS)
    if year is not None and not 1870 <= year <= 2100:
        raise InputError("year", f"{year} is not a plausible release year")
    slug_base = f"{title} {year}" if year else title
    film = Film.objects.create(
        title=title,
        year=year,
        original_title=original_title.strip(),
        runtime_minutes=runtime_minutes,
        synopsis=synopsis.strip(),
        imdb_id=imdb_id or None,
        tmdb_id=tmdb_id,
        movielens_id=movielens_id,
        slug=unique_slug(Film, slug_base, max_length=300),
        match_key=title_match_key(title),
    )
    if genres:
        film_set_genres(film=film, names=genres)
    if film.original_title and title_match_key(film.original_title) != film.match_key:
        # Critics and exports name foreign films by either title; both must find the film.
        film_add_alternate_title(film=film, title=film.original_title)
    return film


def genre_get_or_create(*, name: str) -> Genre:
    """The genre called ``name`` (case-insensitive), created when new."""
    name = _clean_text(name, field="genre", max_chars=60)
    existing = Genre.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    return Genre.objects.create(name=name, slug=unique_slug(Genre, name, max_length=60))


def film_set_genres(*, film: Film, names: Iterable[str]) -> None:
    """Replace the film's genres with ``names``."""
    film.genres.set([genre_get_or_create(name=name) for name in names if name.strip()])


def film_add_alternate_title(
    *, film: Film, title: str, language: str = "", region: str = ""
) -> AlternateTitle:
    """Record another title the film goes by (idempotent)."""
    title = _clean_text(title, field="alternate title", max_chars=MAX_TITLE_CHARS)
    alternate, _ = AlternateTitle.objects.get_or_create(
        film=film,
        title=title,
        region=region,
        defaults={"language": language, "match_key": title_match_key(title)},
    )
    return alternate


def person_create(*, name: str, imdb_id: str | None = None) -> Person:
    """Create a person with a unique slug."""
    name = _clean_text(name, field="name", max_chars=MAX_NAME_CHARS)
    return Person.objects.create(
        name=name,
        imdb_id=imdb_id or None,
        slug=unique_slug(Person, name, max_length=200),
        match_key=name_match_key(name),
    )


def person_get_or_create(*, name: str) -> Person:
    """The person with this name (or alias), ignoring accents and case; created when unknown."""
    name = _clean_text(name, field="name", max_chars=MAX_NAME_CHARS)
    key = name_match_key(name)
    person = Person.objects.filter(match_key=key).order_by("id").first()
    if person is None:
        alias = PersonAlias.objects.filter(match_key=key).select_related("person").first()
        person = alias.person if alias else None
    return person or person_create(name=name)


def person_add_alias(*, person: Person, name: str) -> PersonAlias:
    """Record another spelling of a person's name (idempotent)."""
    name = _clean_text(name, field="alias", max_chars=MAX_NAME_CHARS)
    alias, _ = PersonAlias.objects.get_or_create(
        person=person, name=name, defaults={"match_key": name_match_key(name)}
    )
    return alias


@transaction.atomic
def film_set_people(*, film: Film, role: str, names: Iterable[str]) -> list[Credit]:
    """Replace the film's credits in ``role`` with ``names``, in billing order."""
    film.__dict__.pop("_people_by_role", None)  # what people_in_role kept on this instance
    Credit.objects.filter(film=film, role=role).delete()
    credits, seen = [], set()
    for order, name in enumerate(n for n in names if n.strip()):
        person = person_get_or_create(name=name)
        if person.pk in seen:
            continue
        seen.add(person.pk)
        credits.append(Credit.objects.create(film=film, person=person, role=role, order=order))
    return credits


@transaction.atomic
def film_resolve(
    *, title: str, year: int | None = None, director: str = "", cast: Iterable[str] = ()
) -> Film:
    """The catalog film a critic means, created (with its credits) when the catalog lacks it.

    A film found in the catalog keeps its credits; credits are only filled in where it has none,
    so a review's cast line never overwrites better catalog data.
    """
    film = film_find(title=title, year=year, director=director)
    if film is None:
        film = film_create(title=title, year=year)
    directors = [name.strip() for name in director.split(",") if name.strip()]
    if directors and not film.credits.filter(role=Credit.Role.DIRECTOR).exists():
        film_set_people(film=film, role=Credit.Role.DIRECTOR, names=directors)
    cast = [name for name in cast if name.strip()]
    if cast and not film.credits.filter(role=Credit.Role.CAST).exists():
        film_set_people(film=film, role=Credit.Role.CAST, names=cast)
    return film
