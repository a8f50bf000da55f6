""" "More like this": closest stories first, blended with co-liking, each explained."""

import pytest

from marquee.catalog.models import Film
from marquee.related.selectors import more_like_this
from marquee.related.services import similar_rebuild
from marquee.reviews.services import review_create


def titles(film: Film, **options) -> list[str]:
    return [suggestion.film.title for suggestion in more_like_this(film, **options)]


def test_a_film_with_the_same_keywords_and_story_ranks_above_an_unrelated_one(stories):
    similar_rebuild()
    ranked = titles(stories["harvest"], limit=20)
    assert ranked[:2] == ["Copies", "The Island of Spares"] or ranked[:2] == [
        "The Island of Spares",
        "Copies",
    ]
    assert "Seaside Bakery" not in ranked[:2]
    assert "Seaside Bakery" in titles(stories["harbour"])[:1]


def test_the_reasons_name_shared_keywords_and_words(stories):
    similar_rebuild()
    first = more_like_this(stories["island"])[0]
    assert "shared keywords:" in first.why.casefold()
    assert "clone" in first.why and "organ donation" in first.why
    assert first.shared["terms"]  # distinctive words too
    assert first.to_dict()["why"] == first.why


def test_a_film_without_any_text_gets_no_story_neighbours_and_nothing_breaks(stories):
    similar_rebuild()
    assert more_like_this(stories["blank"]) == []


def test_published_reviews_bring_a_film_closer(stories, critic, verdict):
    similar_rebuild()
    assert "Untitled Reel" not in titles(stories["copies"], limit=20)
    review_create(
        author=critic,
        film=stories["blank"],
        verdict=verdict,
        tagline="Clones, organs, and an escape.",
        setup="Clones raised in a facility for their organs.",
        body="A grim film about clones and organ donation, and the escape they plan.",
        should_watch="If clone stories move you.",
        publish=True,
    )
    similar_rebuild()
    assert "Untitled Reel" in titles(stories["copies"], limit=20)


def test_drafts_do_not_count(stories, critic, verdict):
    review_create(
        author=critic,
        film=stories["blank"],
        verdict=verdict,
        tagline="Clones, organs, and an escape.",
        setup="Clones raised in a facility for their organs.",
        body="Clones and organ donation.",
        should_watch="Yes.",
    )
    similar_rebuild()
    assert more_like_this(stories["blank"]) == []


@pytest.fixture
def horror_story(trained):
    """The taste site's films (trained on), three of them given the very same synopsis."""
    text = "A family moves into an old house where something waits in the cellar."
    horror, romance = trained["horror"], trained["romance"]
    for film in (horror[0], horror[1], romance[0]):
        film.synopsis = text
        film.save()
    return trained


def test_films_without_text_get_neighbours_from_ratings_alone(trained):
    similar_rebuild()
    suggestions = more_like_this(trained["horror"][0], limit=20)
    assert suggestions and all(s.story_score == 0 for s in suggestions)
    assert all(s.film.title.startswith("Horror") for s in suggestions[:5])
    assert "readers who liked Horror 0 liked this too" in suggestions[0].why


def test_equal_stories_are_ordered_by_what_readers_rate_alike(horror_story):
    similar_rebuild()
    suggestions = more_like_this(horror_story["horror"][0], limit=20)
    ranked = [s.film.title for s in suggestions]
    assert ranked[0] == "Horror 1"  # same story and liked by the same readers
    assert ranked.index("Romance 0") > 0  # same story, but liked by the other readers
    first = suggestions[0]
    assert first.story_score > 0 and first.ratings_score > 0
    assert "both mention" in first.why.casefold() and "readers who liked" in first.why


def test_films_the_models_never_saw_keep_their_story_neighbours(trained, stories):
    similar_rebuild()
    assert titles(stories["harvest"])[0] in {"Copies", "The Island of Spares"}
    assert titles(trained["horror"][0])[0].startswith("Horror")
