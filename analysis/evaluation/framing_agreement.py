"""Agreement of the framing dictionary with the gold coding, in total and per text.

Per layer and category: N, raw agreement, Cohen's (1960) kappa with a percentile-bootstrap 95%
interval over sentences, precision and recall (from
:func:`analysis.evaluation.agreement.textstat_agreement`), the same per text, precision with its
Wilson interval, the 2×2 confusion table, the sentences where the two codings differ and every
cue match the gold coding does not confirm. All of it runs on the sentences the gold coding
covers (:func:`framing_gold.covered_units`); texts without gold labels are left out, and
:func:`framing_gold.describe_gold_coverage` says so. Dictionary versions are compared in
:mod:`analysis.evaluation.framing_versions`.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from analysis import corpus, prose, stats
from analysis.evaluation import agreement
from analysis.evaluation.framing_gold import covered_units, gold_load, labels_long
from analysis.io import DiscourseError
from analysis.measures import framing
from analysis.measures.framing import GOLD_COLUMNS, LABELS, LAYERS, _check_layer

# --- agreement --------------------------------------------------------------------------------


def textstat_framing_agreement(
    gold: pl.DataFrame | None = None, auto: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Agreement of the dictionary coding with the gold labels, per layer and category, on the
    sentences both cover (:func:`covered_units`).

    Args:
        gold: from :func:`gold_load` (default: the committed gold file).
        auto: from :func:`framing.framing_sentences` (default: the coding of the corpus).

    Returns:
        layer, category, label, n (covered sentences), gold_yes, auto_yes, both_yes,
        agreement, kappa (Cohen 1960; null where undefined or n is 0), precision and recall
        of the dictionary against the gold.
    """
    gold = gold_load() if gold is None else gold
    auto = framing.framing_sentences() if auto is None else auto
    gold, auto = covered_units(gold, auto)
    parts = []
    for layer, cats in LAYERS.items():
        t = agreement.textstat_agreement(
            labels_long(gold, layer),
            labels_long(auto, layer),
            item="sentence_id",
            category="category",
            categories=cats,
        )
        parts.append(
            t.with_columns(
                pl.lit(layer).alias("layer"),
                pl.col("category").replace_strict(LABELS, return_dtype=pl.String).alias("label"),
            )
        )
    cols = [
        "layer",
        "category",
        "label",
        "n",
        "gold_yes",
        "auto_yes",
        "both_yes",
        "agreement",
        "kappa",
        "precision",
        "recall",
    ]
    return pl.concat(parts).select(cols)


def textstat_agreement_by_layer(table: pl.DataFrame | None = None) -> pl.DataFrame:
    """Summary per layer: categories, mean raw agreement, mean kappa over the categories where
    it is defined (macro average), and how many categories have kappa undefined, < 0.2 and
    >= 0.6."""
    table = textstat_framing_agreement() if table is None else table
    out = table.group_by("layer", maintain_order=True).agg(
        pl.len().alias("n_categories"),
        pl.col("n").first().alias("n_sentences"),
        pl.col("agreement").mean().alias("mean_agreement"),
        pl.col("kappa").mean().alias("mean_kappa"),
        pl.col("kappa").is_null().sum().alias("kappa_undefined"),
        (pl.col("kappa") < 0.2).sum().alias("kappa_below_0_2"),
        (pl.col("kappa") >= 0.6).sum().alias("kappa_0_6_or_more"),
    )
    return out.with_columns(
        pl.col(c).cast(pl.Int64)
        for c in ("n_categories", "kappa_undefined", "kappa_below_0_2", "kappa_0_6_or_more")
    )


def framing_confusion(
    layer: str, category: str, gold: pl.DataFrame | None = None, auto: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The 2×2 confusion table (gold yes/no × dictionary yes/no) for one category, on the
    covered sentences.

    Raises:
        DiscourseError: for an unknown layer or a category not in that layer.
    """
    _check_layer(layer, "framing_confusion")
    if category not in LAYERS[layer]:
        raise DiscourseError(
            f"analysis/evaluation/framing_agreement.py, framing_confusion(): unknown {layer} category "
            f"{category!r}; pass one of {list(LAYERS[layer])} (framing.LAYERS[{layer!r}])."
        )
    g, a = _yes_no(layer, category, gold, auto)
    return agreement.confusion_table(g, a, names=("gold", "dictionary"))


def framing_disagreements(
    layer: str, gold: pl.DataFrame | None = None, auto: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Covered sentences and categories where the dictionary and the gold differ, with the
    evidence.

    Returns:
        sentence_id, text_id, category, gold (bool), dictionary (bool), evidence (the
        dictionary's cue matches for that sentence).
    """
    _check_layer(layer, "framing_disagreements")
    gold = gold_load() if gold is None else gold
    auto = framing.framing_sentences() if auto is None else auto
    gold, auto = covered_units(gold, auto)
    column = GOLD_COLUMNS[layer]
    g = dict(gold.select("sentence_id", column).iter_rows())
    rows = []
    for sid, text_id, cell, evidence in auto.select(
        "sentence_id", "text_id", column, "evidence"
    ).iter_rows():
        gs, as_ = set((g[sid] or "").split(";")), set((cell or "").split(";"))
        for cat in LAYERS[layer]:
            if (cat in gs) != (cat in as_):
                mine = [e for e in (evidence or "").split("; ") if e.startswith(f"{cat}: ")]
                rows.append(
                    {
                        "sentence_id": sid,
                        "text_id": text_id,
                        "category": cat,
                        "gold": cat in gs,
                        "dictionary": cat in as_,
                        "evidence": mine[0].split(": ", 1)[1] if mine else "",
                    }
                )
    return pl.DataFrame(
        rows,
        schema={
            "sentence_id": pl.String,
            "text_id": pl.String,
            "category": pl.String,
            "gold": pl.Boolean,
            "dictionary": pl.Boolean,
            "evidence": pl.String,
        },
    )


def _yes_no(layer, category, gold, auto) -> tuple[list[str], list[str]]:
    gold = gold_load() if gold is None else gold
    auto = framing.framing_sentences() if auto is None else auto
    gold, auto = covered_units(gold, auto)
    column = GOLD_COLUMNS[layer]

    def yes(cell):
        return "yes" if category in (cell or "").split(";") else "no"

    return [yes(c) for c in gold[column]], [yes(c) for c in auto[column]]


def kappa_binary(gold: np.ndarray, auto: np.ndarray) -> float | None:
    """Cohen's (1960) kappa for two yes/no codings as boolean arrays (the 2×2 case of
    :func:`analysis.evaluation.agreement.cohen_kappa`, vectorised for the bootstrap); None
    where both codings are constant and equal (p_e = 1) or there is no item."""
    if len(gold) == 0:
        return None
    g, a = gold.mean(), auto.mean()
    p_o = (gold == auto).mean()
    p_e = g * a + (1 - g) * (1 - a)
    return None if p_e >= 1 else float((p_o - p_e) / (1 - p_e))


def kappa_binary_resamples(gold: np.ndarray, auto: np.ndarray, idx: np.ndarray) -> np.ndarray:
    """:func:`kappa_binary` on every row of resampled indices at once (NaN where undefined)."""
    g, a = gold[idx], auto[idx]
    gm, am = g.mean(axis=1), a.mean(axis=1)
    p_o = (g == a).mean(axis=1)
    p_e = gm * am + (1 - gm) * (1 - am)
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(p_e >= 1, np.nan, (p_o - p_e) / (1 - p_e))


def _yes_arrays(gold: pl.DataFrame, auto: pl.DataFrame) -> dict[tuple[str, str], tuple]:
    """Per (layer, category): gold and dictionary yes/no as boolean arrays, in row order."""
    out = {}
    for layer, cats in LAYERS.items():
        column = GOLD_COLUMNS[layer]
        gsets = [set((c or "").split(";")) for c in gold[column]]
        asets = [set((c or "").split(";")) for c in auto[column]]
        for cat in cats:
            out[(layer, cat)] = (
                np.array([cat in s for s in gsets], dtype=bool),
                np.array([cat in s for s in asets], dtype=bool),
            )
    return out


def _counts(g: np.ndarray, a: np.ndarray) -> dict:
    both, gy, ay = int((g & a).sum()), int(g.sum()), int(a.sum())
    return {
        "n": len(g),
        "gold_yes": gy,
        "auto_yes": ay,
        "both_yes": both,
        "precision": both / ay if ay else None,
        "recall": both / gy if gy else None,
        "kappa": kappa_binary(g, a),
    }


def _interval(ci: dict) -> dict:
    return {
        k: None if np.isnan(ci[src]) else ci[src]
        for k, src in (("ci_low", "low"), ("ci_high", "high"))
    }


_TABLE_SCHEMA = {
    "text_id": pl.String,
    "layer": pl.String,
    "category": pl.String,
    "label": pl.String,
    "n": pl.Int64,
    "gold_yes": pl.Int64,
    "auto_yes": pl.Int64,
    "both_yes": pl.Int64,
    "precision": pl.Float64,
    "recall": pl.Float64,
    "kappa": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
}


def textstat_agreement_by_text(
    gold: pl.DataFrame | None = None,
    auto: pl.DataFrame | None = None,
    *,
    n_resamples: int = stats.N_RESAMPLES,
    seed: int | None = None,
) -> pl.DataFrame:
    """Agreement of the dictionary with the gold coding per text, layer and category, on the
    sentences both cover: where the dictionary under- or over-counts each text.

    Args:
        gold: from :func:`gold_load` (default: the committed gold file).
        auto: from :func:`framing.framing_sentences` (default: the coding of the corpus).
        n_resamples: bootstrap resamples for the kappa interval (0: no interval).
        seed: bootstrap seed (default :data:`analysis.stats.SEED`).

    Returns:
        One row per text the gold covers (display order) × category (codebook order):
        text_id, layer, category, label, n (covered sentences of the text), gold_yes,
        auto_yes, both_yes, precision (both / auto; null when the dictionary codes none),
        recall (both / gold; null when the gold codes none), kappa (null where undefined)
        and ci_low/ci_high, its percentile-bootstrap 95% interval over the text's sentences
        (:func:`analysis.stats.bootstrap_units`; null where kappa is undefined on half the
        resamples or more). Texts without gold labels have no rows
        (:func:`framing_gold.describe_gold_coverage` names them).
    """
    gold = gold_load() if gold is None else gold
    auto = framing.framing_sentences() if auto is None else auto
    gold, auto = covered_units(gold, auto)
    rows = []
    for text_id in corpus.texts_in(gold):
        keep = gold["text_id"] == text_id
        rows += _category_rows(
            gold.filter(keep), auto.filter(keep), n_resamples, seed, text_id=text_id
        )
    return pl.DataFrame(rows, schema=_TABLE_SCHEMA)


def _category_rows(
    gold: pl.DataFrame, auto: pl.DataFrame, n_resamples: int, seed: int | None, **key
) -> list[dict]:
    """One row per layer and category: ``key`` columns, counts, kappa and its bootstrap
    interval over the rows' sentences (none when ``n_resamples`` is 0)."""
    rows = []
    for (layer, cat), (g, a) in _yes_arrays(gold, auto).items():
        row = key | {"layer": layer, "category": cat, "label": LABELS[cat]}
        row |= _counts(g, a) | {"ci_low": None, "ci_high": None}
        if n_resamples:
            ci = stats.bootstrap_units(
                len(g),
                lambda idx, g=g, a=a: kappa_binary_resamples(g, a, idx),
                n_resamples=n_resamples,
                seed=seed,
                vectorized=True,
            )
            row |= _interval(ci)
        rows.append(row)
    return rows


def textstat_kappa_intervals(
    gold: pl.DataFrame | None = None,
    auto: pl.DataFrame | None = None,
    *,
    n_resamples: int = stats.N_RESAMPLES,
    seed: int | None = None,
) -> pl.DataFrame:
    """Kappa per layer and category over every covered sentence, with its percentile-bootstrap
    95% interval over those sentences (:func:`analysis.stats.bootstrap_units`, fixed seed).

    Returns:
        layer, category, label, n, gold_yes, auto_yes, both_yes, precision, recall, kappa,
        ci_low, ci_high (null where kappa is undefined on half the resamples or more).
    """
    gold = gold_load() if gold is None else gold
    auto = framing.framing_sentences() if auto is None else auto
    gold, auto = covered_units(gold, auto)
    rows = _category_rows(gold, auto, n_resamples, seed)
    return pl.DataFrame(rows, schema={k: v for k, v in _TABLE_SCHEMA.items() if k != "text_id"})


def textstat_category_precision(table: pl.DataFrame | None = None) -> pl.DataFrame:
    """Precision of every category against the gold coding, with its Wilson 95% interval
    (:func:`analysis.stats.proportion_interval`): of the covered sentences the dictionary
    codes with a category, the share the gold coding also codes with it.

    Args:
        table: :func:`textstat_framing_agreement` or :func:`textstat_kappa_intervals`
            (default: the former on the corpus).

    Returns:
        layer, category, label, auto_yes, both_yes, false_positives, precision, ci_low,
        ci_high (null where the dictionary codes no sentence with the category).
    """
    table = textstat_framing_agreement() if table is None else table
    rows = []
    for r in table.iter_rows(named=True):
        lo, hi = stats.proportion_interval(r["both_yes"], r["auto_yes"])
        rows.append(
            {
                "layer": r["layer"],
                "category": r["category"],
                "label": r["label"],
                "auto_yes": r["auto_yes"],
                "both_yes": r["both_yes"],
                "false_positives": r["auto_yes"] - r["both_yes"],
                "precision": r["both_yes"] / r["auto_yes"] if r["auto_yes"] else None,
                "ci_low": None if np.isnan(lo) else lo,
                "ci_high": None if np.isnan(hi) else hi,
            }
        )
    schema = {
        "layer": pl.String,
        "category": pl.String,
        "label": pl.String,
        "auto_yes": pl.Int64,
        "both_yes": pl.Int64,
        "false_positives": pl.Int64,
        "precision": pl.Float64,
        "ci_low": pl.Float64,
        "ci_high": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema)


def framing_false_positives(
    gold: pl.DataFrame | None = None,
    matches: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every cue match in a covered sentence that the gold coding does not code with the
    match's category: the dictionary's false positives, cue by cue.

    Args:
        gold: from :func:`gold_load` (default: the committed gold file).
        matches: from :func:`framing.framing_matches` (default: the corpus's).
        sentences: the sentences matched (default: the corpus's).

    Returns:
        text_id, sentence_id, layer, category, cue and matched (the words in the text), in
        text order; sentences the gold coding does not cover are left out.
    """
    gold = gold_load() if gold is None else gold
    matches = framing.framing_matches() if matches is None else matches
    coded = framing.framing_sentences(framing.textstat_frame_coding(matches), sentences)
    gold, _ = covered_units(gold, coded)
    codes = {
        (sid, layer): set((cell or "").split(";"))
        for layer, column in GOLD_COLUMNS.items()
        for sid, cell in gold.select("sentence_id", column).iter_rows()
    }
    keep = [
        (sid, layer) in codes and cat not in codes[(sid, layer)]
        for sid, layer, cat in matches.select("sentence_id", "layer", "category").iter_rows()
    ]
    cols = ["text_id", "sentence_id", "layer", "category", "cue", "matched"]
    return matches.filter(pl.Series(keep, dtype=pl.Boolean)).select(cols)


# --- prose for the report ---------------------------------------------------------------------


def lowest_kappa(table: pl.DataFrame) -> dict | None:
    """The row of :func:`textstat_framing_agreement` with the lowest defined kappa (first in
    table order on a tie); None when no kappa is defined."""
    defined = table.filter(pl.col("kappa").is_not_null())
    return defined.sort("kappa", maintain_order=True).row(0, named=True) if defined.height else None


def describe_agreement(table: pl.DataFrame, by_layer: pl.DataFrame | None = None) -> str:
    """Agreement with the gold coding in one paragraph: mean kappa per layer (with how many
    categories reach 0.6) and the category with the lowest kappa, with its counts.

    Args:
        table: :func:`textstat_framing_agreement`.
        by_layer: :func:`textstat_agreement_by_layer` of ``table`` (computed when omitted).
    """
    low = lowest_kappa(table)
    if low is None:
        return "No kappa is defined: the gold coding covers no sentence compared here."
    by_layer = textstat_agreement_by_layer(table) if by_layer is None else by_layer
    layers = "; ".join(
        f"{framing.LAYER_LABELS[r['layer']]}: mean kappa {r['mean_kappa']:.2f} "
        f"({r['kappa_0_6_or_more']} of {r['n_categories']} categories at 0.6 or above)"
        for r in by_layer.iter_rows(named=True)
        if r["mean_kappa"] is not None
    )
    return (
        f"Against the gold coding: {layers}. The lowest agreement is for {low['label']} "
        f"(kappa {low['kappa']:.2f}; gold coding {low['gold_yes']} sentences, dictionary "
        f"{low['auto_yes']}, both {low['both_yes']})."
    )


def describe_framing_caveats(
    texts: pl.DataFrame,
    coverage: pl.DataFrame,
    toks: pl.DataFrame | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """The first two caveats of the framing report as Markdown bullets: the texts and their
    sizes, and that agreement is in-sample for the texts the gold coding covers (naming those
    it does not cover).

    Args:
        texts: :func:`analysis.corpus.corpus_texts` (text_id, name, genre, date).
        coverage: :func:`analysis.evaluation.framing_gold.textstat_gold_coverage`.
        toks: tokens for the size range (default: the corpus's).
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    esc = prose.escape_markdown
    inside = coverage.filter(pl.col("in_corpus"))
    gold_coded = inside.filter(pl.col("gold_sentences") > 0)["text_id"]
    uncovered = inside.filter(pl.col("gold_sentences") == 0)["text_id"]
    n = texts.height
    listed = "; ".join(
        f"{esc(r['name'])}: {esc(r['genre'])}, {esc(r['date'])}"
        for r in texts.iter_rows(named=True)
    )
    covered = framing.join_words(prose.md_name(t, names) for t in gold_coded) or "none"
    not_covered = (
        " No agreement is measured for "
        + framing.join_words(prose.md_name(t, names) for t in uncovered)
        + ", which the gold coding does not cover: "
        + ("its profile rests" if len(uncovered) == 1 else "their profiles rest")
        + " on the dictionary alone."
        if len(uncovered)
        else ""
    )
    return (
        f"- **{framing.number_word(n).capitalize()} text{'s' if n != 1 else ''}** ({listed}), "
        f"{framing.describe_word_token_range(toks, names)}. Shares rest on few sentences per "
        "text (the `n_sentences` column), so a single sentence moves a share visibly, most of "
        "all in the shortest text. The profiles describe these texts, not the communities or "
        "governments behind them.\n"
        f"- **The agreement is in-sample** for the texts the gold coding covers ({covered}): "
        "the cues were written with those texts in view, and the codebook's definitions share "
        "vocabulary with the cue lists. The kappas are therefore an upper bound for this "
        "dictionary on new texts, not an out-of-sample validation. The gold coder is an "
        "automated coder (a language model given only the codebook): agreement with it is "
        "agreement between the dictionary and an automated reading of the same codebook, not "
        f"validation by people.{not_covered}"
    )
