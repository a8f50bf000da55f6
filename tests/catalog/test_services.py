import pytest

from marquee.catalog.models import Credit, Film
from marquee.catalog.selectors import film_cast, film_directors, film_find
from marquee.catalog.services import (
    film_add_alternate_title,
    film_create,
    film_resolve,
    film_set_people,
    person_add_alias,
    person_get_or_create,
)
from marquee.errors import InputError

pytestmark = pytest.mark.django_db


def test_film_slugs_carry_the_year_and_stay_unique():
    first = film_create(title="Solaris", year=1972)
    remake = film_create(title="Solaris", year=2002)
    again = film_create(title="Solaris", year=1972)
    assert (first.slug, remake.slug) == ("solaris-1972", "solaris-2002")
    assert again.slug == "solaris-1972-2"


def test_a_title_in_a_non_latin_script_still_gets_a_slug():
    film = film_create(title="千と千尋の神隠し", year=2001)
    assert film.slug


def test_implausible_years_are_refused_with_the_field_named():
    with pytest.raises(InputError, match="year"):
        film_create(title="Future Film", year=3001)


def test_an_empty_title_is_refused():
    with pytest.raises(InputError, match="title: must not be empty"):
        film_create(title="   ")


def test_film_find_ignores_articles_accents_and_allows_a_year_off_by_one():
    amelie = film_create(title="Amélie", year=2001)
    assert film_find(title="amelie", year=2002) == amelie
    assert film_find(title="Amelie", year=1990) is None


def test_film_find_uses_alternate_titles():
    film = film_create(title="Spirited Away", year=2001)
    film_add_alternate_title(film=film, title="Sen to Chihiro no kamikakushi", language="ja")
    assert film_find(title="Sen to Chihiro no Kamikakushi") == film


def test_film_find_uses_the_director_to_choose_between_remakes():
    tarkovsky = film_create(title="Solaris", year=1972)
    soderbergh = film_create(title="Solaris", year=2002)
    film_set_people(film=tarkovsky, role=Credit.Role.DIRECTOR, names=["Andrei Tarkovsky"])
    film_set_people(film=soderbergh, role=Credit.Role.DIRECTOR, names=["Steven Soderbergh"])
    assert film_find(title="Solaris") is None  # ambiguous without more to go on
    assert film_find(title="Solaris", director="Steven Soderbergh") == soderbergh


def test_people_are_found_by_alias_and_without_accents():
    lem = person_get_or_create(name="Stanisław Lem")
    person_add_alias(person=lem, name="Stanislaw Lem")
    assert person_get_or_create(name="stanislaw lem") == lem


def test_cast_keeps_billing_order_and_drops_duplicates():
    film = film_create(title="Alien", year=1979)
    film_set_people(
        film=film,
        role=Credit.Role.CAST,
        names=["Sigourney Weaver", "Tom Skerritt", "sigourney weaver"],
    )
    assert [p.name for p in film_cast(film)] == ["Sigourney Weaver", "Tom Skerritt"]


def test_film_resolve_creates_a_film_with_its_credits():
    film = film_resolve(title="Moon", year=2009, director="Duncan Jones", cast=["Sam Rockwell"])
    assert [p.name for p in film_directors(film)] == ["Duncan Jones"]
    assert [p.name for p in film_cast(film)] == ["Sam Rockwell"]


def test_film_resolve_reuses_a_catalog_film_and_keeps_its_credits(film):
    found = film_resolve(title="alien", year=1979, director="Somebody Else", cast=["X Y"])
    assert found == film
    assert Film.objects.count() == 1
    assert [p.name for p in film_directors(film)] == ["Ridley Scott"]
