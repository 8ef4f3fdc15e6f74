"""Framing profiles by the gold coding, beside the dictionary's: shares, differences, prose.

:func:`textstat_gold_profile` is the gold coding's profile of the texts (share of each text's
covered sentences per category); :func:`textstat_profile_comparison` sets it beside the
dictionary's profile on the same covered units, with a 95% interval for each difference
(:func:`difference_interval`); the ``describe_*`` functions say in words where the two
codings differ. The gold labels and what they cover are in
:mod:`analysis.evaluation.framing_gold`; a text without gold labels is left out of every
comparison, and the prose says so.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import polars as pl

from analysis import corpus, stats
from analysis.evaluation.framing_gold import (
    _applies,
    covered_units,
    describe_gold_coverage,
    gold_load,
)
from analysis.io import DiscourseError
from analysis.measures import framing
from analysis.measures.framing import (
    GOLD_COLUMNS,
    LABELS,
    LAYERS,
    _check_layer,
)
from analysis.prose import join_words, md_name


def textstat_gold_profile(
    layer: str = "frame",
    gold: pl.DataFrame | None = None,
    *,
    sentences: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The gold coding's profile for one layer: per text the gold covers (display order) and
    category, n_sentences (gold-coded), gold_sentences, gold_share (of those) and
    gold_ci_low, gold_ci_high (its 95% interval, a bootstrap over the text's gold-coded
    sentences: :func:`analysis.measures.framing.share_interval`).

    Args:
        layer: ``frame``, ``entman`` or ``domain``.
        gold: gold labels (default :func:`gold_load`), or any frame in the gold's shape.
        sentences: when given, only gold rows that apply to these sentences count (same id
            and, where both record it, the same text: :func:`covered_units`); texts the gold
            does not cover are then absent, as are gold rows of texts not in ``sentences``.
    """
    _check_layer(layer, "textstat_gold_profile")
    gold = gold_load() if gold is None else gold
    if sentences is not None:
        gold = gold.filter(_applies(gold, sentences)[0])
    column = GOLD_COLUMNS[layer]
    rows = []
    for text_id in corpus.texts_in(gold):
        cells = gold.filter(pl.col("text_id") == text_id)[column].to_list()
        for cat in LAYERS[layer]:
            k = sum(cat in (c or "").split(";") for c in cells)
            low, high = framing.share_interval(k, len(cells))
            rows.append(
                {
                    "text_id": text_id,
                    "layer": layer,
                    "category": cat,
                    "label": LABELS[cat],
                    "n_sentences": len(cells),
                    "gold_sentences": k,
                    "gold_share": k / len(cells),
                    "gold_ci_low": low,
                    "gold_ci_high": high,
                }
            )
    schema = {
        "text_id": pl.String,
        "layer": pl.String,
        "category": pl.String,
        "label": pl.String,
        "n_sentences": pl.Int64,
        "gold_sentences": pl.Int64,
        "gold_share": pl.Float64,
        "gold_ci_low": pl.Float64,
        "gold_ci_high": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema)


def textstat_profile_comparison(
    layer: str = "frame", *, gold: pl.DataFrame | None = None, auto: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Dictionary and gold-coded shares side by side, per text and category, on the covered
    sentences (texts without gold labels are not in it; see :func:`textstat_gold_coverage`).

    Returns:
        text_id, category, label, n_sentences (covered), sentences_coded, share, ci_low and
        ci_high (the dictionary, with the share's 95% interval), gold_sentences, gold_share,
        gold_ci_low and gold_ci_high (the gold coding), the difference (dictionary share
        minus gold share) and difference_ci_low, difference_ci_high. Intervals: a bootstrap
        over each text's covered sentences (:func:`analysis.measures.framing.share_interval`);
        for the difference the two codings of a sentence are resampled together
        (:func:`difference_interval`), since both code the same sentences.
    """
    _check_layer(layer, "textstat_profile_comparison")
    gold = gold_load() if gold is None else gold
    auto = framing.framing_sentences() if auto is None else auto
    gold, auto = covered_units(gold, auto)
    dictionary = textstat_gold_profile(layer, auto).select(
        "text_id",
        "category",
        "label",
        "n_sentences",
        pl.col("gold_sentences").alias("sentences_coded"),
        pl.col("gold_share").alias("share"),
        pl.col("gold_ci_low").alias("ci_low"),
        pl.col("gold_ci_high").alias("ci_high"),
    )
    hand = textstat_gold_profile(layer, gold).select(
        "text_id", "category", "gold_sentences", "gold_share", "gold_ci_low", "gold_ci_high"
    )
    out = dictionary.join(hand, on=["text_id", "category"], how="left", maintain_order="left")
    out = out.with_columns((pl.col("share") - pl.col("gold_share")).alias("difference"))
    return out.join(
        _difference_intervals(layer, gold, auto),
        on=["text_id", "category"],
        how="left",
        maintain_order="left",
    )


def _difference_intervals(layer: str, gold: pl.DataFrame, auto: pl.DataFrame) -> pl.DataFrame:
    """Per text and category, the interval of dictionary share minus gold share; ``gold`` and
    ``auto`` are the covered units, row for row the same sentences (:func:`covered_units`)."""
    column = GOLD_COLUMNS[layer]
    texts = gold["text_id"].to_list()
    g_cells = [set((c or "").split(";")) for c in gold[column].to_list()]
    a_cells = [set((c or "").split(";")) for c in auto[column].to_list()]
    rows = []
    for text_id in corpus.texts_in(gold):
        idx = [i for i, t in enumerate(texts) if t == text_id]
        for cat in LAYERS[layer]:
            d = [(cat in a_cells[i]) - (cat in g_cells[i]) for i in idx]
            low, high = difference_interval(d.count(-1), d.count(0), d.count(1))
            rows.append(
                {
                    "text_id": text_id,
                    "category": cat,
                    "difference_ci_low": low,
                    "difference_ci_high": high,
                }
            )
    schema = {
        "text_id": pl.String,
        "category": pl.String,
        "difference_ci_low": pl.Float64,
        "difference_ci_high": pl.Float64,
    }
    return pl.DataFrame(rows, schema=schema)


@lru_cache(maxsize=4096)
def difference_interval(n_less: int, n_same: int, n_more: int) -> tuple[float, float]:
    """95% interval of dictionary share minus gold share on the same sentences: the percentile
    bootstrap (:func:`analysis.stats.bootstrap_ci`) of the per-sentence difference, -1 (gold
    codes the category, the dictionary does not), 0 (they agree) or 1 (the reverse).

    Both codings of a sentence are resampled together, so the interval reflects that they
    code the same sentences. The mean depends only on how many of each value a resample
    draws, so the column is built in sorted order and the interval is a function of the three
    counts alone.
    """
    values = np.repeat([-1.0, 0.0, 1.0], [n_less, n_same, n_more])
    return stats.bootstrap_ci(values)


def describe_gold_gap(
    comparison: pl.DataFrame,
    category: str,
    text_ids: tuple[str, ...] | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """Dictionary against gold coding for one category, from
    :func:`textstat_profile_comparison`, e.g. ``in the petition the dictionary codes 3
    sentences (27% [0%, 55%]), fewer than the gold coding (7; 64% [36%, 91%]; difference -36
    points [-64, -9]); in the letter …``: shares with their 95% intervals, and the difference
    in percentage points with its interval (paired by sentence, :func:`difference_interval`).
    Where the comparison has no intervals, only the counts.

    Args:
        comparison: from :func:`textstat_profile_comparison`.
        category: a category of the comparison's layer.
        text_ids: the texts to describe (default: every text in the comparison, that is every
            text the gold covers, in display order).
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    sub = comparison.filter(pl.col("category") == category)
    rows = {r["text_id"]: r for r in sub.iter_rows(named=True)}
    text_ids = corpus.texts_in(sub) if text_ids is None else text_ids
    unknown = [t for t in text_ids if t not in rows]
    if unknown or not rows:
        raise DiscourseError(
            f"analysis/evaluation/framing_gold.py, describe_gold_gap(): no comparison rows for category "
            f"{category!r} in text(s) {unknown or list(text_ids)}; the comparison covers "
            f"{corpus.texts_in(comparison)} (texts the gold coding covers)."
        )
    parts = []
    for text_id in text_ids:
        r = rows[text_id]
        d, g = r["sentences_coded"], r["gold_sentences"]
        how = "fewer than" if d < g else "more than" if d > g else "as many as"
        if "gold_ci_low" not in r:
            parts.append(
                f"in {md_name(text_id, names)} the dictionary codes {d} "
                f"sentence{'s' if d != 1 else ''}, {how} the gold coding ({g})"
            )
            continue
        parts.append(
            f"in {md_name(text_id, names)} the dictionary codes {d} "
            f"sentence{'s' if d != 1 else ''} "
            f"({framing.format_share(r['share'], r['ci_low'], r['ci_high'])}), {how} the gold "
            f"coding ({g}; {framing.format_share(r['gold_share'], r['gold_ci_low'], r['gold_ci_high'])}"
            + (
                ""
                if d == g or "difference_ci_low" not in r
                else f"; difference {_points(r['difference'])} points "
                f"[{_points(r['difference_ci_low'])}, {_points(r['difference_ci_high'])}]"
            )
            + ")"
        )
    return "; ".join(parts)


def describe_interval_differences(
    comparison: pl.DataFrame, names: dict[str, str] | None = None
) -> str:
    """Where the dictionary's share of a category differs from the gold coder's beyond the
    95% interval of the difference (paired by sentence: :func:`difference_interval`), per text
    the comparison holds, from :func:`textstat_profile_comparison`. The cases are split by
    the sign of the difference: those where the dictionary codes the category in fewer
    sentences than the gold coder (negative) and those where it codes it in more (positive).

    Args:
        comparison: from :func:`textstat_profile_comparison` (one layer or several).
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    if comparison.is_empty():
        return (
            "No text compared has gold coding, so no dictionary share can be set beside a "
            "gold share."
        )
    texts = corpus.texts_in(comparison)
    apart = [
        r
        for r in comparison.iter_rows(named=True)
        if r["difference_ci_low"] > 0 or r["difference_ci_high"] < 0
    ]
    if not apart:
        return (
            "For every category and every text the gold coding covers "
            f"({join_words(md_name(t, names) for t in texts)}), the 95% interval of the "
            "difference between the dictionary's share and the gold coder's (sentence by "
            "sentence) includes zero."
        )
    n = len(apart)
    lead = (
        "The 95% interval of the difference between the dictionary's share and the gold "
        "coder's (resampling sentences with both codings) excludes zero in "
        f"{n} {'case' if n == 1 else 'cases'}"
    )
    # the sign is read per case: a list of one direction never carries the other's cases
    groups = [
        (sign, [r for r in apart if (r["difference_ci_high"] < 0) == (sign == "negative")])
        for sign in ("negative", "positive")
    ]
    sentences = []
    for sign, rows in groups:
        if not rows:
            continue
        k = len(rows)
        how = f"in {'fewer' if sign == 'negative' else 'more'} sentences than the gold coder"
        where = (
            f"the dictionary codes the category {how} (a {sign} difference): "
            f"{_cases_by_text(rows, texts, names)}"
        )
        if n == 1:
            sentences.append(f"{lead}, where {where}.")
        else:
            count = (
                ("both" if n == 2 else f"all {n}")
                if k == n
                else f"{k} {'case' if k == 1 else 'cases'}"
            )
            sentences.append(f"In {count}, {where}.")
    if n > 1:
        sentences.insert(0, f"{lead}.")
    return (
        " ".join(sentences)
        + " Elsewhere the interval includes zero (which does not show the two shares are equal)."
    )


def _cases_by_text(rows: list[dict], texts: list[str], names: dict[str, str] | None) -> str:
    """The cases of one direction, text by text in display order, with shares and intervals."""
    parts = []
    for text_id in texts:
        items = [
            f"{r['label']} (dictionary {framing.format_share(r['share'], r['ci_low'], r['ci_high'])}"
            f", gold coder {framing.format_share(r['gold_share'], r['gold_ci_low'], r['gold_ci_high'])}"
            f"; difference {_points(r['difference'])} points "
            f"[{_points(r['difference_ci_low'])}, {_points(r['difference_ci_high'])}])"
            for r in rows
            if r["text_id"] == text_id
        ]
        if items:
            parts.append(f"in {md_name(text_id, names)}, " + ", ".join(items))
    return "; ".join(parts)


def _points(x: float) -> str:
    """A difference of shares in percentage points, signed: ``-36``, ``+9``, ``0``."""
    v = round(100 * x)
    return f"{v:+d}" if v else "0"


def describe_victimhood_gap(
    comparison: pl.DataFrame, coverage: pl.DataFrame, names: dict[str, str] | None = None
) -> str:
    """The dictionary's count of victimhood and commemoration beside the gold coding, on the
    sentences the gold coding covers; when it covers none, what it covers instead.

    Args:
        comparison: :func:`textstat_profile_comparison` for the ``domain`` layer.
        coverage: :func:`textstat_gold_coverage`, described when ``comparison`` has no
            victimhood rows (no text compared is gold-coded).
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    if not comparison.filter(pl.col("category") == "victimhood").height:
        return describe_gold_coverage(coverage, names)
    return (
        "Beside the gold coding, on the sentences it covers, the dictionary's count of "
        f"victimhood and commemoration: {describe_gold_gap(comparison, 'victimhood', names=names)}. "
        'The cues find victimhood only where words such as "victims", "remembrance" or '
        '"innocent" occur; the agreement section below compares the two codings sentence by '
        "sentence."
    )
