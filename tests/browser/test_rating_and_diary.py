"""A reader rates a film with the half-star widget and logs a viewing, all without leaving the page."""

from datetime import date

from django.utils import timezone
from playwright.sync_api import expect

from marquee.readers.models import DiaryEntry, Rating


def test_a_reader_rates_a_film_in_half_stars_by_mouse_and_keyboard(
    page, context, log_in, reader, film
):
    log_in(context, reader)
    page.goto(film.get_absolute_url())
    widget = page.locator("#rate-widget")
    expect(widget.locator(".rate-status")).to_have_text("Not rated yet.")

    with page.expect_response(f"**/u/film/{film.slug}/rating/"):
        # The star's label is what people click: the left half of the fourth star.
        widget.locator("label", has_text="3½ stars").click()

    expect(widget.locator(".rate-status")).to_have_text("You gave it 3½ stars.")
    assert Rating.objects.get(user=reader, film=film).half_stars == 7

    # Arrow keys move through a radio group; the widget keeps focus when htmx swaps it.
    expect(page.get_by_role("radio", name="3½ stars")).to_be_focused()
    with page.expect_response(f"**/u/film/{film.slug}/rating/"):
        page.keyboard.press("ArrowLeft")
    expect(widget.locator(".rate-status")).to_have_text("You gave it 3 stars.")
    expect(page.get_by_role("radio", name="3 stars", exact=True)).to_be_checked()
    expect(page.get_by_role("radio", name="3 stars", exact=True)).to_be_focused()
    assert Rating.objects.get(user=reader, film=film).half_stars == 6

    widget.get_by_role("button", name="Clear rating").click()
    expect(widget.locator(".rate-status")).to_have_text("Not rated yet.")
    assert not Rating.objects.filter(user=reader, film=film).exists()
    expect(page).to_have_url(film.get_absolute_url())


def test_a_reader_logs_a_viewing_with_a_rating_tags_and_a_note(page, context, log_in, reader, film):
    log_in(context, reader)
    page.goto(film.get_absolute_url())
    diary = page.locator("#diary-widget")

    diary.get_by_text("Log a viewing").click()
    expect(diary.get_by_label("Date watched")).to_have_value(timezone.localdate().isoformat())
    diary.get_by_label("Date watched").fill("2024-10-31")
    diary.get_by_label("I had seen it before").check()
    diary.get_by_label("Rating").select_option(label="4 stars")
    diary.get_by_label("Tags").fill("halloween, with friends")
    diary.get_by_label("Note").fill("Still the best jump scare in cinema.")
    diary.get_by_role("button", name="Add to diary").click()

    expect(diary.get_by_role("status")).to_have_text("Added to your diary.")
    expect(diary.locator(".diary-summary")).to_have_text("Watched 1 time:")
    expect(diary.locator(".viewings time")).to_have_text("31 Oct 2024")
    expect(diary.locator(".viewings .tag")).to_have_text(["rewatch", "halloween", "with friends"])
    # The rating given with the viewing updates the rating widget too (an out-of-band swap).
    expect(page.locator("#rate-widget .rate-status")).to_have_text("You gave it 4 stars.")
    expect(page).to_have_url(film.get_absolute_url())
    entry = DiaryEntry.objects.get(user=reader, film=film)
    assert (entry.watched_on, entry.rewatch, entry.half_stars) == (date(2024, 10, 31), True, 8)
    assert (entry.tags, entry.note) == (
        ["halloween", "with friends"],
        "Still the best jump scare in cinema.",
    )

    page.goto(f"/u/{reader.username}/diary/")
    row = page.locator(f"#entry-{entry.pk}")
    expect(row.get_by_role("link", name="Alien")).to_be_visible()
    expect(row.locator(".diary-note")).to_have_text("Still the best jump scare in cinema.")
