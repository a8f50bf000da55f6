"""Nearest vectors: numpy everywhere, pgvector where PostgreSQL has the extension."""

import numpy as np
import pytest
from django.db import connection

from marquee.search import embeddings, services, vectors
from marquee.search.models import SearchDocument
from marquee.search.selectors import search

pytestmark = pytest.mark.django_db


def test_the_matrix_holds_one_unit_row_per_vector(reviewed):
    model = embeddings.current()
    matrix = vectors.matrix_for(version=vectors.index_version(), model=model.name, dim=model.dim)
    assert matrix.vectors.shape == (len(matrix.document_ids), model.dim)
    assert np.allclose(np.linalg.norm(matrix.vectors, axis=1), 1.0, atol=1e-5)


def test_nearest_keeps_only_the_rows_allowed(reviewed):
    model = embeddings.current()
    matrix = vectors.matrix_for(version=vectors.index_version(), model=model.name, dim=model.dim)
    jaws = SearchDocument.objects.filter(film=reviewed["Jaws"]).values_list("pk", flat=True)
    allowed = np.isin(matrix.document_ids, list(jaws))
    found = matrix.nearest(embeddings.embed(["sharks"])[0], k=50, allowed=allowed)
    assert found and {pk for pk, _ in found} == set(jaws)
    assert len(found) < len(matrix.document_ids)


def test_without_pgvector_search_uses_numpy(reviewed):
    if vectors.pgvector_ready():
        pytest.skip("this PostgreSQL has pgvector")
    assert not vectors.pgvector_in_use()
    assert search("a killer fish terrorizes bathers", mode="meaning").hits[0].title == "Jaws"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pgvector is PostgreSQL's")
def test_pgvector_ranks_as_numpy_does(reviewed):
    if not vectors.pgvector_ready():
        pytest.skip("this PostgreSQL has no pgvector extension")
    services.embeddings_refresh()
    assert vectors.pgvector_in_use()
    query = embeddings.embed(["a killer fish terrorizes bathers"])[0]
    model = embeddings.current()
    in_postgres = vectors.pgvector_nearest(query, model=model.name, k=5, where=("", []))
    matrix = vectors.matrix_for(version=vectors.index_version(), model=model.name, dim=model.dim)
    assert [pk for pk, _ in in_postgres] == [pk for pk, _ in matrix.nearest(query, k=5)]
