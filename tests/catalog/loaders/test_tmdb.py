"""TMDB metadata onto catalog films: attached by TMDB id, unmatched listed, bad cells skipped."""

import pytest

from marquee.catalog.loaders.tmdb import tmdb_load
from marquee.catalog.models import Film, Keyword
from marquee.catalog.services import film_create
from marquee.errors import InputError
from tests.catalog.loaders.files import tmdb_row, write_tmdb

pytestmark = pytest.mark.django_db

AVATAR = tmdb_row(
    19995,
    "Avatar",
    genres=["Action", "Science Fiction"],
    keywords=["culture clash", "Space War"],
    overview="In the 22nd century, a paraplegic Marine is dispatched to the moon Pandora.",
    tagline="Enter the World of Pandora.",
    runtime="162.0",
    released="2009-12-10",
)
AMELIE = tmdb_row(
    194,
    "Amélie",
    original_title="Le Fabuleux Destin d'Amélie Poulain",
    language="fr",
    genres=["Comedy", "Romance"],
    runtime="122",
    released="2001-04-25",
)


@pytest.fixture
def avatar(db) -> Film:
    return film_create(title="Avatar", year=2009, tmdb_id=19995, genres=["Sci-Fi"])


def test_tmdb_metadata_is_attached_to_the_film_with_that_tmdb_id(tmp_path, avatar):
    report = tmdb_load(path=write_tmdb(tmp_path / "tmdb.csv", AVATAR))
    avatar.refresh_from_db()
    assert (report.films.updated, report.films.created) == (1, 0)
    assert avatar.synopsis.startswith("In the 22nd century")
    assert avatar.tagline == "Enter the World of Pandora."
    assert (avatar.runtime_minutes, avatar.original_language, avatar.original_title) == (
        162, "en", "",
    )  # fmt: skip
    assert sorted(avatar.genres.values_list("name", flat=True)) == ["Action", "Science Fiction"]
    assert sorted(avatar.keywords.values_list("name", flat=True)) == ["culture clash", "space war"]


def test_loading_the_same_file_again_changes_nothing(tmp_path, avatar):
    path = write_tmdb(tmp_path / "tmdb.csv", AVATAR)
    tmdb_load(path=path)
    updated_at = Film.objects.get().updated_at
    again = tmdb_load(path=path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)
    assert again.summary() == "Nothing changed: all 1 items were already here."
    assert Film.objects.get().updated_at == updated_at


def test_keywords_are_added_to_the_films_own_and_empty_values_keep_what_is_there(tmp_path, avatar):
    avatar.keywords.create(name="pandora", slug="pandora")
    avatar.synopsis = "Our own synopsis."
    avatar.save()
    tmdb_load(path=write_tmdb(tmp_path / "tmdb.csv", tmdb_row(19995, "Avatar", keywords=["3d"])))
    avatar.refresh_from_db()
    assert avatar.synopsis == "Our own synopsis."
    assert sorted(avatar.keywords.values_list("name", flat=True)) == ["3d", "pandora"]
    assert list(avatar.genres.values_list("name", flat=True)) == ["Sci-Fi"]


def test_films_not_in_the_catalog_are_listed_as_unmatched(tmp_path, avatar):
    report = tmdb_load(path=write_tmdb(tmp_path / "tmdb.csv", AVATAR, AMELIE))
    assert [
        (f.origin.line, f.film.title, f.film.year, f.film.tmdb_id) for f in report.unmatched
    ] == [
        (3, "Amélie", 2001, 194),
    ]
    assert Film.objects.count() == 1
    assert report.summary().endswith("1 films not in the catalog.")


def test_with_create_missing_unmatched_films_are_added_with_their_metadata(tmp_path, avatar):
    report = tmdb_load(path=write_tmdb(tmp_path / "tmdb.csv", AVATAR, AMELIE), create_missing=True)
    assert (report.films.created, report.films.updated, report.unmatched) == (1, 1, [])
    amelie = Film.objects.get(tmdb_id=194)
    assert (amelie.title, amelie.year, amelie.slug, amelie.match_key) == (
        "Amélie", 2001, "amelie-2001", "amelie",
    )  # fmt: skip
    assert (amelie.original_title, amelie.original_language) == (
        "Le Fabuleux Destin d'Amélie Poulain", "fr",
    )  # fmt: skip
    assert list(amelie.alternate_titles.values_list("title", flat=True)) == [
        "Le Fabuleux Destin d'Amélie Poulain",
    ]
    again = tmdb_load(path=write_tmdb(tmp_path / "tmdb.csv", AVATAR, AMELIE), create_missing=True)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)


def test_a_film_without_a_tmdb_id_is_found_by_title_and_year(tmp_path):
    amelie = film_create(title="Amelie", year=2001)
    film_create(title="Amélie", year=1990)
    report = tmdb_load(path=write_tmdb(tmp_path / "tmdb.csv", AMELIE))
    amelie.refresh_from_db()
    assert report.films.updated == 1
    assert (amelie.tmdb_id, amelie.runtime_minutes) == (194, 122)
    assert amelie.alternate_titles.filter(title="Le Fabuleux Destin d'Amélie Poulain").exists()


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (tmdb_row(5, "X", genres='[{"id": 1, "name": "Action"'), "genres is not valid JSON"),
        (
            tmdb_row(5, "X", keywords='{"id": 1, "name": "heist"}'),
            'keywords is not a JSON list of {"id", "name"} objects',
        ),
        (tmdb_row(5, "X", genres="[1, 2]"), 'genres is not a JSON list of {"id", "name"} objects'),
        (tmdb_row(5, "X", runtime="long"), "runtime 'long' is not a number of minutes"),
        (tmdb_row(5, "X", runtime="-3"), "runtime '-3' is not a number of minutes"),
        (tmdb_row(5, "X", released="10/12/2009"), "release_date '10/12/2009' is not a date"),
        (tmdb_row("tt5", "X"), "id 'tt5' is not a TMDB id"),
    ],
)
def test_a_row_with_a_malformed_cell_is_skipped_with_the_reason(tmp_path, avatar, row, reason):
    report = tmdb_load(path=write_tmdb(tmp_path / "tmdb.csv", row, AVATAR))
    assert [(r.file, r.line) for r in report.skipped] == [("tmdb.csv", 2)]
    assert report.skipped[0].reason.startswith(reason)
    assert report.films.updated == 1


def test_a_repeated_tmdb_id_is_skipped(tmp_path, avatar):
    report = tmdb_load(path=write_tmdb(tmp_path / "tmdb.csv", AVATAR, AVATAR))
    assert [(r.line, r.reason) for r in report.skipped] == [(3, "id 19995 is already on line 2")]


def test_untrusted_text_loses_control_characters_and_is_cut_to_size(tmp_path, avatar):
    row = tmdb_row(
        19995, "Avatar", overview="Line one.\x1b[31m\n\n\n\nLine two." + "x" * 20_000,
        tagline="Enter\u200b the\x00 World" + "!" * 400, keywords=["a" * 300],
    )  # fmt: skip
    tmdb_load(path=write_tmdb(tmp_path / "tmdb.csv", row))
    avatar.refresh_from_db()
    assert avatar.synopsis.startswith("Line one.[31m\n\nLine two.xxx")
    assert len(avatar.synopsis) == 10_000
    assert avatar.tagline.startswith("Enter the World!!!")
    assert len(avatar.tagline) == 300
    assert len(Keyword.objects.get().name) == 100


def test_a_file_without_tmdb_columns_is_refused_and_nothing_is_written(tmp_path, avatar):
    path = tmp_path / "ratings.csv"
    path.write_text("userId,movieId,rating,timestamp\n1,1,4.0,1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"ratings.csv:1: header: missing column\(s\) id, title"):
        tmdb_load(path=path)


def test_a_dry_run_writes_nothing(tmp_path, avatar):
    report = tmdb_load(
        path=write_tmdb(tmp_path / "tmdb.csv", AVATAR, AMELIE), create_missing=True, dry_run=True
    )
    assert (report.films.created, report.films.updated) == (1, 1)
    avatar.refresh_from_db()
    assert (avatar.tagline, Film.objects.count()) == ("", 1)
