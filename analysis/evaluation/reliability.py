"""Agreement between coders: Krippendorff's alpha and pairwise Cohen's kappa, with intervals.

Codes come as a long frame, one row per (unit, coder) code: ``unit``, ``coder``, ``value`` and,
for per-text reports, ``text_id``; a missing code is simply an absent row. A multi-label scheme
is turned into one binary variable per category (``value`` 1 = the coder assigned the category
to the unit, 0 = not) with ``layer`` and ``category`` columns (:func:`analysis.evaluation.coding.
coders_load` builds this frame); agreement is then reported per layer and category.

- Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability") comes
  from the maintained ``krippendorff`` package, pinned in the tests against Krippendorff's own
  worked example. Its 95% interval is a percentile bootstrap over units
  (:func:`analysis.stats.bootstrap_units`); the resampled nominal alpha is computed from each
  unit's coincidence counts (the same formula, vectorised, checked against the package in the
  tests) because thousands of resamples per category are needed.
- Cohen's kappa per pair of coders is :func:`analysis.evaluation.agreement.cohen_kappa` (the
  suite's one kappa, checked against a hand computation), on the units both coders coded; its
  interval is a percentile bootstrap over those units, each resample computed by the same
  formula on integer-coded values (:func:`kappa_statistic`, checked against ``cohen_kappa``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from itertools import combinations

import krippendorff
import numpy as np
import polars as pl

from analysis import stats
from analysis.evaluation.agreement import cohen_kappa
from analysis.io import DiscourseError
from analysis.prose import code_span, count_words, escape_markdown, join_words, number_word

#: The ``text_id`` of the rows over every text together.
ALL_TEXTS = "all texts"
#: Columns that split the codes into separate variables (one alpha each), when present.
GROUPS = ("layer", "category")


def _check(codes: pl.DataFrame, where: str) -> None:
    missing = [c for c in ("unit", "coder", "value") if c not in codes.columns]
    if missing:
        raise DiscourseError(
            f"analysis/evaluation/reliability.py, {where}(): codes lack column(s) {missing}; "
            "pass a long frame with unit, coder, value (coding.coders_load builds one)."
        )


def _matrix(codes: pl.DataFrame, *, numeric: bool = False) -> tuple[np.ndarray, list, list]:
    """coders x units matrix of value indices, or of the values themselves when ``numeric``
    (NaN = not coded), the units and the distinct values."""
    units = codes["unit"].unique(maintain_order=True).to_list()
    coders = codes["coder"].unique(maintain_order=True).to_list()
    values = sorted(codes["value"].drop_nulls().unique().to_list())
    u_at = {u: i for i, u in enumerate(units)}
    c_at = {c: i for i, c in enumerate(coders)}
    v_at = {v: i for i, v in enumerate(values)}
    m = np.full((len(coders), len(units)), np.nan)
    for u, c, v in codes.select("unit", "coder", "value").iter_rows():
        if v is not None:
            m[c_at[c], u_at[u]] = float(v) if numeric else v_at[v]
    return m, units, values


def krippendorff_alpha(codes: pl.DataFrame, *, level: str = "nominal") -> float:
    """Krippendorff's alpha of a long frame of codes (``krippendorff.alpha``).

    Args:
        codes: ``unit``, ``coder``, ``value`` (other columns ignored); a missing code is an
            absent row (or a null value). One row per (unit, coder).
        level: ``"nominal"`` (default), ``"ordinal"``, ``"interval"`` or ``"ratio"``; the
            metric levels need numeric values.

    Returns:
        Alpha as a float; NaN where it is undefined: no unit coded by two coders (nothing
        pairable) or no variation at all (every pairable code is the same value, so the
        expected disagreement is zero).
    """
    _check(codes, "krippendorff_alpha")
    dupes = codes.group_by("unit", "coder").len().filter(pl.col("len") > 1)
    if dupes.height:
        raise DiscourseError(
            f"krippendorff_alpha(): unit {dupes['unit'][0]!r} has {dupes['len'][0]} codes from "
            f"coder {dupes['coder'][0]!r}; give one row per unit and coder."
        )
    m, _, _ = _matrix(codes, numeric=level != "nominal")
    pairable = (~np.isnan(m)).sum(axis=0) >= 2
    values = np.unique(m[:, pairable][~np.isnan(m[:, pairable])])
    if values.size < 2:
        return float("nan")
    return float(krippendorff.alpha(reliability_data=m, level_of_measurement=level))


def _unit_coincidences(m: np.ndarray, n_values: int) -> np.ndarray:
    """Each unit's coincidence counts (units x values*values): ordered pairs of codes from
    different coders, weighted 1/(m_u - 1); zero for units with fewer than two codes."""
    counts = np.stack([(m == v).sum(axis=0) for v in range(n_values)], axis=1).astype(float)
    m_u = counts.sum(axis=1)
    pairs = counts[:, :, None] * counts[:, None, :]
    idx = np.arange(n_values)
    pairs[:, idx, idx] -= counts
    weight = np.where(m_u >= 2, 1 / np.maximum(m_u - 1, 1), 0.0)
    return (pairs * weight[:, None, None]).reshape(len(m_u), -1)


def _nominal_from_coincidences(o: np.ndarray, n_values: int) -> float | None:
    """Nominal alpha from a coincidence matrix (flattened): 1 - (n-1) D_o / D_e."""
    o = o.reshape(n_values, n_values)
    n_c = o.sum(axis=1)
    n = n_c.sum()
    expected = n * n - (n_c**2).sum()
    if n <= 1 or expected <= 0:
        return None
    observed = o.sum() - np.trace(o)
    return float(1 - (n - 1) * observed / expected)


def alpha_statistic(codes: pl.DataFrame) -> tuple[int, Callable[[np.ndarray], float | None]]:
    """The number of units and a function giving nominal alpha on resampled unit indices.

    The statistic sums the resampled units' coincidence counts, so a unit drawn twice counts
    twice, exactly as ``krippendorff.alpha`` on the resampled matrix (checked in the tests).
    """
    m, units, values = _matrix(codes)
    k = len(values)
    per_unit = _unit_coincidences(m, k)

    n_units = len(units)

    def statistic(idx: np.ndarray) -> np.ndarray:
        # every resample (row) at once: how often each unit was drawn, then its coincidences
        rows = idx.shape[0]
        offsets = (idx + n_units * np.arange(rows)[:, None]).ravel()
        weights = np.bincount(offsets, minlength=rows * n_units).reshape(rows, n_units)
        o = (weights.astype(float) @ per_unit).reshape(rows, k, k)
        n_c = o.sum(axis=2)
        n = n_c.sum(axis=1)
        expected = n * n - (n_c**2).sum(axis=1)
        observed = o.sum(axis=(1, 2)) - np.trace(o, axis1=1, axis2=2)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where((n <= 1) | (expected <= 0), np.nan, 1 - (n - 1) * observed / expected)

    return n_units, statistic


def _alpha_row(codes: pl.DataFrame, n_resamples: int) -> dict:
    n_units, statistic = alpha_statistic(codes)
    alpha = krippendorff_alpha(codes)
    if np.isnan(alpha):
        low = high = float("nan")
    else:
        boot = stats.bootstrap_units(n_units, statistic, n_resamples=n_resamples, vectorized=True)
        low, high = boot["low"], boot["high"]
    return {
        "n_units": n_units,
        "n_coders": codes["coder"].n_unique(),
        "alpha": alpha,
        "ci_low": low,
        "ci_high": high,
    }


def _groups(codes: pl.DataFrame) -> list[str]:
    return [c for c in GROUPS if c in codes.columns]


def _texts(codes: pl.DataFrame, by: str) -> list:
    return codes[by].drop_nulls().unique(maintain_order=True).to_list() if by in codes else []


def textstat_reliability(
    codes: pl.DataFrame, *, by: str = "text_id", n_resamples: int = stats.N_RESAMPLES
) -> pl.DataFrame:
    """Krippendorff's alpha (nominal) per text and over all texts, with 95% intervals.

    Args:
        codes: the long frame (``unit``, ``coder``, ``value``, ``by``; with ``layer`` /
            ``category`` for multi-label schemes: one alpha per layer and category).
        by: the column naming each unit's text.
        n_resamples: bootstrap resamples (units resampled within the text, or over all units
            for the ``"all texts"`` row).

    Returns:
        Per variable (layer, category where present), one row per text (in order of first
        appearance) then ``"all texts"``: the group columns, ``by``, n_units (units coded by
        anyone), n_coders, alpha (NaN where undefined: see :func:`krippendorff_alpha`),
        ci_low, ci_high (NaN where alpha is undefined or fewer than half the resamples are
        defined).
    """
    _check(codes, "textstat_reliability")
    groups = _groups(codes)
    texts = _texts(codes, by)
    rows = []
    parts = codes.group_by(groups, maintain_order=True) if groups else [((), codes)]
    for key, part in parts:
        head = dict(zip(groups, key, strict=True))
        for text in [*texts, ALL_TEXTS]:
            sub = part if text == ALL_TEXTS else part.filter(pl.col(by) == text)
            if sub.height:
                rows.append(head | {by: text} | _alpha_row(sub, n_resamples))
    schema = {g: codes.schema[g] for g in groups} | {
        by: pl.String,
        "n_units": pl.Int64,
        "n_coders": pl.Int64,
        "alpha": pl.Float64,
        "ci_low": pl.Float64,
        "ci_high": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def kappa_statistic(a: Sequence, b: Sequence) -> Callable[[np.ndarray], float | None]:
    """Cohen's kappa of two coders' codes on resampled unit indices (None where undefined).

    The same formula as :func:`analysis.evaluation.agreement.cohen_kappa` on integer-coded
    values, so each of thousands of resamples costs two ``bincount`` calls (checked against
    ``cohen_kappa`` in the tests).
    """
    values = {v: i for i, v in enumerate(sorted({*a, *b}, key=str))}
    x = np.array([values[v] for v in a], dtype=np.int64)
    y = np.array([values[v] for v in b], dtype=np.int64)
    k = len(values)

    def statistic(idx: np.ndarray) -> np.ndarray:
        # every resample (row) at once; counts of each value per row by one-hot sums
        xa, ya, n = x[idx], y[idx], idx.shape[1]
        values = np.arange(k)
        count_x = (xa[:, :, None] == values).sum(axis=1)
        count_y = (ya[:, :, None] == values).sum(axis=1)
        expected = (count_x * count_y).sum(axis=1)
        p_o, p_e = (xa == ya).sum(axis=1) / n, expected / (n * n)
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(expected == n * n, np.nan, (p_o - p_e) / (1 - p_e))

    return statistic


def _kappa_row(a: list, b: list, n_resamples: int) -> dict:
    n = len(a)
    kappa = cohen_kappa(a, b) if n else None
    low = high = float("nan")
    if kappa is not None:
        boot = stats.bootstrap_units(
            n, kappa_statistic(a, b), n_resamples=n_resamples, vectorized=True
        )
        low, high = boot["low"], boot["high"]
    return {"n": n, "kappa": kappa, "ci_low": low, "ci_high": high}


def textstat_pairwise_kappa(
    codes: pl.DataFrame, *, by: str = "text_id", n_resamples: int = stats.N_RESAMPLES
) -> pl.DataFrame:
    """Cohen's kappa for every pair of coders, per text and over all texts, with 95% intervals.

    Kappa is :func:`analysis.evaluation.agreement.cohen_kappa` on the units both coders coded;
    the interval is a percentile bootstrap over those units (:func:`analysis.stats.
    bootstrap_units`).

    Returns:
        coder_a, coder_b (in order of first appearance), the group columns (layer, category
        where present), ``by`` (each text, then ``"all texts"``), n (units both coded), kappa
        (null where undefined: both coders used one and the same value throughout), ci_low,
        ci_high.
    """
    _check(codes, "textstat_pairwise_kappa")
    groups = _groups(codes)
    texts = _texts(codes, by)
    coders = codes["coder"].unique(maintain_order=True).to_list()
    rows = []
    parts = list(codes.group_by(groups, maintain_order=True)) if groups else [((), codes)]
    for ca, cb in combinations(coders, 2):
        for key, part in parts:
            head = {"coder_a": ca, "coder_b": cb} | dict(zip(groups, key, strict=True))
            a = part.filter(pl.col("coder") == ca).select("unit", "value", *([by] * (by in part)))
            b = part.filter(pl.col("coder") == cb).select("unit", pl.col("value").alias("v_b"))
            both = a.join(b, on="unit", how="inner", maintain_order="left").drop_nulls(
                ["value", "v_b"]
            )
            for text in [*texts, ALL_TEXTS]:
                sub = both if text == ALL_TEXTS else both.filter(pl.col(by) == text)
                if text != ALL_TEXTS and not sub.height:
                    continue
                row = _kappa_row(sub["value"].to_list(), sub["v_b"].to_list(), n_resamples)
                rows.append(head | {by: text} | row)
    schema = (
        {"coder_a": pl.String, "coder_b": pl.String}
        | {g: codes.schema[g] for g in groups}
        | {by: pl.String, "n": pl.Int64, "kappa": pl.Float64}
        | {"ci_low": pl.Float64, "ci_high": pl.Float64}
    )
    return pl.DataFrame(rows, schema=schema, orient="row")


def describe_reliability(
    coders: pl.DataFrame,
    reliability: pl.DataFrame | None = None,
    *,
    codes: pl.DataFrame | None = None,
    scheme: str = "framing",
    by: str = "text_id",
) -> str:
    """Who has coded a scheme and, with two coders or more, how far they agree, in words.

    Args:
        coders: one row per coder: ``coder``, ``description`` (from each coder file's header;
            :func:`analysis.evaluation.coding.coders_list`), and optionally ``file`` and
            ``problem``: a file with a problem is named as left out, not counted as a coder.
        reliability: :func:`textstat_reliability` of their codes (not needed for one coder).
        codes: the codes themselves, to count units and texts (default: read off
            ``reliability``, right when every variable covers every unit).
        scheme: the scheme's name, for the commands that add a coder.

    Returns:
        Markdown: every coder named with the description its file gives (the gold coder is an
        automated coder, as its header says); with one coder, that agreement needs a second
        and how to add one; otherwise the range of alpha over all texts and how many
        variables reach Krippendorff's (2004) 0.667 and 0.8 thresholds.
    """
    add = (
        f"To add a coder, write a coding sheet with "
        f"{code_span(f'discourse code export --scheme {scheme} --coder NAME')}, fill it in "
        f"and read it back with {code_span('discourse code import FILE')}."
    )
    left_out = ""
    if "problem" in coders.columns:
        bad = coders.filter(pl.col("problem").is_not_null())
        left_out = "".join(
            f" The coder file {code_span(f)} is left out: {escape_markdown(p)}"
            for f, p in bad.select("file", "problem").iter_rows()
        )
        coders = coders.filter(pl.col("problem").is_null())
    if coders.is_empty():
        return f"No coder has coded the {escape_markdown(scheme)} scheme. {add}{left_out}"
    who = join_words(
        f"{code_span(c)} ({escape_markdown(d or 'no description given')})"
        for c, d in coders.select("coder", "description").iter_rows()
    )
    if coders.height == 1:
        return (
            f"One coder has coded the {escape_markdown(scheme)} scheme: {who}. Agreement "
            f"between coders needs at least two. {add}{left_out}"
        )
    out = (
        f"{number_word(coders.height).capitalize()} coders have coded the "
        f"{escape_markdown(scheme)} scheme: {who}.{left_out}"
    )
    if reliability is None or reliability.is_empty():
        return out + " They share no coded unit, so no agreement can be computed."
    overall = reliability.filter((pl.col(by) == ALL_TEXTS) & pl.col("alpha").is_not_nan())
    n_all = reliability.filter(pl.col(by) == ALL_TEXTS).height
    if overall.is_empty():
        return out + " Alpha is undefined for every variable (no variation in the codes)."
    if codes is not None:
        n_units, n_texts = codes["unit"].n_unique(), codes[by].n_unique()
    else:  # every variable covers every unit (multi-label layers)
        n_units = reliability.filter(pl.col(by) == ALL_TEXTS)["n_units"].max()
        n_texts = reliability.filter(pl.col(by) != ALL_TEXTS)[by].n_unique()
    out += f" They coded {n_units} units of {count_words(n_texts, 'text')}."
    lo, hi = overall["alpha"].min(), overall["alpha"].max()
    span = (
        f"is {lo:.2f}"
        if overall.height == 1
        else f"is {lo:.2f} for every variable"
        if lo == hi
        else f"ranges from {lo:.2f} to {hi:.2f}"
    )
    good = (overall["alpha"] >= 0.8).sum()
    fair = ((overall["alpha"] >= 0.667) & (overall["alpha"] < 0.8)).sum()
    undefined = n_all - overall.height
    out += (
        f" Over all texts, Krippendorff's alpha {span} "
        f"({overall.height} of {n_all} variable{'s' if n_all != 1 else ''} defined); "
        f"{good} reach 0.8 and {fair} more reach 0.667, the thresholds Krippendorff (2004) "
        "suggests for reliable and tentative conclusions."
    )
    if undefined:
        out += (
            f" For {undefined} variable{'s' if undefined != 1 else ''} alpha is undefined: "
            "the coders never vary (a category nobody or everybody used)."
        )
    perfect = (overall["ci_low"] == 1.0).sum() if "ci_low" in overall.columns else 0
    if perfect:
        out += (
            f" An interval of [1.00, 1.00] ({perfect} here) comes from codes identical on every "
            "unit: every resample agrees, which does not make the agreement certain."
        )
    descriptions = [d or "" for d in coders["description"].to_list()]
    if all(AUTOMATED.search(d) for d in descriptions):
        out += (
            " Every coder here is automated: their agreement shows how consistently such coders "
            "read the codebook, not how people would code the same units."
        )
    return out


#: A coder file's description that says an automated coder coded it (as the headers say).
AUTOMATED = re.compile(r"\bautomated coder\b", re.IGNORECASE)


def coders_present(codes: pl.DataFrame) -> Sequence[str]:
    """The coders in a long frame of codes, in order of first appearance."""
    return codes["coder"].unique(maintain_order=True).to_list() if "coder" in codes else []
