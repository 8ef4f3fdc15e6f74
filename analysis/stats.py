"""Uncertainty for every compared number: bootstrap intervals, proportion intervals, FDR.

One place for the statistics the measures and the evaluation share, so every chart and table
computes its 95% interval the same way. Maintained implementations do the work: scipy's
``stats.bootstrap`` (percentile method) for means and shares, statsmodels for Wilson intervals
and the Benjamini–Hochberg correction. Only the resampling of *units* for statistics that can be
undefined on a resample (kappa, alpha: no variation) is written here, because scipy's bootstrap
returns NaN for the whole interval as soon as one resample is undefined; the interval is then
the percentile interval of the defined resamples, and how many were undefined is reported.

Resampling is seeded (:data:`SEED`), so every interval is reproducible byte for byte.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Sequence

import numpy as np
import polars as pl
from scipy import stats as sps
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import proportion_confint

SEED = 20260222
N_RESAMPLES = 2000
CONFIDENCE = 0.95
BATCH = 100
INTERVAL_NOTE = (
    "95% intervals: percentile bootstrap over sentences (2,000 resamples, fixed seed), "
    "resampling within each text"
)


def _rng(seed: int | None) -> np.random.Generator:
    return np.random.default_rng(SEED if seed is None else seed)


def bootstrap_ci(
    values: Sequence[float] | np.ndarray,
    statistic: Callable[[np.ndarray], float] = np.mean,
    *,
    n_resamples: int = N_RESAMPLES,
    confidence: float = CONFIDENCE,
    seed: int | None = None,
) -> tuple[float, float]:
    """Percentile bootstrap interval of ``statistic`` over ``values`` (scipy.stats.bootstrap).

    Args:
        values: one value per resampled unit (a sentence's score, 0/1 for "coded with X").
        statistic: a vectorisable statistic (takes ``axis``), the mean by default.

    Returns:
        ``(low, high)``; ``(nan, nan)`` for no values; the value itself twice when all values
        are equal (every resample gives the same statistic).
    """
    x = np.asarray(values, dtype=float)
    if x.size == 0:
        return (float("nan"), float("nan"))
    if np.all(x == x[0]):
        v = float(statistic(x))
        return (v, v)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", sps.DegenerateDataWarning)
        res = sps.bootstrap(
            (x,),
            statistic,
            n_resamples=n_resamples,
            confidence_level=confidence,
            method="percentile",
            # batches of resamples bound memory on long texts; the draws and the interval are
            # the same as unbatched
            batch=BATCH,
            rng=_rng(seed),
        )
    return (float(res.confidence_interval.low), float(res.confidence_interval.high))


def bootstrap_units(
    n_units: int,
    statistic: Callable[[np.ndarray], float | None],
    *,
    n_resamples: int = N_RESAMPLES,
    confidence: float = CONFIDENCE,
    seed: int | None = None,
    vectorized: bool = False,
) -> dict:
    """Percentile bootstrap of a statistic of resampled unit *indices* that may be undefined.

    ``statistic(idx)`` gets an array of unit indices drawn with replacement and returns a float,
    or ``None``/NaN where the statistic is undefined on that resample (kappa or alpha when the
    resample has no variation). Undefined resamples are dropped and counted.

    With ``vectorized=True``, ``statistic`` gets all resamples at once, an ``(n_resamples,
    n_units)`` array of indices, and returns one value per row (NaN where undefined). The rows
    are the same draws, in the same order, as the one-at-a-time calls, so both give the same
    interval; the vectorised form only saves the Python loop.

    Returns:
        ``{"low", "high", "n_defined", "n_resamples"}``; low/high are NaN when fewer than half
        of the resamples are defined (the interval would describe an unusual subset).
    """
    rng = _rng(seed)
    if vectorized:
        values = (
            np.asarray(statistic(rng.integers(0, n_units, (n_resamples, n_units))), dtype=float)
            if n_units
            else np.array([])
        )
        draws = values[~np.isnan(values)].tolist()
    else:
        draws = []
        for _ in range(n_resamples):
            v = statistic(rng.integers(0, n_units, n_units)) if n_units else None
            if v is not None and not np.isnan(v):
                draws.append(float(v))
    tail = (1 - confidence) / 2 * 100
    ok = len(draws) >= n_resamples / 2
    low, high = (
        (float(np.percentile(draws, tail)), float(np.percentile(draws, 100 - tail)))
        if ok
        else (float("nan"), float("nan"))
    )
    return {"low": low, "high": high, "n_defined": len(draws), "n_resamples": n_resamples}


def textstat_bootstrap_means(
    frame: pl.DataFrame,
    *,
    value: str,
    by: str | Sequence[str] = "text_id",
    seed: int | None = None,
) -> pl.DataFrame:
    """Mean of ``value`` per group with its percentile-bootstrap 95% interval.

    A share is the mean of a 0/1 column, so this serves sentiment means, frame shares and stance
    rates alike: units (rows) are resampled within each group.

    Returns:
        One row per group (in first-seen order): the group columns, ``n``, ``mean``, ``ci_low``,
        ``ci_high``.
    """
    keys = [by] if isinstance(by, str) else list(by)
    rows = []
    for key, part in frame.group_by(keys, maintain_order=True):
        x = part[value].drop_nulls().cast(pl.Float64).to_numpy()
        low, high = bootstrap_ci(x, seed=seed)
        rows.append(
            dict(zip(keys, key, strict=True))
            | {
                "n": int(x.size),
                "mean": float(x.mean()) if x.size else None,
                "ci_low": low,
                "ci_high": high,
            }
        )
    schema = {k: frame.schema[k] for k in keys} | {
        "n": pl.Int64,
        "mean": pl.Float64,
        "ci_low": pl.Float64,
        "ci_high": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def proportion_interval(k: int, n: int, *, confidence: float = CONFIDENCE) -> tuple[float, float]:
    """Wilson score interval for k successes in n trials (statsmodels ``proportion_confint``)."""
    if n == 0:
        return (float("nan"), float("nan"))
    low, high = proportion_confint(k, n, alpha=1 - confidence, method="wilson")
    return (float(low), float(high))


def bh_adjust(p: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q), in input order (statsmodels ``multipletests``)."""
    p = list(p)
    if not p:
        return []
    return [float(q) for q in multipletests(p, method="fdr_bh")[1]]


def format_interval(low: float, high: float, digits: int = 2) -> str:
    """``"[0.12, 0.34]"``, or ``"[n/a]"`` for an undefined interval."""
    if low is None or high is None or np.isnan(low) or np.isnan(high):
        return "[n/a]"
    return f"[{low:.{digits}f}, {high:.{digits}f}]"
