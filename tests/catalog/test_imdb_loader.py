"""``marquee catalog load-imdb``: IMDb's dataset files into the catalog."""

from __future__ import annotations

import gzip
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from marquee.catalog.loaders.imdb import FILES, WRITING, imdb_load
from marquee.catalog.models import AlternateTitle, Credit, Film, Person
from marquee.catalog.services import film_create, film_set_people, person_create
from marquee.errors import InputError
from tests.catalog import imdb_files as files
from tests.catalog.imdb_files import (
    ALIEN,
    ALIENS,
    BASICS,
    BROKEN,
    CAMERON,
    DUEL,
    MISSING_PERSON,
    PRINCIPALS,
    SCOTT,
    SKERRITT,
    SPIRITED_AWAY,
    TOTORO,
    UNDATED,
    WEAVER,
    write_imdb,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    return write_imdb(tmp_path / "imdb")


@pytest.fixture
def alien(db) -> Film:
    """Alien as a critic left it: IMDb id, curated title and synopsis, one genre, no runtime."""
    film = film_create(title="Alien", year=1979, imdb_id=ALIEN, genres=["Horror"])
    film.synopsis = "In space no one can hear you scream."
    film.save()
    return film


def film(tconst: str) -> Film:
    return Film.objects.get(imdb_id=tconst)


def credits(tconst: str, role: str) -> list[tuple[str, str, int]]:
    rows = Credit.objects.filter(film__imdb_id=tconst, role=role).order_by("order")
    return [(credit.person.name, credit.character, credit.order) for credit in rows]


def line_of(rows: list, row) -> int:
    """The line a row of a fixture file is on (the header is line 1)."""
    return rows.index(row) + 2


def test_only_films_with_enough_votes_and_not_adult_are_loaded(folder):
    report = imdb_load(directory=folder)
    assert set(Film.objects.values_list("imdb_id", flat=True)) == {
        ALIEN, ALIENS, SPIRITED_AWAY, DUEL, UNDATED,
    }  # fmt: skip
    assert report.films.created == 5


def test_films_get_title_original_title_year_runtime_and_genres(folder):
    imdb_load(directory=folder)
    aliens, away = film(ALIENS), film(SPIRITED_AWAY)
    assert (aliens.title, aliens.year, aliens.runtime_minutes, aliens.original_title) == (
        "Aliens", 1986, 137, "",
    )  # fmt: skip
    assert sorted(aliens.genres.values_list("name", flat=True)) == [
        "Action", "Adventure", "Science Fiction",
    ]  # fmt: skip
    assert (away.title, away.original_title) == ("Spirited Away", "Sen to Chihiro no kamikakushi")
    assert aliens.slug == "aliens-1986"
    undated = film(UNDATED)  # \N for year, runtime, original title and genres
    assert (undated.year, undated.runtime_minutes, undated.original_title) == (None, None, "")
    assert not undated.genres.exists()


def test_the_vote_threshold_and_tv_films_can_be_chosen(folder):
    imdb_load(directory=folder, min_votes=0, title_types=("movie",))
    loaded = set(Film.objects.values_list("imdb_id", flat=True))
    assert TOTORO in loaded
    assert DUEL not in loaded


def test_an_existing_film_is_matched_by_imdb_id_and_only_its_blanks_filled(folder, alien):
    report = imdb_load(directory=folder)
    assert report.films.updated == 1
    alien.refresh_from_db()
    assert Film.objects.filter(imdb_id=ALIEN).count() == 1
    assert (alien.title, alien.year, alien.runtime_minutes) == ("Alien", 1979, 117)
    assert alien.synopsis == "In space no one can hear you scream."
    assert list(alien.genres.values_list("name", flat=True)) == ["Horror"]


def test_a_film_without_imdb_id_is_matched_by_title_and_year(folder):
    away = film_create(title="Spirited Away", year=2001)
    imdb_load(directory=folder)
    away.refresh_from_db()
    assert away.imdb_id == SPIRITED_AWAY
    assert away.original_title == "Sen to Chihiro no kamikakushi"
    assert Film.objects.filter(title="Spirited Away").count() == 1


def test_directors_writers_and_principal_cast_are_credited(folder):
    imdb_load(directory=folder)
    assert credits(ALIEN, "director") == [("Ridley Scott", "", 0)]
    assert credits(ALIEN, "writer") == [("Dan O'Bannon", "", 0)]
    assert credits(ALIEN, "cast") == [
        ("Sigourney Weaver", "Ripley", 1), ("Tom Skerritt", "Dallas", 2),
    ]  # fmt: skip
    assert credits(SPIRITED_AWAY, "cast") == [("Rumi Hiiragi", "Chihiro / Sen", 1)]
    assert credits(DUEL, "director") == [("Steven Spielberg", "", 0)]


def test_a_person_in_crew_and_principals_is_one_person_with_one_credit_a_role(folder):
    imdb_load(directory=folder)
    cameron = Person.objects.get(imdb_id=CAMERON)
    assert sorted(cameron.credits.values_list("film__title", "role")) == [
        ("Aliens", "director"), ("Aliens", "writer"),
    ]  # fmt: skip
    assert Person.objects.get(imdb_id=SCOTT).credits.count() == 1
    assert Person.objects.filter(name="Sigourney Weaver").count() == 1
    assert Person.objects.get(imdb_id=WEAVER).slug == "sigourney-weaver"


def test_only_people_credited_on_loaded_films_are_created(folder):
    imdb_load(directory=folder)
    names = set(Person.objects.values_list("name", flat=True))
    assert "Fred Astaire" not in names  # in name.basics, credited on nothing loaded
    assert not Person.objects.filter(imdb_id="nm0000123").exists()  # the adult film's director
    assert not Person.objects.filter(imdb_id="nm0000002").exists()  # a composer


def test_existing_people_are_matched_by_imdb_id_and_keep_their_names(folder, alien):
    weaver = person_create(name="S. Weaver", imdb_id=WEAVER)
    report = imdb_load(directory=folder)
    weaver.refresh_from_db()
    assert weaver.name == "S. Weaver"
    assert weaver.credits.count() == 2
    assert report.people.unchanged == 1


def test_a_person_a_critic_credited_without_imdb_id_gets_it_instead_of_a_twin(folder, alien):
    (credit,) = film_set_people(film=alien, role="cast", names=["Tom Skerritt"])
    report = imdb_load(directory=folder)
    credit.person.refresh_from_db()
    assert credit.person.imdb_id == SKERRITT
    assert Person.objects.filter(match_key="tom skerritt").count() == 1
    assert Credit.objects.filter(film=alien, role="cast").count() == 2
    assert report.people.updated == 1


def test_alternate_titles_are_distinct_and_keep_region_and_language(folder):
    imdb_load(directory=folder)
    titles = set(
        AlternateTitle.objects.filter(film__imdb_id=SPIRITED_AWAY).values_list(
            "title", "region", "language"
        )
    )
    assert titles == {
        ("Sen to Chihiro no kamikakushi", "", ""),
        ("千と千尋の神隠し", "JP", "ja"),
        ("Le voyage de Chihiro", "FR", ""),
        ("Унесённые призраками", "RU", ""),
        ("Chihiros Reise ins Zauberland", "DE", ""),
    }
    alien_titles = AlternateTitle.objects.filter(film__imdb_id=ALIEN)
    # Not "Alien" (the film's own title), nor the working title "Star Beast".
    assert list(alien_titles.values_list("title", flat=True)) == [
        "Alien - Das unheimliche Wesen aus einer fremden Welt"
    ]


def test_bad_lines_are_skipped_and_listed_with_file_and_line(folder):
    report = imdb_load(directory=folder)
    skipped = {(row.file, row.line): row.reason for row in report.skipped}
    broken = next(row for row in BASICS if isinstance(row, str) and row.startswith(BROKEN))
    missing = next(row for row in PRINCIPALS if row[2] == MISSING_PERSON)
    vasquez = next(row for row in PRINCIPALS if row[-1] == "Vasquez")
    assert skipped == {
        ("title.basics.tsv.gz", line_of(BASICS, broken)): "has 4 fields; expected 9",
        ("title.principals.tsv.gz", line_of(PRINCIPALS, vasquez)): (
            "characters 'Vasquez' is not a JSON list of names"
        ),
        ("title.principals.tsv.gz", line_of(PRINCIPALS, missing)): (
            f"{MISSING_PERSON} is not in name.basics.tsv.gz"
        ),
    }
    assert report.skipped_total == 3
    assert not Film.objects.filter(imdb_id=BROKEN).exists()


def test_bytes_that_are_not_utf8_cost_their_line_only(tmp_path):
    akas = [*files.AKAS, (ALIENS, "1", "Aliens \udcff le retour", "FR", "fr", "", "", "0")]
    akas.append((ALIENS, "2", "Aliens: Die Rückkehr", "DE", "de", "", "", "0"))
    report = imdb_load(directory=write_imdb(tmp_path, akas=akas))
    assert ("title.akas.tsv.gz", len(akas), "is not valid UTF-8") in [
        (row.file, row.line, row.reason) for row in report.skipped
    ]
    assert list(
        AlternateTitle.objects.filter(film__imdb_id=ALIENS).values_list("title", flat=True)
    ) == ["Aliens: Die Rückkehr"]


def test_loading_the_same_files_again_changes_nothing(folder, alien):
    first = imdb_load(directory=folder)
    counts = [model.objects.count() for model in (Film, Person, Credit, AlternateTitle)]
    again = imdb_load(directory=folder)
    assert [model.objects.count() for model in (Film, Person, Credit, AlternateTitle)] == counts
    assert (again.created, again.updated) == (0, 0)
    assert again.films.unchanged == first.films.created + first.films.updated
    assert again.credits.unchanged == first.credits.created
    assert again.titles.unchanged == first.titles.created
    assert again.summary().startswith("Nothing changed: all ")


def test_a_dry_run_reports_and_writes_nothing(folder):
    report = imdb_load(directory=folder, dry_run=True)
    assert report.films.created == 5 and report.credits.created > 0
    assert report.summary().startswith("Dry run, nothing written. Films: 5 created")
    assert not Film.objects.exists() and not Person.objects.exists()


def test_a_missing_file_is_named_and_nothing_is_written(tmp_path):
    folder = write_imdb(tmp_path, akas=None)
    with pytest.raises(InputError, match=r"title\.akas\.tsv\.gz is missing"):
        imdb_load(directory=folder)
    assert not Film.objects.exists()
    with pytest.raises(InputError, match="is not a folder"):
        imdb_load(directory=tmp_path / "nowhere")


def test_a_file_without_a_column_is_refused_before_anything_is_read(tmp_path):
    folder = write_imdb(tmp_path)
    files.write_gz(folder / "name.basics.tsv.gz", "nconst name", [("nm0000244", "S")])
    with pytest.raises(InputError) as error:
        imdb_load(directory=folder)
    assert str(error.value).startswith(
        "name.basics.tsv.gz:1: header: missing column(s) primaryName"
    )
    assert not Film.objects.exists()


def test_a_file_that_is_not_gzip_or_is_cut_short_is_an_input_error(tmp_path):
    folder = write_imdb(tmp_path)
    (folder / "title.crew.tsv.gz").write_text("tconst\tdirectors\twriters\n")
    with pytest.raises(InputError, match=r"^title\.crew\.tsv\.gz:1: gzip: cannot be read"):
        imdb_load(directory=folder)
    whole = gzip.compress(
        "\n".join(["\t".join(files.HEADERS["title.akas.tsv.gz"].split())] * 5000).encode()
    )
    folder = write_imdb(tmp_path / "cut")
    (folder / "title.akas.tsv.gz").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(InputError, match=r"^title\.akas\.tsv\.gz:\d+: gzip: "):
        imdb_load(directory=folder)
    assert not Film.objects.exists()


def test_progress_follows_each_file_by_compressed_bytes_then_the_writing(folder):
    stages: list[tuple[str, int, str]] = []
    last: dict[str, tuple[int, int]] = {}

    def progress(stage: str, total: int, unit: str):
        stages.append((stage, total, unit))
        return lambda done, of: last.__setitem__(stage, (done, of))

    imdb_load(directory=folder, progress=progress)
    assert [stage for stage, _, _ in stages] == [*FILES, WRITING]
    for stage, total, unit in stages[:-1]:
        assert unit == "B" and total == (folder / stage).stat().st_size
        assert last[stage] == (total, total)
    assert stages[-1][2] == "row" and last[WRITING][0] == last[WRITING][1] == stages[-1][1]


def run(*args: str) -> str:
    out = StringIO()
    call_command("catalog", "load-imdb", *args, stdout=out)
    return out.getvalue()


def test_the_command_prints_a_summary_or_json_and_refuses_bad_folders(folder, tmp_path):
    report = json.loads(run(str(folder), "--json", "--min-votes", "1000"))
    assert report["films"] == {"created": 5, "updated": 0, "unchanged": 0}
    assert report["people"]["created"] == 8
    assert report["alternate_titles"]["created"] > 0
    assert report["skipped_total"] == 3
    out = run(str(folder), "--no-tv-movies")
    assert out.startswith("Nothing changed: all ")
    assert "  skipped title.basics.tsv.gz:" in out
    with pytest.raises(CommandError, match="title.ratings.tsv.gz is missing"):
        run(str(write_imdb(tmp_path / "partial", ratings=None)))
