"""The keyness statistics added beside G2 (Fisher, χ², expected counts, BH q, Log Ratio interval,
%DIFF) and the tidylo-compatible weighted log-odds, against hand arithmetic, independent
computations written here and published examples; then on a synthetic corpus of five texts.

Every expected number is worked out in the comments or by code in this file that does not call
the function under test (no scipy in the reference computations unless said so).
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.io import DiscourseError
from analysis.measures import keyness as k
from analysis.measures import keyness_stats as ks
from analysis.measures import keyness_tidylo as kt

from .synthetic_texts import FIVE_TEXTS, token_frames

# --- χ² on the hand table of test_keyness.py ----------------------------------------------------
# a = 10, b = 20, c = 1,000, d = 4,000; cells O = 10, 20, 990, 3980; E = 6, 24, 994, 3976.
# Pearson: (4²/6) + (4²/24) + (4²/994) + (4²/3976) = 2.666667 + 0.666667 + 0.016097 + 0.004024
#        = 3.353454
# Yates:  (3.5²/6) + (3.5²/24) + (3.5²/994) + (3.5²/3976) = 2.041667 + 0.510417 + 0.012324
#        + 0.003081 = 2.567488


def test_chi2_with_and_without_yates_by_hand():
    assert ks.chi2(10, 20, 1000, 4000) == pytest.approx(3.353454, abs=1e-6)
    assert ks.chi2(10, 20, 1000, 4000, yates=True) == pytest.approx(2.567488, abs=1e-6)
    # signed as G2: the swapped comparison is under-use
    assert ks.chi2(20, 10, 4000, 1000) == pytest.approx(-3.353454, abs=1e-6)
    assert ks.chi2(20, 10, 4000, 1000, yates=True) == pytest.approx(-2.567488, abs=1e-6)


def test_chi2_undefined_when_an_expected_count_is_zero():
    # the term is every token of both texts: the second row of the table is empty
    assert math.isnan(ks.chi2(3, 4, 3, 4))


def test_expected_min_by_hand():
    assert ks.expected_min(10, 20, 1000, 4000) == pytest.approx(6.0)
    # a = 5, b = 0, c = 269, d = 1090: E1 = 269·5/1359 = 0.989698
    assert ks.expected_min(5, 0, 269, 1090) == pytest.approx(0.989698, abs=1e-6)


def test_fisher_published_tea_tasting():
    """Fisher's (1935) lady tasting tea, as in R's ``?fisher.test`` example ``TeaTasting``:
    the table [[3, 1], [1, 3]] gives the two-sided p-value 0.4857 (R prints 0.4857)."""
    # [[a, b], [c−a, d−b]] = [[3, 1], [1, 3]] with c = d = 4
    assert round(ks.fisher_p(3, 1, 4, 4), 4) == 0.4857


def _fisher_by_enumeration(a: int, b: int, c: int, d: int) -> float:
    """Two-sided Fisher p: sum of hypergeometric probabilities no larger than the observed."""
    n, row, col = c + d, a + b, c
    probs = {
        x: math.comb(col, x) * math.comb(n - col, row - x) / math.comb(n, row)
        for x in range(max(0, row - (n - col)), min(row, col) + 1)
    }
    return sum(p for p in probs.values() if p <= probs[a] * (1 + 1e-7))


@given(st.integers(0, 30), st.integers(0, 30), st.integers(0, 40), st.integers(0, 40))
def test_fisher_matches_enumeration(a, b, extra_c, extra_d):
    c, d = a + extra_c + 1, b + extra_d + 1
    assert ks.fisher_p(a, b, c, d) == pytest.approx(_fisher_by_enumeration(a, b, c, d), rel=1e-9)


@given(st.integers(1, 60), st.integers(1, 60), st.integers(1, 300), st.integers(1, 300))
def test_chi2_matches_the_pearson_formula(a, b, extra_c, extra_d):
    c, d = a + extra_c, b + extra_d
    n, k_ = c + d, a + b
    cells = [(a, c * k_ / n), (b, d * k_ / n), (c - a, c * (n - k_) / n), (d - b, d * (n - k_) / n)]
    pearson = sum((o - e) ** 2 / e for o, e in cells)
    # scipy's Yates never moves a cell past its expected count: min(0.5, |O − E|)
    yates = sum((abs(o - e) - min(0.5, abs(o - e))) ** 2 / e for o, e in cells)
    assert abs(ks.chi2(a, b, c, d)) == pytest.approx(pearson, rel=1e-9, abs=1e-12)
    assert abs(ks.chi2(a, b, c, d, yates=True)) == pytest.approx(yates, rel=1e-9, abs=1e-12)


# --- Log Ratio interval ---------------------------------------------------------------------------


def test_log_ratio_interval_published_poisson_test():
    """R's ``?poisson.test`` example ``poisson.test(c(11, 6+8+7), c(800, 1083+1050+878))``
    (eba1977, Fredericia against the other three cities, ages 55–59) prints the rate ratio
    1.971488 with the 95 percent confidence interval 0.8584264 4.2772659."""
    low, high = ks.log_ratio_interval(11, 21, 800, 3011)
    assert 2**low == pytest.approx(0.8584264, abs=5e-7)
    assert 2**high == pytest.approx(4.2772659, abs=5e-7)
    # the point estimate is Log Ratio itself (no zero count here)
    assert 2 ** ks.log_ratio(11, 21, 800, 3011) == pytest.approx(1.971488, abs=5e-7)


def test_log_ratio_interval_with_a_zero_count_by_hand():
    # b = 0: a is all of a + b, so the upper bound is unbounded; the Clopper–Pearson lower
    # bound for 5 of 5 is 0.025^(1/5) = 0.478176, and R = p/(1−p)·d/c
    # = 0.478176/0.521824 · 1090/269 = 3.713; log2 = 1.892630.
    low, high = ks.log_ratio_interval(5, 0, 269, 1090)
    assert low == pytest.approx(1.892630, abs=1e-6) and high == math.inf
    # mirrored: a = 0 leaves the lower side unbounded, the upper is minus the above
    low, high = ks.log_ratio_interval(0, 5, 1090, 269)
    assert low == -math.inf and high == pytest.approx(-1.892630, abs=1e-6)


@given(st.integers(0, 50), st.integers(0, 50), st.integers(0, 500), st.integers(0, 500))
def test_log_ratio_interval_contains_the_estimate(a, b, extra_c, extra_d):
    c, d = a + extra_c + 1, b + extra_d + 1
    low, high = ks.log_ratio_interval(a, b, c, d)
    if a and b:
        assert low <= ks.log_ratio(a, b, c, d) <= high
    assert low < high


# --- %DIFF ----------------------------------------------------------------------------------------


def test_pct_diff_by_hand():
    # NF per million: 10/1000 → 10,000; 20/4000 → 5,000; (10,000 − 5,000)·100/5,000 = +100%
    assert ks.pct_diff(10, 20, 1000, 4000) == pytest.approx(100.0)
    # equal rates → 0; half the rate → −50%
    assert ks.pct_diff(2, 4, 100, 200) == pytest.approx(0.0)
    assert ks.pct_diff(1, 4, 100, 200) == pytest.approx(-50.0)
    # a = 0 → −100% (never used in the target)
    assert ks.pct_diff(0, 4, 100, 200) == pytest.approx(-100.0)


def test_pct_diff_zero_reference_uses_the_tiny_stand_in():
    # b = 0: NF_R := 1e−18; 5/269 per million = 18,587.36; %DIFF = (18,587.36 − 1e−18)·100/1e−18
    assert ks.pct_diff(5, 0, 269, 1090) == pytest.approx(1e6 * 5 / 269 * 100 / 1e-18, rel=1e-12)
    assert ks.format_pct_diff(ks.pct_diff(5, 0, 269, 1090), 0) == "∞ (b = 0)"
    assert ks.format_pct_diff(100.0, 20) == "+100%"
    assert ks.format_pct_diff(-1234.4, 2) == "-1,234%"


# --- formatting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p", "text"),
    [
        (0.0004, "< 0.001"),
        (0.001, "0.001"),
        (0.012345, "0.0123"),
        (0.05, "0.05"),
        (0.4857, "0.486"),
        (1.0, "1"),
        (None, "n/a"),
        (float("nan"), "n/a"),
    ],
)
def test_format_p(p, text):
    assert ks.format_p(p) == text


def test_format_log2_interval():
    assert ks.format_log2_interval(1.8926, math.inf) == "[1.89, ∞]"
    assert ks.format_log2_interval(-math.inf, -0.5) == "[−∞, -0.50]"
    assert ks.format_log2_interval(None, 1.0) == "[n/a]"


# --- tidylo ---------------------------------------------------------------------------------------
# tidylo's published example (reference page of bind_log_odds, juliasilge/tidylo,
# reference/bind_log_odds.html, version 0.1.0.9000; the same example is in R/bind_log_odds.R):
#   gear_counts <- mtcars %>% count(vs, gear)
#   gear_counts %>% bind_log_odds(vs, gear, n)
#   gear_counts %>% bind_log_odds(vs, gear, n, uninformative = TRUE, unweighted = TRUE)
MTCARS_VS_GEAR = pl.DataFrame(
    {"vs": [0, 0, 0, 1, 1, 1], "gear": [3, 4, 5, 3, 4, 5], "n": [12, 2, 4, 3, 10, 1]}
)
TIDYLO_WEIGHTED = [1.1728347, -1.3767516, 0.4033125, -1.1354777, 1.5661168, -0.4362340]
TIDYLO_UNINFORMATIVE_LOG_ODDS = [
    0.6968169,
    -1.2527630,
    0.3249262,
    -0.9673459,
    1.1451323,
    -0.5268260,
]
TIDYLO_UNINFORMATIVE_WEIGHTED = [
    1.8912729,
    -1.9691060,
    0.5549172,
    -1.7407107,
    2.8421436,
    -0.6570674,
]


def test_tidylo_published_mtcars_example():
    out = kt.textstat_log_odds_tidylo(MTCARS_VS_GEAR, set="vs", feature="gear", n="n")
    assert out.select("vs", "gear", "n").equals(MTCARS_VS_GEAR)
    assert out["log_odds_weighted"].to_list() == pytest.approx(TIDYLO_WEIGHTED, abs=5e-8)
    flat = kt.textstat_log_odds_tidylo(
        MTCARS_VS_GEAR, set="vs", feature="gear", n="n", uninformative=True
    )
    assert flat["log_odds"].to_list() == pytest.approx(TIDYLO_UNINFORMATIVE_LOG_ODDS, abs=5e-8)
    assert flat["log_odds_weighted"].to_list() == pytest.approx(
        TIDYLO_UNINFORMATIVE_WEIGHTED, abs=5e-8
    )


def test_tidylo_by_hand_and_errors():
    # vs = 0, gear = 3, informative prior α = the gear's total count over both vs.
    # Pseudo-counts y = n + α: vs 0: 12+15 = 27, 2+12 = 14, 4+5 = 9 (n_0 = 50);
    # vs 1: 3+15 = 18, 10+12 = 22, 1+5 = 6 (n_1 = 46); Y = 96; y_w (gear 3) = 27 + 18 = 45.
    # δ = ln(27/(50−27)) − ln(45/(96−45)) = 0.160343 − (−0.125163) = 0.285506
    # σ² = 1/27 + 1/45 = 0.059259; z = 0.285506/√0.059259 = 1.172835 (tidylo: 1.1728347)
    out = kt.textstat_log_odds_tidylo(MTCARS_VS_GEAR, set="vs", feature="gear", n="n")
    y_wi, n_i, y_w, total = 27.0, 50.0, 45.0, 96.0
    delta = math.log(y_wi / (n_i - y_wi)) - math.log(y_w / (total - y_w))
    z = delta / math.sqrt(1 / y_wi + 1 / y_w)
    assert delta == pytest.approx(0.285506, abs=1e-6) and z == pytest.approx(1.172835, abs=1e-6)
    assert out["log_odds"][0] == pytest.approx(delta)
    assert out["log_odds_weighted"][0] == pytest.approx(z)
    with pytest.raises(DiscourseError, match="one row per"):
        kt.textstat_log_odds_tidylo(
            pl.concat([MTCARS_VS_GEAR, MTCARS_VS_GEAR.head(1)]), set="vs", feature="gear"
        )
    with pytest.raises(DiscourseError, match="lack column"):
        kt.textstat_log_odds_tidylo(MTCARS_VS_GEAR, set="cyl", feature="gear")


# --- the keyness table on five synthetic texts ------------------------------------------------


@pytest.fixture(scope="module")
def five():
    _, _, toks = token_frames(FIVE_TEXTS)
    return toks.filter(pl.col("is_word"))


def _bh_by_hand(p: list[float]) -> list[float]:
    """Benjamini–Hochberg written out: p·m/rank, then the running minimum from the top."""
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        i = order[rank - 1]
        running = min(running, p[i] * m / rank)
        q[i] = running
    return q


def test_bh_by_hand_on_a_small_list():
    # sorted 0.01, 0.03, 0.04, 0.20 with m = 4: 0.04, 0.06, 0.0533, 0.20 → running minimum
    # from the top: 0.20, 0.0533, 0.0533, 0.04
    assert _bh_by_hand([0.01, 0.04, 0.03, 0.20]) == pytest.approx([0.04, 0.16 / 3, 0.16 / 3, 0.2])


def test_new_text_row_carries_every_new_statistic(five):
    kk = k.textstat_keyness("e-1234", toks=five)
    assert kk.columns == list(k.KEYNESS_COLUMNS)
    row = kk.filter(pl.col("term") == "harbour").row(0, named=True)
    # a = 5, b = 0, c = 11, d = 35 (tests/unit/test_keyness.py). Fisher: margins a+b = 5 of
    # N = 46, 11 in the target column; P(X = 5) = C(11,5)·C(35,0)/C(46,5) = 462/1,370,754
    # = 0.000337; every other table is more probable, so the two-sided p is 0.000337.
    assert row["p_fisher"] == pytest.approx(462 / 1370754, rel=1e-9)
    # E1 = 11·5/46 = 1.195652 < 5: flagged
    assert row["expected_min"] == pytest.approx(1.195652, abs=1e-6) and row["low_expected"]
    # Log Ratio interval: 0.025^(1/5) = 0.478176; R = 0.478176/0.521824·35/11 = 2.916; log2 1.543831
    assert row["log_ratio_low"] == pytest.approx(1.543831, abs=1e-6)
    assert row["log_ratio_high"] == math.inf
    assert row["pct_diff"] == pytest.approx(1e6 * 5 / 11 * 100 / 1e-18, rel=1e-12)
    # Pearson χ² on [[5, 0], [6, 35]]: E = 1.195652, 3.804348, 9.804348, 31.195652
    cells = [(5, 1.195652), (0, 3.804348), (6, 9.804348), (35, 31.195652)]
    assert row["chi2"] == pytest.approx(sum((o - e) ** 2 / e for o, e in cells), rel=1e-5)
    # q is BH over p_fisher of every term of this comparison
    assert kk["q"].to_list() == pytest.approx(_bh_by_hand(kk["p_fisher"].to_list()), rel=1e-12)
    assert (kk["q"] >= kk["p_fisher"] - 1e-15).all()


def test_every_text_gets_q_over_its_own_comparison(five):
    every = k.textstat_keyness_all(toks=five)
    for (target,), frame in every.group_by("target", maintain_order=True):
        assert frame["q"].to_list() == pytest.approx(
            _bh_by_hand(frame["p_fisher"].to_list()), rel=1e-12
        ), target
    assert set(every["target"]) == set(FIVE_TEXTS)


def test_counting_and_table(five):
    kk = k.textstat_keyness("e-1234", toks=five)
    by_hand = sum(1 for q, g in kk.select("q", "g2").iter_rows() if q < 0.05 and g > 0)
    assert k.keyness_significant(kk) == by_hand
    raw = sum(1 for p, g in kk.select("p", "g2").iter_rows() if p < 0.05 and g < 0)
    assert k.keyness_significant(kk, by="p", direction="reference") == raw
    with pytest.raises(DiscourseError, match="direction"):
        k.keyness_significant(kk, direction="up")
    table = k.keyness_table(kk.filter(pl.col("term") == "harbour"))
    row = table.row(0, named=True)
    assert row["p_fisher"] == "< 0.001"
    assert row["log_ratio_95ci"] == "[1.54, ∞]"
    assert row["pct_diff"] == "∞ (b = 0)"
    assert row["low_expected"] is True


def test_table_stats_shares_distinct_tables():
    counts = pl.DataFrame(
        {"term": ["x", "y", "z"], "a": [1, 1, 3], "b": [0, 0, 2], "c": [50] * 3, "d": [80] * 3}
    )
    out = ks.table_stats(counts)
    assert out["term"].to_list() == ["x", "y", "z"]
    assert out["p_fisher"][0] == out["p_fisher"][1] == pytest.approx(ks.fisher_p(1, 0, 50, 80))
    assert out["chi2_yates"][2] == pytest.approx(ks.chi2(3, 2, 50, 80, yates=True))


tables = st.lists(
    st.tuples(st.integers(0, 80), st.integers(0, 80), st.integers(0, 400), st.integers(0, 400)),
    min_size=1,
    max_size=12,
)


@settings(deadline=None, max_examples=60)
@given(tables)
def test_table_stats_equal_the_scipy_functions_term_by_term(rows):
    """The all-rows arithmetic of table_stats against scipy's chi2_contingency and binomtest
    (through the one-table functions) and the one-table %DIFF and expected counts."""
    rows = [(a, b, a + ec + 1, b + ed + 1) for a, b, ec, ed in rows]
    counts = pl.DataFrame(rows, schema=["a", "b", "c", "d"], orient="row").with_row_index("term")
    out = ks.table_stats(counts)
    assert out["term"].to_list() == list(range(len(rows)))
    for (a, b, c, d), got in zip(rows, out.iter_rows(named=True), strict=True):
        assert got["chi2"] == pytest.approx(ks.chi2(a, b, c, d), rel=1e-9, abs=1e-12, nan_ok=True)
        assert got["chi2_yates"] == pytest.approx(
            ks.chi2(a, b, c, d, yates=True), rel=1e-9, abs=1e-12, nan_ok=True
        )
        assert got["p_fisher"] == pytest.approx(ks.fisher_p(a, b, c, d), rel=1e-9)
        assert got["expected_min"] == pytest.approx(ks.expected_min(a, b, c, d), rel=1e-12)
        assert got["low_expected"] == (ks.expected_min(a, b, c, d) < 5)
        low, high = ks.log_ratio_interval(a, b, c, d)
        assert got["log_ratio_low"] == pytest.approx(low, rel=1e-7, abs=1e-9)
        assert got["log_ratio_high"] == pytest.approx(high, rel=1e-7, abs=1e-9)
        assert got["pct_diff"] == pytest.approx(ks.pct_diff(a, b, c, d), rel=1e-12)


def test_table_stats_rejects_impossible_tables():
    with pytest.raises(DiscourseError, match="0 <= a <= c"):
        ks.table_stats(pl.DataFrame({"a": [5], "b": [1], "c": [4], "d": [10]}))


@settings(deadline=None, max_examples=300)
@given(st.integers(0, 3000), st.integers(0, 3000), st.integers(0, 20000), st.integers(0, 20000))
def test_fisher_all_tables_at_once_equals_scipy(a, b, extra_c, extra_d):
    """The vectorised Fisher p of table_stats against R's rule summed table by table, small
    and large tables, observed on either side of the mode, and a term absent from both texts;
    and against scipy's fisher_exact except where a table ties the observed one within the
    tolerance (there scipy leaves out a table R's rule counts, e.g. a=352, b=473, c=710,
    d=947: 0.8818 against R's 0.9209)."""
    c, d = a + extra_c + 1, b + extra_d + 1
    got = ks._fisher_columns([a, 0, a], [b, 0, b], [c, c, c + 5], [d, d, d])
    for value, (aa, bb, cc, dd) in zip(
        got, [(a, b, c, d), (0, 0, c, d), (a, b, c + 5, d)], strict=True
    ):
        want, near_tie = _fisher_r_rule(aa, bb, cc, dd)
        assert value == pytest.approx(want, rel=1e-9, abs=1e-300)
        if not near_tie:
            assert value == pytest.approx(ks.fisher_p(aa, bb, cc, dd), rel=1e-9, abs=1e-300)


def _fisher_r_rule(a, b, c, d):
    """R's two-sided Fisher p by brute force over the whole support (no window, no search): the
    probability of every table no more probable than the observed one (relative tolerance
    1e-7), in log space so that tiny probabilities do not underflow; and whether some other
    table lies within 1e-6 of the observed probability (a near tie)."""
    from scipy.stats import hypergeom

    n, k = c + d, a + b
    x = np.arange(max(0, k - d), min(k, c) + 1)
    logp = hypergeom.logpmf(x, n, k, c)
    observed = hypergeom.logpmf(a, n, k, c)
    prob = np.exp(logp - logp.max())
    tail = prob[logp <= observed + math.log1p(1e-7)].sum()
    near_tie = bool(np.any((x != a) & (np.abs(logp - observed) <= 1e-6)))
    return float(min(1.0, tail / prob.sum())), near_tie


def test_fisher_near_tie_follows_r_not_scipy():
    # the mirrored table (355) is 1 + 5.8e-8 times as probable as the observed one: R counts it
    a, b, c, d = 352, 473, 710, 947
    assert ks._fisher_columns([a], [b], [c], [d])[0] == pytest.approx(0.9209149318576, rel=1e-9)
    assert _fisher_r_rule(a, b, c, d) == (pytest.approx(0.9209149318576, rel=1e-9), True)
    assert ks.fisher_p(a, b, c, d) == pytest.approx(0.8817598018318846, rel=1e-9)


@pytest.mark.parametrize(
    "table",
    # tea tasting; ties with the mode (p = 1); all in the target; all in the reference;
    # the term is every token of both texts; a large table with a tiny p
    [
        (3, 1, 4, 4),
        (1, 1, 2, 2),
        (2, 2, 4, 4),
        (6, 0, 10, 30),
        (0, 7, 10, 30),
        (3, 4, 3, 4),
        (900, 100, 100000, 100000),
    ],
)
def test_fisher_vectorised_edge_tables(table):
    assert ks._fisher_columns(*([v] for v in table))[0] == pytest.approx(
        ks.fisher_p(*table), rel=1e-9, abs=1e-300
    )
