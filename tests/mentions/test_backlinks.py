"""Film and person pages list the published reviews that mention them."""

import pytest

from marquee.catalog.models import Person

pytestmark = pytest.mark.django_db


def test_a_film_page_lists_reviews_that_mention_it(client, write_review, aliens):
    write_review(body="Then came James Cameron's Aliens (1986), louder.")
    page = client.get(aliens.get_absolute_url()).content.decode()
    assert "Reviews that mention this" in page
    assert "Alien (1979)" in page


def test_a_person_page_lists_reviews_that_mention_them(client, write_review, blade_runner):
    write_review(body="Harrison Ford is not in it.")
    ford = Person.objects.get(name="Harrison Ford")
    page = client.get(ford.get_absolute_url()).content.decode()
    assert "Reviews that mention this" in page


def test_drafts_never_leak_into_backlinks(client, write_review, aliens, critic):
    draft = write_review(body="A secret: James Cameron's Aliens (1986) is better.", publish=False)
    assert draft.mentions.linked().filter(film=aliens).exists()
    assert "Reviews that mention this" not in client.get(aliens.get_absolute_url()).content.decode()
    client.force_login(critic)
    assert "Reviews that mention this" not in client.get(aliens.get_absolute_url()).content.decode()


def test_rejected_mentions_are_not_backlinks(client, write_review, aliens, critic):
    from marquee.mentions.services import mention_decide

    review = write_review(body="Then came James Cameron's Aliens (1986), louder.")
    mention_decide(mention=review.mentions.get(text="Aliens"), user=critic, status="rejected")
    assert "Reviews that mention this" not in client.get(aliens.get_absolute_url()).content.decode()


def test_suggested_mentions_are_not_backlinks(client, write_review, aliens):
    review = write_review(body="Then came Aliens (1986), louder.")
    assert review.mentions.get().status == "suggested"
    assert "Reviews that mention this" not in client.get(aliens.get_absolute_url()).content.decode()


def test_a_films_own_reviews_are_not_listed_as_mentions(client, write_review, film):
    write_review(body="*Alien* (1979) is still the best.")
    assert "Reviews that mention this" not in client.get(film.get_absolute_url()).content.decode()
