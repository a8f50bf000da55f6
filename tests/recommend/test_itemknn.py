"""Item-kNN: contract, a hand-computed cosine and explanations that add up."""

import numpy as np
import scipy.sparse as sp

from recommend import ItemKNN, ItemKNNConfig

from .contract import RankerContract, synthetic_ratings


class TestItemKNN(RankerContract):
    def make(self):
        return ItemKNN(ItemKNNConfig(neighbours=5))


def test_cosine_similarity_matches_a_hand_computation():
    # Items 0 and 1 share one of their two and one raters: cos = 1 / sqrt(2 * 1).
    train = sp.csr_matrix(np.array([[1.0, 1.0, 0.0], [1.0, 0.0, 1.0]]))
    model = ItemKNN(ItemKNNConfig(neighbours=2, shrinkage=0.0)).fit(train)
    sim = model.similarity_.toarray()
    assert np.isclose(sim[0, 1], 1 / np.sqrt(2))
    assert np.isclose(sim[1, 2], 0.0)
    assert np.all(np.diag(sim) == 0)


def test_only_the_k_nearest_neighbours_are_kept():
    model = ItemKNN(ItemKNNConfig(neighbours=3)).fit(synthetic_ratings())
    assert np.all(model.similarity_.getnnz(axis=0) <= 3)


def test_contributions_add_up_to_the_score():
    train = synthetic_ratings()
    model = ItemKNN().fit(train)
    history = train[2]
    target = int(np.argmax(np.where(history.toarray()[0] > 0, -np.inf, model.score(history)[0])))
    parts = model.contributions(history, target)
    assert parts and set(parts) <= set(history.indices)
    assert np.isclose(sum(parts.values()), model.score(history)[0, target])
