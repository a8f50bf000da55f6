"""A signed-in reader sees their personal prediction on review and film pages, opens For you,
and turns down a recommendation ("not interested"), which leaves the list for good.

The site is the horror-versus-romance one the recommender tests train on (``trained``); the
reader is a horror fan. Screenshots of the box and of For you are saved with the others.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from marquee.predictions.models import HiddenFilm
from marquee.readers.models import Rating
from marquee.reviews.models import Verdict
from marquee.reviews.services import review_create

STARS = re.compile(r"^\d(\.\d)?$")


@pytest.fixture
def horror_fan(trained, models_folder):
    """The reader, and two horror films they have not rated (one of them reviewed)."""
    reader = trained["readers"][0]
    rated = set(Rating.objects.filter(user=reader).values_list("film_id", flat=True))
    unseen = [film for film in trained["horror"] if film.pk not in rated]
    assert len(unseen) >= 2
    return reader, unseen


def prediction_box(page):
    # The critic's own "Should you watch it?" is a section; the reader's prediction an aside.
    return page.get_by_role("complementary", name="Should you watch it?")


def test_a_reader_sees_their_prediction_with_reasons_on_a_review_and_a_film_page(
    horror_fan, critic, page, context, log_in, screenshot
):
    reader, unseen = horror_fan
    review = review_create(
        author=critic,
        film=unseen[0],
        verdict=Verdict.objects.get(slug="essential"),
        tagline="The scariest of them all.",
        setup="A house, a storm, a family.",
        body="It never lets go.",
        should_watch="Yes, with the lights on.",
        publish=True,
    )
    log_in(context, reader)

    for url, name in [
        (review.get_absolute_url(), "review"),
        (unseen[1].get_absolute_url(), "film"),
    ]:
        assert page.goto(url).status == 200
        box = prediction_box(page)
        expect(box).to_be_visible()
        expect(box.locator(".predicted-stars")).to_have_text(STARS)
        expect(box).to_contain_text("stars predicted for you")
        expect(box).to_contain_text("Likely between")
        # Why: films the reader rated, each with its pull on the prediction.
        reasons = box.locator("ul.because li")
        expect(reasons.first).to_be_visible()
        expect(reasons.first).to_have_text(re.compile(r"^You rated Horror \d .+ stars \([+-]"))
        assert "nan" not in box.inner_text().lower()
        screenshot(page, f"prediction-{name}")


def test_a_reader_opens_for_you_and_a_film_they_are_not_interested_in_goes_away(
    horror_fan, page, context, log_in, screenshot
):
    reader, _ = horror_fan
    log_in(context, reader)
    assert page.goto("/for-you/").status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("For you")
    items = page.locator("ol.recommendations > li")
    expect(items.first).to_be_visible()
    count = items.count()
    # A horror fan is offered horror first, each pick with the reason it was picked.
    first = items.first.get_by_role("link")
    expect(first).to_have_text(re.compile(r"^Horror \d"))
    expect(items.first.locator(".meta")).not_to_be_empty()
    screenshot(page, "for-you")

    title = first.inner_text()
    with page.expect_response(re.compile(r"/for-you/hide/")):
        page.get_by_role("button", name=f"Not interested in {title}").click()
    expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)
    expect(items).to_have_count(count - 1)
    assert HiddenFilm.objects.filter(user=reader, film__title=title).exists()

    # For good: it stays away when the page is opened again.
    page.reload()
    expect(items.first).to_be_visible()
    expect(page.get_by_role("link", name=title, exact=True)).to_have_count(0)
    screenshot(page, "for-you-after-not-interested")
