"""Building IMDb export rows for the tests: defaults for every column, overridden by name."""

import csv
import io

RATINGS_HEADER = (
    "Const,Your Rating,Date Rated,Title,Original Title,URL,Title Type,IMDb Rating,"
    "Runtime (mins),Year,Genres,Num Votes,Release Date,Directors"
)
OLD_RATINGS_HEADER = RATINGS_HEADER.replace("Original Title,", "")
LIST_HEADER = (
    "Position,Const,Created,Modified,Description,Title,Original Title,URL,Title Type,"
    "IMDb Rating,Runtime (mins),Year,Genres,Num Votes,Release Date,Directors"
)
DEFAULTS = {
    "Position": "1",
    "Const": "tt0078748",
    "Created": "2024-01-02",
    "Modified": "2024-01-02",
    "Description": "",
    "Your Rating": "7",
    "Date Rated": "2024-01-02",
    "Title": "Alien",
    "Original Title": "Alien",
    "URL": "https://www.imdb.com/title/tt0078748/",
    "Title Type": "Movie",
    "IMDb Rating": "8.5",
    "Runtime (mins)": "117",
    "Year": "1979",
    "Genres": "Horror, Sci-Fi",
    "Num Votes": "950000",
    "Release Date": "1979-05-25",
    "Directors": "Ridley Scott",
}


def export(header: str, *rows: dict) -> str:
    """A CSV with ``header`` and one line per dict of overrides, quoted the way IMDb does."""
    columns = header.split(",")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for overrides in rows:
        values = {**DEFAULTS, **{k: str(v) for k, v in overrides.items()}}
        writer.writerow([values.get(column, "") for column in columns])
    return out.getvalue()


def write(tmp_path, text: str, *, name: str = "ratings.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def reasons(parsed) -> list[tuple[int, str]]:
    return [(row.line, row.reason) for row in parsed.skipped]
