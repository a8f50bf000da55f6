"""The five answers people give about a film, and the stars each one stands for.

"Loved it" is 5 stars, "liked it" 4, "so-so" 3, "disliked it" 1½ and "haven't seen it" is no
rating at all. Disliking sits below the middle of the scale by more than liking sits above it
because readers use the top of the scale far more than the bottom: 1½ stars is where a typical
reader's "didn't like it" falls.
"""

from __future__ import annotations

from dataclasses import dataclass

from marquee.errors import InputError

UNSEEN = "unseen"
# Onboarding stops asking after this many answers: plenty for the models, bounded for abuse.
MAX_ONBOARDING_ANSWERS = 200


@dataclass(frozen=True)
class Answer:
    key: str
    label: str
    stars: float | None


ANSWERS = [
    Answer("loved", "Loved it", 5.0),
    Answer("liked", "Liked it", 4.0),
    Answer("so-so", "So-so", 3.0),
    Answer("disliked", "Disliked it", 1.5),
    Answer(UNSEEN, "Haven’t seen it", None),
]
BY_KEY = {answer.key: answer for answer in ANSWERS}
KEYS = ", ".join(BY_KEY)


def stars_for(key: object, *, field: str = "answer") -> float | None:
    """The stars an answer stands for (None: haven't seen it); InputError for anything else."""
    if not isinstance(key, str) or key not in BY_KEY:
        shown = repr(key)[:40]
        raise InputError(field, f"{shown} is not one of the answers ({KEYS})")
    return BY_KEY[key].stars


def key_for(stars: float | None) -> str:
    """The answer closest to a rating in stars, to show a stored answer or rating back."""
    if stars is None:
        return UNSEEN
    rated = [answer for answer in ANSWERS if answer.stars is not None]
    return min(rated, key=lambda answer: abs(answer.stars - stars)).key
