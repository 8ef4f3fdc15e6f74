"""Notebook 02's sentences about dictionary-versus-gold agreement, generated from the tables.

Each function takes a table the evaluation layer computes and returns Markdown; texts are named
with :func:`analysis.prose.md_name` (their manifest names, shown as text).
"""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from analysis import stats
from analysis.prose import join_words, md_name


def describe_largest_gap(by_text: pl.DataFrame, names: Mapping[str, str] | None = None) -> str:
    """The text and category where the dictionary misses the most gold-coded sentences.

    Args:
        by_text: :func:`analysis.evaluation.framing_agreement.textstat_agreement_by_text`.
        names: display names per text id (default: the manifest's).
    """
    if by_text.is_empty():
        return "No text has gold coding, so nothing is compared."
    gaps = by_text.with_columns((pl.col("gold_yes") - pl.col("both_yes")).alias("missed"))
    worst = gaps.sort("missed", descending=True, maintain_order=True).row(0, named=True)
    if worst["missed"] == 0:
        return (
            "The dictionary finds every sentence the gold coding codes, in every text and category."
        )
    return (
        f"The largest gap is for {worst['label']} in {md_name(worst['text_id'], names)}: the "
        f"dictionary finds {worst['both_yes']} of the {worst['gold_yes']} sentences the gold "
        f"coding codes with it (and codes {worst['auto_yes']} in all)."
    )


def describe_kappa_intervals(intervals: pl.DataFrame) -> str:
    """The widest kappa interval, and the categories without one.

    Args:
        intervals: :func:`analysis.evaluation.framing_agreement.textstat_kappa_intervals`.
    """
    undefined = intervals.filter(pl.col("ci_low").is_null())
    if undefined.height == intervals.height:
        return "No kappa interval: no category has a kappa defined on enough resamples."
    spans = intervals.filter(pl.col("ci_low").is_not_null()).with_columns(
        (pl.col("ci_high") - pl.col("ci_low")).alias("width")
    )
    widest = spans.sort("width", descending=True, maintain_order=True).row(0, named=True)
    out = (
        f"The widest interval is for {widest['label']} ({widest['layer']} layer): kappa "
        f"{widest['kappa']:.2f}, 95% interval "
        f"{stats.format_interval(widest['ci_low'], widest['ci_high'])}; the gold coding codes "
        f"{widest['gold_yes']} sentences with it, the dictionary {widest['auto_yes']}."
    )
    if undefined.height:
        out += (
            f" No interval for {join_words(undefined['label'].to_list())}: kappa is undefined "
            "on half the resamples or more."
        )
    return out
