"""A critic pastes a review in the plain-text layout, publishes it, and readers find it."""

from playwright.sync_api import expect

from marquee.reviews.models import Review

REVIEW_TEXT = """Stalker (1979) essential
A journey to the room where wishes come true.
Andrei Tarkovsky
Alisa Freyndlikh, Aleksandr Kaydanovskiy
The Setup:
A guide leads two men through the forbidden Zone.

Slow, strange and *unforgettable*.

Should you watch it:
Yes, with patience.

I watched it twice in a row.
"""


def test_a_critic_pastes_and_publishes_a_review(page, context, log_in, critic, new_context):
    log_in(context, critic)
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Write").click()
    page.get_by_role("link", name="paste a review in the plain-text layout").click()
    expect(page).to_have_url("/reviews/paste/")

    page.get_by_label("Review text").fill(REVIEW_TEXT)
    page.get_by_label("Publish now").check()
    page.get_by_role("button", name="Import").click()

    expect(page.get_by_role("status")).to_have_text("Review published.")
    review = Review.objects.get()
    expect(page).to_have_url(review.get_absolute_url())
    article = page.get_by_role("article").filter(has=page.locator("#review-title"))
    expect(article.get_by_role("heading", level=1)).to_have_text("Stalker (1979)")
    expect(article.get_by_role("link", name="essential")).to_be_visible()
    expect(article.locator(".tagline")).to_have_text(
        "A journey to the room where wishes come true."
    )
    expect(article.get_by_role("link", name="Andrei Tarkovsky")).to_be_visible()
    expect(article.get_by_role("link", name="Aleksandr Kaydanovskiy")).to_be_visible()
    expect(article.locator(".review-body em")).to_have_text("unforgettable")
    expect(article.locator(".should-watch")).to_contain_text("Yes, with patience.")
    expect(page.locator("#comments .comment-body")).to_have_text("I watched it twice in a row.")
    assert review.is_published and review.author == critic

    visitor = new_context().new_page()
    visitor.goto("/")
    visitor.get_by_role("link", name="Stalker").click()
    expect(visitor).to_have_url(review.get_absolute_url())
    expect(visitor.get_by_role("button", name="Unpublish")).to_have_count(0)


def test_a_pasted_review_with_a_mistake_names_the_line(page, context, log_in, critic):
    log_in(context, critic)
    page.goto("/reviews/paste/")

    page.get_by_label("Review text").fill(REVIEW_TEXT.replace("The Setup:\n", ""))
    page.get_by_role("button", name="Import").click()

    expect(page).to_have_url("/reviews/paste/")
    expect(page.get_by_role("alert")).to_contain_text("The Setup")
    expect(page.get_by_label("Review text")).to_have_value(REVIEW_TEXT.replace("The Setup:\n", ""))
    assert not Review.objects.exists()
