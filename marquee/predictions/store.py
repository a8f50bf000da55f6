"""Trained models, kept versioned in the data folder and loaded once per process.

``MARQUEE_DATA_DIR/models/<version>/models.pkl`` holds one training run; the file ``CURRENT``
names the version in use. Training writes a new version and then switches ``CURRENT``, so web
workers never read a half-written model, and the previous versions stay for a rollback.
"""

from __future__ import annotations

import os
import pickle
import shutil
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from django.conf import settings

KEEP_VERSIONS = 3


@dataclass
class TrainedModels:
    """What one training run produced, and what the site needs to use it."""

    version: str
    trained_at: datetime
    predictor: object  # recommend.default_rating_predictor(), fitted on (user pk, film pk, stars)
    ranker: object  # recommend.default_ranker(), fitted on readers x film_ids
    film_ids: np.ndarray  # the ranker's columns: sorted film pks
    ratings_count: int
    readers_count: int
    # Typical error of a prediction, measured on ratings held out from a first fit.
    rmse: float
    # Readers x films, 1 where a reader liked a film: "readers who liked X also liked Y".
    liked: sp.csc_matrix = field(default_factory=lambda: sp.csc_matrix((0, 0)))
    # recommend.default_elicitor(), fitted on readers x film_ids ratings: which test films to
    # ask a new reader about. None in models trained before it existed (they still load).
    elicitor: object = None

    def columns_for(self, film_pks: np.ndarray) -> np.ndarray:
        """The ranker columns of these films, -1 for films trained without."""
        positions = np.searchsorted(self.film_ids, film_pks)
        positions = np.minimum(positions, len(self.film_ids) - 1)
        found = len(self.film_ids) > 0
        return np.where(found & (self.film_ids[positions] == film_pks), positions, -1)

    def history_row(self, film_pks: np.ndarray, stars: np.ndarray) -> sp.csr_matrix:
        """One reader's ratings as a 1 x films row in the ranker's columns."""
        columns = self.columns_for(film_pks)
        known = columns >= 0
        return sp.csr_matrix(
            (stars[known], (np.zeros(known.sum(), dtype=np.int64), columns[known])),
            shape=(1, len(self.film_ids)),
        )


def models_dir() -> Path:
    return Path(settings.DATA_DIR) / "models"


def save(models: TrainedModels) -> Path:
    """Write a new version and make it current; older versions beyond a few are removed."""
    root = models_dir()
    folder = root / models.version
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "models.pkl").open("wb") as stream:
        pickle.dump(models, stream, protocol=pickle.HIGHEST_PROTOCOL)
    pointer = root / "CURRENT.tmp"
    pointer.write_text(models.version, encoding="utf-8")
    os.replace(pointer, root / "CURRENT")
    for old in sorted(p for p in root.iterdir() if p.is_dir())[:-KEEP_VERSIONS]:
        shutil.rmtree(old, ignore_errors=True)
    return folder


_loaded: dict[str, TrainedModels] = {}


def current() -> TrainedModels | None:
    """The models in use, or None before the first training. Cached per process per version."""
    try:
        version = (models_dir() / "CURRENT").read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if version not in _loaded:
        path = models_dir() / version / "models.pkl"
        try:
            with path.open("rb") as stream:
                models = pickle.load(stream)
        except FileNotFoundError:
            return None
        _loaded.clear()
        _loaded[version] = models
    return _loaded[version]
