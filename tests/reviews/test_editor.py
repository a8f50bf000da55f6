"""Writing, editing and publishing through the web pages, with permissions."""

import pytest

from marquee.reviews.models import Review

pytestmark = pytest.mark.django_db

FORM = {
    "film_title": "Moon",
    "film_year": "2009",
    "director": "Duncan Jones",
    "cast": "Sam Rockwell, Kevin Spacey",
    "verdict": "",
    "tagline": "Alone on the far side.",
    "setup": "A miner nears the end of a three-year shift on the Moon.",
    "body": "Small, sad and *very* good.",
    "should_watch": "If you liked Solaris, yes.",
}


def _form(verdict, **changes):
    return {**FORM, "verdict": str(verdict.pk), **changes}


def test_a_critic_writes_a_draft_with_a_new_film(client, critic, verdict):
    client.force_login(critic)
    response = client.post("/reviews/write/", _form(verdict))
    review = Review.objects.get()
    assert response.status_code == 302 and response["Location"] == "/reviews/moon-2009/"
    assert review.status == Review.Status.DRAFT
    assert [c.person.name for c in review.film.credits.filter(role="cast")] == [
        "Sam Rockwell",
        "Kevin Spacey",
    ]


def test_a_critic_can_publish_straight_away(client, critic, verdict):
    client.force_login(critic)
    client.post("/reviews/write/", _form(verdict, publish="on"))
    assert Review.objects.get().is_published


def test_a_bad_field_reshows_the_form_and_writes_nothing(client, critic, verdict):
    client.force_login(critic)
    response = client.post("/reviews/write/", _form(verdict, tagline="x" * 300))
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()
    assert Review.objects.count() == 0


def test_readers_may_not_open_the_editor(client, reader):
    client.force_login(reader)
    assert client.get("/reviews/write/").status_code == 403


def test_anonymous_visitors_are_sent_to_sign_in(client, db):
    response = client.get("/reviews/write/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_author_edits_and_the_history_grows(client, critic, review, verdict):
    client.force_login(critic)
    data = {
        "verdict": verdict.pk,
        "tagline": "New tagline.",
        "setup": review.setup,
        "body": "Rewritten.",
        "should_watch": review.should_watch,
    }
    assert client.post(f"/reviews/{review.slug}/edit/", data).status_code == 302
    review.refresh_from_db()
    assert review.tagline == "New tagline."
    history = client.get(f"/reviews/{review.slug}/history/").content.decode()
    assert "Revision 2" in history and "Revision 1" in history


def test_another_critic_may_not_edit_publish_or_see_history(client, other_critic, review):
    client.force_login(other_critic)
    assert client.get(f"/reviews/{review.slug}/edit/").status_code == 403
    assert client.post(f"/reviews/{review.slug}/unpublish/").status_code == 403
    assert client.get(f"/reviews/{review.slug}/history/").status_code == 403


def test_publish_and_unpublish_are_post_only(client, critic, draft_review):
    client.force_login(critic)
    assert client.get(f"/reviews/{draft_review.slug}/publish/").status_code == 405
    client.post(f"/reviews/{draft_review.slug}/publish/")
    draft_review.refresh_from_db()
    assert draft_review.is_published
    client.post(f"/reviews/{draft_review.slug}/unpublish/")
    draft_review.refresh_from_db()
    assert not draft_review.is_published


def test_my_reviews_lists_drafts_for_their_author(client, critic, draft_review):
    client.force_login(critic)
    page = client.get("/reviews/mine/").content.decode()
    assert draft_review.get_absolute_url() in page and "Draft" in page
