"""Bad input to taste tests: empty and one-film tests, unknown films, absurd or missing answers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from marquee.catalog.models import Film
from marquee.catalog.services import film_create
from marquee.errors import InputError
from marquee.readers.models import Rating
from marquee.taste.models import TasteTestResponse
from marquee.taste.services import taste_test_answer, taste_test_create
from marquee.taste.visitors import Visitor
from tests.taste.conftest import answer_all, like_a_horror_fan

pytestmark = pytest.mark.django_db


def test_a_test_whose_films_were_all_removed_says_so(client, taste_test):
    Film.objects.filter(pk__in=[f.pk for f in taste_test.ordered_films()]).delete()
    page = client.get(taste_test.get_absolute_url())
    assert page.status_code == 200
    assert "no films left" in page.content.decode()
    response = client.post(taste_test.get_absolute_url(), {})
    assert response.status_code == 400
    assert not TasteTestResponse.objects.exists()


def test_a_test_left_with_one_film_still_works(client, taste_test):
    films = taste_test.ordered_films()
    Film.objects.filter(pk__in=[f.pk for f in films[1:]]).delete()
    assert answer_all(client, taste_test, like_a_horror_fan).status_code == 302
    html = client.get(reverse("taste:test_result", args=[taste_test.token])).content.decode()
    assert "from 1 film you have both seen" in html and "very few films" in html


def test_films_nobody_else_rated_can_be_picked_and_answered(client, horror_fan, trained):
    lonely = [film_create(title=f"Obscure {n}", year=2001 + n) for n in range(3)]
    for film in lonely:
        Rating.objects.create(
            user=horror_fan, film=film, half_stars=8, rated_at="2024-01-01T00:00Z"
        )
    client.force_login(horror_fan)
    html = client.get(reverse("taste:tests")).content.decode()
    assert "only you have rated it so far" in html  # films the models were not trained on
    test = taste_test_create(owner=horror_fan, title="Obscure", films=lonely)
    visitor = client.__class__()
    assert answer_all(visitor, test, lambda film: "liked").status_code == 302
    result = visitor.get(reverse("taste:test_result", args=[test.token]))
    assert (
        result.status_code == 200 and "from 3 films you have both seen" in result.content.decode()
    )


def test_missing_answers_are_listed_and_nothing_is_saved(client, taste_test):
    films = taste_test.ordered_films()
    response = client.post(taste_test.get_absolute_url(), {f"film-{films[0].pk}": "loved"})
    assert response.status_code == 400
    html = response.content.decode()
    for film in films[1:]:
        assert f"Answer {film}" in html
    assert not TasteTestResponse.objects.exists()


@pytest.mark.parametrize("value", ["adored", "5", "", "loved; DROP TABLE", "x" * 5000])
def test_an_answer_off_the_scale_is_refused(client, taste_test, value):
    response = answer_all(
        client, taste_test, lambda film: value if film.title == "Horror 1" else "loved"
    )
    assert response.status_code == 400
    assert "x" * 100 not in response.content.decode()
    assert not TasteTestResponse.objects.exists()


def test_an_answer_for_a_film_not_in_the_test_is_refused(client, taste_test, trained):
    outsider = next(f for f in trained["romance"] if f not in taste_test.ordered_films())
    response = answer_all(client, taste_test, like_a_horror_fan, **{f"film-{outsider.pk}": "loved"})
    assert response.status_code == 400
    assert "is not a film of this test" in response.content.decode()
    response = answer_all(client, taste_test, like_a_horror_fan, **{"film-999999": "loved"})
    assert response.status_code == 400


def test_a_huge_payload_is_refused(client, taste_test):
    response = answer_all(client, taste_test, like_a_horror_fan, comment="x" * 50_000)
    assert response.status_code == 400
    assert "far too large" in response.content.decode()


def test_thousands_of_fields_are_refused(client, taste_test):
    data = {f"film-{n}": "loved" for n in range(2000)}
    response = client.post(taste_test.get_absolute_url(), data)
    assert response.status_code == 400
    assert not TasteTestResponse.objects.exists()


@pytest.mark.parametrize("stars", [0, 5.5, 2.3, float("nan"), "4", True, -1])
def test_the_service_refuses_stars_off_the_half_star_scale(taste_test, stars):
    film = taste_test.ordered_films()[0]
    visitor = Visitor(None, "anon:x", "f" * 64)
    with pytest.raises(InputError):
        taste_test_answer(test=taste_test, visitor=visitor, answers={film.pk: stars}, share=False)


def test_the_service_refuses_an_empty_answer_set(taste_test):
    visitor = Visitor(None, "anon:x", "f" * 64)
    with pytest.raises(InputError, match="no film was answered"):
        taste_test_answer(test=taste_test, visitor=visitor, answers={}, share=False)


def test_a_title_is_required_and_kept_to_one_line(horror_fan):
    films = [r.film for r in Rating.objects.filter(user=horror_fan).select_related("film")[:3]]
    with pytest.raises(InputError, match="title"):
        taste_test_create(owner=horror_fan, title="   ", films=films)
    test = taste_test_create(owner=horror_fan, title="  Two\nlines ", films=films)
    assert test.title == "Two lines"


def test_a_film_picked_twice_is_refused(horror_fan):
    film = Rating.objects.filter(user=horror_fan).first().film
    with pytest.raises(InputError, match="twice"):
        taste_test_create(owner=horror_fan, title="Again", films=[film, film, film])


def test_picking_a_film_id_that_does_not_exist_is_refused(client, horror_fan):
    client.force_login(horror_fan)
    rated = list(Rating.objects.filter(user=horror_fan).values_list("film_id", flat=True)[:3])
    for films in [[*rated, 999999], [*rated, "abc"]]:
        response = client.post(reverse("taste:tests"), {"title": "Odd", "films": films})
        assert response.status_code == 400


def test_answers_are_escaped_in_the_owners_view(client, taste_test):
    visitor = client.__class__()
    answer_all(visitor, taste_test, like_a_horror_fan, share=True)
    client.force_login(taste_test.owner)
    taste_test.title = "<script>alert(1)</script>"
    taste_test.save()
    html = client.get(reverse("taste:test_detail", args=[taste_test.pk])).content.decode()
    assert "<script>alert(1)</script>" not in html
