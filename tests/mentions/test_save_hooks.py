"""Saving a review or comment links what it names; critics' decisions survive re-saving."""

import pytest

from marquee.catalog.services import film_create
from marquee.comments.services import comment_post
from marquee.mentions.models import Mention
from marquee.mentions.services import mention_decide, mentions_relink
from marquee.reviews.services import review_publish

pytestmark = pytest.mark.django_db

BODY = "Ridley Scott made this before Blade Runner (1982), and James Cameron's Aliens followed."


def targets(review):
    return {(m.field, m.text, m.target_label, m.status) for m in review.mentions.all()}


def test_saving_a_review_links_the_films_and_people_it_names(write_review, aliens, blade_runner):
    review = write_review(body=BODY)
    found = {(m.text, m.target_label) for m in review.mentions.all()}
    assert found == {
        ("Ridley Scott", "Ridley Scott"),
        ("Blade Runner", "Blade Runner (1982)"),
        ("James Cameron", "James Cameron"),
        ("Aliens", "Aliens (1986)"),
    }
    mention = review.mentions.get(text="Blade Runner")
    assert (mention.field, review.body[mention.start : mention.end]) == ("body", "Blade Runner")
    assert {m.status for m in review.mentions.all()} <= {"auto", "suggested"}


def test_every_text_field_is_linked(write_review, aliens):
    review = write_review(body="Nothing here.", setup="A sequel, Aliens (1986), came later.")
    assert review.mentions.get().field == "setup"


def test_editing_the_text_links_it_again(write_review, rewrite, aliens):
    review = write_review(body="Nothing named here.")
    assert not review.mentions.exists()
    rewrite(review, body="Then came Aliens (1986).")
    assert [m.text for m in review.mentions.all()] == ["Aliens"]


def test_publishing_keeps_the_links(write_review, aliens, critic):
    review = write_review(body="Then came Aliens (1986).", publish=False)
    first = list(review.mentions.values_list("pk", flat=True))
    review_publish(review=review, user=critic)
    assert list(review.mentions.values_list("pk", flat=True)) == first


def test_a_film_added_to_the_catalog_is_found_on_the_next_save(write_review, rewrite):
    review = write_review(body="Better than Blade Runner (1982).")
    assert not review.mentions.exists()
    film_create(title="Blade Runner", year=1982)
    rewrite(review, body="Better than Blade Runner (1982).")
    assert [m.target_label for m in review.mentions.all()] == ["Blade Runner (1982)"]


def test_a_comment_is_linked_when_posted(review, reader, aliens):
    comment = comment_post(review=review, author=reader, body="Aliens (1986) is even better!")
    mention = comment.mentions.get()
    assert (mention.field, mention.text, mention.target_label) == (
        "comment",
        "Aliens",
        "Aliens (1986)",
    )
    assert mention.review is None


def test_a_rejected_link_stays_rejected_when_the_review_is_saved_again(
    write_review, rewrite, critic, aliens, blade_runner
):
    review = write_review(body=BODY)
    wrong = review.mentions.get(text="Aliens")
    mention_decide(mention=wrong, user=critic, status="rejected")
    rewrite(review, body="New opening. " + BODY + " And Aliens again.")
    statuses = {m.status for m in review.mentions.filter(film=aliens)}
    assert statuses == {"rejected"}
    assert review.mentions.filter(film=aliens).count() == 2
    assert review.mentions.get(text="Blade Runner").status != "rejected"


def test_a_confirmed_link_stays_confirmed_even_where_the_linker_would_drop_it(
    write_review, rewrite, critic, aliens
):
    review = write_review(body="Then came Aliens (1986).")
    mention_decide(mention=review.mentions.get(), user=critic, status="confirmed")
    rewrite(review, body="Then came Aliens, louder.")  # no year: on its own not linked
    mention = review.mentions.get()
    assert (mention.text, mention.status) == ("Aliens", "confirmed")


def test_deciding_applies_to_every_mention_in_the_same_words(write_review, critic, aliens):
    review = write_review(body="Aliens (1986) is loud. I love Aliens (1986).")
    mention_decide(mention=review.mentions.first(), user=critic, status="confirmed")
    assert list(review.mentions.values_list("status", flat=True)) == ["confirmed", "confirmed"]


def test_only_the_author_or_staff_may_decide(write_review, other_critic, reader, staff, aliens):
    review = write_review(body="Then came Aliens (1986).")
    mention = review.mentions.get()
    for outsider in (other_critic, reader):
        with pytest.raises(PermissionError):
            mention_decide(mention=mention, user=outsider, status="rejected")
    mention_decide(mention=mention, user=staff, status="rejected")
    assert Mention.objects.get(pk=mention.pk).status == "rejected"


def test_relinking_is_safe_to_repeat(write_review, aliens):
    review = write_review(body="Then came Aliens (1986).")
    before = targets(review)
    mentions_relink(source=review)
    mentions_relink(source=review)
    assert targets(review) == before
