"""Text embeddings for search by meaning, behind one small interface so the model can be swapped.

The model is WordLlama's ``l2_supercat`` at 256 dimensions: a table of token vectors distilled
from large language models, averaged over a text's tokens. Its wheel on PyPI ships the weights
(16 MB) and the tokenizer, so it runs offline on a CPU with numpy; nothing is downloaded at run
time. We read the two files from the installed package ourselves, because the package's own
loader looks for the tokenizer in the wrong folder and then tries the network.
docs/search.md gives the measurements behind the choice and the candidates that lost.
"""

from __future__ import annotations

import threading
from importlib import resources
from typing import Protocol

import numpy as np

MAX_CHARS = 20_000  # longer texts are cut: the average over the first part says enough


class EmbeddingModel(Protocol):
    name: str
    dim: int

    def embed(self, texts: list[str]) -> np.ndarray:
        """One L2-normalized float32 row per text."""
        ...


def normalized(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (all-zero rows stay zero), as float32."""
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


class WordLlamaModel:
    """Average of WordLlama token vectors (``l2_supercat``, 256 dimensions)."""

    name = "wordllama-l2-supercat-256"
    dim = 256

    def __init__(self) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        package = resources.files("wordllama")
        tokenizer_file = package / "tokenizers" / "l2_supercat_tokenizer_config.json"
        weights_file = package / "weights" / "l2_supercat_256.safetensors"
        with resources.as_file(tokenizer_file) as path:
            self.tokenizer = Tokenizer.from_file(str(path))
        self.tokenizer.no_padding()
        self.tokenizer.no_truncation()
        with resources.as_file(weights_file) as path:
            weights = load_file(str(path))["embedding.weight"]
        self.vectors = np.ascontiguousarray(weights, dtype=np.float32)

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encoded = self.tokenizer.encode_batch(
            [text[:MAX_CHARS] for text in texts], add_special_tokens=False
        )
        last = self.vectors.shape[0] - 1
        for row, encoding in enumerate(encoded):
            if encoding.ids:
                ids = np.clip(np.asarray(encoding.ids, dtype=np.int64), 0, last)
                out[row] = self.vectors[ids].mean(axis=0)
        return normalized(out)


_model: EmbeddingModel | None = None
_lock = threading.Lock()


def current() -> EmbeddingModel:
    """The model in use, loaded once per process."""
    global _model
    if _model is None:
        with _lock:
            if _model is None:
                _model = WordLlamaModel()
    return _model


def use(model: EmbeddingModel | None) -> None:
    """Swap the model (tests use a small deterministic one); None goes back to the default."""
    global _model
    _model = model


def embed(texts: list[str]) -> np.ndarray:
    """Normalized float32 vectors for ``texts``, one row each."""
    if not texts:
        return np.zeros((0, current().dim), dtype=np.float32)
    return current().embed(list(texts))
