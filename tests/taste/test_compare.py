"""Comparing two people: the compare page, privacy, "people like you", critics' verdicts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from marquee.catalog.models import Film
from marquee.readers.models import Rating
from marquee.readers.services import rating_set
from marquee.reviews.models import Verdict
from marquee.reviews.services import review_create
from marquee.taste import selectors
from marquee.taste.selectors import comparison, judgements_of, people_like

pytestmark = pytest.mark.django_db


def compare_url(person) -> str:
    return reverse("taste:compare", args=[person.username])


def test_two_horror_fans_are_more_alike_than_a_fan_and_a_romantic(client, trained):
    fan, romantic, other_fan = trained["readers"][:3]
    client.force_login(fan)
    alike = client.get(compare_url(other_fan)).content.decode()
    assert f"You and {other_fan.public_name}:" in alike
    assert "films you both rated" in alike
    assert comparison(fan, other_fan).match.score > comparison(fan, romantic).match.score


def test_the_page_names_score_interval_shared_films_and_agreements(client, trained):
    fan, romantic = trained["readers"][:2]
    result = comparison(fan, romantic)
    client.force_login(fan)
    html = client.get(compare_url(romantic)).content.decode()
    match = result.match
    assert (
        f"{match.score}% alike (likely between {match.low}% and {match.high}%), "
        f"from {match.shared} films you both rated"
    ) in html
    assert 0 <= match.low <= match.score <= match.high <= 100
    assert "Where you disagree most" in html
    assert match.disagree, "a horror fan and a romantic disagree somewhere"
    assert match.disagree[0].film.title in html


def test_what_each_loves_that_the_other_has_not_seen(trained):
    fan, other_fan = trained["readers"][0], trained["readers"][2]
    result = comparison(fan, other_fan)
    fan_films = set(Rating.objects.filter(user=fan).values_list("film_id", flat=True))
    other_films = set(Rating.objects.filter(user=other_fan).values_list("film_id", flat=True))
    assert result.you_love and result.they_love
    assert all(f.pk in fan_films and f.pk not in other_films for f in result.you_love)
    assert all(f.pk in other_films and f.pk not in fan_films for f in result.they_love)


def test_comparing_with_yourself_says_so(client, reader):
    client.force_login(reader)
    response = client.get(compare_url(reader))
    assert response.status_code == 200
    assert "That's you" in response.content.decode().replace("&#x27;", "'")


def test_comparing_with_a_private_profile_is_refused_and_leaks_nothing(client, trained):
    fan, other_fan = trained["readers"][0], trained["readers"][2]
    other_fan.ratings_private = True
    other_fan.save()
    client.force_login(fan)
    response = client.get(compare_url(other_fan))
    html = response.content.decode()
    assert response.status_code == 403
    assert "keeps their ratings private" in html
    assert "% alike" not in html and "Horror" not in html and "Romance" not in html


def test_comparing_with_an_unknown_reader_is_not_found(client, reader):
    client.force_login(reader)
    assert client.get("/taste/compare/nobody-here/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, reader):
    response = client.get(compare_url(reader))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_no_shared_films_gives_no_score_but_a_clear_sentence(client, trained, reader):
    fan = trained["readers"][0]
    client.force_login(reader)
    html = client.get(compare_url(fan)).content.decode()
    assert "have no films in common yet" in html
    assert "% alike" not in html


def test_a_critics_published_verdicts_count_as_their_judgements(trained, critic):
    fan = trained["readers"][0]
    horror = trained["horror"]
    for film in horror[:4]:
        review_create(
            author=critic,
            film=film,
            verdict=Verdict.objects.get(slug="essential"),
            tagline="Scary.",
            setup="A house.",
            body="Very scary.",
            should_watch="Yes.",
            publish=True,
        )
    Rating.objects.create(user=critic, film=horror[0], half_stars=2, rated_at="2024-01-01T00:00Z")
    judged = judgements_of(critic)
    assert judged[horror[0].pk] == 1.0  # their own rating wins over the verdict
    assert judged[horror[1].pk] == 5.0  # "essential", the best verdict, reads as 5 stars
    result = comparison(fan, critic)
    fan_rated = set(Rating.objects.filter(user=fan).values_list("film_id", flat=True))
    assert result.match.shared == len(fan_rated & {f.pk for f in horror[:4]})


def test_a_reader_and_a_critic_compare_on_the_page(client, trained, critic):
    fan = trained["readers"][0]
    for film in trained["horror"][:5]:
        review_create(
            author=critic,
            film=film,
            verdict=Verdict.objects.get(slug="essential"),
            tagline="Scary.",
            setup="A house.",
            body="Very scary.",
            should_watch="Yes.",
            publish=True,
        )
    client.force_login(fan)
    html = client.get(compare_url(critic)).content.decode()
    assert f"You and {critic.public_name}:" in html
    assert "published verdicts count as ratings" in html


# -- privacy on readers' pages ---------------------------------------------------------------


@pytest.mark.parametrize("page", ["profile", "ratings", "diary", "stats"])
def test_private_ratings_are_hidden_from_others_but_not_the_owner_or_staff(
    client, trained, staff, page
):
    fan = trained["readers"][0]
    fan.ratings_private = True
    fan.save()
    url = reverse(f"readers:{page}", args=[fan.username])
    title = Rating.objects.filter(user=fan).select_related("film").first().film.title
    for who, hidden in [(None, True), (trained["readers"][1], True), (fan, False), (staff, False)]:
        client.logout()
        if who:
            client.force_login(who)
        html = client.get(url).content.decode()
        assert ("keeps their ratings and diary private" in html) is hidden, (who, page)
        if hidden:
            assert "★" not in html.split('class="figures"')[0].split("</nav>")[-1]
            if page == "ratings":
                assert title not in html


def test_a_reader_turns_privacy_on_and_off_from_their_profile(client, reader):
    client.force_login(reader)
    page = client.get(reverse("accounts:profile", args=[reader.username])).content.decode()
    assert 'name="ratings_private"' in page and "Keep my ratings private" in page
    client.post(reverse("taste:privacy"), {"ratings_private": "on"})
    reader.refresh_from_db()
    assert reader.ratings_private
    client.post(reverse("taste:privacy"), {})
    reader.refresh_from_db()
    assert not reader.ratings_private


def test_other_people_see_no_privacy_form(client, reader, other_reader):
    client.force_login(other_reader)
    page = client.get(reverse("accounts:profile", args=[reader.username])).content.decode()
    assert 'name="ratings_private"' not in page


def test_privacy_change_reaches_anonymous_visitors_at_once(client, trained):
    fan = trained["readers"][0]
    url = reverse("readers:ratings", args=[fan.username])
    assert "keeps their ratings" not in client.get(url).content.decode()  # cached for visitors
    signed_in = client.__class__()
    signed_in.force_login(fan)
    signed_in.post(reverse("taste:privacy"), {"ratings_private": "on"})
    assert "keeps their ratings and diary private" in client.get(url).content.decode()


# -- people like you -------------------------------------------------------------------------


def test_people_like_a_horror_fan_are_horror_fans(client, trained):
    fan = trained["readers"][0]
    horror_fans = {r.pk for r in trained["readers"][0::2]}
    neighbours = people_like(fan)
    assert neighbours and all(n.person.pk in horror_fans for n in neighbours)
    assert all(n.shared >= 5 for n in neighbours)
    html = client.get(reverse("readers:profile", args=[fan.username])).content.decode()
    assert f"People like {fan.public_name}" in html
    assert neighbours[0].person.public_name in html


def test_people_like_you_scores_as_the_compare_page_does(trained):
    fan = trained["readers"][0]
    neighbours = people_like(fan)
    assert neighbours
    for neighbour in neighbours:
        match = comparison(fan, neighbour.person).match
        assert (neighbour.score, neighbour.shared) == (match.score, match.shared)


def test_people_like_you_is_worked_out_again_once_the_reader_rates_more(trained, monkeypatch):
    fan = trained["readers"][0]
    calls = []
    original = selectors._people_like_scores
    monkeypatch.setattr(
        selectors, "_people_like_scores", lambda *a: calls.append(a) or original(*a)
    )
    people_like(fan)
    people_like(fan)
    assert len(calls) == 1
    unrated = Film.objects.exclude(ratings__user=fan).first()
    rating_set(user=fan, film=unrated, half_stars=8)
    people_like(fan)
    assert len(calls) == 2


def test_people_like_you_leaves_out_private_readers(trained):
    fan = trained["readers"][0]
    first = people_like(fan)[0].person
    first.ratings_private = True
    first.save()
    assert first.pk not in {n.person.pk for n in people_like(fan)}


def test_a_private_profile_shows_no_people_like_them(client, trained):
    fan = trained["readers"][0]
    fan.ratings_private = True
    fan.save()
    html = client.get(reverse("readers:profile", args=[fan.username])).content.decode()
    assert "People like" not in html


def test_a_reader_with_no_ratings_has_no_one_like_them(client, reader):
    assert people_like(reader) == []
    html = client.get(reverse("readers:profile", args=[reader.username])).content.decode()
    assert "No reader shares enough rated films yet" in html


# -- a critic on the review page -------------------------------------------------------------


def test_the_review_page_says_how_often_you_agree_with_the_critic(client, trained, critic):
    fan = trained["readers"][0]
    reviews = [
        review_create(
            author=critic,
            film=film,
            verdict=Verdict.objects.get(slug="essential"),
            tagline="Scary.",
            setup="A house.",
            body="Very scary.",
            should_watch="Yes.",
            publish=True,
        )
        for film in trained["horror"][:6]
    ]
    client.force_login(fan)
    html = client.get(reviews[0].get_absolute_url()).content.decode()
    assert f"You agree with {critic.public_name} on " in html
    assert "films you both rated" in html
