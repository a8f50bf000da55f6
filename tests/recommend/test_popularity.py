"""Popularity baseline: contract plus a hand-computed ranking."""

import numpy as np
import scipy.sparse as sp

from recommend import Popularity

from .contract import RankerContract


class TestPopularity(RankerContract):
    def make(self):
        return Popularity()


def test_popularity_counts_people_not_stars():
    # Item 0: two people (5 + 1 stars); item 1: one person (5 stars); item 2: three people.
    train = sp.csr_matrix(np.array([[5.0, 5.0, 1.0], [1.0, 0.0, 2.0], [0.0, 0.0, 3.0]]))
    scores = Popularity().fit(train).score(sp.csr_matrix((2, 3)))
    np.testing.assert_array_equal(scores, [[2.0, 1.0, 3.0], [2.0, 1.0, 3.0]])
