"""Taste compatibility between two readers: how alike their ratings are, from 0 to 100.

The baseline is Criticker's TCI: each reader's ratings become percentiles within their own
whole history (so a harsh and a generous reader who order films the same way look alike), and
the index is the mean absolute difference of those percentiles over the films both rated.

:func:`compatibility` is built on the same per-film agreement but treats it as evidence, not as
the answer. Measured on ml-latest-small (``bench/compatibility/``), one shared film says little:
per-film agreement varies with a spread of about 0.32 around a pair's true level, while true
levels differ between pairs by only about 0.06. So the observed agreement is combined with a
prior in proportion to what each is worth (a normal-normal model):

* without a rating predictor, the prior is the population of pairs, nudged by how much of each
  other's films the two have seen (readers who watch the same films agree a little more);
* with one, the prior is what it predicts: both readers are folded in and their predicted
  preference orders over the most-rated films are compared; that alone ranks pairs better than
  a handful of shared films do.

The posterior is reported as a percentile of the population of pairs: 50 is a typical pair
("no idea" when nothing is shared), 90 means more alike than 90% of pairs, and the 80% interval
``low``..``high`` is the posterior's 10th and 90th percentile on the same scale. A pair with
identical ratings reaches 100 once the evidence is strong enough (about 16 shared films with no
predictor, fewer with one); with one or two shared films it stays near the middle, because two
strangers often agree on a couple of films.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.special import ndtr
from scipy.stats import rankdata

__all__ = [
    "Compatibility",
    "CompatibilityConfig",
    "compatibility",
    "percentiles",
    "predicted_agreement",
    "tci",
]

LOWEST_STARS = 0.5
HIGHEST_STARS = 5.0
# Two readers with unrelated tastes differ by 1/3 in percentile on average (|U - V| for uniform
# U, V); per-film agreement 1 - 1.5 * gap puts that at 0.5 and identical percentiles at 1.
_STRANGERS_GAP = 1.0 / 3.0
_INTERVAL_Z = 1.2815515655446004  # 10th/90th percentile of a normal: an 80% interval


@dataclass(frozen=True)
class CompatibilityConfig:
    """The normal-normal model's constants, on the per-film agreement scale (0..1).

    Estimated by ``bench/compatibility/split_half.py --calibrate`` on ml-latest-small pairs
    (a different sample of pairs from the one the benchmark scores), with the default rating
    predictor for the model prior.
    """

    population_mean: float = 0.561  # true agreement of a random pair
    population_sd: float = 0.059  # how much true agreement differs between pairs
    film_sd: float = 0.323  # one film's agreement around the pair's true level
    # Prior without a predictor: N(intercept + slope * overlap, residual_sd), where overlap is
    # sqrt(shared / (films either rated + overlap_films)): readers who watch the same films
    # tend to like the same ones, and the pseudo-films keep tiny histories from counting.
    overlap_intercept: float = 0.544
    overlap_slope: float = 0.100
    overlap_residual_sd: float = 0.058
    overlap_films: float = 10.0
    # Prior with a predictor: N(intercept + slope * predicted + overlap_slope * overlap, sd)
    model_intercept: float = 0.282
    model_slope: float = 0.346
    model_overlap_slope: float = 0.078
    model_residual_sd: float = 0.053
    reference_films: int = 200  # the most-rated films the predictor compares readers on


@dataclass(frozen=True)
class Compatibility:
    """How alike two readers are: ``score`` 0-100 with an 80% interval ``low``..``high``.

    The score is the share of pairs of readers less alike than these two (50 typical).

    ``agree`` and ``disagree`` split the shared films (each appears in exactly one): agreed
    films first by smallest percentile gap, a film both loved before one both disliked;
    disagreed films first by largest gap.
    """

    score: float
    low: float
    high: float
    shared: int
    agree: list[Hashable] = field(default_factory=list)
    disagree: list[Hashable] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready: score and interval rounded to whole percent."""
        return {
            "score": round(self.score),
            "low": round(self.low),
            "high": round(self.high),
            "shared": self.shared,
            "agree": list(self.agree),
            "disagree": list(self.disagree),
        }


def _checked(ratings: Mapping[Hashable, float], who: str) -> dict[Hashable, float]:
    """The ratings as floats, or ValueError naming the first item whose rating is unusable."""
    out: dict[Hashable, float] = {}
    for item, value in ratings.items():
        try:
            stars = float(value)
        except (TypeError, ValueError):
            message = f"{who}: rating for item {item!r} is {value!r}, not a number"
            raise ValueError(message) from None
        if not (LOWEST_STARS <= stars <= HIGHEST_STARS):  # also refuses NaN
            raise ValueError(
                f"{who}: rating for item {item!r} is {value!r}; "
                f"ratings must be {LOWEST_STARS} to {HIGHEST_STARS} stars"
            )
        out[item] = stars
    return out


def percentiles(ratings: Mapping[Hashable, float]) -> dict[Hashable, float]:
    """Each rating's mid-rank percentile (0..1) within this reader's whole history."""
    if not ratings:
        return {}
    values = np.fromiter(ratings.values(), dtype=np.float64, count=len(ratings))
    mid = (rankdata(values) - 0.5) / len(values)
    return dict(zip(ratings.keys(), mid.tolist(), strict=True))


def _agreement(gap: float | np.ndarray) -> float | np.ndarray:
    """Per-film agreement from a percentile gap: 1 identical, 0.5 strangers, -0.5 opposite."""
    return 1.0 - 0.5 * gap / _STRANGERS_GAP


def _sorted_keys(keys: set[Hashable]) -> list[Hashable]:
    try:
        return sorted(keys)  # type: ignore[type-var]
    except TypeError:  # mixed key types: any fixed order will do
        return sorted(keys, key=repr)


def tci(a: Mapping[Hashable, float], b: Mapping[Hashable, float]) -> float:
    """Criticker's TCI as a 0-100 "alike" score: 100 identical, 50 strangers, 0 opposites.

    The mean absolute percentile gap over shared films, mapped linearly so that the 1/3 two
    unrelated readers differ by on average scores 50. No shared films gives 50.
    """
    pa, pb = percentiles(_checked(a, "a")), percentiles(_checked(b, "b"))
    shared = pa.keys() & pb.keys()
    if not shared:
        return 50.0
    gap = float(np.mean([abs(pa[k] - pb[k]) for k in shared]))
    return float(np.clip(100.0 * _agreement(gap), 0.0, 100.0))


def compatibility(
    a: Mapping[Hashable, float],
    b: Mapping[Hashable, float],
    model: object | None = None,
    *,
    config: CompatibilityConfig | None = None,
) -> Compatibility:
    """How alike readers ``a`` and ``b`` are, from their ratings (item -> 0.5..5 stars).

    ``model`` is an optional fitted rating predictor from this engine (item keys must then be
    integer ids; films it does not know are ignored by it). Symmetric in ``a`` and ``b``. With no
    shared films the answer is the prior: 50 with the interval 0..100, or the predictor's view.
    """
    cfg = config or CompatibilityConfig()
    ra, rb = _checked(a, "a"), _checked(b, "b")
    pa, pb = percentiles(ra), percentiles(rb)
    shared = _sorted_keys(pa.keys() & pb.keys())
    gaps = {k: abs(pa[k] - pb[k]) for k in shared}

    overlap = math.sqrt(len(shared) / (len(ra.keys() | rb.keys()) + cfg.overlap_films))
    predicted = _model_view(model, ra, rb, cfg) if model is not None else math.nan
    if math.isfinite(predicted):
        mean = cfg.model_intercept + cfg.model_slope * predicted
        mean += cfg.model_overlap_slope * overlap
        sd = cfg.model_residual_sd
    elif shared:
        mean = cfg.overlap_intercept + cfg.overlap_slope * overlap
        sd = cfg.overlap_residual_sd
    else:
        return Compatibility(50.0, 0.0, 100.0, 0)  # no evidence at all
    if shared:
        observed = float(np.mean([_agreement(gaps[k]) for k in shared]))
        precision = 1.0 / sd**2 + len(shared) / cfg.film_sd**2
        mean = (mean / sd**2 + observed * len(shared) / cfg.film_sd**2) / precision
        sd = math.sqrt(1.0 / precision)

    def on_scale(agreement: float) -> float:
        # The share of pairs less alike than this: 50 typical, 100 more alike than everyone.
        z = (agreement - cfg.population_mean) / cfg.population_sd
        return float(100.0 * ndtr(z))

    score = on_scale(mean)
    low = min(on_scale(mean - _INTERVAL_Z * sd), score)
    high = max(on_scale(mean + _INTERVAL_Z * sd), score)

    # Smallest gap first; of two equal gaps, the film both liked more comes first.
    liking = {k: (pa[k] + pb[k]) / 2.0 for k in shared}
    order = sorted(shared, key=lambda k: gaps[k] - 0.1 * liking[k])
    agree = [k for k in order if gaps[k] <= _STRANGERS_GAP]
    disagree = sorted((k for k in shared if gaps[k] > _STRANGERS_GAP), key=lambda k: -gaps[k])
    return Compatibility(score, low, high, len(shared), agree, disagree)


def predicted_agreement(
    model: object,
    a: Mapping[int, float],
    b: Mapping[int, float],
    *,
    reference_films: int = CompatibilityConfig.reference_films,
) -> float:
    """How alike the predictor expects two readers to be, as per-film agreement (0.5 strangers).

    Both are folded in from their ratings; their predicted ratings for the most-rated films are
    turned into percentiles and compared the way :func:`tci` compares real ones. Readers with
    identical ratings get 1.0. NaN when either has no film the predictor knows.
    """
    ra, rb = _checked(a, "a"), _checked(b, "b")
    if not ra or not rb:
        return math.nan
    return _predicted_agreement(model, ra, rb, reference_films)


def _predicted_agreement(
    model: object, a: dict[Hashable, float], b: dict[Hashable, float], count: int
) -> float:
    from recommend.fold_in import fold_in

    reference = _reference_items(model, count)
    if not reference.size:
        return math.nan
    orders = []
    for ratings in (a, b):
        items = np.array([_item_id(k) for k in ratings], dtype=np.int64)
        known = model.item_index.lookup(items) >= 0  # type: ignore[attr-defined]
        if not known.any():
            return math.nan
        stars = np.array(list(ratings.values()), dtype=np.float64)
        predicted = fold_in(model, items[known], stars[known]).predict(reference)  # type: ignore[arg-type]
        orders.append((rankdata(predicted) - 0.5) / len(predicted))
    return float(_agreement(float(np.mean(np.abs(orders[0] - orders[1])))))


def _model_view(
    model: object, a: dict[Hashable, float], b: dict[Hashable, float], cfg: CompatibilityConfig
) -> float:
    """The predictor's agreement for the pair, or NaN when it cannot say."""
    if not a or not b or not hasattr(model, "item_index"):
        return math.nan
    return _predicted_agreement(model, a, b, cfg.reference_films)


def _item_id(key: Hashable) -> int:
    try:
        return int(key)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise ValueError(f"item {key!r}: a rating predictor needs integer item ids") from None


def _reference_items(model: object, count: int) -> np.ndarray:
    """The ``count`` films the predictor saw rated most often (any ``count`` if it cannot say)."""
    components = getattr(model, "models_", None) or [model]
    base = components[0]
    ids = np.asarray(base.item_index.ids, dtype=np.int64)
    counts = getattr(base, "_item_counts", None)
    if counts is None or len(counts) != len(ids):
        return ids[:count]
    return np.sort(ids[np.argsort(-np.asarray(counts), kind="stable")[:count]])
