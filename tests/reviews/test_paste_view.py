"""The paste page for critics and the plain-text export of a review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from marquee.catalog.models import Film
from marquee.comments.models import Comment
from marquee.reviews.models import Review

pytestmark = pytest.mark.django_db

TEXT = (
    "Stalker (1979) essential\r\n"
    "A journey to the room where wishes come true.\r\n"
    "Andrei Tarkovsky\r\n"
    "Alisa Freyndlikh, Aleksandr Kaydanovskiy\r\n"
    "The Setup:\r\n"
    "A guide leads two men through the forbidden Zone.\r\n"
    "\r\n"
    "Slow and strange.\r\n"
    "\r\n"
    "Should you watch it:\r\n"
    "Yes, with patience.\r\n"
)


def paste_url() -> str:
    return reverse("reviews:paste")


def test_critic_sees_the_paste_form_with_labels(client, critic):
    client.force_login(critic)

    response = client.get(paste_url())

    assert response.status_code == 200
    html = response.content.decode()
    assert '<textarea name="text"' in html
    assert '<label for="id_text">Review text:</label>' in html
    assert '<label for="id_publish">Publish now</label>' in html
    assert "<script>" not in html and "style=" not in html


def test_critic_can_paste_a_review_and_is_sent_to_it(client, critic):
    client.force_login(critic)

    response = client.post(paste_url(), {"text": TEXT})

    review = Review.objects.get()
    assert response.status_code == 302
    assert response.url == review.get_absolute_url()
    assert (review.author, review.film.title, review.status) == (critic, "Stalker", "draft")


def test_pasting_with_publish_publishes(client, critic):
    client.force_login(critic)

    client.post(paste_url(), {"text": TEXT, "publish": "on"})

    assert Review.objects.get().is_published


def test_reader_is_forbidden(client, reader):
    client.force_login(reader)

    assert client.get(paste_url()).status_code == 403
    assert client.post(paste_url(), {"text": TEXT}).status_code == 403
    assert Review.objects.count() == 0


def test_anonymous_visitor_is_sent_to_sign_in(client, db):
    response = client.post(paste_url(), {"text": TEXT})

    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login") + "?next=")
    assert Review.objects.count() == 0


def test_bad_text_reshows_the_form_naming_field_and_line(client, critic):
    client.force_login(critic)
    before = (Film.objects.count(), Review.objects.count(), Comment.objects.count())

    response = client.post(paste_url(), {"text": TEXT.replace("The Setup:", "Premise")})

    assert response.status_code == 200
    html = response.content.decode()
    assert "line 10: setup: no &quot;The Setup:&quot; label before" in html
    assert "Andrei Tarkovsky" in html  # the pasted text is kept for fixing
    assert (Film.objects.count(), Review.objects.count(), Comment.objects.count()) == before


def test_text_export_is_plain_text(client, review):
    response = client.get(reverse("reviews:text", args=[review.slug]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response.content.decode().startswith("Alien (1979) recommended viewing\n")


def test_text_export_of_a_draft_is_for_its_author(client, draft_review):
    client.force_login(draft_review.author)

    response = client.get(reverse("reviews:text", args=[draft_review.slug]))

    assert response.status_code == 200
    assert "A draft tagline." in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "reader", "other_critic"])
def test_text_export_of_someone_elses_draft_is_not_found(client, draft_review, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("reviews:text", args=[draft_review.slug]))

    assert response.status_code == 404


def test_text_export_of_an_unknown_review_is_not_found(client, db):
    assert client.get(reverse("reviews:text", args=["no-such-review"])).status_code == 404
