"""tidylo-compatible weighted log-odds: R's ``tidylo::bind_log_odds``, for comparison.

The suite's own weighted log-odds (:func:`analysis.measures.keyness_stats.weighted_log_odds`,
Monroe, Colaresi & Quinn 2008) compares a target text with the rest, with a prior scaled to
α0. tidylo compares each set with all sets pooled and takes the feature's unscaled total count
as the prior; :func:`textstat_log_odds_tidylo` computes that variant, so a reader can set the
suite's figures beside those of a study made with tidylo. It is re-exported by
:mod:`analysis.measures.keyness` and validated against tidylo's published mtcars example in
tests/unit/test_keyness_stats.py.
"""

from __future__ import annotations

import polars as pl

from analysis.io import DiscourseError


def textstat_log_odds_tidylo(
    counts: pl.DataFrame,
    *,
    set: str = "set",  # noqa: A002 - tidylo's argument name, kept for recognisability
    feature: str = "feature",
    n: str = "n",
    uninformative: bool = False,
) -> pl.DataFrame:
    """Weighted log-odds as tidylo's ``bind_log_odds(tbl, set, feature, n)`` computes them.

    The variant differs from the suite's (:func:`weighted_log_odds`, target against the rest
    with a prior scaled to α0): each set is compared with **all sets pooled** (including
    itself), and the informative Dirichlet prior is the feature's **unscaled total count** over
    all sets (empirical Bayes, tidylo's default ``uninformative = FALSE``); with
    ``uninformative=True`` every α is 1. With pseudo-counts y_wi = n_wi + α_w,
    n_i = Σ_w y_wi, y_w = Σ_i y_wi and Y = Σ y:

    δ_wi = ln[y_wi/(n_i − y_wi)] − ln[y_w/(Y − y_w)], σ² = 1/y_wi + 1/y_w, z = δ/σ.

    As in tidylo, only the rows present are used (a feature absent from a set has no row and
    adds nothing to that set's total); there must be one row per set and feature.

    Args:
        counts: one row per set and feature with its count.
        set, feature, n: the column names.
        uninformative: use α = 1 for every row instead of the pooled counts.

    Returns:
        ``counts`` with ``log_odds`` (δ, tidylo's unweighted log odds) and
        ``log_odds_weighted`` (z) added, row order kept.
    """
    for col in (set, feature, n):
        if col not in counts.columns:
            raise DiscourseError(
                f"log-odds counts lack column {col!r}; they have {counts.columns}."
            )
    if counts.select(set, feature).is_duplicated().any():
        raise DiscourseError(
            f"log-odds counts need one row per {set!r} and {feature!r}; aggregate them first."
        )
    alpha = pl.lit(1.0) if uninformative else pl.col(n).sum().over(feature).cast(pl.Float64)
    y = (pl.col(n).cast(pl.Float64) + alpha).alias("_y_wi")
    out = counts.with_columns(y).with_columns(
        pl.col("_y_wi").sum().over(feature).alias("_y_w"),
        pl.col("_y_wi").sum().over(set).alias("_n_i"),
        pl.col("_y_wi").sum().alias("_total"),
    )
    delta = (pl.col("_y_wi") / (pl.col("_n_i") - pl.col("_y_wi"))).log() - (
        pl.col("_y_w") / (pl.col("_total") - pl.col("_y_w"))
    ).log()
    sigma2 = 1.0 / pl.col("_y_wi") + 1.0 / pl.col("_y_w")
    return (
        out.with_columns(delta.alias("log_odds"))
        .with_columns((pl.col("log_odds") / sigma2.sqrt()).alias("log_odds_weighted"))
        .drop("_y_wi", "_y_w", "_n_i", "_total")
    )
