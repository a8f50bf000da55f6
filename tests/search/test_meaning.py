"""Search by meaning, with the real packaged model (it loads in about two seconds, offline)."""

import socket

import numpy as np
import pytest

from marquee.search import embeddings, services
from marquee.search.models import SearchEmbedding
from marquee.search.selectors import search

pytestmark = pytest.mark.django_db


def test_the_model_gives_unit_length_float32_rows_and_is_deterministic():
    texts = ["quiet science fiction about clones facing death", "a shark at the beach", ""]
    first = embeddings.embed(texts)
    assert first.dtype == np.float32 and first.shape == (3, embeddings.current().dim)
    assert np.allclose(np.linalg.norm(first[:2], axis=1), 1.0, atol=1e-5)
    assert not first[2].any()  # nothing to mean: a zero row, never NaN
    assert np.array_equal(first, embeddings.embed(texts))


def test_the_model_loads_without_the_network(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the embedding model tried to use the network")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    embeddings.use(None)
    try:
        assert embeddings.embed(["offline"]).shape[0] == 1
    finally:
        embeddings.use(None)


@pytest.mark.parametrize(
    ("query", "title"),
    [
        ("a killer fish terrorizes bathers", "Jaws"),
        ("gangster family saga", "The Godfather"),
        ("clones who will die young", "Never Let Me Go"),
    ],
)
def test_a_story_told_in_other_words_finds_the_film(reviewed, query, title):
    films = [hit.title for hit in search(query, mode="meaning").hits if hit.kind == "film"]
    assert films[0] == title


def test_the_issues_example_finds_the_clone_story_near_the_top(reviewed):
    query = "quiet science fiction about clones facing death"
    films = [hit.title for hit in search(query, mode="meaning").hits if hit.kind == "film"]
    assert "Never Let Me Go" in films[:2]


def test_every_film_and_published_review_has_a_vector_and_people_none(reviewed):
    kinds = set(SearchEmbedding.objects.values_list("document__kind", flat=True))
    assert kinds == {"film", "review"}


def test_unchanged_texts_are_not_embedded_again(reviewed, committed):
    assert services.embeddings_refresh() == 0
    with committed():
        reviewed["Jaws"].save()  # saved, but no text changed
    assert services.embeddings_refresh() == 0


def test_a_changed_synopsis_gets_a_new_vector(reviewed, committed):
    film = reviewed["Pride & Prejudice"]
    film.synopsis = "A sentient submarine explores the deep ocean for alien clones."
    film.save()
    services.film_index(film_id=film.pk)
    assert services.embeddings_refresh() == 1
    found = search("underwater submarine voyage", mode="meaning").hits
    assert found[0].title == "Pride & Prejudice"


def test_another_model_behind_the_interface_replaces_every_vector(reviewed):
    class Constant:
        name, dim = "constant-test-model", 4

        def embed(self, texts):
            return embeddings.normalized(np.ones((len(texts), self.dim)))

    embeddings.use(Constant())
    try:
        computed = services.embeddings_refresh()
        assert computed == SearchEmbedding.objects.count() > 0
        assert set(SearchEmbedding.objects.values_list("model", flat=True)) == {Constant.name}
        assert search("anything at all", mode="meaning").hits
    finally:
        embeddings.use(None)


def test_changes_are_embedded_in_the_background_after_commit(catalog, committed):
    with committed():
        film = catalog["Her"]
        film.synopsis = "A story about a typewriter that writes letters by itself."
        film.save()
    assert services.embeddings_refresh() == 0  # the background task did it already
    assert search("typewriter writing letters", mode="meaning").hits[0].title == "Her"
