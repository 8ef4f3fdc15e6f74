"""The framing dictionary's versions compared: agreement with the gold coding before and after.

Version 1.1 of ``data/lexicons/framing-cues.csv`` (whose figures equal those of version 1) is
kept as ``data/lexicons/framing-v1/framing-cues.csv``, byte for byte the file of commit
``443d343``, so the figures of the earlier version are recomputed here rather than copied.
Both versions code the same tokens and are compared with the same gold coding, per category
(:func:`textstat_version_change`) and per text (:func:`textstat_agreement_before_after`).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import corpus, lexicons, paths, prose
from analysis.evaluation.framing_agreement import (
    textstat_agreement_by_text,
    textstat_framing_agreement,
)
from analysis.evaluation.framing_gold import gold_load
from analysis.measures import framing

#: Folder of the kept earlier dictionary (version 1.1, same figures as version 1).
V1_DIRECTORY = paths.LEXICONS / "framing-v1"


def framing_cues_v1() -> pl.DataFrame:
    """The earlier dictionary (version 1.1), validated like the current one."""
    return framing.framing_cues(V1_DIRECTORY)


def cue_version(directory: Path | None = None) -> str:
    """The dictionary's version number, the first word of its ``# version:`` header line."""
    lex = lexicons.lexicon_load("framing-cues", required=("cue",), directory=directory)
    return lex.header["version"].split()[0]


def _coded(cues: pl.DataFrame, toks, sentences) -> pl.DataFrame:
    matches = framing.framing_matches(toks, cues=cues)
    return framing.framing_sentences(framing.textstat_frame_coding(matches), sentences)


def textstat_version_change(
    cues: pl.DataFrame | None = None,
    gold: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
    before: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Agreement with the gold coding of the dictionary ``before`` and of ``cues``, per layer
    and category, on the covered sentences.

    Args:
        cues: the dictionary now (default: :func:`framing.framing_cues`).
        before: the earlier dictionary (default: :func:`framing_cues_v1`).

    Returns:
        layer, category, label, then for each version (suffix ``_v1`` for ``before``)
        auto_yes, both_yes, precision, recall and kappa; gold_yes; and ``changed`` (True
        where the dictionary's counts differ).
    """
    cues = framing.framing_cues() if cues is None else cues
    before = framing_cues_v1() if before is None else before
    gold = gold_load() if gold is None else gold
    keys = ["layer", "category"]
    values = ["auto_yes", "both_yes", "precision", "recall", "kappa"]
    new = textstat_framing_agreement(gold, _coded(cues, toks, sentences))
    old = textstat_framing_agreement(gold, _coded(before, toks, sentences)).select(*keys, *values)
    out = new.join(old, on=keys, how="left", suffix="_v1", maintain_order="left")
    changed = pl.any_horizontal(
        *(pl.col(c).ne_missing(pl.col(f"{c}_v1")) for c in ("auto_yes", "both_yes"))
    )
    return out.select(
        *keys,
        "label",
        "gold_yes",
        *(f"{c}_v1" for c in values),
        *values,
        changed.alias("changed"),
    )


def textstat_agreement_before_after(
    cues: pl.DataFrame | None = None,
    gold: pl.DataFrame | None = None,
    toks: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
    before: pl.DataFrame | None = None,
    *,
    changed_only: bool = False,
) -> pl.DataFrame:
    """The per-text agreement table (:func:`textstat_agreement_by_text`, without intervals)
    for the earlier dictionary and the current one, shown together.

    Args:
        cues, before: as for :func:`textstat_version_change`.
        changed_only: keep only the rows where the dictionary's counts differ.

    Returns:
        text_id, layer, category, label, n, gold_yes, then auto_yes, both_yes, precision,
        recall and kappa with suffix ``_v1`` (before) and without (now), and ``changed``.
    """
    cues = framing.framing_cues() if cues is None else cues
    before = framing_cues_v1() if before is None else before
    gold = gold_load() if gold is None else gold
    keys = ["text_id", "layer", "category"]
    values = ["auto_yes", "both_yes", "precision", "recall", "kappa"]
    new = textstat_agreement_by_text(gold, _coded(cues, toks, sentences), n_resamples=0)
    old = textstat_agreement_by_text(gold, _coded(before, toks, sentences), n_resamples=0)
    out = new.join(
        old.select(*keys, *values), on=keys, how="left", suffix="_v1", maintain_order="left"
    )
    changed = pl.any_horizontal(
        *(pl.col(c).ne_missing(pl.col(f"{c}_v1")) for c in ("auto_yes", "both_yes"))
    )
    out = out.select(
        *keys,
        "label",
        "n",
        "gold_yes",
        *(f"{c}_v1" for c in values),
        *values,
        changed.alias("changed"),
    )
    return out.filter(pl.col("changed")) if changed_only else out


def describe_version_change(
    change: pl.DataFrame, version: str | None = None, earlier: str | None = None
) -> str:
    """What the current dictionary changed against the earlier one, from
    :func:`textstat_version_change`: the categories whose coding moved, with precision and
    recall against the gold coding before and after.

    Args:
        version: the current dictionary's version (default: :func:`cue_version`).
        earlier: the kept earlier version (default: the version in :data:`V1_DIRECTORY`).
    """
    version = cue_version() if version is None else version
    earlier = cue_version(V1_DIRECTORY) if earlier is None else earlier
    moved = change.filter(pl.col("changed"))
    if moved.height == 0:
        return (
            f"Dictionary version {version} codes every sentence the gold coding covers as "
            f"version {earlier} did, in all {change.height} categories."
        )
    parts = [
        f"{r['label']} (dictionary {r['auto_yes_v1']} to {r['auto_yes']} sentences; precision "
        f"{_share(r['precision_v1'])} to {_share(r['precision'])}, recall "
        f"{_share(r['recall_v1'])} to {_share(r['recall'])}, kappa {_kappa(r['kappa_v1'])} "
        f"to {_kappa(r['kappa'])})"
        for r in moved.iter_rows(named=True)
    ]
    n = prose.number_word(moved.height, most=10, zero=None)
    return (
        f"Against version {earlier}, dictionary version {version} codes the covered sentences "
        f"differently in {n} of {change.height} categories: {'; '.join(parts)}."
    )


def describe_before_after(table: pl.DataFrame, names: dict[str, str] | None = None) -> str:
    """Which texts the version change moved, from :func:`textstat_agreement_before_after`:
    per text, the categories whose dictionary count changed (every text alike)."""
    moved = table.filter(pl.col("changed"))
    if moved.height == 0:
        return "No text's per-category counts changed between the two versions."
    parts = []
    for text_id in corpus.texts_in(table):
        sub = moved.filter(pl.col("text_id") == text_id)
        if sub.height == 0:
            parts.append(f"in {prose.md_name(text_id, names)} no category changed")
            continue
        items = ", ".join(
            f"{r['label']} (dictionary {r['auto_yes_v1']} to {r['auto_yes']} sentences, of "
            f"which {r['both_yes_v1']} to {r['both_yes']} of the gold coding's {r['gold_yes']})"
            for r in sub.iter_rows(named=True)
        )
        parts.append(f"in {prose.md_name(text_id, names)}: {items}")
    return "Per text, " + "; ".join(parts) + "."


def _share(v: float | None) -> str:
    return "undefined" if v is None else f"{v:.2f}"


def _kappa(k: float | None) -> str:
    return "undefined" if k is None else f"{k:.2f}"
