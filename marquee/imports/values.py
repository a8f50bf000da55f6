"""Parsing the values export files hold: ratings, dates, years, ids. Each raises a RowError."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.utils import timezone


class RowError(ValueError):
    """A value in one row that cannot be used; the message names the field."""


def half_stars_from_stars(value: str, *, field: str = "Rating") -> int:
    """``"3.5"`` stars to 7 half-stars; 0.5-5 in steps of 0.5, nothing rounded."""
    try:
        stars = Decimal(value.strip().replace(",", "."))
    except InvalidOperation:
        raise RowError(f"{field} {value!r} is not a number") from None
    doubled = stars * 2
    if doubled != doubled.to_integral_value() or not 1 <= doubled <= 10:
        raise RowError(f"{field} {value!r} is not a half-star rating from 0.5 to 5")
    return int(doubled)


def half_stars_from_ten(value: str, *, field: str = "Your Rating") -> int:
    """A 1-10 rating (IMDb, Trakt) to half-stars: 7/10 is 3.5 stars."""
    try:
        points = int(value.strip())
    except ValueError:
        raise RowError(f"{field} {value!r} is not a whole number from 1 to 10") from None
    if not 1 <= points <= 10:
        raise RowError(f"{field} {value!r} is not a rating from 1 to 10")
    return points


def parse_year(value: str, *, field: str = "Year") -> int | None:
    value = value.strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}", value) or not 1870 <= int(value) <= 2100:
        raise RowError(f"{field} {value!r} is not a year")
    return int(value)


def parse_date(value: str, *, field: str, allow_future: bool = False) -> date:
    """An ISO date (``2024-03-09``, or the date part of a timestamp); not in the future."""
    text = value.strip()
    try:
        parsed = date.fromisoformat(text[:10])
    except ValueError:
        raise RowError(f"{field} {value!r} is not a date (expected YYYY-MM-DD)") from None
    # A day of slack: "today" for someone ahead of UTC is already tomorrow here.
    if not allow_future and parsed > (timezone.now() + timedelta(days=1)).date():
        raise RowError(f"{field} {value!r} is in the future")
    if parsed.year < 1870:
        raise RowError(f"{field} {value!r} is too far in the past")
    return parsed


def parse_datetime(value: str, *, field: str) -> datetime:
    """An ISO timestamp or date as an aware datetime (UTC when no zone is given)."""
    text = value.strip().replace("Z", "+00:00")
    try:
        parsed = datetime.fromisoformat(text) if len(text) > 10 else None
    except ValueError:
        raise RowError(f"{field} {value!r} is not a date and time") from None
    if parsed is None:
        parsed = datetime.combine(parse_date(text, field=field), time(12), tzinfo=UTC)
    if parsed.year < 1870:
        raise RowError(f"{field} {value!r} is too far in the past")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    if parsed > timezone.now() + timedelta(days=1):
        raise RowError(f"{field} {value!r} is in the future")
    return parsed


def parse_imdb_id(value: str, *, field: str = "Const") -> str | None:
    value = value.strip()
    if not value:
        return None
    match = re.search(r"tt\d{6,10}", value)
    if not match:
        raise RowError(f"{field} {value!r} is not an IMDb title id (tt...)")
    return match.group(0)


def parse_bool(value: str, *, field: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"", "false", "no", "0"}:
        return False
    if lowered in {"true", "yes", "1"}:
        return True
    raise RowError(f"{field} {value!r} is not yes or no")
