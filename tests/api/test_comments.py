"""Comments: read as each caller may see them; readers post, their first one moderated."""

import pytest

from marquee.comments.models import Comment
from marquee.comments.services import comment_moderate, comment_post
from tests.api.conftest import fields_of

pytestmark = pytest.mark.django_db


def bodies(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [c["body"] for c in response.json()["items"]]


@pytest.fixture
def thread(review, reader, other_reader, staff):
    approved = comment_post(review=review, author=other_reader, body="Great film.")
    comment_moderate(comment=approved, moderator=staff, status="approved")
    reply = comment_post(review=review, author=other_reader, body="Agreed!", parent=approved)
    pending = comment_post(review=review, author=reader, body="My first comment.")
    return {"approved": approved, "reply": reply, "pending": pending}


def test_anyone_reads_approved_comments_with_their_replies(api, review, thread):
    response = api.get(f"/reviews/{review.slug}/comments")
    assert bodies(response) == ["Great film."]
    first = response.json()["items"][0]
    assert first["author_username"] == "otto_other" and first["status"] == "approved"
    assert [r["body"] for r in first["replies"]] == ["Agreed!"]
    assert first["replies"][0]["parent"] == first["id"]


def test_commenters_see_their_own_pending_comments_and_staff_see_all(
    api, review, thread, reader, other_reader, staff, critic
):
    path = f"/reviews/{review.slug}/comments"
    assert bodies(api.as_user(reader).get(path)) == ["Great film.", "My first comment."]
    assert bodies(api.as_user(other_reader).get(path)) == ["Great film."]
    assert bodies(api.as_user(staff).get(path)) == ["Great film.", "My first comment."]
    assert bodies(api.as_user(critic).get(path)) == ["Great film.", "My first comment."]


def test_a_readers_first_comment_waits_for_moderation(api, review, reader):
    response = api.as_user(reader).post(f"/reviews/{review.slug}/comments", {"body": "Hello!"})
    assert response.status_code == 201, response.content
    assert response.json()["status"] == "pending"
    assert bodies(api.get(f"/reviews/{review.slug}/comments")) == []


def test_after_one_approved_comment_the_next_appear_at_once(api, review, thread, other_reader):
    caller = api.as_user(other_reader)
    response = caller.post(
        f"/reviews/{review.slug}/comments", {"body": "Reply", "parent": thread["reply"].pk}
    )
    assert response.json()["status"] == "approved"
    assert response.json()["parent"] == thread["approved"].pk  # one level of replies


def test_comment_validation_names_the_field(api, review, draft_review, thread, reader, critic):
    caller = api.as_user(reader)
    path = f"/reviews/{review.slug}/comments"
    assert fields_of(caller.post(path, {})) == {"body"}
    assert fields_of(caller.post(path, {"body": "  \n "})) == {"body"}
    links = " ".join(f"https://spam.example/{i}" for i in range(5))
    assert fields_of(caller.post(path, {"body": links})) == {"body"}
    assert fields_of(caller.post(path, {"body": "Hi", "parent": 999_999})) == {"parent"}
    assert fields_of(caller.post(path, {"body": "Hi", "parent": 0})) == {"parent"}
    closed = api.as_user(critic).post(f"/reviews/{draft_review.slug}/comments", {"body": "Hi"})
    assert fields_of(closed) == {"slug"}
    assert Comment.objects.count() == 3


def test_drafts_comments_are_as_hidden_as_the_draft(api, draft_review, reader):
    assert api.get(f"/reviews/{draft_review.slug}/comments").status_code == 404
    posted = api.as_user(reader).post(f"/reviews/{draft_review.slug}/comments", {"body": "Hi"})
    assert posted.status_code == 404


def test_posting_needs_a_signed_in_caller(api, review):
    assert api.post(f"/reviews/{review.slug}/comments", {"body": "Hi"}).status_code == 401


def test_a_reader_past_the_comment_rate_limit_gets_429_with_retry_after(
    api, review, reader, settings
):
    settings.MARQUEE_COMMENTS_PER_HOUR = 2
    caller = api.as_user(reader)
    path = f"/reviews/{review.slug}/comments"
    for n in range(2):
        assert caller.post(path, {"body": f"Comment {n}"}).status_code == 201
    refused = caller.post(path, {"body": "One too many"})
    assert refused.status_code == 429, refused.content
    assert refused.json()["code"] == "rate_limited"
    assert int(refused["Retry-After"]) > 0
    assert Comment.objects.filter(review=review, author=reader).count() == 2
