"""Per-term keyness statistics on one 2×2 table: G2, tests, intervals, and their formatting.

For one term, a target text T and a reference R: a = count in T, b = count in R, c = word
tokens in T, d = word tokens in R. The contingency table is ``[[a, b], [c−a, d−b]]`` (columns:
T, R). :mod:`analysis.measures.keyness` calls these functions for every term and assembles the
table; the formulas are documented there and in docs/METHODS.md.

Tests and intervals come from maintained libraries wherever one does the job:

- **Fisher's exact p** (two-sided): :func:`scipy.stats.fisher_exact` for one table
  (:func:`fisher_p`); for the whole vocabulary, the same sum of hypergeometric probabilities
  from ``scipy.stats.hypergeom.logpmf`` in one pass, with R's tie rule (:func:`table_stats`;
  equal to ``fisher_exact`` to 1e-9 in the tests). Valid for any counts; the p to read where
  an expected count is below 5 (:data:`LOW_EXPECTED`).
- **Pearson χ²** without and with Yates's continuity correction:
  :func:`scipy.stats.chi2_contingency` (``correction=False`` / ``True``). quanteda's
  ``textstat_keyness(measure = "chi2")`` applies Yates's correction by default, so its "chi2"
  is :func:`chi2` with ``yates=True``; AntConc and WordSmith report the uncorrected form.
  Both are signed here as G2 is (negative when under-used in T). For the whole vocabulary
  :func:`table_stats` runs scipy's arithmetic on arrays (equal to ``chi2_contingency`` in the
  tests).
- **Expected counts**: :func:`scipy.stats.contingency.expected_freq`; the smallest of the four
  is reported, and a table with any expected count below 5 is flagged (the usual rule for
  when χ² and G2 approximations are doubtful).
- **Log Ratio interval**: the exact conditional interval for a ratio of two Poisson rates:
  given a + b, a is binomial with p = c·R/(c·R + d), so the Clopper–Pearson interval for p
  (:meth:`scipy.stats.binomtest` ``proportion_ci(method="exact")``; for whole tables the same
  bounds from ``scipy.stats.beta.ppf``) maps to R = p/(1−p) · d/c.
  This is R's ``poisson.test`` interval (validated against its published example); statsmodels'
  ``confint_poisson_2indep`` (0.15) gives degenerate intervals when a count is zero, common
  here. In log2; a = 0 leaves the lower bound −∞, b = 0 the upper +∞ (the data set no bound),
  while the point Log Ratio keeps Hardie's 0.5 replacement.
- **%DIFF** (Gabrielatos & Marchi 2012): (NF_T − NF_R)·100 / NF_R with NF the normalised
  frequency per million word tokens; as they do, a zero frequency in the reference is replaced
  by a very small number (:data:`PCT_DIFF_ZERO` = 1e−18 per million), so a term absent from the
  reference gets a very large, finite %DIFF rather than a division by zero.

Hand-written here, because they are definitions rather than tests: G2 (four-cell and the
two-term form of Rayson's calculator, for comparison), Log Ratio, the Monroe, Colaresi & Quinn
(2008) log-odds, each validated against hand arithmetic or a published example in
tests/unit/test_keyness*.py. The tidylo-compatible weighted log-odds (tidylo's ``bind_log_odds``)
are in :mod:`analysis.measures.keyness_tidylo`.
"""

from __future__ import annotations

import math

import numpy as np
import polars as pl
from scipy import stats as sps
from scipy.stats.contingency import expected_freq

from analysis.io import DiscourseError

#: Total prior count α0 of the default informative prior (*choice*; see keyness.py).
DEFAULT_ALPHA0 = 500.0
#: Hardie's (2014) zero-count replacement for Log Ratio.
LOG_RATIO_ZERO = 0.5
#: A table with any expected count below this is flagged ``low_expected``.
LOW_EXPECTED = 5.0
#: Gabrielatos & Marchi's (2012) stand-in for a zero normalised frequency in the reference.
PCT_DIFF_ZERO = 1e-18
#: Normalised frequencies for %DIFF are per this many word tokens.
PCT_DIFF_BASE = 1_000_000
#: Level of the Log Ratio interval.
CONFIDENCE = 0.95

G2_VARIANT = "four-cell G2 (Dunning 1993): 2·Σ O·ln(O/E) over a, b, c−a, d−b; O = 0 adds 0"
LOG_RATIO_INTERVAL = (
    "exact conditional 95% interval for the ratio of two Poisson rates (binomial "
    "Clopper–Pearson on a out of a + b, as R's poisson.test), in log2; a zero count leaves "
    "that side unbounded"
)


def _check(a: float, b: float, c: float, d: float) -> None:
    if min(a, b) < 0 or c <= 0 or d <= 0 or a > c or b > d:
        raise DiscourseError(
            f"keyness needs 0 <= a <= c and 0 <= b <= d with c, d > 0; got a={a}, b={b}, "
            f"c={c}, d={d}."
        )


def _table(a: float, b: float, c: float, d: float) -> np.ndarray:
    _check(a, b, c, d)
    return np.array([[a, b], [c - a, d - b]], dtype=float)


def _sign(a: float, b: float, c: float, d: float) -> float:
    return -1.0 if a / c < b / d else 1.0


def _xlnx_over_e(o: float, e: float) -> float:
    return 0.0 if o == 0 else o * math.log(o / e)


# --- the definitions ------------------------------------------------------------------------


def g2(a: float, b: float, c: float, d: float, *, signed: bool = True) -> float:
    """Four-cell log-likelihood G2 for one term (Dunning 1993), signed by direction.

    Args:
        a: count in the target; b: count in the reference; c, d: their word-token totals.
        signed: negative when a/c < b/d (under-used in the target).
    """
    _check(a, b, c, d)
    n = c + d
    k = a + b
    cells = [(a, c * k / n), (b, d * k / n), (c - a, c * (n - k) / n), (d - b, d * (n - k) / n)]
    value = 2.0 * sum(_xlnx_over_e(o, e) for o, e in cells)
    value = max(value, 0.0)  # rounding can give -1e-15 when T and R have equal rates
    return value * _sign(a, b, c, d) if signed else value


def g2_two_term(a: float, b: float, c: float, d: float) -> float:
    """The two-term LL of Rayson's calculator (sum over a and b only); for comparison only."""
    _check(a, b, c, d)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return 2.0 * (_xlnx_over_e(a, e1) + _xlnx_over_e(b, e2))


def p_chi2_1df(x: float) -> float:
    """Upper-tail probability of χ² with 1 degree of freedom: erfc(√(x/2)); x may be signed."""
    return math.erfc(math.sqrt(abs(x) / 2.0))


def log_ratio(a: float, b: float, c: float, d: float, *, zero: float = LOG_RATIO_ZERO) -> float:
    """Hardie's (2014) Log Ratio log2((a/c)/(b/d)), a zero count replaced by ``zero``."""
    _check(a, b, c, d)
    a = a if a > 0 else zero
    b = b if b > 0 else zero
    return math.log2((a / c) / (b / d))


def weighted_log_odds(
    a: float, b: float, c: float, d: float, alpha_w: float, alpha0: float
) -> tuple[float, float, float]:
    """Monroe, Colaresi & Quinn (2008) log-odds ratio with an informative Dirichlet prior.

    The two-group form (their eq. 16, 20–22): target against the pooled reference.

    Returns:
        (δ, σ², z) with δ = ln[(a+α_w)/(c+α0−a−α_w)] − ln[(b+α_w)/(d+α0−b−α_w)],
        σ² = 1/(a+α_w) + 1/(b+α_w), z = δ/σ.
    """
    _check(a, b, c, d)
    if alpha_w <= 0 or alpha0 <= alpha_w:
        raise DiscourseError(f"need 0 < alpha_w < alpha0; got alpha_w={alpha_w}, alpha0={alpha0}.")
    delta = math.log((a + alpha_w) / (c + alpha0 - a - alpha_w)) - math.log(
        (b + alpha_w) / (d + alpha0 - b - alpha_w)
    )
    var = 1.0 / (a + alpha_w) + 1.0 / (b + alpha_w)
    return delta, var, delta / math.sqrt(var)


def pct_diff(a: float, b: float, c: float, d: float, *, zero: float = PCT_DIFF_ZERO) -> float:
    """%DIFF (Gabrielatos & Marchi 2012): (NF_T − NF_R)·100/NF_R, NF per million tokens.

    A zero reference frequency is replaced by ``zero`` (per million), as they do.
    """
    _check(a, b, c, d)
    nf_t = PCT_DIFF_BASE * a / c
    nf_r = PCT_DIFF_BASE * b / d if b > 0 else zero
    return (nf_t - nf_r) * 100.0 / nf_r


# --- tests and intervals from scipy ---------------------------------------------------------


def chi2(a: float, b: float, c: float, d: float, *, yates: bool = False) -> float:
    """Pearson χ² of the 2×2 table (scipy ``chi2_contingency``), signed as G2.

    Args:
        yates: apply Yates's continuity correction (quanteda's default for "chi2").

    Returns:
        The statistic, negative when under-used in the target; NaN when an expected count is 0
        (a term that is every token of both texts).
    """
    table = _table(a, b, c, d)
    if (expected_freq(table) == 0).any():
        return float("nan")
    stat = float(sps.chi2_contingency(table, correction=yates).statistic)
    return stat * _sign(a, b, c, d)


def fisher_p(a: float, b: float, c: float, d: float) -> float:
    """Two-sided p of Fisher's exact test on the 2×2 table (scipy ``fisher_exact``)."""
    return float(sps.fisher_exact(_table(a, b, c, d), alternative="two-sided").pvalue)


def expected_min(a: float, b: float, c: float, d: float) -> float:
    """The smallest expected count of the four cells (scipy ``expected_freq``)."""
    return float(expected_freq(_table(a, b, c, d)).min())


def log_ratio_interval(
    a: float, b: float, c: float, d: float, *, confidence: float = CONFIDENCE
) -> tuple[float, float]:
    """Exact conditional interval of the rate ratio (a/c)/(b/d), in log2 (as Log Ratio).

    Given a + b, a is binomial with p = c·R/(c·R + d); the Clopper–Pearson interval for p
    (scipy ``binomtest``) maps to R = p/(1−p)·d/c: R's ``poisson.test(c(a, b), c(c, d))``.

    Returns:
        ``(low, high)`` in log2 units; −∞ / +∞ on the side a zero count leaves unbounded.
    """
    _check(a, b, c, d)
    if a + b == 0:
        return (float("-inf"), float("inf"))
    ci = sps.binomtest(int(a), int(a + b)).proportion_ci(
        confidence_level=confidence, method="exact"
    )

    def to_log2(p: float) -> float:
        if p <= 0:
            return float("-inf")
        if p >= 1:
            return float("inf")
        return math.log2(p / (1 - p) * d / c)

    return (to_log2(ci.low), to_log2(ci.high))


#: The columns :func:`table_stats` adds (all Float64 but ``low_expected``, Boolean).
TABLE_STATS_COLUMNS = (
    "chi2", "chi2_yates", "p_fisher", "expected_min", "low_expected", "log_ratio_low",
    "log_ratio_high", "pct_diff",
)  # fmt: skip


def _chi2_columns(a, b, c, d, *, yates: bool) -> np.ndarray:
    """Signed Pearson χ² for arrays of tables, as ``scipy.stats.chi2_contingency`` computes it.

    scipy has no vectorised 2×2 χ²; this is its arithmetic (Yates: each cell moved towards its
    expected count by min(0.5, |O − E|)), checked against it in the tests. NaN where an
    expected count is 0.
    """
    n, k = c + d, a + b
    observed = np.stack([a, b, c - a, d - b]).astype(float)
    expected = np.stack([c * k / n, d * k / n, c * (n - k) / n, d * (n - k) / n])
    diff = np.abs(observed - expected)
    if yates:
        diff = diff - np.minimum(0.5, diff)
    with np.errstate(divide="ignore", invalid="ignore"):
        stat = (diff**2 / expected).sum(axis=0)
    stat = np.where((expected == 0).any(axis=0), np.nan, stat)
    return np.where(a * d < b * c, -stat, stat)


def _log_ratio_interval_columns(a, b, c, d, confidence: float = CONFIDENCE):
    """:func:`log_ratio_interval` for arrays: Clopper–Pearson bounds from beta quantiles
    (``scipy.stats.beta.ppf``, the closed form of the exact interval), checked against
    ``binomtest`` in the tests."""
    tail = (1 - confidence) / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        p_low = np.where(a > 0, sps.beta.ppf(tail, a, b + 1), 0.0)
        p_high = np.where(b > 0, sps.beta.ppf(1 - tail, a + 1, b), 1.0)
        low = np.log2(p_low / (1 - p_low) * d / c)
        high = np.log2(p_high / (1 - p_high) * d / c)
    low = np.where(p_low <= 0, -np.inf, low)
    high = np.where(p_high >= 1, np.inf, high)
    return low, high


#: Relative tolerance under which two table probabilities count as equal in the two-sided
#: Fisher p (R's ``fisher.test`` uses the same 1e-7).
FISHER_TIES = 1e-7
#: Tables less probable than the observed one by more than e^this add nothing visible to p.
FISHER_WINDOW = 50.0


def _first_at_least(logpmf, lo, hi, level, *, rising: bool):
    """Binary search on a unimodal log-pmf, all tables at once: on [lo, hi] where it rises,
    the first x with logpmf(x) >= level; where it falls, the last such x."""
    lo, hi = lo.copy(), hi.copy()
    while (active := lo < hi).any():
        mid = (lo + hi) // 2 if rising else (lo + hi + 1) // 2
        ok = logpmf(mid) >= level
        if rising:
            hi, lo = np.where(active & ok, mid, hi), np.where(active & ~ok, mid + 1, lo)
        else:
            lo, hi = np.where(active & ok, mid, lo), np.where(active & ~ok, mid - 1, hi)
    return lo


def _fisher_columns(a, b, c, d) -> np.ndarray:
    """Two-sided Fisher p for arrays of tables, from ``scipy.stats.hypergeom.logpmf``.

    scipy's ``fisher_exact`` takes one table per call, and its ``hypergeom.pmf`` is slow for
    some corpus sizes (milliseconds per table near 10^5 tokens). Here, as in R's
    ``fisher.test``, p is the probability of the tables no more probable than the observed one
    (relative tolerance :data:`FISHER_TIES`), normalised over the tables summed; every table is
    evaluated in one ``logpmf`` call. Only tables at most e^50 less probable than the observed
    one are summed (a window found by binary search on the unimodal pmf): the rest change p by
    less than 1e-13 of its value. Checked against ``fisher_exact`` in the tests.
    """
    a, b, c, d = (np.asarray(x, dtype=np.int64) for x in (a, b, c, d))
    big_n, k = c + d, a + b  # k: the first row [a, b]; c: the first column [a, c − a]
    lo, hi = np.maximum(0, k - d), np.minimum(k, c)
    mode = np.clip(((c + 1) * (k + 1)) // (big_n + 2), lo, hi)

    def logpmf(x, rows=slice(None)):
        return sps.hypergeom.logpmf(x, big_n[rows], k[rows], c[rows])

    observed = logpmf(a)
    cut = observed - FISHER_WINDOW
    start = np.minimum(a, _first_at_least(logpmf, lo, mode, cut, rising=True))
    stop = np.maximum(a, _first_at_least(logpmf, mode, hi, cut, rising=False))
    lengths = stop - start + 1
    table = np.repeat(np.arange(a.size), lengths)
    offsets = np.cumsum(lengths) - lengths
    x = start[table] + np.arange(lengths.sum()) - offsets[table]
    logp = logpmf(x, table)
    peak = np.maximum.reduceat(logp, offsets)
    prob = np.exp(logp - peak[table])
    tail = logp <= observed[table] + math.log1p(FISHER_TIES)
    p = np.add.reduceat(np.where(tail, prob, 0.0), offsets) / np.add.reduceat(prob, offsets)
    return np.minimum(p, 1.0)


def table_stats(counts: pl.DataFrame) -> pl.DataFrame:
    """The statistics of :data:`TABLE_STATS_COLUMNS` for every row of ``counts`` (``a, b, c, d``).

    χ², expected counts, the Log Ratio interval and %DIFF are computed for all rows at once
    (the same arithmetic as :func:`chi2`, :func:`expected_min`, :func:`log_ratio_interval`
    and :func:`pct_diff`, checked equal to them in the tests); Fisher's p once per distinct
    table (most terms of a comparison share small tables such as 1 and 0), all tables in one
    pass (:func:`_fisher_columns`, checked equal to :func:`fisher_p`), then joined back.

    Returns:
        ``counts`` with the columns of :data:`TABLE_STATS_COLUMNS` added, row order kept.
    """
    keys = ["a", "b", "c", "d"]
    for r in counts.select(keys).unique().iter_rows():
        _check(*r)
    distinct = counts.select(keys).unique(maintain_order=True)
    fisher = distinct.with_columns(
        pl.Series("p_fisher", _fisher_columns(*(distinct[k].to_numpy() for k in keys)))
    )
    a, b, c, d = (counts[k].cast(pl.Float64).to_numpy() for k in keys)
    n, k = c + d, a + b
    e_min = np.minimum.reduce([c * k / n, d * k / n, c * (n - k) / n, d * (n - k) / n])
    low, high = _log_ratio_interval_columns(a, b, c, d)
    nf_r = np.where(b > 0, PCT_DIFF_BASE * b / d, PCT_DIFF_ZERO)
    out = counts.with_columns(
        pl.Series("chi2", _chi2_columns(a, b, c, d, yates=False)),
        pl.Series("chi2_yates", _chi2_columns(a, b, c, d, yates=True)),
        pl.Series("expected_min", e_min),
        pl.Series("low_expected", e_min < LOW_EXPECTED),
        pl.Series("log_ratio_low", low),
        pl.Series("log_ratio_high", high),
        pl.Series("pct_diff", (PCT_DIFF_BASE * a / c - nf_r) * 100.0 / nf_r),
    ).join(fisher, on=keys, how="left", maintain_order="left")
    return out.select(*counts.columns, *TABLE_STATS_COLUMNS)


def format_p(p: float | None) -> str:
    """A p (or q) value for tables and prose: ``"< 0.001"``, else 3 significant digits.

    ``"n/a"`` for a missing value; 1 is shown as ``"1"``.
    """
    if p is None or (isinstance(p, float) and math.isnan(p)):
        return "n/a"
    if p < 0.001:
        return "< 0.001"
    return f"{p:.3g}"


def format_pct_diff(value: float | None, b: int) -> str:
    """%DIFF for reading: ``"+352%"``; ``"∞ (b = 0)"`` where the 1e−18 stand-in made it huge."""
    if value is None or math.isnan(value):
        return "n/a"
    if b == 0:
        return "∞ (b = 0)"
    return f"{value:+,.0f}%"


def format_log2_interval(low: float | None, high: float | None, digits: int = 2) -> str:
    """``"[1.23, 4.56]"`` with ``−∞`` / ``∞`` for an unbounded side, ``"[n/a]"`` if missing."""

    def one(x: float | None) -> str | None:
        if x is None or math.isnan(x):
            return None
        if math.isinf(x):
            return "∞" if x > 0 else "−∞"
        return f"{x:.{digits}f}"

    lo, hi = one(low), one(high)
    return "[n/a]" if lo is None or hi is None else f"[{lo}, {hi}]"


# --- counting and showing -------------------------------------------------------------------


def keyness_significant(
    keyness: pl.DataFrame, *, by: str = "q", alpha: float = 0.05, direction: str = "target"
) -> int:
    """How many terms of a keyness table reach ``by < alpha`` in one direction.

    Args:
        keyness: from :func:`analysis.measures.keyness.textstat_keyness` (one comparison).
        by: ``"q"`` (Benjamini–Hochberg; what every statement uses) or a raw p column.
        direction: ``"target"`` (over-used in the target, G2 > 0), ``"reference"`` or ``"both"``.
    """
    if direction not in ("target", "reference", "both"):
        raise DiscourseError(f"direction must be target, reference or both, not {direction!r}.")
    sig = keyness.filter(pl.col(by) < alpha)
    if direction == "target":
        sig = sig.filter(pl.col("g2") > 0)
    elif direction == "reference":
        sig = sig.filter(pl.col("g2") < 0)
    return sig.height


def keyness_table(
    keyness: pl.DataFrame, *, digits: int = 2, min_range: int | None = None
) -> pl.DataFrame:
    """A keyness table for reading: counts, G2 and χ², p values as text, Log Ratio with interval.

    Args:
        keyness: a keyness frame; the ``n_parts, one_part`` columns of
            :func:`analysis.measures.dispersion.keyness_dispersion` are shown when present.
        min_range: keep terms in at least this many parts of the target (needs ``n_parts``).

    Returns:
        ``term, a, b, g2, p, p_fisher, q, chi2, chi2_yates, log_ratio, log_ratio_95ci,
        pct_diff, low_expected, z`` (then ``n_parts, one_part`` when given): statistics
        rounded to ``digits``, p and q formatted by :func:`format_p`, ``pct_diff`` by
        :func:`format_pct_diff`.
    """
    if min_range is not None:
        from analysis.measures.dispersion import keyness_min_range

        keyness = keyness_min_range(keyness, min_range)
    spread = [c for c in ("n_parts", "one_part") if c in keyness.columns]
    rounded = [pl.col(c).round(digits) for c in ("g2", "chi2", "chi2_yates", "log_ratio", "z")]
    return keyness.select(
        "term",
        "a",
        "b",
        *rounded[:1],
        *[pl.col(c).map_elements(format_p, return_dtype=pl.String) for c in ("p", "p_fisher", "q")],
        *rounded[1:4],
        pl.struct("log_ratio_low", "log_ratio_high")
        .map_elements(
            lambda s: format_log2_interval(s["log_ratio_low"], s["log_ratio_high"], digits),
            return_dtype=pl.String,
        )
        .alias("log_ratio_95ci"),
        pl.struct("pct_diff", "b")
        .map_elements(lambda s: format_pct_diff(s["pct_diff"], s["b"]), return_dtype=pl.String)
        .alias("pct_diff"),
        "low_expected",
        rounded[4],
        *spread,
    )
