"""Small MovieLens and TMDB files in their real layouts, written where a test asks."""

from __future__ import annotations

import json
from pathlib import Path

MOVIES = """movieId,title,genres
1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
2,Jumanji (1995),Adventure|Children|Fantasy
29,"City of Lost Children, The (Cité des enfants perdus, La) (1995)",Adventure|Drama|Sci-Fi
47,Seven (a.k.a. Se7en) (1995),Mystery|Thriller
318,"Shawshank Redemption, The (1994)",Crime|Drama
171749,Death Note: Desu nôto (2006–2007),(no genres listed)
"""
LINKS = """movieId,imdbId,tmdbId
1,0114709,862
2,0113497,8844
29,0112682,902
47,0114369,807
318,0111161,278
171749,0877057,
"""
RATINGS = """userId,movieId,rating,timestamp
1,1,4.0,964982703
1,29,3.5,964981247
1,47,5.0,964983815
2,1,0.5,1445714994
2,318,3,1445715207
"""
TAGS = """userId,movieId,tag,timestamp
1,318,prison,1445714994
2,318,Prison,1445714996
2,318,morgan freeman,1445714992
3,1,pixar,1445715207
"""


def write_latest(
    folder: Path,
    *,
    movies: str = MOVIES,
    links: str | None = LINKS,
    ratings: str | None = RATINGS,
    tags: str | None = TAGS,
    encoding: str = "utf-8",
) -> Path:
    """An ml-latest-small style folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (
        ("movies.csv", movies),
        ("links.csv", links),
        ("ratings.csv", ratings),
        ("tags.csv", tags),
    ):
        if text is not None:
            (folder / name).write_bytes(text.encode(encoding))
    return folder


GENRES_100K = (
    "unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
    "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance",
    "Sci-Fi", "Thriller", "War", "Western",
)  # fmt: skip


def item_100k(movie_id: int, title: str, released: str, *genres: str) -> str:
    flags = "|".join("1" if name in genres else "0" for name in GENRES_100K)
    return f"{movie_id}|{title}|{released}||http://us.imdb.com/M/title-exact?x|{flags}\n"


ITEMS_100K = (
    item_100k(1, "Toy Story (1995)", "01-Jan-1995", "Animation", "Children's", "Comedy")
    + item_100k(543, "Misérables, Les (1995)", "01-Jan-1995", "Drama", "Musical")
    + item_100k(
        1005,
        "Double vie de Véronique, La (Double Life of Veronique, The) (1991)",
        "01-Jan-1991",
        "Drama",
    )
    + item_100k(267, "unknown", "", "unknown")
    + item_100k(1682, "Scream of Stone (Schrei aus Stein) (1991)", "08-Mar-1996", "Drama")
)
DATA_100K = "196\t1\t3\t881250949\n186\t543\t5\t891717742\n22\t1005\t1\t878887116\n"


def write_100k(
    folder: Path,
    *,
    items: str = ITEMS_100K,
    data: str | None = DATA_100K,
    genre_file: bool = True,
) -> Path:
    """An ml-100k style folder: Latin-1 u.item, tab-separated u.data."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "u.item").write_bytes(items.encode("latin-1"))
    if data is not None:
        (folder / "u.data").write_text(data, encoding="ascii")
    if genre_file:
        genres = "".join(f"{name}|{index}\n" for index, name in enumerate(GENRES_100K))
        (folder / "u.genre").write_text(genres + "\n", encoding="ascii")
    return folder


TMDB_HEADER = (
    "budget,genres,homepage,id,keywords,original_language,original_title,overview,popularity,"
    "production_companies,production_countries,release_date,revenue,runtime,spoken_languages,"
    "status,tagline,title,vote_average,vote_count\n"
)


def tmdb_row(
    tmdb_id: int | str,
    title: str,
    *,
    genres: object = (),
    keywords: object = (),
    original_title: str | None = None,
    language: str = "en",
    overview: str = "",
    tagline: str = "",
    runtime: str = "",
    released: str = "",
) -> str:
    def cell(value: object) -> str:
        if not isinstance(value, str):
            value = json.dumps([{"id": n, "name": name} for n, name in enumerate(value)])
        return '"' + value.replace('"', '""') + '"'

    return ",".join(
        [
            "1000", cell(genres), "", str(tmdb_id), cell(keywords), language,
            cell(original_title if original_title is not None else title), cell(overview), "1.5",
            "[]", "[]", released, "0", runtime, "[]", "Released", cell(tagline), cell(title),
            "7.1", "100",
        ]
    ) + "\n"  # fmt: skip


def write_tmdb(path: Path, *rows: str) -> Path:
    path.write_text(TMDB_HEADER + "".join(rows), encoding="utf-8")
    return path
