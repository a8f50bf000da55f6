"""Every public page answers, shows the right reviews, and hides drafts."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_home_lists_published_reviews_but_not_drafts(client, review, draft_review):
    draft_review.film.title  # noqa: B018 - same film, different review
    response = client.get("/")
    assert response.status_code == 200
    assert response.content.decode().count(review.get_absolute_url()) >= 1
    assert draft_review.get_absolute_url() not in response.content.decode()


def test_home_on_an_empty_site_says_so(client, db):
    response = client.get("/")
    assert "No reviews yet" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/verdicts/recommended-viewing/",
        "/years/1979/",
        "/genres/horror/",
        "/directors/ridley-scott/",
        "/reviews/",
    ],
)
def test_archives_list_the_review(client, review, url):
    response = client.get(url)
    assert response.status_code == 200
    assert review.get_absolute_url() in response.content.decode()


def test_archives_of_other_verdicts_leave_it_out(client, review):
    response = client.get("/verdicts/skip-it/")
    assert review.get_absolute_url() not in response.content.decode()


def test_unknown_archive_is_a_404(client, db):
    assert client.get("/verdicts/nope/").status_code == 404
    assert client.get("/genres/nope/").status_code == 404


def test_pagination_survives_a_bad_page_number(client, review):
    assert client.get("/?page=abc").status_code == 200
    assert client.get("/?page=999").status_code == 200


def test_film_page_shows_credits_and_reviews(client, review, film):
    page = client.get(film.get_absolute_url()).content.decode()
    assert "Ridley Scott" in page and "Sigourney Weaver" in page
    assert review.get_absolute_url() in page


def test_person_page_lists_the_filmography(client, film):
    page = client.get("/people/sigourney-weaver/").content.decode()
    assert film.get_absolute_url() in page


def test_film_list_filters_by_title(client, film):
    assert "Alien" in client.get("/films/?q=ali").content.decode()
    assert "Alien" not in client.get("/films/?q=zzz").content.decode()


def test_health_check_answers(client, db):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_every_page_carries_a_content_security_policy_without_inline_script(client, review):
    policy = client.get(review.get_absolute_url())["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_sitemap_lists_published_reviews_only(client, review, draft_review):
    draft_review.slug = "draft-only"
    draft_review.save()
    body = client.get(reverse("sitemap")).content.decode()
    assert review.get_absolute_url() in body
    assert "draft-only" not in body


def test_a_review_page_reads_the_films_credits_once(
    client, review, reader, django_assert_max_num_queries
):
    """Directors and cast appear on the page and in its structured data: one read serves both."""
    client.force_login(reader)  # signed in: past the anonymous page cache
    client.get(review.get_absolute_url())
    with django_assert_max_num_queries(60) as captured:
        page = client.get(review.get_absolute_url()).content.decode()
    assert "Ridley Scott" in page
    reads = [q["sql"] for q in captured.captured_queries if '"catalog_credit"' in q["sql"]]
    assert len(reads) == 1
