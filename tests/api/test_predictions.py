"""The caller's recommendations and 'Should you watch it?' through the API."""

import pytest

from tests.api.conftest import fields_of

pytestmark = pytest.mark.django_db


def test_should_watch_gives_the_prediction_and_its_reasons(api, trained):
    reader = trained["readers"][0]
    film = trained["horror"][0]
    body = api.as_user(reader, scope="read").get(f"/me/should-watch/{film.slug}").json()
    assert body["available"] is True
    assert body["film"]["slug"] == film.slug
    assert 0.5 <= body["low"] <= body["predicted"] <= body["high"] <= 5
    assert body["because"] and {"title", "your_rating", "effect"} <= set(body["because"][0])


def test_no_ratings_means_no_prediction_not_an_error(api, trained, reader):
    body = api.as_user(reader).get(f"/me/should-watch/{trained['horror'][0].slug}").json()
    assert body["available"] is False and body["predicted"] is None


def test_an_unknown_film_is_a_404(api, trained):
    assert (
        api.as_user(trained["readers"][0]).get("/me/should-watch/no-such-film").status_code == 404
    )


def test_recommendations_leave_out_rated_films(api, trained):
    reader = trained["readers"][0]
    rows = api.as_user(reader).get("/me/recommendations", {"n": 3}).json()
    rated = set(reader.ratings.values_list("film__slug", flat=True))
    assert len(rows) == 3 and not {row["film"]["slug"] for row in rows} & rated
    assert all(row["reason"] for row in rows)


def test_recommendation_filters_are_validated(api, trained):
    response = api.as_user(trained["readers"][0]).get("/me/recommendations", {"n": 0})
    assert "n" in fields_of(response)


def test_predictions_need_a_signed_in_caller(api, trained):
    assert api.get("/me/recommendations").status_code == 401
