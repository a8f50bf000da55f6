"""Nearest vectors for search by meaning: exact, with numpy, or with pgvector where it is there.

Numpy (SQLite, and PostgreSQL without pgvector): every process keeps the matrix of vectors in
memory, loaded from ``SearchEmbedding`` rows and loaded again when the index version changes;
a query is one matrix-vector product (about 2 ms for 20,000 documents of 256 dimensions).

pgvector: where ``CREATE EXTENSION vector`` succeeds, ``embeddings_refresh`` also writes each
vector into ``search_pgvector`` and queries there use ``<=>`` (cosine distance), exact, without
an approximate index. Any database error on that path falls back to numpy.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass

import numpy as np
from django.db import DatabaseError, connection, transaction

from marquee.search.models import SearchDocument, SearchEmbedding, SearchIndexVersion

logger = logging.getLogger(__name__)
PG_TABLE = "search_pgvector"


def index_version() -> int:
    """The number that changes whenever documents or vectors change."""
    return SearchIndexVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0


@dataclass(frozen=True)
class VectorMatrix:
    """Every vector of one model, row by row, with the document each row belongs to."""

    version: int
    model: str
    document_ids: np.ndarray  # int64
    vectors: np.ndarray  # float32 (rows, dim), unit length

    @classmethod
    def load(cls, *, version: int, model: str, dim: int) -> VectorMatrix:
        rows = SearchEmbedding.objects.filter(model=model).values_list("document_id", "vector")
        ids, blobs = [], []
        for document_id, blob in rows.iterator(chunk_size=5000):
            ids.append(document_id)
            blobs.append(bytes(blob))
        matrix = np.frombuffer(b"".join(blobs), dtype="<f4").reshape(len(blobs), dim)
        return cls(
            version=version,
            model=model,
            document_ids=np.asarray(ids, dtype=np.int64),
            vectors=matrix.astype(np.float32),
        )

    def nearest(
        self, query: np.ndarray, *, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """The ``k`` closest documents as (document id, cosine similarity), best first; with
        ``allowed`` (a mask over the rows) only among those rows."""
        if not len(self.document_ids):
            return []
        scores = self.vectors @ query.astype(np.float32)
        if allowed is not None:
            scores[~allowed] = -np.inf
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self.document_ids[i]), float(scores[i])) for i in top if scores[i] > -np.inf]


_matrices: dict[str, VectorMatrix] = {}
_lock = threading.Lock()


def matrix_for(*, version: int, model: str, dim: int) -> VectorMatrix:
    """This process's matrix, loaded again when the index version or the model changed."""
    key = connection.alias
    loaded = _matrices.get(key)
    if loaded is None or loaded.version != version or loaded.model != model:
        with _lock:
            loaded = _matrices.get(key)
            if loaded is None or loaded.version != version or loaded.model != model:
                loaded = VectorMatrix.load(version=version, model=model, dim=dim)
                _matrices[key] = loaded
    return loaded


# -- pgvector --------------------------------------------------------------------------------


def _literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector.tolist()) + "]"


def pgvector_ready() -> bool:
    """Whether this PostgreSQL has pgvector (installing it into the database if we may)."""
    if connection.vendor != "postgresql":
        return False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS vector")
        return True
    except DatabaseError:
        return False


def pgvector_in_use() -> bool:
    """Whether queries can use the pgvector table (it exists: the writer side made it)."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_regclass(%s) IS NOT NULL", [PG_TABLE])
        return bool(cursor.fetchone()[0])


def pgvector_sync(model) -> None:
    """Copy into the pgvector table the vectors it lacks (all of them the first time)."""
    if not pgvector_ready():
        return
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                f"CREATE TABLE IF NOT EXISTS {PG_TABLE} (document_id bigint PRIMARY KEY"
                f" REFERENCES {SearchDocument._meta.db_table}(id) ON DELETE CASCADE,"
                f" model varchar(80) NOT NULL, text_hash varchar(64) NOT NULL,"
                f" embedding vector({int(model.dim)}) NOT NULL)"
            )
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE model <> %s", [model.name])
            cursor.execute(
                f"DELETE FROM {PG_TABLE} p USING {SearchEmbedding._meta.db_table} e"
                " WHERE e.document_id = p.document_id AND e.text_hash <> p.text_hash"
            )
            cursor.execute(f"SELECT document_id FROM {PG_TABLE}")
            present = {row[0] for row in cursor.fetchall()}
            rows = SearchEmbedding.objects.filter(model=model.name).exclude(pk__in=present)
            values = rows.values_list("document_id", "text_hash", "vector")
            for document_id, digest, blob in values.iterator():
                vector = np.frombuffer(bytes(blob), dtype="<f4")
                cursor.execute(
                    f"INSERT INTO {PG_TABLE} (document_id, model, text_hash, embedding)"
                    " VALUES (%s, %s, %s, %s::vector)",
                    [document_id, model.name, digest, _literal(vector)],
                )
    except DatabaseError:
        logger.exception("could not copy the search vectors into pgvector; numpy serves instead")


def pgvector_nearest(
    query: np.ndarray, *, model: str, k: int, where: tuple[str, list]
) -> list[tuple[int, float]] | None:
    """Like ``VectorMatrix.nearest`` in PostgreSQL, ``where`` restricting documents ``d``;
    None when pgvector cannot answer."""
    where, params = where
    literal = _literal(query)
    sql = (
        f"SELECT p.document_id, 1 - (p.embedding <=> %s::vector) FROM {PG_TABLE} p"
        f" JOIN {SearchDocument._meta.db_table} d ON d.id = p.document_id"
        f" WHERE p.model = %s{where} ORDER BY p.embedding <=> %s::vector LIMIT %s"
    )
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [literal, model, *params, literal, k])
            return [(int(i), float(s)) for i, s in cursor.fetchall()]
    except DatabaseError:
        logger.exception("pgvector query failed; numpy answers instead")
        return None
