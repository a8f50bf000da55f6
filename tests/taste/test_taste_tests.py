"""Shareable taste tests: made from the owner's rated films, answered by anyone with the link."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from marquee.catalog.services import film_create
from marquee.readers.models import Rating
from marquee.taste.models import TasteTest, TasteTestResponse
from marquee.taste.selectors import SUGGESTED_TEST_FILMS
from tests.taste.conftest import answer_all, like_a_horror_fan, like_a_romantic

pytestmark = pytest.mark.django_db


# -- the owner makes a test ------------------------------------------------------------------


def test_the_owner_is_offered_their_rated_films_with_the_most_revealing_suggested(
    client, horror_fan
):
    client.force_login(horror_fan)
    html = client.get(reverse("taste:tests")).content.decode()
    rated = Rating.objects.filter(user=horror_fan).select_related("film")
    for rating in rated:
        assert f'value="{rating.film.pk}"' in html
    assert html.count("· suggested: ") == min(SUGGESTED_TEST_FILMS, rated.count())
    assert html.count(" checked ") >= min(SUGGESTED_TEST_FILMS, rated.count())


def test_without_models_suggestions_fall_back_to_spread_of_opinion(client, taste_site):
    fan = taste_site["readers"][0]
    client.force_login(fan)
    html = client.get(reverse("taste:tests")).content.decode()
    assert "· suggested: rated by" in html and "readers" in html


def test_the_owner_makes_a_test_and_gets_an_unguessable_link(client, horror_fan):
    client.force_login(horror_fan)
    films = list(Rating.objects.filter(user=horror_fan).values_list("film_id", flat=True)[:4])
    response = client.post(reverse("taste:tests"), {"title": "Scared yet?", "films": films})
    test = TasteTest.objects.get(owner=horror_fan)
    assert response.status_code == 302
    assert response["Location"] == reverse("taste:test_detail", args=[test.pk])
    assert [f.pk for f in test.ordered_films()] == films
    assert len(test.token) >= 20 and str(test.pk) != test.token
    detail = client.get(response["Location"]).content.decode()
    assert test.get_absolute_url() in detail
    assert "Scared yet?" in client.get(reverse("taste:tests")).content.decode()


@pytest.mark.parametrize("count", [0, 1, 2, 21])
def test_a_test_needs_three_to_twenty_films(client, horror_fan, trained, count):
    extra = trained["horror"] + trained["romance"]
    extra += [film_create(title=f"Western {n}", year=1960 + n) for n in range(5)]
    for film in extra:  # enough rated films to pick 21
        Rating.objects.get_or_create(
            user=horror_fan, film=film, defaults={"half_stars": 6, "rated_at": "2024-01-01T00:00Z"}
        )
    client.force_login(horror_fan)
    films = [f.pk for f in extra][:count]
    response = client.post(reverse("taste:tests"), {"title": "Too few?", "films": films})
    assert response.status_code == 400
    html = response.content.decode()
    assert "a taste test needs 3 to 20" in html or "This field is required" in html
    assert not TasteTest.objects.exists()


def test_films_the_owner_has_not_rated_cannot_be_picked(client, horror_fan, trained):
    unrated = [f.pk for f in trained["horror"] + trained["romance"]]
    rated = set(Rating.objects.filter(user=horror_fan).values_list("film_id", flat=True))
    unrated = [pk for pk in unrated if pk not in rated]
    client.force_login(horror_fan)
    response = client.post(
        reverse("taste:tests"), {"title": "Sneaky", "films": [*list(rated)[:3], unrated[0]]}
    )
    assert response.status_code == 400
    assert not TasteTest.objects.exists()


def test_another_readers_test_page_is_not_found(client, taste_test, romantic):
    client.force_login(romantic)
    assert client.get(reverse("taste:test_detail", args=[taste_test.pk])).status_code == 404
    assert client.post(reverse("taste:test_revoke", args=[taste_test.pk])).status_code == 404
    taste_test.refresh_from_db()
    assert not taste_test.is_revoked


# -- visitors answer -------------------------------------------------------------------------


def test_an_anonymous_visitor_answers_and_sees_their_compatibility(client, taste_test):
    page = client.get(taste_test.get_absolute_url()).content.decode()
    for film in taste_test.ordered_films():
        assert film.title in page
    response = answer_all(client, taste_test, like_a_horror_fan)
    assert response.status_code == 302
    assert response["Location"] == reverse("taste:test_result", args=[taste_test.token])
    html = client.get(response["Location"]).content.decode()
    assert "% alike (likely between" in html
    assert "from 4 films you have both seen" in html
    assert "Where you agree most" in html
    assert "Create an account to keep your answers" in html


def test_a_like_minded_visitor_scores_higher_than_an_opposite_one(client, taste_test):
    from django.test import Client

    scores = {}
    for name, answers in [("alike", like_a_horror_fan), ("opposite", like_a_romantic)]:
        visitor = Client()
        answer_all(visitor, taste_test, answers)
        response = TasteTestResponse.objects.latest("id")
        from marquee.taste.selectors import taste_test_result

        scores[name] = taste_test_result(taste_test, response).match.score
    assert scores["alike"] > scores["opposite"]


def test_the_result_suggests_the_owners_loved_films_the_visitor_did_not_answer(client, taste_test):
    answer_all(client, taste_test, like_a_horror_fan)
    html = client.get(reverse("taste:test_result", args=[taste_test.token])).content.decode()
    section = html.split("rates these highly", 1)[1]
    answered = {film.title for film in taste_test.ordered_films()}
    assert "Horror" in section
    for title in answered:
        assert f">{title}<" not in section


def test_a_signed_in_visitors_answers_rate_the_films_they_had_not_rated(client, taste_test, reader):
    first = taste_test.ordered_films()[0]
    Rating.objects.create(user=reader, film=first, half_stars=7, rated_at="2024-01-01T00:00Z")
    client.force_login(reader)
    page = client.get(taste_test.get_absolute_url()).content.decode()
    # their rating (3½ stars) is shown as the closest answer
    assert re.search(rf'name="film-{first.pk}" value="liked"[^>]*checked', page)
    answer_all(client, taste_test, lambda film: "loved" if film != first else "so-so")
    ratings = dict(Rating.objects.filter(user=reader).values_list("film_id", "half_stars"))
    assert ratings[first.pk] == 7  # an answer never replaces a rating
    assert all(ratings[film.pk] == 10 for film in taste_test.ordered_films()[1:])
    assert TasteTestResponse.objects.get().user == reader


def test_unseen_answers_are_not_ratings_and_do_not_count_as_shared(client, taste_test, reader):
    client.force_login(reader)
    films = taste_test.ordered_films()
    answer_all(client, taste_test, lambda film: "loved" if film == films[0] else "unseen")
    assert Rating.objects.filter(user=reader).count() == 1
    html = client.get(reverse("taste:test_result", args=[taste_test.token])).content.decode()
    assert "from 1 film you have both seen" in html
    assert "very few films" in html


def test_a_visitor_who_has_seen_none_gets_no_score(client, taste_test):
    answer_all(client, taste_test, lambda film: "unseen")
    html = client.get(reverse("taste:test_result", args=[taste_test.token])).content.decode()
    assert "no films in common yet" in html
    assert "% alike" not in html


def test_the_result_page_without_answers_sends_back_to_the_test(client, taste_test):
    response = client.get(reverse("taste:test_result", args=[taste_test.token]))
    assert response.status_code == 302 and response["Location"] == taste_test.get_absolute_url()


def test_the_owner_cannot_answer_their_own_test(client, taste_test):
    client.force_login(taste_test.owner)
    assert (
        "This is your own taste test" in client.get(taste_test.get_absolute_url()).content.decode()
    )
    response = answer_all(client, taste_test, like_a_horror_fan)
    assert response.status_code == 400
    assert not TasteTestResponse.objects.exists()


# -- sharing with the owner ------------------------------------------------------------------


def test_the_owner_sees_shared_results_only(client, taste_test, reader, other_reader):
    from django.test import Client

    sharing, private = Client(), Client()
    sharing.force_login(reader)
    private.force_login(other_reader)
    answer_all(sharing, taste_test, like_a_horror_fan, share=True)
    answer_all(private, taste_test, like_a_romantic)
    client.force_login(taste_test.owner)
    html = client.get(reverse("taste:test_detail", args=[taste_test.pk])).content.decode()
    assert reader.public_name in html
    assert other_reader.public_name not in html


def test_a_visitor_can_share_after_seeing_the_result_and_take_it_back(client, taste_test):
    answer_all(client, taste_test, like_a_horror_fan)
    share_url = reverse("taste:test_share", args=[taste_test.token])
    client.post(share_url, {"share": "on"})
    assert TasteTestResponse.objects.get().share_with_owner
    client.post(share_url, {})
    assert not TasteTestResponse.objects.get().share_with_owner


def test_sharing_without_having_answered_is_refused(client, taste_test):
    response = client.post(reverse("taste:test_share", args=[taste_test.token]), {"share": "on"})
    assert response.status_code == 400


# -- revoking --------------------------------------------------------------------------------


def test_a_revoked_link_answers_410_with_a_clear_message(client, taste_test):
    answer_all(client, taste_test, like_a_horror_fan, share=True)
    owner = client.__class__()
    owner.force_login(taste_test.owner)
    owner.post(reverse("taste:test_revoke", args=[taste_test.pk]))
    for url in [
        taste_test.get_absolute_url(),
        reverse("taste:test_result", args=[taste_test.token]),
    ]:
        response = client.get(url)
        assert response.status_code == 410
        assert "closed the link" in response.content.decode()
    assert answer_all(client, taste_test, like_a_romantic).status_code == 410
    # the owner keeps the results that were shared
    html = owner.get(reverse("taste:test_detail", args=[taste_test.pk])).content.decode()
    assert "A visitor" in html and "You closed this test" in html


def test_an_unknown_token_is_not_found(client, trained):
    assert client.get("/taste/t/not-a-real-token/").status_code == 404


# -- abuse -----------------------------------------------------------------------------------


def test_answering_a_thousand_times_keeps_one_response_and_is_rate_limited(
    client, taste_test, settings
):
    answers = {f"film-{film.pk}": like_a_horror_fan(film) for film in taste_test.ordered_films()}
    url = taste_test.get_absolute_url()
    statuses = [client.post(url, answers).status_code for _ in range(1000)]
    limit = settings.MARQUEE_TASTE_ANSWERS_PER_HOUR
    assert statuses[:limit] == [302] * limit
    assert set(statuses[limit:]) == {429}
    assert TasteTestResponse.objects.count() == 1


def test_a_visitor_clearing_cookies_cannot_pile_up_responses(client, taste_test, settings):
    from marquee.taste.services import MAX_RESPONSES_PER_FINGERPRINT

    settings.MARQUEE_TASTE_ANSWERS_PER_HOUR = 0  # the per-machine cap alone
    for _ in range(MAX_RESPONSES_PER_FINGERPRINT + 5):
        client.cookies.clear()
        answer_all(client, taste_test, like_a_horror_fan)
    assert TasteTestResponse.objects.count() == MAX_RESPONSES_PER_FINGERPRINT
    client.cookies.clear()
    response = answer_all(client, taste_test, like_a_horror_fan)
    assert response.status_code == 429
    assert "too many people answered this test" in response.content.decode()


def test_the_rate_limit_message_says_when_to_try_again(client, taste_test, settings):
    settings.MARQUEE_TASTE_ANSWERS_PER_HOUR = 1
    answer_all(client, taste_test, like_a_horror_fan)
    response = answer_all(client, taste_test, like_a_horror_fan)
    assert response.status_code == 429
    assert "please try again in" in response.content.decode()


def test_a_filled_honeypot_saves_nothing(client, taste_test):
    response = answer_all(client, taste_test, like_a_horror_fan, website="http://spam.example")
    assert response.status_code == 400
    assert "leave the last field empty" in response.content.decode()
    assert not TasteTestResponse.objects.exists()


def test_the_honeypot_is_hidden_like_the_comment_forms(client, taste_test):
    html = client.get(taste_test.get_absolute_url()).content.decode()
    assert '<div class="hp-field" aria-hidden="true">' in html
    assert 'name="website" id="id_website" tabindex="-1"' in html
