"""Every page names the journal in its masthead and its title."""

import pytest
from django.conf import settings


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/films/",
        "/accounts/signup/",
        "/accounts/login/",  # once showed the host name: LoginView sets its own site_name
    ],
)
def test_the_masthead_and_title_name_the_journal(page, url):
    page.goto(url)
    assert page.get_by_role("banner").get_by_role("link").first.text_content() == settings.SITE_NAME
    assert page.title().endswith(f" · {settings.SITE_NAME}"), page.title()
