"""Gold labels for the demands measures: loading, coverage, and agreement with the rules.

The gold files (``data/annotations/demands-gold.csv``,
``response-functions-gold.csv``, ``responsiveness-gold.csv``; codebook
``data/annotations/demands-codebook.md``) are loaded with validation by :func:`gold_load` (read in
:mod:`analysis.evaluation.demands_gold_files`, which also decides which gold rows apply).
They cover the texts they were coded for: every comparison runs on what the gold covers, and
:func:`gold_coverage` says which texts and pairs have no gold (nothing fails for them). A
missing gold file is no gold at all, not an error, for the comparisons.

The gold was written by an automated coder (a language model given only the codebook), as
the gold files' headers say: agreement with it is agreement between the rules and an
automated reading of the same codebook, not validation by people.
"""

from __future__ import annotations

import polars as pl

from analysis import corpus, stats
from analysis.evaluation import agreement

# the gold files are read in demands_gold_files; their names are re-exported here
from analysis.evaluation.demands_gold_files import DIFFERENT_TEXT as DIFFERENT_TEXT
from analysis.evaluation.demands_gold_files import GOLD_FILES, gold_different_text, gold_or_none
from analysis.evaluation.demands_gold_files import UNITS_FILE as UNITS_FILE
from analysis.evaluation.demands_gold_files import gold_load as gold_load
from analysis.measures.demands.common import (
    RESPONSIVENESS,
    SCALES,
    demand_key,
    order_demands,
    units,
)
from analysis.measures.demands.extract import demands_extract
from analysis.measures.demands.response import response_functions
from analysis.measures.demands.responsiveness import demands_responsiveness


def _scale(label: str) -> str:
    return "responsiveness" if label in RESPONSIVENESS else "policy_overlap"


def gold_coverage(
    found: pl.DataFrame | None = None,
    functions: pl.DataFrame | None = None,
    pairs: pl.DataFrame | None = None,
    *,
    gold: dict[str, pl.DataFrame | None] | None = None,
    different: dict[str, pl.DataFrame] | None = None,
) -> pl.DataFrame:
    """Which texts and pairs the gold covers, one row per (gold file, text or pair).

    Args:
        found: from :func:`demands_extract` (default: the corpus's).
        functions: from :func:`response_functions` (default: the corpus's).
        pairs: ``advocacy, response, relation`` (default: :func:`analysis.corpus.corpus_pairs`).
        gold: the three gold frames by name (default: loaded; None = no file).
        different: per gold file, :func:`gold_different_text` (default: computed when ``gold``
            is loaded here, else none).

    Returns:
        ``gold`` (file name), ``text_id`` (advocacy or response text), ``response_id`` (for
        responsiveness rows), ``n_items`` (own demands, response sentences, or own demands of the
        pair), ``n_gold`` (gold rows about them), ``covered`` (n_gold > 0), ``n_different``
        (gold rows with this text's ids left out because its sentences are not the ones the
        gold coded) and ``note`` (``"gold for a different text"`` where that leaves the text
        or pair uncovered, ``"no gold"`` where the gold has nothing for it, else null).
    """
    found = demands_extract() if found is None else found
    functions = response_functions() if functions is None else functions
    pairs = corpus.corpus_pairs() if pairs is None else pairs
    if gold is None:
        gold = {name: gold_or_none(name) for name in GOLD_FILES}
        different = {name: gold_different_text(name) for name in GOLD_FILES}
    different = {} if different is None else different
    g_dem, g_fun, g_res = (gold.get(n) for n in GOLD_FILES)

    def n_diff(name: str, text_id: str) -> int:
        d = different.get(name)
        return 0 if d is None else d.filter(pl.col("text_id") == text_id).height

    own = found.filter(~pl.col("reported"))
    rows = []
    for t in corpus.texts_in(found, order=()):
        n_gold = 0 if g_dem is None else g_dem.filter(pl.col("text_id") == t).height
        n = own.filter(pl.col("text_id") == t).height
        rows.append(("demands", t, None, n, n_gold, n_diff("demands", t)))
    for t in corpus.texts_in(functions, order=()):
        sids = functions.filter(pl.col("text_id") == t)["sentence_id"].to_list()
        n_gold = 0 if g_fun is None else g_fun.filter(pl.col("sentence_id").is_in(sids)).height
        rows.append(
            ("response-functions", t, None, len(sids), n_gold, n_diff("response-functions", t))
        )
    for p in pairs.iter_rows(named=True):
        n_gold = 0
        if g_res is not None:
            mine = g_res.filter(pl.col("demand_id").str.starts_with(p["advocacy"] + ":"))
            n_gold = sum(_scale(lab) == SCALES[p["relation"]] for lab in mine["label"])
        n = own.filter(pl.col("text_id") == p["advocacy"]).height
        rows.append(
            (
                "responsiveness",
                p["advocacy"],
                p["response"],
                n,
                n_gold,
                n_diff("responsiveness", p["advocacy"]),
            )
        )
    frame = pl.DataFrame(
        rows,
        schema={
            "gold": pl.String,
            "text_id": pl.String,
            "response_id": pl.String,
            "n_items": pl.Int64,
            "n_gold": pl.Int64,
            "n_different": pl.Int64,
        },
        orient="row",
    )
    return frame.select(
        "gold",
        "text_id",
        "response_id",
        "n_items",
        "n_gold",
        (pl.col("n_gold") > 0).alias("covered"),
        "n_different",
        pl.when(pl.col("n_gold") > 0)
        .then(None)
        .when(pl.col("n_different") > 0)
        .then(pl.lit(DIFFERENT_TEXT))
        .otherwise(pl.lit("no gold"))
        .alias("note"),
    )


def gold_spans(gold: pl.DataFrame, sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """Gold demands with the quote's character span (``start``/``end``) in the raw source.

    The offset is found with Python's ``str.find`` on the sentence text, so it counts characters
    (polars' ``str.find`` counts bytes, which shifts spans after a curly apostrophe or dash).
    """
    sents = units(sentences).rows
    starts, sources = [], []
    for r in gold.iter_rows(named=True):
        s = sents[r["sentence_id"]]
        starts.append(s["start"] + s["text"].find(r["quote"]))
        sources.append(s["source_id"])
    return gold.with_columns(
        pl.Series("source_id", sources, dtype=pl.String),
        pl.Series("start", starts, dtype=pl.Int64),
    ).with_columns((pl.col("start") + pl.col("quote").str.len_chars()).alias("end"))


def demands_matching(
    gold: pl.DataFrame | None = None,
    found: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Pair gold demands with extracted ones.

    Match rule (*choice*): a gold demand and an extracted demand
    match when they are in the same sentence, have the same ``reported`` status, and the gold
    quote's character span overlaps the extracted action's span; pairs are made one-to-one,
    largest overlap first. Returns one row per gold or extracted demand with ``gold_id`` and/or
    ``found_id`` (null where unmatched) and ``overlap`` in characters.
    """
    gold = gold if gold is not None else gold_or_none("demands")
    found = found if found is not None else demands_extract()
    schema = {"gold_id": pl.String, "found_id": pl.String, "overlap": pl.Int64}
    if gold is None:
        return pl.DataFrame({"found_id": found["demand_id"]}).select(
            pl.lit(None, pl.String).alias("gold_id"),
            "found_id",
            pl.lit(0, pl.Int64).alias("overlap"),
        )
    gold = gold_spans(gold, sentences)
    cands = []
    for g in gold.iter_rows(named=True):
        for f in found.iter_rows(named=True):
            if f["sentence_id"] != g["sentence_id"] or f["reported"] != (g["reported"] == "yes"):
                continue
            ov = min(g["end"], f["end"]) - max(g["start"], f["start"])
            if ov > 0:
                cands.append((ov, g["demand_id"], f["demand_id"]))
    pairs, used_g, used_f = [], set(), set()
    order = list(dict.fromkeys([*gold["text_id"].to_list(), *found["text_id"].to_list()]))
    cands.sort(key=lambda c: (-c[0], demand_key(c[1], order), demand_key(c[2], order)))
    for ov, gid, fid in cands:
        if gid not in used_g and fid not in used_f:
            pairs.append({"gold_id": gid, "found_id": fid, "overlap": ov})
            used_g.add(gid)
            used_f.add(fid)
    for gid in gold["demand_id"].to_list():
        if gid not in used_g:
            pairs.append({"gold_id": gid, "found_id": None, "overlap": 0})
    for fid in found["demand_id"].to_list():
        if fid not in used_f:
            pairs.append({"gold_id": None, "found_id": fid, "overlap": 0})
    return pl.DataFrame(pairs, schema=schema)


def demands_precision_recall(
    gold: pl.DataFrame | None = None,
    found: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Precision, recall and F1 of the extractor per text and reported status, and overall.

    Only the texts the gold covers are measured (``all`` = those texts together); a text
    without gold is listed by :func:`gold_coverage`, not counted as false positives.

    Returns:
        One row per text (then ``all``) and reported status: ``n_gold``, ``n_found``, ``tp``,
        ``fp``, ``fn``, ``precision``, ``recall``, ``f1`` and the 95% Wilson intervals of
        precision (``precision_low``/``precision_high``, tp out of tp + fp) and recall
        (``recall_low``/``recall_high``, tp out of tp + fn); null where the count is 0.
    """
    gold = gold if gold is not None else gold_or_none("demands")
    found = found if found is not None else demands_extract()
    schema = {
        "text_id": pl.String,
        "reported": pl.Boolean,
        "n_gold": pl.Int64,
        "n_found": pl.Int64,
    }
    if gold is None or gold.is_empty():
        return pl.DataFrame(schema=schema)
    # the texts the gold covers, in the extractor's text order
    in_gold = corpus.texts_in(gold, order=())
    covered = [t for t in corpus.texts_in(found, order=()) if t in in_gold]
    covered += [t for t in in_gold if t not in covered]
    found = found.filter(pl.col("text_id").is_in(covered))
    pairs = demands_matching(gold, found, sentences)
    matched = {
        (r["gold_id"], r["found_id"])
        for r in pairs.iter_rows(named=True)
        if r["gold_id"] and r["found_id"]
    }
    rows = []
    for text_id in (*covered, "all"):
        for reported in (False, True):
            g = gold.filter(pl.col("reported") == ("yes" if reported else "no"))
            f = found.filter(pl.col("reported") == reported)
            if text_id != "all":
                g, f = (
                    g.filter(pl.col("text_id") == text_id),
                    f.filter(pl.col("text_id") == text_id),
                )
            gset = set(g["demand_id"].to_list())
            fset = set(f["demand_id"].to_list())
            # express matches in gold ids, so the shared agreement.precision_recall applies
            fmapped = {gid for gid, fid in matched if fid in fset and gid in gset}
            fmapped |= {f"unmatched:{fid}" for fid in fset if fid not in {m[1] for m in matched}}
            fmapped |= {f"other:{fid}" for gid, fid in matched if fid in fset and gid not in gset}
            pr = agreement.precision_recall(gset, fmapped)
            p_lo, p_hi = _wilson(pr["tp"], pr["tp"] + pr["fp"])
            r_lo, r_hi = _wilson(pr["tp"], pr["tp"] + pr["fn"])
            rows.append(
                {
                    "text_id": text_id,
                    "reported": reported,
                    "n_gold": len(gset),
                    "n_found": len(fset),
                    **pr,
                    "precision_low": p_lo,
                    "precision_high": p_hi,
                    "recall_low": r_lo,
                    "recall_high": r_hi,
                }
            )
    return pl.DataFrame(rows, schema_overrides=dict.fromkeys(_PR_FLOATS, pl.Float64))


_PR_FLOATS = (
    "precision",
    "recall",
    "f1",
    "precision_low",
    "precision_high",
    "recall_low",
    "recall_high",
)


def _wilson(k: int, n: int) -> tuple[float | None, float | None]:
    """95% Wilson interval of k out of n (:func:`analysis.stats.proportion_interval`); None if n = 0."""
    return (None, None) if n == 0 else stats.proportion_interval(k, n)


def functions_agreement(
    gold: pl.DataFrame | None = None, functions: pl.DataFrame | None = None
) -> dict:
    """Agreement of the rule-based response functions and strengths with the gold coding.

    Runs on the sentences the gold covers; ``n`` says how many. With no gold: ``{"n": 0}``.
    """
    gold = gold if gold is not None else gold_or_none("response-functions")
    functions = response_functions() if functions is None else functions
    if gold is None:
        return {"n": 0}
    auto = functions.join(gold, on="sentence_id", suffix="_gold", maintain_order="left").sort(
        "sentence_id"  # zero-padded ids: string order is text order
    )
    out: dict = {"n": auto.height}
    if not auto.height:
        return out
    for col in ("function", "commitment_strength"):
        a, g = auto[col].to_list(), auto[f"{col}_gold"].to_list()
        out[col] = {
            **agreement.agreement_summary(g, a),
            "confusion": agreement.confusion_table(g, a),
        }
    return out


def _gold_table(gold, auto, matching) -> pl.DataFrame:
    """Gold labels with the extractor's demand id and the automatic label of the same scale."""
    to_found = {
        r["gold_id"]: r["found_id"]
        for r in matching.iter_rows(named=True)
        if r["gold_id"] and r["found_id"]
    }
    labels: dict[tuple[str, str], str] = {}
    for r in auto.iter_rows(named=True):  # the first pair of the scale, if several
        labels.setdefault((r["demand_id"], r["scale"]), r["label"])
    table = gold.with_columns(
        pl.col("demand_id")
        .replace_strict(to_found, default=None, return_dtype=pl.String)
        .alias("found_id"),
        pl.col("label").map_elements(_scale, return_dtype=pl.String).alias("scale"),
    )
    auto_label = [
        labels.get((f, s)) if f else None
        for f, s in zip(table["found_id"], table["scale"], strict=True)
    ]
    return table.with_columns(pl.Series("auto_label", auto_label, dtype=pl.String))


def responsiveness_agreement(
    gold: pl.DataFrame | None = None,
    auto: pl.DataFrame | None = None,
    matching: pl.DataFrame | None = None,
) -> dict:
    """Agreement of the automatic labels with the gold, per scale (responsiveness, policy overlap).

    Gold demands are paired with extracted ones through :func:`demands_matching` (gold ids
    differ from the extractor's); only gold demands with an automatic label of the same scale
    are compared.
    """
    gold = gold if gold is not None else gold_or_none("responsiveness")
    auto = demands_responsiveness() if auto is None else auto
    if gold is None or gold.is_empty():
        return {"table": pl.DataFrame()}
    matching = demands_matching() if matching is None else matching
    table = _gold_table(gold, auto, matching)
    out: dict = {
        "table": table.select("demand_id", "found_id", "scale", "label", "auto_label", "evidence")
    }
    for scale in ("responsiveness", "policy_overlap"):
        t = table.filter((pl.col("scale") == scale) & pl.col("auto_label").is_not_null())
        if t.height:
            g, a = t["label"].to_list(), t["auto_label"].to_list()
            out[scale] = {
                **agreement.agreement_summary(g, a),
                "confusion": agreement.confusion_table(g, a),
            }
    return out


def textstat_responsiveness(
    auto: pl.DataFrame | None = None,
    gold: pl.DataFrame | None = None,
    matching: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Automatic and gold labels side by side, one row per own demand and pair.

    Columns: ``demand_id`` (the extractor's), ``gold_id``, ``text_id``, ``response_id``,
    ``scale`` (responsiveness for a response pair, policy_overlap for an overlap pair),
    ``auto_label``, ``gold_label`` (null where the demand has no gold counterpart),
    ``evidence``, ``gold_evidence``, ``evidence_score`` (the alignment score of the evidence
    sentence itself), ``best_sentence`` / ``best_score`` (the top-ranked sentence and its score;
    a *reframed* demand's evidence can be a lower-ranked sentence) and ``demand_text``.
    """
    auto = demands_responsiveness() if auto is None else auto
    gold = gold if gold is not None else gold_or_none("responsiveness")
    g = pl.DataFrame(
        schema={
            "demand_id": pl.String,
            "scale": pl.String,
            "gold_id": pl.String,
            "gold_label": pl.String,
            "gold_evidence": pl.String,
        }
    )
    if gold is not None and not gold.is_empty():
        matching = demands_matching() if matching is None else matching
        g = (
            _gold_table(gold, auto, matching)
            .filter(pl.col("found_id").is_not_null())
            .select(
                pl.col("found_id").alias("demand_id"),
                "scale",
                pl.col("demand_id").alias("gold_id"),
                pl.col("label").alias("gold_label"),
                pl.col("evidence").alias("gold_evidence"),
            )
        )
    table = auto.join(g, on=["demand_id", "scale"], how="left", maintain_order="left").select(
        "demand_id",
        "gold_id",
        "text_id",
        "response_id",
        "scale",
        pl.col("label").alias("auto_label"),
        "gold_label",
        "evidence",
        "gold_evidence",
        "evidence_score",
        "best_sentence",
        "best_score",
        "demand_text",
    )
    return order_demands(table, order=corpus.texts_in(auto, order=()))
