"""The caller's diary: log viewings, list and filter them, delete them; nobody else's."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from marquee.readers.models import DiaryEntry, Rating
from marquee.readers.services import diary_entry_add
from tests.api.conftest import fields_of, problem_of

pytestmark = pytest.mark.django_db


def test_logging_a_viewing_with_a_rating_tags_and_a_note(api, reader, film):
    response = api.as_user(reader).post(
        "/me/diary",
        {
            "film": film.slug,
            "watched_on": "2024-10-31",
            "rewatch": True,
            "stars": 4.5,
            "tags": ["halloween", "Halloween", " space "],
            "note": "Still works.",
        },
    )
    assert response.status_code == 201, response.content
    entry = response.json()
    assert response["Location"] == f"/api/v1/me/diary/{entry['id']}"
    assert (entry["watched_on"], entry["rewatch"], entry["stars"]) == ("2024-10-31", True, 4.5)
    assert entry["tags"] == ["halloween", "space"]
    assert Rating.objects.get(user=reader).half_stars == 9  # the rating becomes the current one


def test_a_viewing_needs_a_real_past_date_and_a_known_film(api, reader, film):
    caller = api.as_user(reader)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    for body, field in [
        ({"film": film.slug, "watched_on": tomorrow}, "watched_on"),
        ({"film": film.slug, "watched_on": "1700-01-01"}, "watched_on"),
        ({"film": film.slug, "watched_on": "yesterday"}, "watched_on"),
        ({"film": film.slug, "watched_on": "2024-01-01", "stars": 6}, "stars"),
        ({"film": film.slug, "watched_on": "2024-01-01", "rewatch": "yes"}, "rewatch"),
        (
            {"film": film.slug, "watched_on": "2024-01-01", "tags": [f"t{i}" for i in range(21)]},
            "tags",
        ),
        ({"film": "no-such-film", "watched_on": "2024-01-01"}, "film"),
        ({"watched_on": "2024-01-01"}, "film"),
    ]:
        response = caller.post("/me/diary", body)
        assert fields_of(response) == {field}, body
        assert problem_of(response)["errors"][0]["location"] == "body"
    assert not DiaryEntry.objects.exists()


def test_the_diary_lists_filters_and_orders(api, reader, film):
    diary_entry_add(user=reader, film=film, watched_on=date(2020, 1, 1), tags=["Space"])
    diary_entry_add(user=reader, film=film, watched_on=date(2023, 6, 1), rewatch=True)
    caller = api.as_user(reader)

    def days(**params):
        response = caller.get("/me/diary", params)
        assert response.status_code == 200, response.content
        return [e["watched_on"] for e in response.json()["items"]]

    assert days() == ["2023-06-01", "2020-01-01"]
    assert days(ordering="watched_on") == ["2020-01-01", "2023-06-01"]
    assert days(rewatch="true") == ["2023-06-01"]
    assert days(watched_after="2021-01-01") == ["2023-06-01"]
    assert days(watched_before="2021-01-01") == ["2020-01-01"]
    assert days(tag="space") == ["2020-01-01"]
    assert days(film="no-such-film") == []
    assert fields_of(caller.get("/me/diary", {"watched_after": "June"})) == {"watched_after"}


def test_nobody_reads_or_deletes_someone_elses_diary(api, reader, other_reader, film):
    theirs = diary_entry_add(user=other_reader, film=film, watched_on=date(2024, 1, 1))
    caller = api.as_user(reader)
    assert caller.get("/me/diary").json()["count"] == 0
    assert caller.get(f"/me/diary/{theirs.pk}").status_code == 404
    assert caller.delete(f"/me/diary/{theirs.pk}").status_code == 404
    assert DiaryEntry.objects.filter(pk=theirs.pk).exists()


def test_deleting_a_diary_entry_keeps_the_rating(api, reader, film):
    entry = diary_entry_add(user=reader, film=film, watched_on=date(2024, 1, 1), half_stars=6)
    caller = api.as_user(reader)
    assert caller.get(f"/me/diary/{entry.pk}").json()["stars"] == 3
    assert caller.delete(f"/me/diary/{entry.pk}").status_code == 204
    assert not DiaryEntry.objects.exists() and Rating.objects.get().half_stars == 6
    assert caller.get(f"/me/diary/{entry.pk}").status_code == 404
    assert fields_of(caller.get("/me/diary/0")) == {"entry_id"}
