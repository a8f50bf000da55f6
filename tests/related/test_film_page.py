"""The film page and the related-films page, with and without the precomputed tables."""

from marquee.related.services import similar_rebuild


def test_the_film_page_renders_before_any_rebuild(client, stories, critic):
    page = client.get(stories["harvest"].get_absolute_url())
    assert page.status_code == 200
    assert "More like this" not in page.content.decode()
    client.force_login(critic)
    assert client.get(stories["harvest"].get_absolute_url()).status_code == 200


def test_the_film_page_shows_more_like_this_after_a_rebuild(client, stories):
    similar_rebuild()
    page = client.get(stories["harvest"].get_absolute_url()).content.decode()
    assert "More like this" in page
    assert stories["island"].get_absolute_url() in page
    assert "Shared keywords:" in page
    assert f"/related/{stories['harvest'].slug}/" in page


def test_a_film_without_neighbours_still_renders(client, stories):
    similar_rebuild()
    page = client.get(stories["blank"].get_absolute_url())
    assert page.status_code == 200 and "More like this" not in page.content.decode()


def test_the_related_page_lists_every_neighbour(client, stories, critic):
    url = f"/related/{stories['harvest'].slug}/"
    assert "No similar films yet" in client.get(url).content.decode()
    similar_rebuild()
    page = client.get(url).content.decode()
    for title in ("Copies", "The Island of Spares"):
        assert title in page
    assert "Possible influences" not in page
    client.force_login(critic)
    assert "Possible influences" in client.get(url).content.decode()


def test_the_related_page_of_an_unknown_film_is_not_found(client, db):
    assert client.get("/related/no-such-film/").status_code == 404


def test_the_film_page_reads_the_neighbours_in_one_query(
    client, stories, django_assert_max_num_queries
):
    from marquee.related.selectors import more_like_this

    similar_rebuild()
    with django_assert_max_num_queries(1):
        assert len(more_like_this(stories["harvest"])) >= 2
