"""Applying parsed records: idempotent, transactional, half stars exact, everything reported."""

from datetime import UTC, date, datetime

import pytest

from marquee.catalog.models import Film
from marquee.catalog.services import film_create
from marquee.errors import InputError
from marquee.imports.records import (
    DiaryRecord,
    FilmRef,
    LikeRecord,
    ListItemRecord,
    ListRecord,
    Origin,
    ParsedExport,
    RatingRecord,
    WatchedRecord,
    WatchlistRecord,
)
from marquee.imports.services import import_apply
from marquee.readers.models import (
    DiaryEntry,
    FilmLike,
    FilmList,
    Rating,
    WatchedFilm,
    WatchlistEntry,
)

pytestmark = pytest.mark.django_db
WHEN = datetime(2024, 5, 1, 12, tzinfo=UTC)


def at(line: int) -> Origin:
    return Origin("export.csv", line)


@pytest.fixture
def films(db):
    return {
        "alien": film_create(title="Alien", year=1979),
        "amelie": film_create(title="Amélie", year=2001, imdb_id="tt0211915"),
        "thing": film_create(title="The Thing", year=1982),
    }


def export(*records, skipped=()) -> ParsedExport:
    return ParsedExport(records=list(records), skipped=list(skipped))


def everything() -> ParsedExport:
    return export(
        RatingRecord(FilmRef("Alien", 1979), 7, WHEN, at(2)),
        DiaryRecord(
            FilmRef("Alien", 1979), date(2024, 5, 1), at(3), rewatch=True, half_stars=7,
            tags=("space", "horror"), note="Still great.", source_key="https://boxd.it/a1",
        ),
        WatchlistRecord(FilmRef("Thing", 1982), WHEN, at(4)),
        LikeRecord(FilmRef("Amelie", 2001), WHEN, at(5)),
        WatchedRecord(FilmRef("Amelie", 2001), WHEN, at(6)),
        ListRecord(
            "Favourites", at(7), "Best ever",
            items=(ListItemRecord(FilmRef("Alien", 1979), 1, at(8)),
                   ListItemRecord(FilmRef("The Thing", 1982), 2, at(9), note="Cold.")),
        ),
    )  # fmt: skip


def test_every_kind_of_record_is_created(reader, films):
    report = import_apply(user=reader, source="letterboxd", parsed=everything())
    assert (report.created, report.updated, report.unchanged) == (6, 0, 0)
    assert Rating.objects.get(user=reader).stars == 3.5
    entry = DiaryEntry.objects.get(user=reader)
    assert (entry.rewatch, entry.half_stars, entry.tags) == (True, 7, ["space", "horror"])
    assert WatchlistEntry.objects.get(user=reader).film == films["thing"]
    assert FilmLike.objects.get(user=reader).film == films["amelie"]
    assert WatchedFilm.objects.filter(user=reader).count() == 1
    favourites = FilmList.objects.get(user=reader)
    assert [(i.position, i.film.title, i.note) for i in favourites.items.all()] == [
        (1, "Alien", ""),
        (2, "The Thing", "Cold."),
    ]


def test_importing_the_same_export_again_changes_nothing_and_says_so(reader, films):
    import_apply(user=reader, source="letterboxd", parsed=everything())
    again = import_apply(user=reader, source="letterboxd", parsed=everything())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 6)
    assert again.summary().startswith("Nothing changed")
    assert DiaryEntry.objects.count() == 1 and Rating.objects.count() == 1


def test_a_changed_rating_is_an_update(reader, films):
    import_apply(
        user=reader,
        source="imdb",
        parsed=export(RatingRecord(FilmRef("Alien", 1979), 7, WHEN, at(2))),
    )
    report = import_apply(
        user=reader,
        source="imdb",
        parsed=export(RatingRecord(FilmRef("Alien", 1979), 8, WHEN, at(2))),
    )
    assert (report.created, report.updated) == (0, 1)
    assert Rating.objects.get().half_stars == 8


def test_half_stars_stay_exact(reader, films):
    import_apply(
        user=reader,
        source="imdb",
        parsed=export(RatingRecord(FilmRef("Alien", 1979), 7, WHEN, at(2))),
    )
    rating = Rating.objects.get()
    assert rating.half_stars == 7 and rating.stars == 3.5 and rating.stars_label == "★★★½"


def test_rewatches_on_different_days_are_separate_entries(reader, films):
    parsed = export(
        DiaryRecord(FilmRef("Alien", 1979), date(2020, 1, 1), at(2)),
        DiaryRecord(FilmRef("Alien", 1979), date(2024, 1, 1), at(3), rewatch=True),
    )
    assert import_apply(user=reader, source="trakt", parsed=parsed).created == 2
    assert import_apply(user=reader, source="trakt", parsed=parsed).unchanged == 2


def test_films_are_matched_by_accent_article_and_year_off_by_one(reader, films):
    parsed = export(
        RatingRecord(FilmRef("amelie", 2002), 8, WHEN, at(2)),
        RatingRecord(FilmRef("Thing, The", 1982), 6, WHEN, at(3)),
    )
    report = import_apply(user=reader, source="letterboxd", parsed=parsed)
    assert report.created == 2 and not report.unmatched


def test_unmatched_films_are_reported_with_their_row(reader, films):
    report = import_apply(
        user=reader,
        source="letterboxd",
        parsed=export(RatingRecord(FilmRef("Unknown Film", 1999), 6, WHEN, at(4))),
    )
    assert report.created == 0
    assert report.to_dict()["unmatched"] == [
        {"file": "export.csv", "line": 4, "title": "Unknown Film", "year": 1999, "imdb_id": None}
    ]


def test_unmatched_films_can_be_created_from_the_row(reader, films):
    report = import_apply(
        user=reader, source="imdb", create_missing=True,
        parsed=export(RatingRecord(FilmRef("Moon", 2009, imdb_id="tt1182345"), 8, WHEN, at(2))),
    )  # fmt: skip
    assert report.films_created == 1
    assert Film.objects.get(imdb_id="tt1182345").title == "Moon"


def test_duplicate_rows_are_skipped_naming_the_first(reader, films):
    row = RatingRecord(FilmRef("Alien", 1979), 7, WHEN, at(2))
    report = import_apply(
        user=reader, source="imdb", parsed=export(row, RatingRecord(row.film, 7, WHEN, at(9)))
    )
    assert report.created == 1
    assert report.to_dict()["skipped"] == [
        {"file": "export.csv", "line": 9, "reason": "duplicate of export.csv line 2"}
    ]


def test_strict_mode_stops_at_the_first_bad_row_and_writes_nothing(reader, films):
    parsed = export(
        RatingRecord(FilmRef("Alien", 1979), 7, WHEN, at(2)),
        RatingRecord(FilmRef("Nowhere", 1900), 7, WHEN, at(3)),
    )
    with pytest.raises(
        InputError, match=r"export.csv:3: film: Nowhere \(1900\) is not in the catalog"
    ):
        import_apply(user=reader, source="imdb", parsed=parsed, strict=True)
    assert Rating.objects.count() == 0


def test_strict_mode_refuses_rows_the_parser_skipped(reader, films):
    from marquee.imports.records import SkippedRow

    parsed = export(skipped=[SkippedRow("ratings.csv", 5, "Rating '11' is not a half-star rating")])
    with pytest.raises(InputError, match="ratings.csv:5"):
        import_apply(user=reader, source="imdb", parsed=parsed, strict=True)


def test_a_failure_midway_rolls_everything_back(reader, films, monkeypatch):
    from marquee.imports import services

    def explode(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(services._Writer, "flush", explode)
    with pytest.raises(RuntimeError):
        import_apply(user=reader, source="letterboxd", parsed=everything())
    assert FilmList.objects.count() == 0 and Rating.objects.count() == 0


def test_a_dry_run_reports_without_writing(reader, films):
    report = import_apply(user=reader, source="letterboxd", parsed=everything(), dry_run=True)
    assert report.created == 6 and report.dry_run
    assert report.summary().startswith("Dry run")
    assert Rating.objects.count() == 0 and FilmList.objects.count() == 0


def test_progress_is_reported_up_to_the_total(reader, films):
    seen = []
    import_apply(
        user=reader,
        source="letterboxd",
        parsed=everything(),
        progress=lambda d, t: seen.append((d, t)),
    )
    assert seen[-1] == (6, 6)


def test_another_readers_data_is_untouched(reader, other_reader, films):
    import_apply(
        user=other_reader,
        source="imdb",
        parsed=export(RatingRecord(FilmRef("Alien", 1979), 2, WHEN, at(2))),
    )
    import_apply(
        user=reader,
        source="imdb",
        parsed=export(RatingRecord(FilmRef("Alien", 1979), 9, WHEN, at(2))),
    )
    assert Rating.objects.get(user=other_reader).half_stars == 2
