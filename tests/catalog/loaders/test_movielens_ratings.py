"""MovieLens ratings: a reader per user, half stars exact, bad rows skipped, reruns unchanged."""

from datetime import UTC, datetime

import pytest
from django.db import connection

from marquee.accounts.models import User
from marquee.catalog.loaders import movielens
from marquee.catalog.loaders.movielens import movielens_load
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.readers.models import Rating
from tests.catalog.loaders.files import write_100k, write_latest

pytestmark = pytest.mark.django_db
HEADER = "userId,movieId,rating,timestamp\n"


def load(folder, **options):
    return movielens_load(directory=folder, with_ratings=True, **options)


def ratings() -> dict[tuple[str, int], int]:
    return {
        (username, movielens_id): half_stars
        for username, movielens_id, half_stars in Rating.objects.values_list(
            "user__username", "film__movielens_id", "half_stars"
        )
    }


def test_each_movielens_user_becomes_a_reader_who_cannot_log_in(tmp_path):
    report = load(write_latest(tmp_path))
    assert report.readers_created == 2
    reader = User.objects.get(username="ml-1")
    assert reader.display_name == "MovieLens user 1"
    assert reader.is_active
    assert not reader.has_usable_password()
    assert User.objects.get(username="ml-2").password != reader.password


def test_ratings_are_exact_half_stars_with_their_time_and_source(tmp_path):
    report = load(write_latest(tmp_path))
    assert (report.ratings.created, report.ratings.updated, report.ratings.unchanged) == (5, 0, 0)
    assert ratings() == {
        ("ml-1", 1): 8, ("ml-1", 29): 7, ("ml-1", 47): 10, ("ml-2", 1): 1, ("ml-2", 318): 6,
    }  # fmt: skip
    rating = Rating.objects.get(user__username="ml-1", film__movielens_id=29)
    assert rating.stars == 3.5
    assert rating.rated_at == datetime.fromtimestamp(964981247, UTC)
    assert rating.source == "movielens"


def test_ml_100k_whole_stars_become_even_half_stars(tmp_path):
    report = load(write_100k(tmp_path))
    assert report.ratings.created == 3
    values = dict(Rating.objects.values_list("user__username", "half_stars"))
    assert values == {"ml100k-196": 6, "ml100k-186": 10, "ml100k-22": 2}
    rating = Rating.objects.get(user__username="ml100k-186")
    assert rating.film.title == "Les Misérables"
    assert rating.rated_at == datetime.fromtimestamp(891717742, UTC)


def test_loading_ratings_again_changes_nothing(tmp_path):
    folder = write_latest(tmp_path)
    load(folder)
    stamps = list(Rating.objects.values_list("pk", "updated_at").order_by("pk"))
    again = load(folder)
    assert (again.ratings.created, again.ratings.updated, again.ratings.unchanged) == (0, 0, 5)
    assert again.readers_created == 0
    assert list(Rating.objects.values_list("pk", "updated_at").order_by("pk")) == stamps


def test_a_changed_rating_is_updated_and_a_new_one_added(tmp_path):
    folder = write_latest(tmp_path)
    load(folder)
    rows = HEADER + "1,1,4.0,964982703\n1,29,2.0,964990000\n1,47,5.0,964983815\n3,2,4.5,964990001\n"
    report = load(write_latest(folder, ratings=rows))
    assert (report.ratings.created, report.ratings.updated, report.ratings.unchanged) == (1, 1, 2)
    changed = Rating.objects.get(user__username="ml-1", film__movielens_id=29)
    assert changed.half_stars == 4
    assert changed.rated_at == datetime.fromtimestamp(964990000, UTC)
    # Ratings the file no longer has are not removed: they may be the reader's own now.
    assert Rating.objects.filter(user__username="ml-2").count() == 2


def test_bad_rating_rows_are_skipped_with_file_line_and_field(tmp_path):
    rows = HEADER + (
        "1,1,4.0,964982703\n"  # 2: fine
        "1,2,0,964982703\n"  # 3
        "1,29,5.5,964982703\n"  # 4
        "1,47,3.25,964982703\n"  # 5
        "1,318,four,964982703\n"  # 6
        "x,1,4.0,964982703\n"  # 7
        "1,abc,4.0,964982703\n"  # 8
        "1,99999,4.0,964982703\n"  # 9
        "2,1,4.0,yesterday\n"  # 10
        "2,2,4.0,99999999999\n"  # 11
        "2,29,4.0\n"  # 12
        "0,29,4.0,964982703\n"  # 13
        "2,47,3.50,964982703\n"  # 14: fine, spelled oddly
    )
    report = load(write_latest(tmp_path, ratings=rows))
    assert [(row.file, row.line, row.reason) for row in report.skipped] == [
        ("ratings.csv", 3, "rating '0' is not a half-star rating from 0.5 to 5"),
        ("ratings.csv", 4, "rating '5.5' is not a half-star rating from 0.5 to 5"),
        ("ratings.csv", 5, "rating '3.25' is not a half-star rating from 0.5 to 5"),
        ("ratings.csv", 6, "rating 'four' is not a half-star rating from 0.5 to 5"),
        ("ratings.csv", 7, "userId 'x' is not a whole number"),
        ("ratings.csv", 8, "movieId 'abc' is not a whole number"),
        ("ratings.csv", 9, "movieId 99999 is not among the films loaded"),
        ("ratings.csv", 10, "timestamp 'yesterday' is not a Unix time in seconds"),
        ("ratings.csv", 11, "timestamp 99999999999 is not a time in the past"),
        ("ratings.csv", 12, "has 3 fields; expected 4"),
        ("ratings.csv", 13, "userId 0 is not a positive whole number"),
    ]
    assert ratings() == {("ml-1", 1): 8, ("ml-2", 47): 7}


def test_ml_100k_ratings_out_of_range_are_skipped_with_their_line(tmp_path):
    data = "196\t1\t3\t881250949\n186\t543\t6\t891717742\n22\t1005\t0\t878887116\n7\t1\t3.5\t1\n"
    report = load(write_100k(tmp_path, data=data))
    assert [(row.file, row.line, row.reason) for row in report.skipped] == [
        ("u.data", 2, "rating '6' is not a whole number from 1 to 5"),
        ("u.data", 3, "rating '0' is not a whole number from 1 to 5"),
        ("u.data", 4, "rating '3.5' is not a whole number from 1 to 5"),
        ("u.item", 4, "has no title"),
    ]
    assert report.ratings.created == 1


def test_ml_100k_users_are_other_readers_than_ml_latest_users_with_the_same_number(tmp_path):
    load(write_latest(tmp_path / "latest"))
    load(write_100k(tmp_path / "100k", data="1\t1\t3\t881250949\n"))
    assert User.objects.get(username="ml100k-1").display_name == "MovieLens 100K user 1"
    assert ratings()[("ml-1", 1)] == 8
    assert Rating.objects.get(user__username="ml100k-1").half_stars == 6


def test_a_file_not_grouped_by_user_loads_the_same_and_the_first_of_two_rows_wins(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(movielens, "CHUNK_ROWS", 2)
    monkeypatch.setattr(movielens, "BUCKET_ROWS", 3)  # several spill files
    rows = HEADER + (
        "1,1,4.0,964982703\n"
        "2,1,1.0,964982703\n"
        "3,2,2.5,964982703\n"
        "1,29,3.5,964982703\n"  # user 1 again, after users 2 and 3
        "2,1,5.0,964982800\n"  # user 2's film 1 again, with another rating
        "4,318,3.0,964982703\n"
    )
    folder = write_latest(tmp_path, ratings=rows)
    report = load(folder)
    assert [(row.line, row.reason) for row in report.skipped] == [
        (6, "duplicate of line 3 (same user and film)"),
    ]
    assert (report.ratings.created, report.readers_created) == (5, 4)
    assert ratings() == {
        ("ml-1", 1): 8, ("ml-1", 29): 7, ("ml-2", 1): 2, ("ml-3", 2): 5, ("ml-4", 318): 6,
    }  # fmt: skip
    for _ in range(2):
        again = load(folder)
        assert (again.created, again.updated, again.unchanged) == (0, 0, 6 + 5)
        assert len(again.skipped) == 1


def test_a_repeated_user_and_film_is_skipped_as_a_duplicate_of_its_first_line(tmp_path):
    rows = HEADER + "1,1,4.0,964982703\n1,29,3.5,964982703\n1,1,2.0,964982704\n"
    report = load(write_latest(tmp_path, ratings=rows))
    assert [(row.line, row.reason) for row in report.skipped] == [
        (4, "duplicate of line 2 (same user and film)"),
    ]
    assert ratings()[("ml-1", 1)] == 8
    again = load(write_latest(tmp_path, ratings=rows))
    assert (again.ratings.created, again.ratings.updated, again.ratings.unchanged) == (0, 0, 2)
    assert len(again.skipped) == 1


def test_a_duplicate_in_a_later_chunk_is_still_a_duplicate(tmp_path, monkeypatch):
    monkeypatch.setattr(movielens, "CHUNK_ROWS", 1)
    monkeypatch.setattr(movielens, "MAX_CHUNK_ROWS", 1)  # one user's rows over several chunks
    rows = HEADER + "1,1,4.0,964982703\n1,29,1.0,964982703\n1,1,2.0,964982704\n"
    report = load(write_latest(tmp_path, ratings=rows))
    assert [(row.line, row.reason) for row in report.skipped] == [
        (4, "duplicate of an earlier line (same user and film)"),
    ]
    assert ratings() == {("ml-1", 1): 8, ("ml-1", 29): 2}


def test_an_account_someone_signed_up_with_gets_no_movielens_ratings(tmp_path):
    person = User.objects.create_user(username="ml-2", password="a-long-test-password-42")
    report = load(write_latest(tmp_path))
    assert not person.ratings.exists()
    assert [(row.line, row.reason) for row in report.skipped] == [
        (5, "the account ml-2 exists and is not MovieLens's"),
        (6, "the account ml-2 exists and is not MovieLens's"),
    ]
    assert report.readers_created == 1


def test_a_file_that_fails_half_way_leaves_the_database_as_it_was(tmp_path, monkeypatch):
    written = []
    write = movielens._RatingWriter.write
    monkeypatch.setattr(movielens, "CHUNK_ROWS", 100)
    monkeypatch.setattr(
        movielens._RatingWriter, "write", lambda self, rows: written.append(write(self, rows))
    )
    # Text is decoded by blocks, so the bad byte sits well past the first one.
    good = "".join(f"{user},1,4.0,964982703\n" for user in range(1, 2001))
    folder = write_latest(tmp_path)
    (folder / "ratings.csv").write_bytes((HEADER + good).encode() + b"3,1,4.0,\xff\xfe\n")
    with pytest.raises(InputError) as error:
        load(folder)
    assert error.value.describe() == (
        "ratings.csv:2002: encoding: byte 0xff is not valid UTF-8; save the file as UTF-8"
    )
    assert written, "some chunks were written before the error"
    assert not Film.objects.exists()
    assert not User.objects.exists()
    assert not Rating.objects.exists()


def test_a_dry_run_with_ratings_writes_nothing(tmp_path):
    report = load(write_latest(tmp_path), dry_run=True)
    assert report.ratings.created == 5
    assert not Rating.objects.exists()
    assert not User.objects.exists()


def _rating_indexes() -> set[str]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, Rating._meta.db_table)
    return {name for name, info in constraints.items() if info["index"]}


@pytest.fixture
def dropped(monkeypatch) -> list[bool]:
    """Rebuild the indexes from the first chunk on, and record that it happened."""
    calls = []
    drop = movielens._SQLiteBulkWrites.drop_indexes
    monkeypatch.setattr(movielens, "CHUNK_ROWS", 50)
    monkeypatch.setattr(movielens, "BULK_INDEX_ROWS", 1)
    monkeypatch.setattr(
        movielens._SQLiteBulkWrites, "drop_indexes", lambda self: calls.append(drop(self))
    )
    return calls


@pytest.mark.skipif(connection.vendor != "sqlite", reason="indexes are rebuilt on SQLite only")
def test_a_long_load_that_rebuilds_the_indexes_leaves_them_all_in_place(tmp_path, dropped):
    indexes = _rating_indexes()
    rows = HEADER + "".join(f"{user},{movie},4.0,964982703\n" for user in range(1, 100)
                            for movie in (1, 2, 29))  # fmt: skip
    report = load(write_latest(tmp_path, ratings=rows))
    assert dropped
    assert report.ratings.created == 99 * 3
    assert _rating_indexes() == indexes
    assert Rating.objects.filter(film__movielens_id=29, half_stars=8).count() == 99


@pytest.mark.skipif(connection.vendor != "sqlite", reason="indexes are rebuilt on SQLite only")
def test_a_failed_load_that_dropped_the_indexes_gets_them_back(tmp_path, dropped):
    indexes = _rating_indexes()
    rows = HEADER + "".join(f"{user},1,4.0,964982703\n" for user in range(1, 2001))
    folder = write_latest(tmp_path)
    (folder / "ratings.csv").write_bytes(rows.encode() + b"99,1,\xff,1\n")
    with pytest.raises(InputError, match="encoding"):
        load(folder)
    assert dropped
    assert _rating_indexes() == indexes
    assert not Rating.objects.exists()
