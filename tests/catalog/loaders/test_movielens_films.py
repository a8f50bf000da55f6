"""Loading MovieLens films: both layouts, ids, titles, genres and keywords; reruns change nothing."""

import pytest

from marquee.catalog.loaders.movielens import movielens_load
from marquee.catalog.models import AlternateTitle, Film, Genre, Keyword
from marquee.catalog.services import film_create
from marquee.readers.models import Rating
from tests.catalog.loaders.files import (
    ITEMS_100K,
    LINKS,
    MOVIES,
    item_100k,
    write_100k,
    write_latest,
)

pytestmark = pytest.mark.django_db


def load(folder, **options):
    return movielens_load(directory=folder, with_ratings=options.pop("ratings", False), **options)


def test_latest_films_are_created_with_ids_year_and_genres(tmp_path):
    report = load(write_latest(tmp_path))
    assert (report.films.created, report.films.updated, report.films.unchanged) == (6, 0, 0)
    toy = Film.objects.get(movielens_id=1)
    assert (toy.title, toy.year, toy.imdb_id, toy.tmdb_id) == ("Toy Story", 1995, "tt0114709", 862)
    assert toy.slug == "toy-story-1995"
    assert sorted(toy.genres.values_list("name", flat=True)) == [
        "Adventure", "Animation", "Children", "Comedy", "Fantasy",
    ]  # fmt: skip
    assert not Rating.objects.exists()


def test_titles_are_stored_article_first_with_the_original_and_akas_as_alternates(tmp_path):
    load(write_latest(tmp_path))
    city = Film.objects.get(movielens_id=29)
    assert (city.title, city.original_title) == (
        "The City of Lost Children",
        "La Cité des enfants perdus",
    )
    assert city.match_key == "city of lost children"
    assert list(city.alternate_titles.values_list("title", "match_key")) == [
        ("La Cité des enfants perdus", "cite des enfants perdus"),
    ]
    seven = Film.objects.get(movielens_id=47)
    assert list(seven.alternate_titles.values_list("title", flat=True)) == ["Se7en"]


def test_movielens_genre_names_follow_the_catalogs_and_no_genres_means_none(tmp_path):
    load(write_latest(tmp_path))
    assert Film.objects.get(movielens_id=29).genres.filter(name="Science Fiction").exists()
    assert not Film.objects.get(movielens_id=171749).genres.exists()
    assert not Genre.objects.filter(name__in=["Sci-Fi", "(no genres listed)"]).exists()


def test_a_film_without_a_tmdb_id_in_links_has_none(tmp_path):
    load(write_latest(tmp_path))
    death_note = Film.objects.get(movielens_id=171749)
    assert (death_note.year, death_note.imdb_id, death_note.tmdb_id) == (2006, "tt0877057", None)


def test_tags_given_by_two_users_become_keywords_and_single_tags_do_not(tmp_path):
    load(write_latest(tmp_path))
    shawshank = Film.objects.get(movielens_id=318)
    assert list(shawshank.keywords.values_list("name", flat=True)) == ["prison"]
    assert not Keyword.objects.filter(name__in=["morgan freeman", "pixar"]).exists()


def test_loading_the_same_folder_again_changes_nothing(tmp_path):
    folder = write_latest(tmp_path)
    load(folder, ratings=True)
    before = list(Film.objects.values_list("pk", "slug", "updated_at").order_by("pk"))
    again = load(folder, ratings=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6 + 5)
    assert again.summary().startswith("Nothing changed: all 11 items were already here.")
    assert not again.changed_anything
    assert list(Film.objects.values_list("pk", "slug", "updated_at").order_by("pk")) == before
    assert AlternateTitle.objects.count() == 2
    assert Keyword.objects.count() == 1


def test_films_already_in_the_catalog_are_found_by_imdb_id_and_only_their_blanks_filled(tmp_path):
    critics = film_create(title="Toy Story: The Film", imdb_id="tt0114709", genres=["Family"])
    report = load(write_latest(tmp_path))
    critics.refresh_from_db()
    assert (report.films.created, report.films.updated) == (5, 1)
    assert (critics.title, critics.year, critics.movielens_id, critics.tmdb_id) == (
        "Toy Story: The Film", 1995, 1, 862,
    )  # fmt: skip
    assert list(critics.genres.values_list("name", flat=True)) == ["Family"]
    # MovieLens's spelling of the title is kept, so text naming it finds the film.
    assert critics.alternate_titles.filter(title="Toy Story").exists()


def test_films_already_in_the_catalog_are_found_by_title_and_year(tmp_path):
    alien = film_create(title="The Shawshank Redemption", year=1994)
    film_create(title="Jumanji", year=2017)
    report = load(write_latest(tmp_path))
    alien.refresh_from_db()
    assert (alien.movielens_id, alien.imdb_id) == (318, "tt0111161")
    assert report.films.created == 5
    assert Film.objects.filter(title="Jumanji").count() == 2


def test_a_title_match_never_takes_a_film_whose_ids_say_it_is_another(tmp_path):
    other = film_create(title="Toy Story", year=1995, imdb_id="tt9999999")
    load(write_latest(tmp_path))
    other.refresh_from_db()
    assert other.movielens_id is None
    assert Film.objects.get(movielens_id=1).slug == "toy-story-1995-2"


def test_a_tmdb_id_two_films_share_in_links_goes_to_the_first_and_the_row_says_so(tmp_path):
    movies = MOVIES + "144606,Confessions of a Dangerous Mind (2002),Comedy\n"
    links = LINKS + "144606,0270288,902\n"
    report = load(write_latest(tmp_path, movies=movies, links=links))
    assert Film.objects.get(movielens_id=29).tmdb_id == 902
    assert Film.objects.get(movielens_id=144606).tmdb_id is None
    assert [(row.file, row.line) for row in report.skipped] == [("links.csv", 8)]
    assert "tmdbId 902 already belongs to another film" in report.skipped[0].reason


def test_movies_rows_that_cannot_be_read_are_skipped_with_their_line(tmp_path):
    movies = (
        "movieId,title,genres\n"
        "1,Toy Story (1995),Animation\n"
        "x,Broken (1999),Drama\n"
        "3,,Drama\n"
        "1,Toy Story Again (1995),Animation\n"
        "\n"
        "5\n"
        "6,Fine (2001),Drama\n"
    )
    report = load(write_latest(tmp_path, movies=movies, links=None, tags=None))
    assert [(row.line, row.reason) for row in report.skipped] == [
        (3, "movieId 'x' is not a positive whole number"),
        (4, "title is empty"),
        (5, "movieId 1 is already on line 2"),
        (7, "has 1 fields; expected at least 3"),
    ]
    assert report.films.created == 2


def test_ml_100k_films_are_read_from_latin_1_with_genre_flags(tmp_path):
    report = load(write_100k(tmp_path))
    assert report.films.created == 4
    assert [(row.file, row.line, row.reason) for row in report.skipped] == [
        ("u.item", 4, "has no title"),
    ]
    les = Film.objects.get(title="Les Misérables")
    assert (les.year, les.movielens_id, les.imdb_id) == (1995, None, None)
    assert sorted(les.genres.values_list("name", flat=True)) == ["Drama", "Musical"]
    veronique = Film.objects.get(year=1991, title__startswith="La Double")
    assert veronique.title == "La Double vie de Véronique"
    assert veronique.original_title == "The Double Life of Veronique"
    toy = Film.objects.get(title="Toy Story")
    assert sorted(toy.genres.values_list("name", flat=True)) == ["Animation", "Children", "Comedy"]


def test_ml_100k_films_are_found_again_by_title_and_year_so_a_rerun_changes_nothing(tmp_path):
    folder = write_100k(tmp_path)
    load(folder, ratings=True)
    again = load(folder, ratings=True)
    assert (again.created, again.updated) == (0, 0)
    assert Film.objects.count() == 4


def test_ml_100k_after_ml_latest_joins_the_same_films_by_title_and_year(tmp_path):
    load(write_latest(tmp_path / "latest"))
    items = ITEMS_100K + item_100k(2, "GoldenEye (1995)", "01-Jan-1995", "Action")
    report = load(write_100k(tmp_path / "100k", items=items))
    assert Film.objects.filter(title="Toy Story").count() == 1
    # ml-100k's item 2 is GoldenEye; MovieLens's movie 2 (Jumanji) is left alone.
    assert Film.objects.get(movielens_id=2).title == "Jumanji"
    assert Film.objects.get(title="GoldenEye").movielens_id is None
    assert report.films.created == 4


def test_ml_100k_without_u_genre_uses_the_standard_genre_order(tmp_path):
    load(write_100k(tmp_path, genre_file=False))
    assert Film.objects.get(title="Toy Story").genres.filter(name="Animation").exists()


def test_a_dry_run_reports_what_it_would_do_and_writes_nothing(tmp_path):
    report = load(write_latest(tmp_path), ratings=True, dry_run=True)
    assert report.dry_run
    assert (report.films.created, report.ratings.created, report.readers_created) == (6, 5, 2)
    assert report.summary().startswith("Dry run, nothing written. Films: 6 created")
    assert not Film.objects.exists()
    assert not Genre.objects.exists()
