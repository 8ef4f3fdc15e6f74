"""Agreement of the framing dictionary with the gold coding, and what dictionary v1.1 changed.

Per layer and category: N, raw agreement, Cohen's (1960) kappa, precision and recall (from
:func:`analysis.evaluation.agreement.textstat_agreement`), the 2×2 confusion table, the
sentences where the two codings differ, and how far a single sentence moves each kappa. All of
it runs on the sentences the gold coding covers (:func:`framing_gold.covered_units`); texts
without gold labels are left out, and :func:`framing_gold.describe_gold_coverage` says so.
"""

from __future__ import annotations

import polars as pl

from analysis import corpus, prose
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


def textstat_kappa_fragility(
    gold: pl.DataFrame | None = None, auto: pl.DataFrame | None = None
) -> pl.DataFrame:
    """How far one sentence moves each kappa: the range over every single-sentence flip.

    For each category, the dictionary's yes/no for one covered sentence is flipped, kappa
    recomputed, and the lowest and highest values over all sentences are kept. With N this
    small, a wide range says the kappa rests on a handful of sentences (METHODS.md: kappa is
    fragile).

    Returns:
        layer, category, label, kappa, kappa_min and kappa_max (one flip), and ``positives``
        (the smaller of gold_yes and dictionary_yes); kappas are null with no covered sentence.
    """
    gold = gold_load() if gold is None else gold
    auto = framing.framing_sentences() if auto is None else auto
    gold, auto = covered_units(gold, auto)
    rows = []
    for layer, cats in LAYERS.items():
        for cat in cats:
            g, a = _yes_no(layer, cat, gold, auto)
            flipped = []
            for i in range(len(a)):
                b = list(a)
                b[i] = "no" if b[i] == "yes" else "yes"
                k = agreement.cohen_kappa(g, b)
                if k is not None:
                    flipped.append(k)
            rows.append(
                {
                    "layer": layer,
                    "category": cat,
                    "label": LABELS[cat],
                    "kappa": agreement.cohen_kappa(g, a) if g else None,
                    "kappa_min": min(flipped) if flipped else None,
                    "kappa_max": max(flipped) if flipped else None,
                    "positives": min(g.count("yes"), a.count("yes")),
                }
            )
    return pl.DataFrame(
        rows,
        schema_overrides={"kappa": pl.Float64, "kappa_min": pl.Float64, "kappa_max": pl.Float64},
    )


# --- dictionary v1.1 against v1 ---------------------------------------------------------------

#: Marker at the start of the rationale note of cues added in version 1.1 (the symmetric
#: completion of one-sided actor cues, data/lexicons/README-framing.md).
ADDED_IN_V1_1 = "(v1.1"


def textstat_version_change(
    cues: pl.DataFrame | None = None,
    gold: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Agreement with the gold coding for dictionary v1.1 and for v1 (v1.1 without the rows
    whose rationale is marked ``(v1.1``), per layer and category, on the covered sentences.

    Returns:
        layer, category, label, agreement_v1, kappa_v1, agreement, kappa (v1.1) and
        ``changed`` (True where N, gold/dictionary/both counts or kappa differ).
    """
    cues = framing.framing_cues() if cues is None else cues
    gold = gold_load() if gold is None else gold
    v1 = cues.filter(~pl.col("rationale").str.contains(ADDED_IN_V1_1, literal=True))
    keys = ["layer", "category"]
    counts = ["n", "gold_yes", "auto_yes", "both_yes", "agreement", "kappa"]

    def table(c: pl.DataFrame) -> pl.DataFrame:
        coding = framing.textstat_frame_coding(framing.framing_matches(toks, cues=c))
        return textstat_framing_agreement(gold, framing.framing_sentences(coding, sentences))

    new, old = table(cues), table(v1).select(*keys, *counts)
    out = new.join(old, on=keys, how="left", suffix="_v1", maintain_order="left")
    changed = pl.any_horizontal(*(pl.col(c).ne_missing(pl.col(f"{c}_v1")) for c in counts))
    return out.select(
        *keys,
        "label",
        "agreement_v1",
        "kappa_v1",
        "agreement",
        "kappa",
        changed.alias("changed"),
    )


def describe_version_change(
    change: pl.DataFrame,
    cues: pl.DataFrame | None = None,
    matches: pl.DataFrame | None = None,
    n_texts: int | None = None,
) -> str:
    """One sentence on what version 1.1 changed: cues added, their matches in the texts, and
    the categories whose agreement figures changed (from :func:`textstat_version_change`).

    Args:
        n_texts: how many texts the matches were searched in (default: the corpus's texts).
    """
    cues = framing.framing_cues() if cues is None else cues
    matches = framing.framing_matches(cues=cues) if matches is None else matches
    n_texts = len(corpus.text_ids()) if n_texts is None else n_texts
    added = cues.filter(pl.col("rationale").str.contains(ADDED_IN_V1_1, literal=True))
    hits = matches.join(added.select("layer", "category", "cue"), on=["layer", "category", "cue"])
    moved = change.filter(pl.col("changed"))
    verdict = (
        f"the agreement figures are the same as for version 1 in all {change.height} categories"
        if moved.height == 0
        else f"the agreement figures changed in {moved.height} of {change.height} categories: "
        + ", ".join(
            f"{r['label']} (kappa {_kappa(r['kappa_v1'])} to {_kappa(r['kappa'])})"
            for r in moved.iter_rows(named=True)
        )
    )
    listed = ", ".join(f"{c} ({LABELS[k]})" for c, k in added.select("cue", "category").rows())
    where = (
        "the text"
        if n_texts == 1
        else f"the {prose.number_word(n_texts, most=10, zero=None)} texts"
    )
    return (
        f"Version 1.1 of the dictionary added {added.height} cues so that every actor cue "
        f"naming one side has its counterpart naming the other: {listed}. They match "
        f"{hits.height} time{'s' if hits.height != 1 else ''} in {where}, and {verdict}."
    )


def _kappa(k: float | None) -> str:
    return "undefined" if k is None else f"{k:.2f}"


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
