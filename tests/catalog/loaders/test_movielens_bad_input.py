"""Files that are not what they should be: a clear error naming file, line and field; no load."""

import pytest

from marquee.catalog.loaders.movielens import movielens_load
from marquee.catalog.models import Film
from marquee.errors import InputError
from marquee.readers.models import Rating
from tests.catalog.loaders.files import LINKS, MOVIES, RATINGS, write_100k, write_latest

pytestmark = pytest.mark.django_db


def load(folder, *, ratings=True):
    return movielens_load(directory=folder, with_ratings=ratings)


def refused(folder, *, ratings=True) -> str:
    with pytest.raises(InputError) as error:
        load(folder, ratings=ratings)
    assert not Film.objects.exists()
    assert not Rating.objects.exists()
    return error.value.describe()


def test_a_folder_that_is_not_movielens_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    assert refused(tmp_path).endswith(
        "directory: has neither movies.csv (MovieLens latest) nor u.item (MovieLens 100K)"
    )
    assert refused(tmp_path / "notes.txt").endswith("directory: is not a folder")
    assert refused(tmp_path / "missing").endswith("directory: is not a folder")


def test_missing_ratings_are_refused_only_when_asked_for(tmp_path):
    folder = write_latest(tmp_path, ratings=None)
    assert refused(folder) == f"{folder}: ratings: ratings.csv is missing"
    assert load(folder, ratings=False).films.created == 6


def test_a_file_missing_a_column_is_refused_naming_it(tmp_path):
    folder = write_latest(tmp_path, movies="movieId,name,genres\n1,Toy Story (1995),Comedy\n")
    assert refused(folder) == (
        "movies.csv:1: header: missing column(s) title; found movieId, name, genres"
    )


def test_the_wrong_file_in_a_files_place_is_refused_by_its_header(tmp_path):
    folder = write_latest(tmp_path, links=RATINGS)
    assert refused(folder) == (
        "links.csv:1: header: missing column(s) imdbId, tmdbId; "
        "found userId, movieId, rating, timestamp"
    )


def test_columns_may_come_in_any_order_with_extra_ones(tmp_path):
    movies = "genres,extra,title,movieId\nComedy,x,Toy Story (1995),1\n"
    ratings = "timestamp,rating,movieId,userId\n964982703,3.5,1,9\n"
    report = load(write_latest(tmp_path, movies=movies, links=None, tags=None, ratings=ratings))
    assert (report.films.created, report.ratings.created) == (1, 1)
    assert Rating.objects.get().half_stars == 7


def test_an_empty_file_is_refused(tmp_path):
    folder = write_latest(tmp_path, ratings="")
    assert refused(folder).endswith("ratings.csv: file: is empty")


def test_a_header_without_rows_loads_nothing(tmp_path):
    report = load(write_latest(tmp_path, ratings="userId,movieId,rating,timestamp\n"))
    assert (report.films.created, report.ratings.created) == (6, 0)


def test_utf8_with_a_byte_order_mark_is_read(tmp_path):
    folder = write_latest(tmp_path, encoding="utf-8-sig")
    report = load(folder)
    assert (report.films.created, report.ratings.created) == (6, 5)
    assert Film.objects.filter(original_title="La Cité des enfants perdus").exists()


def test_a_csv_that_is_not_utf8_is_refused_at_its_line(tmp_path):
    movies = "movieId,title,genres\n1,Toy Story (1995),Comedy\n2,Misérables, Les (1995),Drama\n"
    folder = write_latest(tmp_path, movies=movies, encoding="latin-1")
    assert refused(folder) == (
        "movies.csv:3: encoding: byte 0xe9 is not valid UTF-8; save the file as UTF-8"
    )


def test_an_unclosed_quote_is_refused_at_its_line_rather_than_eating_the_file(tmp_path):
    movies = 'movieId,title,genres\n1,Toy Story (1995),Comedy\n2,"Jumanji (1995),Comedy\n3,A,B\n'
    assert refused(write_latest(tmp_path, movies=movies, links=LINKS)) == (
        "movies.csv:3: csv: unexpected end of data"
    )


def test_a_nul_byte_is_dropped_like_any_control_character(tmp_path):
    load(write_latest(tmp_path, movies=MOVIES + "5,Bad\x00 (1999),Drama\n"))
    assert Film.objects.get(movielens_id=5).title == "Bad"


def test_ml_100k_with_a_malformed_u_genre_is_refused(tmp_path):
    folder = write_100k(tmp_path)
    (folder / "u.genre").write_text("Action|0\nComedy|2\n", encoding="ascii")
    assert refused(folder) == "u.genre: u.genre: indexes must run 0, 1, 2... without gaps"


def test_ml_100k_rows_with_the_wrong_number_of_fields_are_skipped(tmp_path):
    report = load(write_100k(tmp_path, items="1|Toy Story (1995)|01-Jan-1995\n"), ratings=False)
    assert [(row.file, row.line, row.reason) for row in report.skipped] == [
        ("u.item", 1, "has 3 fields; expected 24"),
    ]


def test_control_characters_in_titles_are_dropped(tmp_path):
    movies = "movieId,title,genres\n1,Toy\x07 Story\u200b (1995),Comedy\n"
    load(write_latest(tmp_path, movies=movies, links=None, tags=None, ratings=None), ratings=False)
    assert Film.objects.get().title == "Toy Story"


def test_an_overlong_title_is_cut_to_the_catalogs_limit(tmp_path):
    movies = f"movieId,title,genres\n1,{'A' * 400} (1995),Comedy\n"
    load(write_latest(tmp_path, movies=movies, links=None, tags=None, ratings=None), ratings=False)
    film = Film.objects.get()
    assert len(film.title) == 300
    assert film.title.endswith("…")
    assert film.year == 1995
