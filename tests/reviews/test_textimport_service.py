"""review_create_from_text: film found or added, review and comments written, or nothing at all."""

from __future__ import annotations

import pytest

from marquee.catalog.models import Credit, Film, Person
from marquee.catalog.selectors import film_cast, film_directors
from marquee.comments.models import Comment
from marquee.errors import InputError
from marquee.reviews.models import Review, ReviewRevision
from marquee.reviews.services import ReviewPermissionError
from marquee.reviews.textimport import review_create_from_text, review_to_dict

pytestmark = pytest.mark.django_db

TEXT = """Stalker (1979) essential
A journey to the room where wishes come true.
Andrei Tarkovsky
Alisa Freyndlikh, Aleksandr Kaydanovskiy
The Setup:
A guide leads two men through the forbidden Zone.

Slow, *hypnotic* and strange.

Should you watch it:
Yes, with patience.

A reader's comment.

Another reader's comment.
"""


def counts() -> tuple[int, ...]:
    return tuple(
        model.objects.count() for model in (Film, Person, Credit, Review, ReviewRevision, Comment)
    )


def test_new_film_is_added_with_its_credits(critic):
    review = review_create_from_text(author=critic, text=TEXT)

    film = review.film
    assert (film.title, film.year) == ("Stalker", 1979)
    assert [p.name for p in film_directors(film)] == ["Andrei Tarkovsky"]
    assert [p.name for p in film_cast(film)] == ["Alisa Freyndlikh", "Aleksandr Kaydanovskiy"]


def test_review_gets_text_verdict_author_and_draft_status(critic):
    review = review_create_from_text(author=critic, text=TEXT)

    assert review.author == critic
    assert review.verdict.slug == "essential"
    assert review.tagline == "A journey to the room where wishes come true."
    assert review.setup == "A guide leads two men through the forbidden Zone."
    assert review.body == "Slow, *hypnotic* and strange."
    assert "<em>hypnotic</em>" in review.body_html
    assert review.should_watch == "Yes, with patience."
    assert review.status == Review.Status.DRAFT
    assert review.revisions.count() == 1


def test_publish_makes_it_public(critic):
    review = review_create_from_text(author=critic, text=TEXT, publish=True)

    assert review.is_published
    assert review.published_at is not None


def test_comments_are_imported_approved_and_in_order(critic):
    review = review_create_from_text(author=critic, text=TEXT)

    comments = list(review.comments.order_by("created_at", "id"))
    assert [c.body for c in comments] == ["A reader's comment.", "Another reader's comment."]
    assert all(c.status == Comment.Status.APPROVED and c.author is None for c in comments)


def test_existing_film_is_matched_by_title_and_year_without_touching_its_credits(critic, film):
    text = (
        "alien (1979) recommended viewing\nTagline.\nSomeone Else\nNobody, At All\n"
        "The Setup:\nPremise.\n\nBody.\n\nShould you watch it:\nYes.\n"
    )
    films_before = Film.objects.count()

    review = review_create_from_text(author=critic, text=text)

    assert review.film == film
    assert Film.objects.count() == films_before
    assert [p.name for p in film_directors(film)] == ["Ridley Scott"]
    assert [p.name for p in film_cast(film)] == ["Sigourney Weaver", "Tom Skerritt", "John Hurt"]


def test_existing_film_is_told_apart_by_its_director(critic, film):
    from marquee.catalog.services import film_create, film_set_people

    remake = film_create(title="Alien", year=1979)
    film_set_people(film=remake, role=Credit.Role.DIRECTOR, names=["Somebody Else"])
    text = (
        "Alien (1979) essential\nTagline.\nRidley Scott\n"
        "The Setup:\nPremise.\n\nBody.\n\nShould you watch it:\nYes.\n"
    )

    review = review_create_from_text(author=critic, text=text)

    assert review.film == film


@pytest.mark.parametrize(
    "broken",
    [
        TEXT.replace("essential", "a classic"),  # no verdict
        TEXT.replace("The Setup:", "Setup"),  # no setup label
        TEXT.replace("Should you watch it:", "So?"),  # no advice label
        TEXT.replace("Andrei Tarkovsky\nAlisa Freyndlikh, Aleksandr Kaydanovskiy\n", ""),
        TEXT + "\n" + "x" * 6000,  # over-long comment, found after the review parsed fine
    ],
)
def test_bad_text_writes_nothing(critic, film, broken):
    before = counts()

    with pytest.raises(InputError):
        review_create_from_text(author=critic, text=broken)

    assert counts() == before


def test_failure_after_the_film_was_added_rolls_the_film_back(critic, monkeypatch):
    import marquee.reviews.textimport as textimport

    def fail_on_comment(**kwargs):
        raise InputError("comment", "refused for the test")

    monkeypatch.setattr(textimport, "comment_import", fail_on_comment)
    before = counts()

    with pytest.raises(InputError) as caught:
        review_create_from_text(author=critic, text=TEXT, source="stalker.txt")

    assert counts() == before
    # The service's error is pointed at the line the first comment came from.
    assert (caught.value.file, caught.value.line) == ("stalker.txt", 13)


def test_reader_may_not_import_and_nothing_is_written(reader):
    before = counts()

    with pytest.raises(ReviewPermissionError):
        review_create_from_text(author=reader, text=TEXT)

    assert counts() == before


def test_errors_name_the_source_and_line(critic):
    with pytest.raises(InputError) as caught:
        review_create_from_text(
            author=critic, text=TEXT.replace("essential", "meh"), source="stalker.txt"
        )

    assert str(caught.value).startswith("stalker.txt:1: verdict: ")


def test_verdicts_renamed_by_the_owner_are_the_ones_accepted(critic):
    from marquee.reviews.models import Verdict

    Verdict.objects.filter(slug="essential").update(name="must see")

    review = review_create_from_text(author=critic, text=TEXT.replace("essential", "Must  See"))

    assert review.verdict.slug == "essential"
    with pytest.raises(InputError):
        review_create_from_text(author=critic, text=TEXT)


def test_review_as_dict_has_the_documented_keys(critic, settings):
    settings.SITE_URL = "https://journal.example"

    data = review_to_dict(review_create_from_text(author=critic, text=TEXT))

    assert data["title"] == "Stalker" and data["year"] == 1979
    assert data["verdict"] == "essential"
    assert data["director"] == "Andrei Tarkovsky"
    assert data["cast"] == ["Alisa Freyndlikh", "Aleksandr Kaydanovskiy"]
    assert data["comments"] == ["A reader's comment.", "Another reader's comment."]
    assert data["status"] == "draft"
    assert data["url"] == f"https://journal.example/reviews/{data['slug']}/"
    assert {"tagline", "setup", "body", "should_watch"} <= data.keys()
