"""The box on review and film pages, the For-you page, training and the commands."""

import json
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command

from marquee.predictions import store
from marquee.predictions.models import HiddenFilm
from marquee.predictions.selectors import recommendations_for
from marquee.predictions.services import training_queue_if_due
from marquee.readers.models import Rating
from marquee.reviews.models import Verdict
from marquee.reviews.services import review_create

pytestmark = pytest.mark.django_db
WHEN = datetime(2024, 1, 1, tzinfo=UTC)


@pytest.fixture
def horror_review(trained, critic):
    return review_create(
        author=critic,
        film=trained["horror"][7],
        verdict=Verdict.objects.get(slug="essential"),
        tagline="Scary.",
        setup="A house.",
        body="Very scary.",
        should_watch="Yes.",
        publish=True,
    )


def test_a_signed_in_reader_sees_their_prediction_on_the_review(client, trained, horror_review):
    reader = trained["readers"][0]
    client.force_login(reader)
    html = client.get(horror_review.get_absolute_url()).content.decode()
    assert "Should <em>you</em> watch it?" in html
    assert "stars predicted for you" in html
    assert "nan" not in html.lower().replace("nanny", "")


def test_anonymous_visitors_get_no_prediction_box(client, trained, horror_review):
    assert (
        "Should <em>you</em> watch it?"
        not in client.get(horror_review.get_absolute_url()).content.decode()
    )


def test_a_reader_without_ratings_is_asked_to_rate(client, trained, horror_review, reader):
    client.force_login(reader)
    html = client.get(horror_review.get_absolute_url()).content.decode()
    assert "Rate a few films" in html and "stars predicted" not in html


def test_for_you_excludes_seen_films_and_adapts_to_not_interested(client, trained):
    reader = trained["readers"][0]
    rated = set(Rating.objects.filter(user=reader).values_list("film_id", flat=True))
    first = recommendations_for(reader, n=5)
    assert first and not {r.film.pk for r in first} & rated
    client.force_login(reader)
    client.post(f"/for-you/hide/{first[0].film.slug}/")
    assert HiddenFilm.objects.filter(user=reader, film=first[0].film).exists()
    assert first[0].film.pk not in {r.film.pk for r in recommendations_for(reader, n=5)}
    page = client.get("/for-you/").content.decode()
    assert first[0].film.title not in page


def test_for_you_ranks_the_readers_kind_of_film_first(trained):
    reader = trained["readers"][0]  # a horror fan
    top = recommendations_for(reader, n=2)
    assert all("Horror" in r.film.title for r in top)
    assert top[0].reason.startswith("Readers who liked Horror")


def test_for_you_filters_by_genre(client, trained):
    reader = trained["readers"][0]
    picks = recommendations_for(reader, n=5, genre="romance")
    assert picks and all("Romance" in r.film.title for r in picks)


def test_marquee_train_stores_a_new_version(taste_site, capsys):
    call_command("train")
    assert "Trained version" in capsys.readouterr().out
    assert store.current() is not None


def test_training_on_an_empty_site_is_a_clear_error(db):
    with pytest.raises(CommandError, match="at least 20 needed"):
        call_command("train")


def test_should_watch_command_json(trained, capsys):
    reader = trained["readers"][0]
    call_command("should-watch", reader.username, "Horror 7 (1987)", "--json")
    data = json.loads(capsys.readouterr().out)
    assert {"predicted", "low", "high", "verdict", "because", "critic_agreement"} <= set(data)


def test_should_watch_command_names_an_unknown_film(trained):
    with pytest.raises(CommandError, match="no single film"):
        call_command("should-watch", trained["readers"][0].username, "Nope (1900)")


def test_recommend_command_json(trained, capsys):
    call_command("recommend", trained["readers"][1].username, "--n", "3", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 3 and {"title", "year", "why"} <= set(rows[0])


def test_training_is_queued_after_enough_new_ratings(
    trained, settings, django_capture_on_commit_callbacks
):
    settings.MARQUEE_RETRAIN_AFTER_RATINGS = 3
    first = store.current().version
    reader = trained["readers"][2]
    Rating.objects.filter(user=reader).update(half_stars=6, updated_at=datetime.now(UTC))
    with django_capture_on_commit_callbacks(execute=True):
        assert training_queue_if_due()
    assert store.current().version != first
