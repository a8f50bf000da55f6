"""Building Trakt export entries and ZIPs for the tests, shaped like Trakt's own JSON."""

import json
import zipfile


def movie(title: str, year: int, trakt: int, imdb: str | None, tmdb: int | None) -> dict:
    slug = f"{title.lower().replace(' ', '-')}-{year}"
    return {
        "title": title,
        "year": year,
        "ids": {"trakt": trakt, "slug": slug, "imdb": imdb, "tmdb": tmdb},
    }


ALIEN = movie("Alien", 1979, 1, "tt0078748", 348)
THING = movie("The Thing", 1982, 2, "tt0084787", 1091)
MOON = movie("Moon", 2009, 3, "tt1182345", 17431)
SHOW = {"title": "Breaking Bad", "year": 2008, "ids": {"trakt": 1388, "tmdb": 1396}}
EPISODE = {"season": 1, "number": 1, "title": "Pilot", "ids": {"trakt": 73482, "tmdb": 62085}}


def watch(history_id: int, watched_at: str, movie: dict = ALIEN, action: str = "watch") -> dict:
    return {
        "id": history_id,
        "watched_at": watched_at,
        "action": action,
        "type": "movie",
        "movie": movie,
    }


def episode_watch(history_id: int, watched_at: str) -> dict:
    return {
        "id": history_id,
        "watched_at": watched_at,
        "action": "scrobble",
        "type": "episode",
        "episode": EPISODE,
        "show": SHOW,
    }


def rating(value, rated_at: str = "2024-01-05T21:00:00.000Z", movie: dict = ALIEN) -> dict:
    return {"rated_at": rated_at, "rating": value, "type": "movie", "movie": movie}


def listed(listed_at: str, movie: dict | None = ALIEN, kind: str = "movie") -> dict:
    entry = {"rank": 1, "id": 9, "listed_at": listed_at, "notes": None, "type": kind}
    entry["movie" if kind == "movie" else "show"] = movie if kind == "movie" else SHOW
    return entry


def make_zip(path, members: dict):
    """A ZIP whose members are JSON-encoded, or written as-is when given as str."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, value in members.items():
            archive.writestr(name, value if isinstance(value, str) else json.dumps(value, indent=2))
    return path


def reasons(parsed) -> list[tuple[str, int, str]]:
    return [(row.file, row.line, row.reason) for row in parsed.skipped]
