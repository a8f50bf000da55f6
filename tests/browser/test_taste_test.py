"""A reader makes a taste test; a visitor who is not signed in takes it and sees how alike they are."""

from playwright.sync_api import expect

from marquee.taste.models import TasteTest, TasteTestResponse


def test_an_owner_shares_a_taste_test_and_a_visitor_sees_their_compatibility(
    page, context, new_context, open_page, log_in, trained
):
    owner = trained["readers"][0]  # a horror fan
    log_in(context, owner)
    page.goto("/taste/tests/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your taste tests")
    # The most revealing films come suggested, already ticked.
    expect(page.locator(".film-choice-suggested input:checked")).not_to_have_count(0)
    page.get_by_label("Title").fill("Do you like being scared?")
    page.get_by_role("button", name="Make the taste test").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Do you like being scared?")
    link = page.get_by_label("Send this link").input_value()
    test = TasteTest.objects.get(owner=owner)
    assert link.endswith(test.get_absolute_url())

    visitor = open_page(new_context())
    visitor.goto(link)
    expect(visitor.get_by_role("heading", level=1)).to_have_text("Do you like being scared?")
    for film in test.ordered_films():
        group = visitor.get_by_role("group", name=film.title)
        answer = "Loved it" if film.title.startswith("Horror") else "Disliked it"
        group.get_by_label(answer).check()
    visitor.get_by_label(f"Share my result with {owner.public_name}").check()
    visitor.get_by_role("button", name="See how alike we are").click()

    expect(visitor.get_by_role("heading", level=1)).to_have_text(f"You and {owner.public_name}")
    expect(visitor.locator(".match-words")).to_contain_text("% alike (likely between")
    expect(
        visitor.get_by_role("link", name="Create an account to keep your answers")
    ).to_be_visible()
    response = TasteTestResponse.objects.get(test=test)
    assert response.user is None and response.share_with_owner

    page.reload()
    expect(page.locator("table.report-table")).to_contain_text("A visitor")


def test_the_taste_pages_checkboxes_sit_beside_their_labels(
    page, context, log_in, trained, screenshot
):
    from marquee.taste.services import taste_test_create
    from tests.browser.test_checkbox_labels import CHECKBOXES

    owner = trained["readers"][0]
    films = [rating.film for rating in owner.ratings.select_related("film")[:4]]
    test = taste_test_create(owner=owner, title="Quick one", films=films)
    log_in(context, owner)
    for url in ["/taste/tests/", f"/accounts/profile/{owner.username}/"]:
        page.goto(url)
        checkboxes = page.evaluate(CHECKBOXES)
        assert checkboxes, f"no checkbox on {url}"
        assert all(box["beside"] for box in checkboxes), (url, checkboxes)
    page.goto("/taste/start/")
    question = page.locator("#question-title")
    first = question.inner_text()
    with page.expect_response("**/taste/start/") as answered:
        page.get_by_role("button", name="Haven’t seen it").click()
    assert answered.value.request.headers.get("hx-request") == "true"  # swapped, not reloaded
    expect(question).not_to_have_text(first)
    expect(page.get_by_role("button", name="Loved it")).to_be_visible()
    screenshot(page, "taste-onboarding")
    page.context.clear_cookies()
    page.goto(test.get_absolute_url())
    checkboxes = page.evaluate(CHECKBOXES)
    assert checkboxes and all(box["beside"] for box in checkboxes), checkboxes
