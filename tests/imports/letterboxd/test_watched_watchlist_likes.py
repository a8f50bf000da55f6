"""watched.csv, watchlist.csv and likes/films.csv: films with the date they were added."""

from datetime import UTC, datetime

from marquee.imports.letterboxd import parse
from marquee.imports.records import FilmRef, LikeRecord, Origin, WatchedRecord, WatchlistRecord

from .conftest import csv_text, film_row

WHEN = datetime(2024, 1, 5, 12, tzinfo=UTC)


def test_each_file_becomes_its_kind_of_record(export_zip):
    parsed = parse(
        export_zip(
            {
                "watched.csv": csv_text([film_row("Alien", "1979")]),
                "watchlist.csv": csv_text([film_row("Spirited Away", "2001")]),
                "likes/films.csv": csv_text([film_row("Amélie", "2001")]),
            }
        )
    )
    assert parsed.records == [
        WatchedRecord(FilmRef("Alien", 1979), WHEN, Origin("watched.csv", 2)),
        WatchlistRecord(FilmRef("Spirited Away", 2001), WHEN, Origin("watchlist.csv", 2)),
        LikeRecord(FilmRef("Amélie", 2001), WHEN, Origin("likes/films.csv", 2)),
    ]


def test_titles_with_commas_and_quotes_survive_csv_quoting(export_zip):
    names = ["Crouching Tiger, Hidden Dragon", 'The "Human" Factor', "Mad Max: Fury Road"]
    rows = [film_row(name, "2000") for name in names]
    parsed = parse(export_zip({"watchlist.csv": csv_text(rows)}))
    assert [record.film.title for record in parsed.records] == names
