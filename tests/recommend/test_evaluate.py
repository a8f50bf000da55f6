"""Evaluation: metrics on hand-computed cases, the split, loaders and the folder runner."""

import json
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import recommend
from recommend import Popularity
from recommend.evaluate import (
    evaluate_folder,
    evaluate_ranker,
    load_movielens,
    ndcg_at_k,
    ranking_metrics,
    rating_folds,
    recall_at_k,
    strong_generalization_split,
)

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"


def test_recall_divides_by_the_smaller_of_k_and_the_number_held_out():
    scores = np.array([[0.9, 0.8, 0.7, 0.6, 0.5]])
    heldout = sp.csr_matrix(np.array([[1, 0, 0, 1, 1]]))
    # Top 2 = items 0, 1: one hit out of min(2, 3) = 2.
    assert recall_at_k(scores, heldout, 2)[0] == pytest.approx(0.5)
    # Top 5 holds all three: 3 / min(5, 3).
    assert recall_at_k(scores, heldout, 5)[0] == pytest.approx(1.0)


def test_ndcg_matches_a_hand_computation():
    scores = np.array([[0.9, 0.8, 0.7, 0.6]])
    heldout = sp.csr_matrix(np.array([[0, 1, 0, 1]]))
    dcg = 1 / np.log2(3) + 1 / np.log2(5)
    idcg = 1 / np.log2(2) + 1 / np.log2(3)
    assert ndcg_at_k(scores, heldout, 100)[0] == pytest.approx(dcg / idcg)
    # Truncated at k=2 only the hit at rank 2 counts; the ideal has min(2, 2) hits.
    assert ndcg_at_k(scores, heldout, 2)[0] == pytest.approx((1 / np.log2(3)) / idcg)


def test_a_perfect_ranking_scores_one():
    scores = np.array([[3.0, 2.0, 1.0, 0.0]])
    heldout = sp.csr_matrix(np.array([[1, 1, 0, 0]]))
    assert ndcg_at_k(scores, heldout, 100)[0] == pytest.approx(1.0)
    assert recall_at_k(scores, heldout, 20)[0] == pytest.approx(1.0)


def test_fold_in_items_are_never_counted_as_hits():
    class Echo:
        def score(self, histories):
            return histories.toarray() * 10.0

    foldin = sp.csr_matrix(np.array([[1.0, 0.0, 0.0, 0.0]]))
    heldout = sp.csr_matrix(np.array([[0.0, 1.0, 0.0, 0.0]]))
    metrics = ranking_metrics(Echo(), foldin, heldout)
    assert metrics["recall@20"] == pytest.approx(1.0)


def _write_ratings_csv(folder: Path, n_users: int = 40, n_items: int = 30, seed: int = 0) -> None:
    rng = np.random.default_rng(seed)
    lines = ["userId,movieId,rating,timestamp"]
    for user in range(1, n_users + 1):
        for item in rng.choice(n_items, size=rng.integers(8, 20), replace=False):
            lines.append(f"{user},{item * 10 + 1},{rng.integers(1, 11) / 2},{1000 + item}")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ratings.csv").write_text("\n".join(lines) + "\n")


def test_loader_maps_ids_to_dense_indices(tmp_path):
    (tmp_path / "u.data").write_text("10\t7\t4\t1\n3\t7\t5\t2\n10\t2\t1\t3\n")
    data = load_movielens(tmp_path)
    np.testing.assert_array_equal(data.user_ids, [3, 10])
    np.testing.assert_array_equal(data.item_ids, [2, 7])
    np.testing.assert_array_equal(data.users, [1, 0, 1])
    np.testing.assert_array_equal(data.items, [1, 1, 0])
    np.testing.assert_array_equal(data.ratings, [4.0, 5.0, 1.0])


def test_loader_rejects_a_csv_without_the_movielens_header(tmp_path):
    (tmp_path / "ratings.csv").write_text("a,b,c,d\n1,2,3,4\n")
    with pytest.raises(ValueError, match="MovieLens"):
        load_movielens(tmp_path)


def test_loader_needs_a_ratings_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_movielens(tmp_path)


def test_strong_generalization_split_holds_out_whole_users(tmp_path):
    _write_ratings_csv(tmp_path)
    data = load_movielens(tmp_path)
    split = strong_generalization_split(data, seed=1, heldout_fraction=0.2)
    assert split.val_foldin.shape[0] == split.test_foldin.shape[0] > 0
    for fold, held in [
        (split.val_foldin, split.val_heldout),
        (split.test_foldin, split.test_heldout),
    ]:
        assert fold.multiply(held).nnz == 0  # disjoint
        both = fold.getnnz(axis=1) + held.getnnz(axis=1)
        assert np.all(held.getnnz(axis=1) == (both * 0.2).astype(int))
    assert np.all(split.train.data >= 3.5)
    # Same seed, same split.
    again = strong_generalization_split(data, seed=1, heldout_fraction=0.2)
    assert (again.test_heldout != split.test_heldout).nnz == 0


def test_random_folds_cover_every_rating_once(tmp_path):
    _write_ratings_csv(tmp_path)
    folds = list(rating_folds(tmp_path, n_folds=5))
    assert len(folds) == 5
    total = sum(len(test) for _, _, test in folds)
    assert total == len(load_movielens(tmp_path))


def test_canonical_folds_are_used_when_present(tmp_path):
    rows = [f"{u}\t{i}\t{(u + i) % 5 + 1}\t0" for u in range(1, 6) for i in range(1, 6)]
    (tmp_path / "u.data").write_text("\n".join(rows))
    for k in range(1, 6):
        (tmp_path / f"u{k}.base").write_text(
            "\n".join(r for j, r in enumerate(rows) if j % 5 != k - 1)
        )
        (tmp_path / f"u{k}.test").write_text(
            "\n".join(r for j, r in enumerate(rows) if j % 5 == k - 1)
        )
    names = [name for name, _, _ in rating_folds(tmp_path)]
    assert names == ["u1", "u2", "u3", "u4", "u5"]


def test_evaluate_folder_returns_a_json_serialisable_result(tmp_path):
    _write_ratings_csv(tmp_path, n_users=60)
    result = evaluate_folder(
        tmp_path,
        seeds=(0, 1),
        heldout_fraction=0.2,
        make_ranker=Popularity,
        make_predictor=recommend.BaselinePredictor,
    )
    out = json.loads(json.dumps(result.to_dict()))
    assert set(out["ranking"]["mean"]) == {"recall@20", "recall@50", "ndcg@100"}
    assert len(out["rating"]["rmse"]) == 5
    assert 0 < out["rating"]["mean_rmse"] < 5


def test_popularity_on_a_tiny_split_matches_a_hand_computation(tmp_path):
    # Five training users like items 1, 2, 3 in decreasing popularity; the held-out user's
    # 20% is exactly item 1 (the most popular one), so every metric is 1.
    lines = ["userId,movieId,rating,timestamp"]
    for user in range(1, 16):
        liked = [1, 2, 3, 4, 5, 6, 7][: 5 + user % 3]
        lines += [f"{user},{m},5,0" for m in liked]
    (tmp_path / "ratings.csv").write_text("\n".join(lines) + "\n")
    result = evaluate_ranker(Popularity, load_movielens(tmp_path), seeds=(0,), heldout_fraction=0.1)
    assert 0 < result.mean["ndcg@100"] <= 1
    assert result.std["ndcg@100"] == 0.0


@pytest.mark.skipif(not (SHARED_DATA / "ml-100k" / "u.data").is_file(), reason="no shared data")
def test_ml_100k_loads_with_the_documented_size():
    data = load_movielens(SHARED_DATA / "ml-100k")
    assert (data.n_users, data.n_items, len(data)) == (943, 1682, 100_000)


@settings(max_examples=50, deadline=None)
@given(
    n_items=st.integers(1, 40),
    seed=st.integers(0, 10_000),
    k=st.sampled_from([1, 5, 20, 100]),
)
def test_metrics_lie_between_zero_and_one_and_a_perfect_ranking_scores_one(n_items, seed, k):
    rng = np.random.default_rng(seed)
    truth = (rng.random((3, n_items)) < 0.3).astype(float)
    truth[:, 0] = 1.0  # every user has at least one held-out item
    heldout = sp.csr_matrix(truth)
    scores = rng.normal(size=truth.shape)
    for metric in (recall_at_k, ndcg_at_k):
        values = metric(scores, heldout, k)
        assert np.all((values >= 0) & (values <= 1 + 1e-12))
        np.testing.assert_allclose(metric(truth + 1e-3 * scores, heldout, k), 1.0)
