"""analysis.stats: intervals and FDR checked against closed forms and hand computation."""

import math

import numpy as np
import polars as pl

from analysis import stats


def test_wilson_interval_matches_the_closed_form():
    k, n, z = 3, 7, 1.959963984540054
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low, high = stats.proportion_interval(k, n)
    assert math.isclose(low, centre - half, abs_tol=1e-12)
    assert math.isclose(high, centre + half, abs_tol=1e-12)
    assert all(math.isnan(v) for v in stats.proportion_interval(0, 0))


def test_bh_adjust_by_hand():
    # ranks 1..4 of p = .01 .04 .03 .20: q_i = min_{j>=i} p_j * m / j, in input order
    assert np.allclose(
        stats.bh_adjust([0.01, 0.04, 0.03, 0.20]), [0.04, 0.0533333, 0.0533333, 0.20]
    )
    assert stats.bh_adjust([]) == []


def test_bootstrap_ci_brackets_the_mean_and_is_reproducible():
    x = [0, 0, 1, 0, 1, 1, 0, 0, 0, 1, 0, 0]
    low, high = stats.bootstrap_ci(x)
    assert low < np.mean(x) < high
    assert (low, high) == stats.bootstrap_ci(x)
    assert stats.bootstrap_ci([2.0, 2.0]) == (2.0, 2.0)
    assert all(math.isnan(v) for v in stats.bootstrap_ci([]))


def test_bootstrap_units_drops_undefined_resamples_and_counts_them():
    values = np.array([0.0] * 9 + [1.0])

    def share_when_varied(idx):
        v = values[idx]
        return None if v.min() == v.max() else float(v.mean())

    out = stats.bootstrap_units(10, share_when_varied, n_resamples=500)
    # a resample has no 1 with probability 0.9**10 = 0.35: about 65% are defined
    assert 250 < out["n_defined"] < 400
    assert 0.1 <= out["low"] <= out["high"] <= 0.5


def test_textstat_bootstrap_means_per_group_in_first_seen_order():
    frame = pl.DataFrame({"text_id": ["b", "b", "a", "a", "a"], "x": [1.0, 3.0, 0.0, 0.0, 0.0]})
    out = stats.textstat_bootstrap_means(frame, value="x")
    assert out["text_id"].to_list() == ["b", "a"]
    assert out["mean"].to_list() == [2.0, 0.0]
    assert out["n"].to_list() == [2, 3]
    assert out.row(1, named=True)["ci_low"] == out.row(1, named=True)["ci_high"] == 0.0
    assert 1.0 <= out["ci_low"][0] <= 2.0 <= out["ci_high"][0] <= 3.0


def test_format_interval():
    assert stats.format_interval(0.123, 0.456) == "[0.12, 0.46]"
    assert stats.format_interval(float("nan"), 1.0) == "[n/a]"


def test_batched_resampling_gives_the_unbatched_interval():
    from scipy import stats as sps

    x = np.random.default_rng(3).normal(size=500)
    plain = sps.bootstrap(
        (x,),
        np.mean,
        n_resamples=stats.N_RESAMPLES,
        method="percentile",
        rng=np.random.default_rng(stats.SEED),
    ).confidence_interval
    assert stats.bootstrap_ci(x) == (float(plain.low), float(plain.high))


def test_vectorized_unit_bootstrap_draws_the_same_resamples():
    values = np.array([0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0])

    def one(idx):
        v = values[idx]
        return None if v.min() == v.max() else float(v.mean())

    def many(idx):
        v = values[idx]
        return np.where(v.min(axis=1) == v.max(axis=1), np.nan, v.mean(axis=1))

    loop = stats.bootstrap_units(len(values), one, n_resamples=300)
    vect = stats.bootstrap_units(len(values), many, n_resamples=300, vectorized=True)
    assert loop == vect
    assert stats.bootstrap_units(0, many, vectorized=True)["n_defined"] == 0
