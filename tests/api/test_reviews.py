"""Reviews: anyone reads published ones; critics write, edit and publish their own; drafts hide."""

import pytest

from marquee.reviews.models import Review
from tests.api.conftest import fields_of, problem_of

pytestmark = pytest.mark.django_db

NEW_REVIEW = {
    "film": "alien-1979",
    "verdict": "essential",
    "tagline": "The perfect organism.",
    "setup": "A crew wakes early.",
    "body": "It *holds up*.",
    "should_watch": "Yes, with the lights off.",
}


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["slug"] for item in response.json()["items"]]


def test_anyone_lists_published_reviews_only(api, review, draft_review):
    response = api.get("/reviews")
    assert slugs(response) == [review.slug]
    item = response.json()["items"][0]
    assert item["author"] == {"username": "carla_critic", "name": "Carla Critic"}
    assert item["verdict"]["slug"] == "recommended-viewing"
    assert item["film"]["slug"] == "alien-1979" and item["status"] == "published"


def test_reviews_filter_by_film_verdict_author_genre_director_year_and_words(api, review):
    for params in [
        {"film": "alien-1979"},
        {"verdict": "recommended-viewing"},
        {"author": "carla_critic"},
        {"genre": "horror"},
        {"director": "ridley-scott"},
        {"year": 1979},
        {"q": "no one can hear"},
        {"q": "alien"},
    ]:
        assert slugs(api.get("/reviews", params)) == [review.slug], params
    for params in [{"film": "blade-runner"}, {"verdict": "essential"}, {"year": 1980}]:
        assert slugs(api.get("/reviews", params)) == [], params
    assert fields_of(api.get("/reviews", {"author": "a b", "ordering": "stars"})) == {
        "author",
        "ordering",
    }


def test_a_published_review_in_full(api, review):
    response = api.get(f"/reviews/{review.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["body"].startswith("A haunted-house film *in space*")
    assert "<em>in space</em>" in body["body_html"]
    assert body["should_watch"] == "If you're a fan of slow-burn horror, yes."


def test_drafts_are_missing_to_everyone_but_their_author_and_staff(
    api, draft_review, reader, other_critic, critic, staff
):
    path = f"/reviews/{draft_review.slug}"
    assert api.get(path).status_code == 404
    assert api.as_user(reader).get(path).status_code == 404
    assert api.as_user(other_critic).get(path).status_code == 404
    assert api.as_user(critic).get(path).json()["status"] == "draft"
    assert api.as_user(staff).get(path).status_code == 200


def test_critics_list_their_own_drafts(api, review, draft_review, critic, other_critic, reader):
    mine = api.as_user(critic).get("/reviews", {"mine": "true", "ordering": "-updated_at"})
    assert set(slugs(mine)) == {review.slug, draft_review.slug}
    assert slugs(api.as_user(other_critic).get("/reviews", {"mine": "true"})) == []
    assert api.as_user(reader).get("/reviews", {"mine": "true"}).status_code == 403
    assert api.get("/reviews", {"mine": "true"}).status_code == 401


def test_a_critic_writes_a_draft_then_publishes_it(api, critic, film):
    caller = api.as_user(critic)
    response = caller.post("/reviews", NEW_REVIEW)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["status"] == "draft" and created["published_at"] is None
    assert response["Location"] == f"/api/v1/reviews/{created['slug']}"
    assert api.get(f"/reviews/{created['slug']}").status_code == 404

    published = caller.post(f"/reviews/{created['slug']}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    assert api.get(f"/reviews/{created['slug']}").status_code == 200

    unpublished = caller.post(f"/reviews/{created['slug']}/unpublish")
    assert unpublished.json()["status"] == "draft"


def test_a_review_can_be_published_as_it_is_written(api, critic, film):
    response = api.as_user(critic).post("/reviews", {**NEW_REVIEW, "publish": True})
    assert response.json()["status"] == "published"


def test_readers_may_not_write_reviews(api, reader, film):
    response = api.as_user(reader).post("/reviews", NEW_REVIEW)
    assert response.status_code == 403
    assert problem_of(response)["code"] == "forbidden"
    assert not Review.objects.exists()


def test_a_new_review_names_what_is_wrong_with_it(api, critic, film):
    caller = api.as_user(critic)
    assert fields_of(caller.post("/reviews", {"film": "alien-1979"})) == {
        "verdict",
        "tagline",
        "setup",
        "body",
        "should_watch",
    }
    assert fields_of(caller.post("/reviews", {**NEW_REVIEW, "film": "no-such-film"})) == {"film"}
    unknown_verdict = caller.post("/reviews", {**NEW_REVIEW, "verdict": "meh"})
    assert fields_of(unknown_verdict) == {"verdict"}
    assert "essential" in problem_of(unknown_verdict)["errors"][0]["message"]
    assert fields_of(caller.post("/reviews", {**NEW_REVIEW, "tagline": "x" * 201})) == {"tagline"}
    # Only whitespace passes the schema but not the review's own rules.
    assert fields_of(caller.post("/reviews", {**NEW_REVIEW, "setup": " \n "})) == {"setup"}
    assert not Review.objects.exists()


def test_a_critic_edits_only_the_fields_sent(api, critic, review):
    response = api.as_user(critic).patch(
        f"/reviews/{review.slug}", {"tagline": "Still scary.", "verdict": "essential"}
    )
    assert response.status_code == 200, response.content
    review.refresh_from_db()
    assert review.tagline == "Still scary." and review.verdict.slug == "essential"
    assert review.setup.startswith("A commercial towing ship")
    assert review.revisions.count() == 2


def test_only_the_author_and_staff_change_a_review(api, review, other_critic, reader, staff):
    for user in (other_critic, reader):
        caller = api.as_user(user)
        assert caller.patch(f"/reviews/{review.slug}", {"tagline": "Mine now"}).status_code == 403
        assert caller.post(f"/reviews/{review.slug}/unpublish").status_code == 403
    assert api.patch(f"/reviews/{review.slug}", {"tagline": "Anon"}).status_code == 401
    assert (
        api.as_user(staff).patch(f"/reviews/{review.slug}", {"tagline": "Staff"}).json()["tagline"]
        == "Staff"
    )


def test_someone_elses_draft_cannot_be_published_or_even_found(api, draft_review, other_critic):
    caller = api.as_user(other_critic)
    assert caller.post(f"/reviews/{draft_review.slug}/publish").status_code == 404
    assert caller.patch(f"/reviews/{draft_review.slug}", {"tagline": "x"}).status_code == 404
    draft_review.refresh_from_db()
    assert draft_review.status == "draft"


def test_verdicts_are_listed_best_first(api):
    response = api.get("/verdicts")
    assert response.status_code == 200
    positions = [v["position"] for v in response.json()["items"]]
    assert positions == sorted(positions) and len(positions) == 5
