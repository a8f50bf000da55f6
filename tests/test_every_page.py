"""Every page of the site answers each kind of visitor without a server error.

The expected status per role is the authorization design: anonymous visitors are sent to sign
in for personal pages, readers are refused the critics' and staff's pages, and so on.
"""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reader", "critic", "staff", "owner"]

# page -> the status each role gets, in ROLES order (302 = sent to sign in)
PAGES = {
    "/": [200] * 5,
    "/reviews/": [200] * 5,
    "/films/": [200] * 5,
    "/feed/": [200] * 5,
    "/feed/essential/": [200] * 5,
    "/verdicts/essential/": [200] * 5,
    "/years/1979/": [200] * 5,
    "/genres/horror/": [200] * 5,
    "/directors/ridley-scott/": [200] * 5,
    "/people/sigourney-weaver/": [200] * 5,
    "/films/alien-1979/": [200] * 5,
    "/search/?q=alien": [200] * 5,
    "/related/alien-1979/": [200] * 5,
    "/sitemap.xml": [200] * 5,
    "/healthz": [200] * 5,
    "/accounts/login/": [200] * 5,
    "/accounts/profile/carla_critic/": [200] * 5,
    "/reviews/{review}/": [200] * 5,
    "/reviews/{review}/text/": [200] * 5,
    "/reviews/{draft}/": [404, 404, 200, 200, 200],
    "/reviews/{draft}/text/": [404, 404, 200, 200, 200],
    "/reviews/{review}/edit/": [302, 403, 200, 200, 200],
    "/reviews/{review}/history/": [302, 403, 200, 200, 200],
    "/reviews/write/": [302, 403, 200, 200, 200],
    "/reviews/paste/": [302, 403, 200, 200, 200],
    "/reviews/mine/": [302, 403, 200, 200, 200],
    "/mentions/review/{review}/": [302, 403, 200, 200, 200],
    "/comments/moderation/": [302, 403, 403, 200, 200],
    "/staff/models/": [302, 403, 403, 200, 200],
    "/staff/models/status/": [302, 403, 403, 200, 200],
    "/admin/": [302, 302, 302, 200, 200],
    "/taste/start/": [200] * 5,
    "/taste/tests/": [302, 200, 200, 200, 200],
    "/taste/compare/carla_critic/": [302, 200, 200, 200, 200],
}


@pytest.fixture
def visitors(client, reader, critic, staff, owner):
    return {"anonymous": None, "reader": reader, "critic": critic, "staff": staff, "owner": owner}


@pytest.mark.parametrize("page", PAGES)
def test_each_role_gets_what_the_design_says(client, visitors, review, draft_review, page):
    draft_review.slug = "alien-draft"
    draft_review.save()
    url = page.format(review=review.slug, draft=draft_review.slug)
    for role, expected in zip(ROLES, PAGES[page], strict=True):
        client.logout()
        if visitors[role]:
            client.force_login(visitors[role])
        status = client.get(url).status_code
        assert status == expected, f"{role} on {url}: {status}, expected {expected}"


def test_signup_is_for_visitors_only(client, reader):
    assert client.get(reverse("accounts:signup")).status_code == 200
    client.force_login(reader)
    assert client.get(reverse("accounts:signup")).status_code == 302
