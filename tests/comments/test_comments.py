"""Commenting, first-comment moderation, replies, and the moderation queue."""

import pytest

from marquee.comments.models import Comment
from marquee.comments.services import comment_moderate, comment_post
from marquee.errors import InputError

pytestmark = pytest.mark.django_db


def test_a_new_readers_first_comment_waits_for_moderation(review, reader):
    comment = comment_post(review=review, author=reader, body="First!")
    assert comment.status == Comment.Status.PENDING


def test_once_approved_a_readers_later_comments_appear_at_once(review, reader, staff):
    first = comment_post(review=review, author=reader, body="First!")
    comment_moderate(comment=first, moderator=staff, status=Comment.Status.APPROVED)
    assert comment_post(review=review, author=reader, body="Again").status == "approved"


def test_critics_comments_need_no_moderation(review, other_critic):
    assert comment_post(review=review, author=other_critic, body="Agreed.").status == "approved"


def test_replies_to_replies_attach_to_the_top_comment(review, reader, critic):
    top = comment_post(review=review, author=critic, body="Top")
    reply = comment_post(review=review, author=reader, body="Reply", parent=top)
    deeper = comment_post(review=review, author=critic, body="Deeper", parent=reply)
    assert reply.parent == top and deeper.parent == top


@pytest.mark.parametrize("status", ["pending", "removed"])
def test_nobody_replies_to_a_comment_they_cannot_see(review, reader, other_reader, staff, status):
    hidden = comment_post(review=review, author=other_reader, body="Waiting.")
    if status == "removed":
        comment_moderate(comment=hidden, moderator=staff, status="removed")
    assert hidden.status == status
    with pytest.raises(InputError, match="no such comment"):
        comment_post(review=review, author=reader, body="Reply", parent=hidden)
    assert not Comment.objects.filter(parent=hidden).exists()


def test_moderators_see_no_reply_form_under_a_comment_awaiting_moderation(
    client, review, reader, other_reader, staff
):
    waiting = comment_post(review=review, author=other_reader, body="Waiting.")
    shown = comment_post(review=review, author=staff, body="Welcome.")
    client.force_login(staff)
    page = client.get(review.get_absolute_url()).content.decode()
    assert "Waiting." in page  # moderators see it, with its buttons
    assert f'name="parent" value="{shown.pk}"' in page
    assert f'name="parent" value="{waiting.pk}"' not in page


def test_comments_are_closed_on_drafts(draft_review, reader):
    with pytest.raises(InputError, match="published"):
        comment_post(review=draft_review, author=reader, body="Early")


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("   ", "must not be empty"),
        ("x" * 5001, "limit is 5000"),
        ("https://a.test https://b.test https://c.test https://d.test", "4 links"),
    ],
)
def test_bad_comments_are_refused_with_a_reason(review, reader, body, message):
    with pytest.raises(InputError, match=message):
        comment_post(review=review, author=reader, body=body)
    assert Comment.objects.count() == 0


def test_only_staff_moderate(review, reader, critic):
    comment = comment_post(review=review, author=reader, body="Hi")
    with pytest.raises(PermissionError):
        comment_moderate(comment=comment, moderator=critic, status="approved")


def test_the_pending_comment_is_seen_by_its_author_staff_and_the_reviews_author(
    client, review, reader, other_reader, staff, critic
):
    comment_post(review=review, author=reader, body="Pending words")
    expectations = {reader: True, staff: True, critic: True, other_reader: False}
    for viewer, sees in expectations.items():
        client.force_login(viewer)
        html = client.get(review.get_absolute_url()).content.decode()
        assert ("Pending words" in html) is sees, viewer
    client.logout()
    assert "Pending words" not in client.get(review.get_absolute_url()).content.decode()


def test_posting_through_the_page(client, review, reader):
    client.force_login(reader)
    response = client.post(f"/comments/on/{review.slug}/", {"body": "Loved the *crew*."})
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")


def test_the_honeypot_field_rejects_bots(client, review, reader):
    client.force_login(reader)
    client.post(f"/comments/on/{review.slug}/", {"body": "Buy now", "website": "spam.test"})
    assert Comment.objects.count() == 0


def test_anonymous_visitors_cannot_post(client, review):
    response = client.post(f"/comments/on/{review.slug}/", {"body": "Hi"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert Comment.objects.count() == 0


def test_comment_text_is_escaped_and_links_made_safe(client, review, critic):
    comment_post(
        review=review,
        author=critic,
        body='<script>alert(1)</script> see https://example.com/x?a=1&b="2"',
    )
    html = client.get(review.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html
    assert 'href="https://example.com/x?a=1&amp;b=' in html
    assert 'rel="nofollow"' in html


def test_staff_moderate_from_the_queue_with_htmx(client, review, reader, staff):
    comment = comment_post(review=review, author=reader, body="Please approve")
    client.force_login(staff)
    assert "Please approve" in client.get("/comments/moderation/").content.decode()
    response = client.post(
        f"/comments/{comment.pk}/moderate/", {"status": "spam"}, HTTP_HX_REQUEST="true"
    )
    assert "Marked spam" in response.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.SPAM and comment.moderated_by == staff


def test_readers_cannot_see_the_queue_or_moderate(client, review, reader, other_reader):
    comment = comment_post(review=review, author=other_reader, body="Hi")
    client.force_login(reader)
    assert client.get("/comments/moderation/").status_code == 403
    assert (
        client.post(f"/comments/{comment.pk}/moderate/", {"status": "approved"}).status_code == 403
    )


def test_an_invalid_moderation_decision_is_a_400(client, review, reader, staff):
    comment = comment_post(review=review, author=reader, body="Hi")
    client.force_login(staff)
    refused = client.post(f"/comments/{comment.pk}/moderate/", {"status": "<b>pending</b>"})
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("text/plain")
