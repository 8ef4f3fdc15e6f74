"""Disagreements between the demand extractor and the gold, with their recorded reasons.

``data/annotations/demands-disagreements.csv`` records, per known disagreement, the codebook
question behind it (``side`` extracted or gold, ``demand_id``, ``sentence_id``, ``reason``).
:func:`demands_disagreements` lists every disagreement found now, with its reason where one is
recorded: a new disagreement shows with no reason instead of being explained by an old one.
"""

from __future__ import annotations

import polars as pl

from analysis import paths
from analysis.evaluation.demands_gold import demands_matching, gold_or_none
from analysis.lexicons import read_commented_csv
from analysis.measures.demands.extract import demands_extract

DISAGREEMENTS_FILE = "demands-disagreements.csv"
_SCHEMA = {
    "side": pl.String,
    "demand_id": pl.String,
    "sentence_id": pl.String,
    "text": pl.String,
    "reason": pl.String,
}


def disagreement_reasons() -> pl.DataFrame:
    """The recorded reasons (``side, demand_id, sentence_id, reason``); empty if no file."""
    path = paths.ANNOTATIONS / DISAGREEMENTS_FILE
    cols = ("side", "demand_id", "sentence_id", "reason")
    if not path.is_file():
        return pl.DataFrame(schema={c: pl.String for c in cols})
    table = read_commented_csv(path, required_columns=cols)
    return pl.DataFrame([r for _, r in table.rows], schema={c: pl.String for c in cols})


def demands_disagreements(
    matching: pl.DataFrame | None = None,
    found: pl.DataFrame | None = None,
    gold: pl.DataFrame | None = None,
    reasons: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every unmatched extracted or gold demand, with the recorded reason (null if none).

    Only the texts the gold covers are compared. A reason applies only where its side, demand
    id and sentence all match.

    Returns:
        ``side`` (``extracted`` or ``gold``), ``demand_id``, ``sentence_id``, ``text`` (the
        extracted demand's text or the gold quote) and ``reason``.
    """
    found = demands_extract() if found is None else found
    gold = gold_or_none("demands") if gold is None else gold
    if gold is None:
        return pl.DataFrame(schema=_SCHEMA)
    # only the texts the gold covers: elsewhere every demand would count as a disagreement
    found = found.filter(pl.col("text_id").is_in(gold["text_id"].unique().to_list()))
    matching = demands_matching(gold, found) if matching is None else matching
    reasons = disagreement_reasons() if reasons is None else reasons
    extracted = matching.filter(pl.col("gold_id").is_null()).join(
        found, left_on="found_id", right_on="demand_id", maintain_order="left"
    )
    missed = matching.filter(pl.col("found_id").is_null()).join(
        gold, left_on="gold_id", right_on="demand_id", maintain_order="left"
    )
    rows = pl.concat(
        [
            extracted.select(
                pl.lit("extracted").alias("side"),
                pl.col("found_id").alias("demand_id"),
                "sentence_id",
                pl.col("demand_text").alias("text"),
            ),
            missed.select(
                pl.lit("gold").alias("side"),
                pl.col("gold_id").alias("demand_id"),
                "sentence_id",
                pl.col("quote").alias("text"),
            ),
        ]
    )
    return rows.join(
        reasons.select("side", "demand_id", "sentence_id", "reason"),
        on=["side", "demand_id", "sentence_id"],
        how="left",
        maintain_order="left",
    ).select(list(_SCHEMA))
