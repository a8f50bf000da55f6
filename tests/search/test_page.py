"""The search page: a plain form that works without JavaScript, live results with htmx, and
the search box in every page's header."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_page_lists_results_with_links_and_reasons(client, reviewed):
    page = client.get("/search/", {"q": "godfather"}).content.decode()
    assert 'href="/films/the-godfather-1972/"' in page
    assert "Matched words in the title" in page


def test_htmx_gets_only_the_results(client, reviewed):
    response = client.get("/search/", {"q": "jaws"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and 'href="/films/jaws-1975/"' in page


def test_every_page_has_a_labelled_search_box(client, reviewed):
    page = client.get("/").content.decode()
    assert '<label for="site-search-q">Search</label>' in page
    assert 'action="/search/"' in page and 'id="site-search-q"' in page


def test_the_query_stays_in_the_box(client, reviewed):
    page = client.get("/search/", {"q": "clones <script>"}).content.decode()
    assert 'value="clones &lt;script&gt;"' in page


def test_signed_in_readers_search_too(client, reviewed, reader):
    client.force_login(reader)
    assert client.get("/search/", {"q": "shark"}).status_code == 200
