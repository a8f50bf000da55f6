"""Screenshots of the main pages, each checked to have rendered whole, for people to look at.

They are saved in ``$MARQUEE_SCREENSHOT_DIR`` (default ``test-screenshots/``), wide and narrow.
"""

from playwright.sync_api import expect

NARROW = {"width": 390, "height": 844}


def test_the_main_pages_render_whole_and_are_saved_as_screenshots(
    journal_with_content, new_context, open_page, log_in, screenshot
):
    journal = journal_with_content
    alien = journal.reviews["Alien"]
    pages = [
        # name, who is signed in, address
        ("home", None, "/"),
        ("review", journal.staff, alien.get_absolute_url()),
        ("film", journal.reader, journal.films["Alien"].get_absolute_url()),
        ("editor", journal.critic, "/reviews/write/"),
        ("moderation-queue", journal.staff, "/comments/moderation/"),
        ("reader-stats", None, f"/u/{journal.reader.username}/stats/"),
        ("import", journal.reader, "/imports/"),
        ("import-report", journal.reader, journal.import_job.get_absolute_url()),
        ("sign-in", None, "/accounts/login/"),
    ]
    saved = []
    for viewport, suffix in [(None, ""), (NARROW, "-narrow")]:
        contexts = {}
        for name, user, url in pages:
            if suffix and name not in {"home", "film"}:
                continue
            key = user.username if user else "anonymous"
            if key not in contexts:
                contexts[key] = open_page(
                    new_context(**({"viewport": viewport} if viewport else {}))
                )
                if user:
                    log_in(contexts[key].context, user)
            page = contexts[key]
            response = page.goto(url)
            assert response.status == 200, f"{url}: HTTP {response.status}"
            for landmark in ["banner", "main", "contentinfo"]:
                expect(page.get_by_role(landmark)).to_have_count(1)
            expect(page.get_by_role("main").get_by_role("heading", level=1)).to_be_visible()
            saved.append(screenshot(page, name + suffix))

    assert all(path.stat().st_size > 10_000 for path in saved)
    assert len(saved) == len(pages) + 2
