"""A reader's first comment waits for a moderator, who approves it from the queue with htmx."""

from playwright.sync_api import expect

from marquee.comments.models import Comment
from marquee.comments.services import comment_post


def test_a_first_comment_waits_for_moderation_then_appears(
    page, context, new_context, log_in, reader, staff, review
):
    review_url = review.get_absolute_url()
    log_in(context, reader)
    page.goto(review_url)
    page.get_by_label("Your comment").fill("The chestburster scene still works on me.")
    page.get_by_role("button", name="Post comment").click()

    expect(page.get_by_role("status")).to_contain_text("once a moderator approves it")
    pending = page.locator(".comment", has_text="The chestburster scene")
    expect(pending.locator(".pending-flag")).to_have_text("awaiting moderation")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING

    visitor = new_context().new_page()
    visitor.goto(review_url)
    expect(visitor.locator("#comments")).to_contain_text("No comments yet.")

    moderator_context = new_context()
    log_in(moderator_context, staff)
    moderator = moderator_context.new_page()
    moderator.goto("/")
    moderator.get_by_role("navigation", name="Main").get_by_role("link", name="Moderation").click()
    expect(moderator).to_have_url("/comments/moderation/")
    item = moderator.locator(".queue-item", has_text="The chestburster scene")
    expect(item.get_by_role("link", name="Alien")).to_be_visible()
    with moderator.expect_response(f"**/comments/{comment.pk}/moderate/") as answer:
        item.get_by_role("button", name="Approve").click()
    assert answer.value.request.headers.get("hx-request") == "true"  # swapped in, not reloaded
    expect(item.get_by_role("status")).to_have_text("Marked approved.")
    expect(item.get_by_role("button", name="Approve")).to_have_count(0)
    expect(moderator).to_have_url("/comments/moderation/")
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by) == (Comment.Status.APPROVED, staff)

    visitor.reload()
    expect(visitor.locator("#comments .comment-body")).to_have_text(
        "The chestburster scene still works on me."
    )
    expect(visitor.locator(".pending-flag")).to_have_count(0)


def test_a_moderator_marks_spam_and_the_queue_empties(page, context, log_in, staff, review, reader):
    spam = comment_post(review=review, author=reader, body="Cheap watches at example.test")
    log_in(context, staff)
    page.goto("/comments/moderation/")

    page.get_by_role("button", name="Spam").click()

    expect(page.get_by_role("status")).to_have_text("Marked spam.")
    spam.refresh_from_db()
    assert spam.status == Comment.Status.SPAM
    page.reload()
    expect(page.get_by_text("Nothing waiting. Well done.")).to_be_visible()
