"""Movary export files for the tests, with the headers Movary's ExportService writes."""

import zipfile

HISTORY = "title,year,tmdbId,imdbId,watchedAt,comment,location"
RATINGS = "title,year,tmdbId,imdbId,userRating"
WATCHLIST = "title,year,tmdbId,imdbId,addedAt"

ALIEN = "Alien,1979,348,tt0078748"
THING = '"The Thing",1982,1091,tt0084787'
MOON = "Moon,2009,17431,tt1182345"


def csv(header: str, *rows: str) -> str:
    return "\n".join([header, *rows]) + "\n"


def write_folder(folder, files: dict[str, str]):
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def make_zip(path, files: dict[str, str]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return path


def reasons(parsed) -> list[tuple[str, int, str]]:
    return [(row.file, row.line, row.reason) for row in parsed.skipped]
