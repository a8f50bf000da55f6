import pytest

from marquee.errors import InputError
from marquee.reviews.models import Review, Verdict
from marquee.reviews.services import (
    ReviewPermissionError,
    review_create,
    review_publish,
    review_unpublish,
    review_update,
    verdict_by_name,
)
from tests.support.html import inert_problems

pytestmark = pytest.mark.django_db

TEXT = {
    "tagline": "A line.",
    "setup": "A premise.",
    "body": "A body.",
    "should_watch": "Yes.",
}


def test_a_new_review_is_a_draft_with_a_pretty_slug_and_one_revision(critic, film, verdict):
    review = review_create(author=critic, film=film, verdict=verdict, **TEXT)
    assert review.status == Review.Status.DRAFT
    assert review.published_at is None
    assert review.slug == "alien-1979"
    assert review.revisions.count() == 1


def test_a_second_review_of_the_same_film_gets_its_own_slug(review, other_critic, film, verdict):
    second = review_create(author=other_critic, film=film, verdict=verdict, **TEXT)
    assert second.slug == "alien-1979-2"


def test_readers_cannot_write_reviews(reader, film, verdict):
    with pytest.raises(ReviewPermissionError):
        review_create(author=reader, film=film, verdict=verdict, **TEXT)
    assert Review.objects.count() == 0


def test_editing_keeps_every_version_in_the_history(review, critic):
    worse = Verdict.objects.get(slug="mixed-feelings")
    review_update(review=review, user=critic, verdict=worse, **{**TEXT, "body": "Second thoughts."})
    revisions = list(review.revisions.order_by("number"))
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[0].verdict_name == "recommended viewing"
    assert revisions[1].body == "Second thoughts."
    review.refresh_from_db()
    assert review.verdict == worse


def test_another_critic_cannot_edit_or_publish(draft_review, other_critic, verdict):
    with pytest.raises(ReviewPermissionError):
        review_update(review=draft_review, user=other_critic, verdict=verdict, **TEXT)
    with pytest.raises(ReviewPermissionError):
        review_publish(review=draft_review, user=other_critic)


def test_staff_may_edit_and_publish_any_review(draft_review, staff):
    review_publish(review=draft_review, user=staff)
    assert draft_review.is_published


def test_publishing_sets_the_date_once(draft_review, critic):
    review_publish(review=draft_review, user=critic)
    first_date = draft_review.published_at
    review_unpublish(review=draft_review, user=critic)
    review_publish(review=draft_review, user=critic)
    assert draft_review.published_at == first_date


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tagline", "", "tagline: must not be empty"),
        ("tagline", "x" * 201, "tagline: is 201 characters long"),
        ("setup", "  \n ", "setup: must not be empty"),
        ("body", "x" * 100_001, "body: is 100001 characters long"),
        ("should_watch", "", "should_watch: must not be empty"),
    ],
)
def test_bad_fields_are_refused_naming_the_field(critic, film, verdict, field, value, message):
    with pytest.raises(InputError, match=message):
        review_create(author=critic, film=film, verdict=verdict, **{**TEXT, field: value})
    assert Review.objects.count() == 0


def test_hostile_markdown_is_stored_but_rendered_safe(critic, film, verdict):
    body = (
        "<script>alert(1)</script>\n\n"
        '<img src=x onerror="alert(2)">\n\n'
        "[click](javascript:alert(3)) and [ok](https://example.com)"
    )
    review = review_create(author=critic, film=film, verdict=verdict, **{**TEXT, "body": body})
    assert inert_problems(review.body_html) == []
    assert 'href="https://example.com"' in review.body_html


def test_verdicts_are_found_whatever_the_case_and_spacing():
    assert verdict_by_name("  Recommended   VIEWING ").slug == "recommended-viewing"


def test_an_unknown_verdict_lists_the_journals_own():
    with pytest.raises(InputError, match=r'"must see" is not one of.*"essential"'):
        verdict_by_name("must see")


def test_a_review_never_takes_the_slug_of_a_page(critic, verdict):
    from marquee.catalog.services import film_create

    film = film_create(title="Paste")
    review = review_create(author=critic, film=film, verdict=verdict, **TEXT)
    assert review.slug == "paste-2"
