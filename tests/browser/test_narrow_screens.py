"""On a phone-sized screen no page is wider than the screen (nothing scrolls sideways)."""

from playwright.sync_api import expect

PHONE = {"width": 360, "height": 740}

# Elements that stick out past the right edge of the screen.
OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .map((el) => `${el.localName}.${el.className}`);
  return { scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5) };
}
"""


def test_the_main_pages_fit_a_phone_screen(journal_with_content, new_context, open_page, log_in):
    journal = journal_with_content
    context = new_context(viewport=PHONE)
    log_in(context, journal.reader)
    page = open_page(context)
    urls = [
        "/",
        journal.reviews["Alien"].get_absolute_url(),
        journal.films["Alien"].get_absolute_url(),
        "/films/",
        f"/u/{journal.reader.username}/",
        f"/u/{journal.reader.username}/diary/",
        f"/u/{journal.reader.username}/ratings/",
        f"/u/{journal.reader.username}/stats/",
        "/imports/",
        journal.import_job.get_absolute_url(),
    ]
    too_wide = {}
    for url in urls:
        page.goto(url)
        layout = page.evaluate(OVERFLOW)
        if layout["scrollWidth"] > layout["width"]:
            too_wide[url] = layout
    assert not too_wide, too_wide

    # The tables beside the stats page's charts are clipped, not hidden from screen readers.
    page.goto(f"/u/{journal.reader.username}/stats/")
    expect(page.get_by_role("table", name="Ratings: films per number of stars")).to_have_count(1)
    expect(page.get_by_role("table", name="Directors by films seen")).to_have_count(1)
