"""The site works from the keyboard: a skip link first, then the controls in reading order, each
with a visible focus ring."""

from playwright.sync_api import expect

from marquee.reviews.selectors import published_reviews

# What the focused element is, in words, and whether it shows where the focus is.
FOCUSED = """
() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {
    id: el.id,
    tag: el.localName,
    text: (el.textContent || el.value || "").trim().split("\\n")[0],
    ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    inMain: Boolean(el.closest("main")),
    inView: el.getBoundingClientRect().left >= 0,
  };
}
"""


def tab_through(page, presses: int) -> list[dict]:
    focused = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused.append(page.evaluate(FOCUSED))
    return focused


def in_order(wanted: list[str], got: list[str]) -> bool:
    """``wanted`` appears in ``got`` in this order (other things may come between)."""
    remaining = iter(got)
    return all(item in remaining for item in wanted)


def test_the_home_page_starts_with_a_skip_link_then_the_masthead_then_the_reviews(
    page, journal_with_content
):
    page.goto("/")
    newest = published_reviews().first().film.title

    focused = tab_through(page, 9)

    assert focused[0]["text"] == "Skip to content" and focused[0]["inView"]
    assert [f["text"] for f in focused[1:8]] == [
        "Marquee",
        "",  # the search box
        "Go",
        "Reviews",
        "Films",
        "Sign in",
        "Sign up",
    ]
    assert focused[8]["inMain"] and focused[8]["text"] == newest
    assert all(f["ring"] for f in focused), [f["text"] for f in focused if not f["ring"]]


def test_the_skip_link_takes_the_keyboard_past_the_masthead(page, journal_with_content):
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()

    page.keyboard.press("Enter")
    expect(page).to_have_url("/#main")
    page.keyboard.press("Tab")

    focused = page.evaluate(FOCUSED)
    assert focused["inMain"], focused
    assert focused["text"] == published_reviews().first().film.title


def test_the_sign_up_form_is_filled_in_reading_order(page):
    page.goto("/accounts/signup/")

    focused = [page.evaluate(FOCUSED), *tab_through(page, 8)]  # the username has autofocus

    ids = [f["id"] for f in focused]
    fields = ["id_username", "id_email", "id_display_name", "id_password1", "id_password2"]
    assert in_order(fields, ids), ids
    after_fields = focused[ids.index("id_password2") + 1 :]
    assert any(f["tag"] == "button" and f["text"] == "Sign up" for f in after_fields)
    assert all(f["ring"] for f in focused if f["inMain"])


def test_the_review_editor_is_filled_in_reading_order(page, context, log_in, critic):
    log_in(context, critic)
    page.goto("/reviews/write/")

    focused = tab_through(page, 24)

    ids = [f["id"] for f in focused]
    fields = [
        "id_film_title", "id_film_year", "id_director", "id_cast", "id_verdict", "id_tagline",
        "id_setup", "id_body", "id_should_watch", "id_publish",
    ]  # fmt: skip
    assert in_order(fields, ids), ids
    assert focused[ids.index("id_publish") + 1]["text"] == "Save"
    assert all(f["ring"] for f in focused if f["inMain"])
