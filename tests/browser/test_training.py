"""Staff train the recommendation models from their page and watch it finish."""

from __future__ import annotations

from playwright.sync_api import expect

from marquee.predictions import store


def test_staff_train_the_models_and_see_the_result(
    taste_site, models_folder, staff, page, context, log_in, screenshot
):
    log_in(context, staff)
    page.goto("/")
    page.get_by_role("link", name="Models").click()
    expect(page.get_by_role("heading", name="Recommendation models")).to_be_visible()
    expect(page.get_by_text("No models yet")).to_be_visible()
    # Tasks run inline in the tests: the page the button leads back to shows the run finished.
    page.get_by_role("button", name="Train now").click()
    status = page.locator("#training-status")
    expect(status.get_by_text("Done", exact=True)).to_be_visible()
    expect(status.get_by_role("progressbar", name="Training progress")).to_have_attribute(
        "value", "100"
    )
    assert store.current() is not None
    expect(page.get_by_text(f"{store.current().ratings_count} from 24 readers")).to_be_visible()
    screenshot(page, "models")
