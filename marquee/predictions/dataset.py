"""The site's ratings as the arrays the engine trains on."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from marquee.readers.models import Rating

LIKED_STARS = 3.5


@dataclass(frozen=True)
class RatingsData:
    """Every rating as parallel arrays of user pks, film pks and stars."""

    users: np.ndarray
    films: np.ndarray
    stars: np.ndarray

    def __len__(self) -> int:
        return len(self.stars)

    @classmethod
    def load(cls) -> RatingsData:
        rows = np.array(
            list(Rating.objects.values_list("user_id", "film_id", "half_stars").iterator(10_000)),
            dtype=np.int64,
        ).reshape(-1, 3)
        return cls(rows[:, 0], rows[:, 1], rows[:, 2] / 2.0)

    def interaction_matrix(self, film_ids: np.ndarray) -> sp.csr_matrix:
        """Readers x films (columns in ``film_ids`` order) of liked films, for the ranker.

        Only ratings of ``LIKED_STARS`` and above count, as in the evaluation the ranker was
        tuned on: a film rated one star is something the reader saw, not something to imitate.
        """
        return self._matrix(self.stars >= LIKED_STARS, film_ids)

    def rating_matrix(self, film_ids: np.ndarray) -> sp.csr_matrix:
        """Readers x films (columns in ``film_ids`` order) of every rating, in stars."""
        return self._matrix(np.ones(len(self), dtype=bool), film_ids)

    def _matrix(self, keep: np.ndarray, film_ids: np.ndarray) -> sp.csr_matrix:
        user_ids, user_rows = np.unique(self.users[keep], return_inverse=True)
        columns = np.searchsorted(film_ids, self.films[keep])
        return sp.csr_matrix(
            (self.stars[keep], (user_rows, columns)), shape=(len(user_ids), len(film_ids))
        )
