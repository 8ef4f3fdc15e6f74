"""Agreement of the demands rules with the gold coder, per text: one row per text and label.

:func:`analysis.evaluation.demands_gold.functions_agreement` and
:func:`~analysis.evaluation.demands_gold.responsiveness_agreement` pool every text the gold
covers. Where the gold covers several texts, pooling hides which text the rules read well;
:func:`demands_agreement_by_text` gives N, raw agreement with its 95% Wilson interval and
Cohen's kappa for each response text (functions, commitment strength) and each advocacy text
and scale (responsiveness, policy overlap). The gold coder is an automated coder (a language
model given only the codebook), so this is agreement between two automatic readings.
"""

from __future__ import annotations

import polars as pl

from analysis import corpus, stats
from analysis.evaluation import agreement
from analysis.evaluation.demands_gold import (
    _gold_table,
    demands_matching,
    gold_or_none,
)
from analysis.measures.demands.response import response_functions
from analysis.measures.demands.responsiveness import demands_responsiveness

_SCHEMA = {
    "text_id": pl.String,
    "label": pl.String,
    "n": pl.Int64,
    "agreement": pl.Float64,
    "agreement_low": pl.Float64,
    "agreement_high": pl.Float64,
    "kappa": pl.Float64,
}


def _row(text_id: str, label: str, gold: list, auto: list) -> dict:
    s = agreement.agreement_summary(gold, auto)
    agree = sum(g == a for g, a in zip(gold, auto, strict=True))
    low, high = stats.proportion_interval(agree, s["n"]) if s["n"] else (None, None)
    return {
        "text_id": text_id,
        "label": label,
        "n": s["n"],
        "agreement": s["agreement"],
        "agreement_low": low,
        "agreement_high": high,
        "kappa": s["kappa"],
    }


def demands_agreement_by_text(
    functions: pl.DataFrame | None = None,
    auto: pl.DataFrame | None = None,
    *,
    functions_gold: pl.DataFrame | None = None,
    responsiveness_gold: pl.DataFrame | None = None,
    matching: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Agreement of rules and gold per text, for every label the gold codes.

    Args:
        functions: from :func:`analysis.measures.demands.response_functions` (default: corpus).
        auto: from :func:`analysis.measures.demands.demands_responsiveness` (default: corpus).
        functions_gold: the response-functions gold (default: loaded; None file = no rows).
        responsiveness_gold: the responsiveness gold (default: loaded).
        matching: from :func:`analysis.evaluation.demands_gold.demands_matching` (default:
            the corpus's; used to pair gold demand ids with the extractor's).

    Returns:
        ``text_id``, ``label`` (``function``, ``commitment_strength``, ``responsiveness`` or
        ``policy_overlap``), ``n`` (units with both labels), ``agreement`` with
        ``agreement_low``/``agreement_high`` (95% Wilson interval) and ``kappa`` (null where
        undefined). Texts the gold does not cover have no row.
    """
    functions = response_functions() if functions is None else functions
    f_gold = gold_or_none("response-functions") if functions_gold is None else functions_gold
    rows = []
    if f_gold is not None and not f_gold.is_empty():
        both = functions.join(f_gold, on="sentence_id", suffix="_gold", maintain_order="left")
        for t in corpus.texts_in(both, order=()):
            part = both.filter(pl.col("text_id") == t).sort("sentence_id")
            for col in ("function", "commitment_strength"):
                rows.append(_row(t, col, part[f"{col}_gold"].to_list(), part[col].to_list()))
    r_gold = gold_or_none("responsiveness") if responsiveness_gold is None else responsiveness_gold
    if r_gold is not None and not r_gold.is_empty():
        auto = demands_responsiveness() if auto is None else auto
        matching = demands_matching() if matching is None else matching
        table = _gold_table(r_gold, auto, matching).filter(pl.col("auto_label").is_not_null())
        table = table.with_columns(
            pl.col("demand_id").str.extract(r"^([a-z0-9-]+):").alias("text_id")
        )
        for t in corpus.texts_in(table, order=()):
            for scale in ("responsiveness", "policy_overlap"):
                part = table.filter((pl.col("text_id") == t) & (pl.col("scale") == scale))
                if part.height:
                    rows.append(
                        _row(t, scale, part["label"].to_list(), part["auto_label"].to_list())
                    )
    return pl.DataFrame(rows, schema=_SCHEMA)
