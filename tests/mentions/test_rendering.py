"""Links on the review page: inside the text only, escaped, never inside other links."""

import pytest
from django.template import Context

from marquee.catalog.services import film_create
from marquee.comments.services import comment_moderate, comment_post
from marquee.mentions.rendering import Link, link_html
from marquee.mentions.templatetags.mentions import linked_comment

pytestmark = pytest.mark.django_db


def test_linked_mentions_become_links_in_the_review(client, write_review, aliens, blade_runner):
    review = write_review(
        body="Better than *Blade Runner* (1982). See [Aliens](https://example.com)."
    )
    page = client.get(review.get_absolute_url()).content.decode()
    assert (
        '<a class="mention" href="/films/blade-runner-1982/" title="Blade Runner (1982)">Blade Runner</a>'
        in page
    )
    assert '<a href="https://example.com" rel="nofollow noopener noreferrer">Aliens</a>' in page
    assert 'href="/films/aliens-1986/"' not in page


def test_suggested_and_rejected_mentions_are_not_links(client, write_review, critic, aliens):
    from marquee.mentions.services import mention_decide

    review = write_review(body="Then Aliens (1986) came.")
    mention_decide(mention=review.mentions.get(), user=critic, status="rejected")
    page = client.get(review.get_absolute_url()).content.decode()
    assert 'class="mention"' not in page


def test_a_review_without_mentions_renders_as_before(client, review):
    page = client.get(review.get_absolute_url()).content.decode()
    assert review.body_html in page


def test_titles_and_names_cannot_inject_html(client, write_review, critic):
    from marquee.mentions.services import mention_decide

    film = film_create(title="Rock & Roll Night", year=1999)
    review = write_review(body="I loved Rock & Roll Night (1999), honestly.")
    mention_decide(mention=review.mentions.get(film=film), user=critic, status="confirmed")
    film.title = '"><script>alert(1)</script>'  # renamed later, by someone careless
    film.save()
    page = client.get(review.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in page
    assert (
        'title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt; (1999)">Rock &amp; Roll Night</a>'
        in page
    )


def test_link_html_escapes_what_it_adds():
    out = link_html("<p>a &lt;b&gt; c</p>", [Link("b", 0, '/x"><script>', '"><script>')])
    assert "<script>" not in out
    assert "&lt;" in out


def test_link_html_leaves_tags_links_and_code_alone():
    html = '<p>Alien and <a href="/x">Alien</a> and <code>Alien</code> and <em>Alien</em>.</p>'
    links = [Link("Alien", n, "/films/alien-1979/", "Alien (1979)") for n in range(4)]
    out = link_html(html, links)
    assert out.count('class="mention"') == 2
    assert '<a href="/x">Alien</a>' in out and "<code>Alien</code>" in out
    assert '<em><a class="mention"' in out


def test_link_html_links_only_the_occurrence_that_was_linked():
    html = "<p>Alien, then Alien again.</p>"
    out = link_html(html, [Link("Alien", 1, "/films/alien-1979/", "Alien (1979)")])
    assert (
        out
        == '<p>Alien, then <a class="mention" href="/films/alien-1979/" title="Alien (1979)">Alien</a> again.</p>'
    )


def test_link_html_follows_typographic_quotes():
    html = "<p>Schindler\u2019s List</p>"
    out = link_html(html, [Link("Schindler's List", 0, "/films/s/", "Schindler's List (1993)")])
    assert 'class="mention"' in out


def test_comment_mentions_render_as_links(review, reader, aliens):
    comment = comment_post(
        review=review, author=reader, body="James Cameron's Aliens (1986) <b>rules</b>!"
    )
    html = linked_comment(Context({}), comment)
    assert 'href="/films/aliens-1986/"' in html
    assert "<b>" not in html and "&lt;b&gt;" in html


def test_the_review_page_links_comment_mentions_in_one_query_a_thread(
    client, review, reader, staff, aliens, django_assert_max_num_queries
):
    first = comment_post(
        review=review, author=reader, body="James Cameron's Aliens (1986) is better."
    )
    comment_moderate(comment=first, moderator=staff, status="approved")
    comment_post(review=review, author=reader, body="And James Cameron's Aliens (1986) again.")
    client.force_login(staff)  # signed in: past the anonymous page cache
    page = client.get(review.get_absolute_url()).content.decode()
    assert page.count('href="/films/aliens-1986/"') >= 2
    with django_assert_max_num_queries(40) as captured:
        client.get(review.get_absolute_url())
    reads = [q["sql"] for q in captured.captured_queries if "mentions_mention" in q["sql"]]
    assert len(reads) <= 2  # one for every field of the review, one for the whole thread
