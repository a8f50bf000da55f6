"""A visitor signs up in the browser and comes back signed in."""

from playwright.sync_api import expect

from marquee.accounts.models import User


def test_a_visitor_signs_up_and_is_signed_in(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Sign up").click()
    expect(page).to_have_url("/accounts/signup/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Create an account")

    page.get_by_label("Username").fill("nina_newcomer")
    page.get_by_label("Email").fill("nina@example.test")
    page.get_by_label("Display name").fill("Nina N.")
    page.get_by_label("Password:", exact=True).fill("a-long-new-password-91")
    page.get_by_label("Password confirmation").fill("a-long-new-password-91")
    page.get_by_role("button", name="Sign up").click()

    expect(page).to_have_url("/")
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Nina N.")).to_be_visible()
    expect(nav.get_by_role("button", name="Sign out")).to_be_visible()
    user = User.objects.get(username="nina_newcomer")
    assert (user.email, user.display_name, user.is_critic) == (
        "nina@example.test",
        "Nina N.",
        False,
    )


def test_a_mistyped_password_confirmation_is_shown_next_to_the_field(page):
    page.goto("/accounts/signup/")
    page.get_by_label("Username").fill("nina_newcomer")
    page.get_by_label("Email").fill("nina@example.test")
    page.get_by_label("Password:", exact=True).fill("a-long-new-password-91")
    page.get_by_label("Password confirmation").fill("a-long-new-password-19")
    page.get_by_role("button", name="Sign up").click()

    expect(page.get_by_role("alert")).to_contain_text("didn’t match")
    assert not User.objects.filter(username="nina_newcomer").exists()
