"""'Should you watch it?': a personal prediction with honest uncertainty and reasons."""

from datetime import UTC, datetime

import pytest

from marquee.predictions.selectors import critic_agreement, should_watch_for, verdict_for
from marquee.readers.models import Rating
from marquee.reviews.models import Verdict
from marquee.reviews.services import review_create
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
WHEN = datetime(2024, 1, 1, tzinfo=UTC)


def test_a_horror_fan_is_predicted_to_like_horror_and_not_romance(trained):
    fan = make_user("newfan")
    for film in trained["horror"][:3]:
        Rating.objects.create(user=fan, film=film, half_stars=10, rated_at=WHEN)
    for film in trained["romance"][:3]:
        Rating.objects.create(user=fan, film=film, half_stars=2, rated_at=WHEN)
    horror = should_watch_for(fan, trained["horror"][6])
    romance = should_watch_for(fan, trained["romance"][6])
    assert horror.predicted > romance.predicted + 1
    for prediction in (horror, romance):
        assert 0.5 <= prediction.low <= prediction.predicted <= prediction.high <= 5
        assert prediction.predicted * 2 == int(prediction.predicted * 2)


def test_the_reasons_are_the_readers_own_ratings(trained):
    reader = trained["readers"][0]
    prediction = should_watch_for(reader, trained["horror"][0])
    rated = set(Rating.objects.filter(user=reader).values_list("film_id", flat=True))
    assert prediction.because
    assert {reason.film.pk for reason in prediction.because} <= rated


def test_a_new_rating_changes_the_prediction_at_once(trained):
    fan = make_user("changeable")
    Rating.objects.create(user=fan, film=trained["horror"][0], half_stars=10, rated_at=WHEN)
    before = should_watch_for(fan, trained["romance"][5])
    for film in trained["romance"][:4]:
        Rating.objects.create(user=fan, film=film, half_stars=10, rated_at=WHEN)
    after = should_watch_for(fan, trained["romance"][5])
    assert after.predicted > before.predicted


def test_few_ratings_are_said_to_be_few_and_widen_the_interval(trained):
    few = make_user("few")
    Rating.objects.create(user=few, film=trained["horror"][0], half_stars=9, rated_at=WHEN)
    sparse = should_watch_for(few, trained["horror"][1])
    rich = should_watch_for(trained["readers"][0], trained["horror"][1])
    assert not sparse.confident and rich.confident
    assert sparse.high - sparse.low >= rich.high - rich.low


def test_no_ratings_means_no_made_up_number(trained):
    assert should_watch_for(make_user("blank"), trained["horror"][0]) is None


def test_no_trained_models_means_no_prediction(taste_site):
    assert should_watch_for(taste_site["readers"][0], taste_site["horror"][0]) is None


def test_a_film_nobody_rated_still_gets_a_finite_prediction(trained):
    from marquee.catalog.services import film_create

    unseen = film_create(title="Unseen", year=2020)
    prediction = should_watch_for(trained["readers"][0], unseen)
    assert 0.5 <= prediction.predicted <= 5


def test_the_predicted_verdict_is_the_nearest_badge(db):
    assert verdict_for(5.0).slug == "essential"
    assert verdict_for(3.9).slug == "recommended-viewing"
    assert verdict_for(0.5).slug == "skip-it"


def test_critic_agreement_counts_films_both_judged(trained, critic):
    reader = trained["readers"][0]  # loves horror, dislikes romance
    Rating.objects.create(user=critic, film=trained["horror"][1], half_stars=10, rated_at=WHEN)
    Rating.objects.create(user=critic, film=trained["romance"][1], half_stars=10, rated_at=WHEN)
    review_create(
        author=critic,
        film=trained["horror"][2],
        verdict=Verdict.objects.get(slug="essential"),
        tagline="t",
        setup="s",
        body="b",
        should_watch="w",
        publish=True,
    )
    agreement = critic_agreement(reader, critic)
    rated = set(Rating.objects.filter(user=reader).values_list("film_id", flat=True))
    judged = {trained["horror"][1].pk, trained["romance"][1].pk, trained["horror"][2].pk}
    assert agreement.shared == len(judged & rated)
    assert agreement.agreed == len({trained["horror"][1].pk, trained["horror"][2].pk} & rated)
