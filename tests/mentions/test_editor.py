"""The suggestions panel on the edit page, and confirming or rejecting links (POST, CSRF,
author or staff only)."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db

BODY = "Before Blade Runner (1982) there was this, and then Aliens (1986)."


@pytest.fixture
def reviewed(write_review, aliens, blade_runner):
    return write_review(body=BODY)


def test_the_edit_page_shows_the_suggested_links(client, critic, reviewed):
    client.force_login(critic)
    page = client.get(reverse("reviews:edit", args=[reviewed.slug])).content.decode()
    assert "Films and people in this review" in page
    assert "Blade Runner (1982)" in page and "Aliens (1986)" in page
    assert 'hx-post="/mentions/' in page and "csrfmiddlewaretoken" in page


def test_the_author_confirms_a_link_with_htmx_and_gets_the_panel_back(client, critic, reviewed):
    mention = reviewed.mentions.get(text="Aliens")
    client.force_login(critic)
    response = client.post(reverse("mentions:confirm", args=[mention.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert 'id="mention-panel"' in response.content.decode()
    assert "<html" not in response.content.decode()
    mention.refresh_from_db()
    assert mention.status == "confirmed"


def test_without_htmx_a_decision_returns_to_the_edit_page(client, critic, reviewed):
    mention = reviewed.mentions.get(text="Aliens")
    client.force_login(critic)
    response = client.post(reverse("mentions:reject", args=[mention.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:edit", args=[reviewed.slug])
    mention.refresh_from_db()
    assert mention.status == "rejected"


def test_staff_may_decide_on_anyones_links(client, staff, reviewed):
    mention = reviewed.mentions.get(text="Aliens")
    client.force_login(staff)
    assert client.post(reverse("mentions:reject", args=[mention.pk])).status_code == 302


@pytest.mark.parametrize("who", ["reader", "other_critic"])
def test_others_are_refused(client, request, reviewed, who):
    mention = reviewed.mentions.get(text="Aliens")
    client.force_login(request.getfixturevalue(who))
    for action in ("mentions:confirm", "mentions:reject"):
        assert client.post(reverse(action, args=[mention.pk])).status_code == 403
    assert client.get(reverse("mentions:review", args=[reviewed.slug])).status_code == 403
    mention.refresh_from_db()
    assert mention.status != "rejected"


def test_anonymous_visitors_are_sent_to_sign_in(client, reviewed):
    mention = reviewed.mentions.get(text="Aliens")
    response = client.post(reverse("mentions:reject", args=[mention.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_deciding_needs_a_post_with_a_csrf_token(critic, reviewed):
    mention = reviewed.mentions.get(text="Aliens")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(critic)
    assert browser.get(reverse("mentions:reject", args=[mention.pk])).status_code == 405
    assert browser.post(reverse("mentions:reject", args=[mention.pk])).status_code == 403
    mention.refresh_from_db()
    assert mention.status != "rejected"


def test_an_unknown_mention_is_not_found(client, critic):
    client.force_login(critic)
    assert client.post(reverse("mentions:confirm", args=[999999])).status_code == 404


def test_the_panel_page_answers_htmx_with_the_fragment(client, critic, reviewed):
    client.force_login(critic)
    url = reverse("mentions:review", args=[reviewed.slug])
    assert "<html" in client.get(url).content.decode()
    assert "<html" not in client.get(url, HTTP_HX_REQUEST="true").content.decode()


def test_a_rejected_link_stays_rejected_after_saving_through_the_editor(client, critic, reviewed):
    mention = reviewed.mentions.get(text="Aliens")
    client.force_login(critic)
    client.post(reverse("mentions:reject", args=[mention.pk]))
    client.post(
        reverse("reviews:edit", args=[reviewed.slug]),
        {
            "verdict": reviewed.verdict.pk,
            "tagline": reviewed.tagline,
            "setup": reviewed.setup,
            "body": BODY + " Aliens (1986) again.",
            "should_watch": reviewed.should_watch,
        },
    )
    assert set(reviewed.mentions.filter(text="Aliens").values_list("status", flat=True)) == {
        "rejected"
    }
    page = client.get(reviewed.get_absolute_url()).content.decode()
    assert 'href="/films/aliens-1986/"' not in page
