"""Readers may post only so many comments an hour; moderation and spam rules still apply."""

from __future__ import annotations

import pytest

from marquee.comments.models import Comment
from marquee.comments.services import comment_moderate, comment_post
from marquee.errors import InputError

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def three_an_hour(settings):
    settings.MARQUEE_COMMENTS_PER_HOUR = 3


def test_the_comment_after_the_limit_is_refused_with_a_reason(review, reader):
    for n in range(3):
        comment_post(review=review, author=reader, body=f"Comment {n}")
    with pytest.raises(InputError, match=r"posted 3 comments within the hour; please wait about"):
        comment_post(review=review, author=reader, body="One more")
    assert Comment.objects.count() == 3


def test_the_limit_is_per_reader(review, reader, other_reader):
    for n in range(3):
        comment_post(review=review, author=reader, body=f"Comment {n}")
    assert comment_post(review=review, author=other_reader, body="Mine").pk


def test_staff_and_critics_are_not_limited(review, staff, other_critic):
    for n in range(5):
        comment_post(review=review, author=staff, body=f"Staff {n}")
        comment_post(review=review, author=other_critic, body=f"Critic {n}")
    assert Comment.objects.count() == 10


def test_the_page_says_why_a_comment_was_refused(client, review, reader):
    client.force_login(reader)
    for n in range(3):
        client.post(f"/comments/on/{review.slug}/", {"body": f"Comment {n}"})
    response = client.post(f"/comments/on/{review.slug}/", {"body": "One more"}, follow=True)
    page = response.content.decode()
    assert "Your comment could not be posted: you have posted 3 comments within the hour" in page
    assert Comment.objects.count() == 3


def test_first_comment_moderation_and_link_limits_still_apply_under_the_limit(
    review, reader, staff
):
    first = comment_post(review=review, author=reader, body="First")
    assert first.status == Comment.Status.PENDING
    comment_moderate(comment=first, moderator=staff, status=Comment.Status.APPROVED)
    with pytest.raises(InputError, match="4 links"):
        comment_post(review=review, author=reader, body="http://a.test " * 4)
    assert comment_post(review=review, author=reader, body="Third").status == "approved"


def test_a_honeypot_post_is_dropped_before_it_counts(client, review, reader):
    client.force_login(reader)
    for _ in range(5):
        client.post(f"/comments/on/{review.slug}/", {"body": "Buy", "website": "spam.test"})
    assert Comment.objects.count() == 0
    client.post(f"/comments/on/{review.slug}/", {"body": "A real comment"})
    assert Comment.objects.count() == 1
