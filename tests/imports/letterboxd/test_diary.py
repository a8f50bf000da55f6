"""diary.csv and reviews.csv: viewings with exact ratings, rewatches, tags and review notes."""

from datetime import date

from marquee.imports.letterboxd import parse
from marquee.imports.records import DiaryRecord, FilmRef, Origin

from .conftest import DIARY_COLUMNS, REVIEW_COLUMNS, csv_text, diary_row, review_row


def diary(records) -> list[DiaryRecord]:
    return [record for record in records if isinstance(record, DiaryRecord)]


def test_a_diary_row_becomes_a_viewing_with_its_exact_rating(export_zip):
    path = export_zip(
        {
            "diary.csv": csv_text(
                [diary_row("Alien", "1979", rating="3.5", uri="https://boxd.it/5Yb2Kx")]
            )
        }
    )
    parsed = parse(path)
    assert parsed.records == [
        DiaryRecord(
            film=FilmRef("Alien", 1979),
            watched_on=date(2024, 3, 9),
            origin=Origin("diary.csv", 2),
            half_stars=7,
            source_key="https://boxd.it/5Yb2Kx",
        )
    ]
    assert parsed.skipped == []


def test_every_half_star_from_half_to_five_is_kept_exactly(export_zip):
    stars = ["0.5", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"]
    rows = [
        diary_row("Alien", "1979", rating=rating, watched=f"2024-01-{day:02d}")
        for day, rating in enumerate(stars, start=1)
    ]
    parsed = parse(export_zip({"diary.csv": csv_text(rows)}))
    assert [entry.half_stars for entry in diary(parsed.records)] == list(range(1, 11))


def test_an_empty_rating_is_a_viewing_without_one(export_zip):
    parsed = parse(export_zip({"diary.csv": csv_text([diary_row("Alien", "1979", rating="")])}))
    assert diary(parsed.records)[0].half_stars is None and not parsed.skipped


def test_rewatch_yes_marks_a_rewatch(export_zip):
    rows = [
        diary_row("Alien", "1979", watched="2019-10-31"),
        diary_row("Alien", "1979", watched="2024-10-31", rewatch="Yes"),
    ]
    parsed = parse(export_zip({"diary.csv": csv_text(rows)}))
    assert [entry.rewatch for entry in diary(parsed.records)] == [False, True]


def test_quoted_tags_are_split_into_separate_tags(export_zip):
    row = diary_row("Alien", "1979", tags="halloween, 35mm, with dad, halloween")
    text = csv_text([row])
    assert '"halloween, 35mm, with dad, halloween"' in text  # quoted, as Letterboxd writes it
    parsed = parse(export_zip({"diary.csv": text}))
    assert diary(parsed.records)[0].tags == ("halloween", "35mm", "with dad")


def test_the_log_date_stands_in_for_a_missing_watched_date(export_zip):
    row = diary_row("Alien", "1979", watched="", date="2023-06-01")
    parsed = parse(export_zip({"diary.csv": csv_text([row])}))
    assert diary(parsed.records)[0].watched_on == date(2023, 6, 1)


def test_a_review_is_merged_into_the_diary_entry_with_the_same_uri(export_zip):
    uri = "https://boxd.it/5Yb2Kx"
    review = 'In space, "no one" can hear you scream, and\nthe crew, sweaty, feels real.'
    parsed = parse(
        export_zip(
            {
                "diary.csv": csv_text([diary_row("Alien", "1979", rating="4.5", uri=uri)]),
                "reviews.csv": csv_text(
                    [review_row("Alien", "1979", review, rating="4.5", uri=uri)]
                ),
            }
        )
    )
    [entry] = diary(parsed.records)
    assert entry.note == review
    assert entry.origin == Origin("diary.csv", 2) and entry.half_stars == 9


def test_a_review_with_no_diary_row_is_its_own_entry(export_zip):
    standalone = {"watched": "", "date": "2022-02-02", "rewatch": "Yes", "tags": "snow, dogs"}
    text = csv_text(
        [
            review_row("Alien", "1979", "Good.", uri="https://boxd.it/a1"),
            review_row(
                "The Thing",
                "1982",
                'Cold,\n\ncold, "cold".',
                uri="https://boxd.it/b2",
                **standalone,
            ),
        ]
    )
    parsed = parse(
        export_zip(
            {
                "diary.csv": csv_text([diary_row("Alien", "1979", uri="https://boxd.it/a1")]),
                "reviews.csv": text,
            }
        )
    )
    alien, thing = diary(parsed.records)
    assert alien.note == "Good."
    assert thing == DiaryRecord(
        film=FilmRef("The Thing", 1982),
        watched_on=date(2022, 2, 2),
        origin=Origin("reviews.csv", 3),
        rewatch=True,
        tags=("snow", "dogs"),
        note='Cold,\n\ncold, "cold".',
        source_key="https://boxd.it/b2",
    )


def test_line_numbers_count_the_lines_a_quoted_review_spans(export_zip):
    rows = [
        review_row("Alien", "1979", "one\ntwo\nthree", uri="https://boxd.it/a1"),
        review_row("Alien", "1979", "bad rating", rating="7", uri="https://boxd.it/a2"),
    ]
    parsed = parse(export_zip({"reviews.csv": csv_text(rows, REVIEW_COLUMNS)}))
    assert [row.line for row in parsed.skipped] == [5]


def test_an_overlong_review_is_skipped_and_the_viewing_kept(export_zip):
    uri = "https://boxd.it/5Yb2Kx"
    parsed = parse(
        export_zip(
            {
                "diary.csv": csv_text([diary_row("Alien", "1979", uri=uri)], DIARY_COLUMNS),
                "reviews.csv": csv_text([review_row("Alien", "1979", "x" * 20_001, uri=uri)]),
            }
        )
    )
    assert diary(parsed.records)[0].note == ""
    assert parsed.skipped[0].file == "reviews.csv"
    assert parsed.skipped[0].reason.startswith("Review is 20001 characters long")
