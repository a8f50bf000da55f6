"""The review page reads like a printed review and carries structured data."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert match, "no JSON-LD on the page"
    return json.loads(match.group(1))


def test_the_parts_appear_in_printed_order(client, review):
    page = client.get(review.get_absolute_url()).content.decode()
    html = page[page.index('<main id="main">') :]
    order = [
        "Alien",
        "recommended viewing",
        "In space, no one can hear you scream.",
        "Ridley Scott",
        "Sigourney Weaver",
        "The Setup",
        "A commercial towing ship",
        "haunted-house film",
        "Should you watch it?",
        "slow-burn horror",
        "Comments",
    ]
    positions = [html.index(part) for part in order]
    assert positions == sorted(positions)


def test_json_ld_describes_a_review_of_a_movie_rated_by_verdict(client, review):
    data = _json_ld(client.get(review.get_absolute_url()).content.decode())
    assert data["@type"] == "Review"
    assert data["itemReviewed"]["@type"] == "Movie"
    assert data["itemReviewed"]["name"] == "Alien"
    assert data["itemReviewed"]["director"][0]["name"] == "Ridley Scott"
    # "recommended viewing" is the second of five badges.
    assert data["reviewRating"]["ratingValue"] == 4
    assert data["reviewRating"]["bestRating"] == 5
    assert data["reviewRating"]["alternateName"] == "recommended viewing"


def test_json_ld_cannot_be_broken_out_of(client, critic, film, verdict):
    from marquee.reviews.services import review_create

    hostile = review_create(
        author=critic,
        film=film,
        verdict=verdict,
        tagline="</script><script>alert(1)</script>",
        setup="s",
        body="b",
        should_watch="w",
        publish=True,
    )
    html = client.get(hostile.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html
    assert _json_ld(html)["name"] == "</script><script>alert(1)</script>"


def test_opengraph_and_canonical_link(client, review, settings):
    html = client.get(review.get_absolute_url()).content.decode()
    url = f"{settings.SITE_URL}/reviews/alien-1979/"
    assert f'<link rel="canonical" href="{url}">' in html
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:title" content="Alien (1979): recommended viewing">' in html


def test_drafts_are_hidden_from_everyone_but_author_and_staff(
    client, draft_review, critic, other_critic, reader, staff
):
    url = draft_review.get_absolute_url()
    assert client.get(url).status_code == 404
    for outsider in (reader, other_critic):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
    for insider in (critic, staff):
        client.force_login(insider)
        assert client.get(url).status_code == 200


def test_the_review_page_never_shows_email_addresses(client, review, reader):
    from marquee.comments.services import comment_post

    comment_post(review=review, author=reader, body="Great!")
    html = client.get(review.get_absolute_url()).content.decode()
    assert reader.email not in html
    assert review.author.email not in html


def test_setup_and_advice_accept_markdown_but_stay_safe(client, critic, film, verdict):
    from marquee.reviews.services import review_create
    from tests.support.html import inert_problems

    review = review_create(
        author=critic,
        film=film,
        verdict=verdict,
        tagline="t",
        setup="A *towing* ship. <img src=x onerror=alert(1)>",
        body="b",
        should_watch="If you loved *Seven Samurai*, yes. [x](javascript:alert(1))",
        publish=True,
    )
    html = client.get(review.get_absolute_url()).content.decode()
    assert "<em>towing</em>" in html and "<em>Seven Samurai</em>" in html
    main = html[html.index('<main id="main">') :]
    assert inert_problems(main, allow_forms=True) == []
