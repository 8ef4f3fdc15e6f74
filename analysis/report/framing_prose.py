"""Notebook 02's sentences about the cue dictionary, its profiles and its agreement with the
gold coding.

Each ``describe_*`` function takes a table the evaluation layer computes, or the dictionary
versions read by :func:`cue_version_info`, and returns Markdown; texts are named with
:func:`analysis.prose.md_name` (their manifest names, shown as text). Which dictionary version
the results use, and whether it was revised with the gold labels seen, is read from the cue
files' ``# version:`` headers, so the prose follows the files.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis import lexicons, paths, stats
from analysis.prose import join_words, md_name

#: How a cue file's ``# version:`` line says the version was written with the gold labels
#: open (``data/lexicons/README-framing.md``, "Version 2").
_REVISED_WITH_GOLD = re.compile(r"\bwritten with the gold labels\b", re.IGNORECASE)


@dataclass(frozen=True)
class CueVersion:
    """One version of the framing cue dictionary, as its file's header states it.

    Attributes:
        version: the version number, the first word of the ``# version:`` line (``"2"``).
        date: the ``# date:`` line.
        revised_with_gold: whether the ``# version:`` line says the version was written with
            the gold labels seen (its agreement with them is then tuned on them).
        path: the file, relative to the project root where it lies inside it.
    """

    version: str
    date: str
    revised_with_gold: bool
    path: str


def cue_version_info(directory: Path | None = None) -> CueVersion:
    """The version of ``framing-cues.csv`` in ``directory`` (default ``data/lexicons/``).

    The earlier version is kept in
    :data:`analysis.evaluation.framing_versions.V1_DIRECTORY`; pass that to describe it.
    """
    lex = lexicons.lexicon_load("framing-cues", required=("cue",), directory=directory)
    try:
        shown = lex.path.resolve().relative_to(paths.ROOT.resolve()).as_posix()
    except ValueError:  # a file outside the project (tests): its name is enough
        shown = lex.path.name
    return CueVersion(
        version=lex.header["version"].split()[0],
        date=lex.header["date"],
        revised_with_gold=bool(_REVISED_WITH_GOLD.search(lex.header["version"])),
        path=shown,
    )


def describe_dictionary_version(current: CueVersion, earlier: CueVersion | None = None) -> str:
    """Which dictionary version the results use and how far its agreement is in-sample.

    Args:
        current: :func:`cue_version_info` of the dictionary in use.
        earlier: the kept earlier version, recomputed beside the current one (None: none kept).
    """
    out = (
        f"**Dictionary version.** Every profile, figure and table of this report uses version "
        f"{current.version} of the cue dictionary (`{current.path}`, {current.date})"
    )
    if earlier is None:
        out += "."
    else:
        out += (
            f", except where version {earlier.version} is named: version {earlier.version} "
            f"({earlier.date}) is kept as `{earlier.path}`, and its agreement with the gold "
            f"coding is recomputed beside version {current.version}'s in the agreement section."
        )
    return f"{out} {_in_sample(current, earlier)}"


def _in_sample(current: CueVersion, earlier: CueVersion | None) -> str:
    """Whether the current version's agreement was tuned on the gold labels, and the earlier's."""
    if not current.revised_with_gold:
        return (
            f"Version {current.version} was not revised with the gold labels open; its "
            "agreement with the gold coding is still in-sample, since the cues were written "
            "with the texts in view."
        )
    seen = f"version {earlier.version}'s agreement figures" if earlier else "agreement figures"
    out = (
        f"Version {current.version} was revised with the gold labels and {seen} open (the "
        "file's header; `data/lexicons/README-framing.md`): its agreement with the gold coding "
        "is in-sample, tuned on the labels it is scored against."
    )
    if earlier is not None and not earlier.revised_with_gold:
        out += (
            f" Version {earlier.version}'s agreement is the figure not tuned on them; it too is "
            "in-sample, since its cues were written with the texts in view."
        )
    return out


def describe_agreement_in_sample(current: CueVersion, earlier: CueVersion | None = None) -> str:
    """The caveat beside the kappas: whose kappas they are, whether they were tuned on the
    gold labels they are scored on, and where the earlier version's stand.

    Args:
        current: :func:`cue_version_info` of the dictionary in use.
        earlier: the kept earlier version (None: none kept).
    """
    tuned = (
        "revised with the gold labels open: they are tuned on the labels they are scored "
        "against, in-sample"
        if current.revised_with_gold
        else "not revised with the gold labels open, but in-sample still (the cues were "
        "written with the texts in view)"
    )
    out = (
        f"These kappas are those of dictionary version {current.version}, {tuned}, and an "
        "upper bound for new texts."
    )
    if earlier is not None and current.revised_with_gold and not earlier.revised_with_gold:
        out += (
            f" The kappas of version {earlier.version}, not tuned on the gold labels, differ "
            "only where the next paragraph says, and are set beside them per text "
            f'under "Before and after dictionary version {current.version}" below.'
        )
    return out


def describe_agreement_figure(current: CueVersion) -> str:
    """The note under the agreement figure: whose kappas it shows, and whether in-sample."""
    if current.revised_with_gold:
        return (
            f"The figure shows the kappas of dictionary version {current.version}, which was "
            "revised with the gold labels open: in-sample agreement, tuned on the labels it is "
            "scored against."
        )
    return (
        f"The figure shows the kappas of dictionary version {current.version}: in-sample "
        "agreement, since the cues were written with the texts in view."
    )


def describe_version_caveat(current: CueVersion, earlier: CueVersion | None = None) -> str:
    """A caveat bullet: the dictionary version in use, and whether its kappas are tuned."""
    head = (
        f"- **Version {current.version}'s agreement is tuned on the gold labels.**"
        if current.revised_with_gold
        else f"- **Dictionary version {current.version}.**"
    )
    return f"{head} {_in_sample(current, earlier)}"


def describe_before_after_intro(current: CueVersion, earlier: CueVersion) -> str:
    """The heading paragraph of the before-and-after comparison of the two versions."""
    return (
        f"**Before and after dictionary version {current.version}.** The per-text counts of "
        f"the kept version {earlier.version} (`{earlier.path}`) beside those of version "
        f"{current.version}, the version the report uses, for the rows that changed "
        "(`data/lexicons/README-framing.md` says why each cue changed)."
    )


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


def describe_version_finding(current: CueVersion) -> str:
    """One sentence for the index's framing finding: which dictionary version its figures
    come from, and whether that version's agreement is tuned on the gold labels."""
    if current.revised_with_gold:
        return (
            f"These figures come from dictionary version {current.version}, revised with the "
            "gold labels open: in-sample agreement, tuned on the labels it is scored against."
        )
    return (
        f"These figures come from dictionary version {current.version}: in-sample agreement, "
        "since the cues were written with the texts in view."
    )


def describe_share_intervals(profiles: Iterable[pl.DataFrame]) -> str:
    """The note under the first profile chart: how the share intervals are given, and, where a
    text codes none or all of its sentences with a category, why that interval has no width.

    Args:
        profiles: per-layer profiles with ``n_sentences`` and ``sentences_coded``
            (:func:`analysis.measures.framing.textstat_frame_profile`) or ``gold_sentences``
            (:func:`analysis.evaluation.framing_profiles.textstat_gold_profile`).
    """
    out = f"Shares are given with their 95% intervals in brackets ({stats.INTERVAL_NOTE})."
    degenerate = any(
        not p.filter((pl.col(coded) == 0) | (pl.col(coded) == pl.col("n_sentences"))).is_empty()
        for p in profiles
        for coded in ("sentences_coded", "gold_sentences")
        if coded in p.columns
    )
    if degenerate:
        out += (
            " Where a text has none of its sentences coded with a category, or all of them, "
            "every resample gives the same share and the interval shrinks to that share: with "
            "so few sentences, this says nothing about how certain the share is."
        )
    return out


def describe_profile_gap(comparison: pl.DataFrame, names: Mapping[str, str] | None = None) -> str:
    """The text and category where the dictionary's share differs most from the gold coding's.

    Args:
        comparison: :func:`analysis.evaluation.framing_profiles.textstat_profile_comparison`,
            one layer or several concatenated (text_id, label, n_sentences, sentences_coded,
            gold_sentences, difference).
        names: display names per text id (default: the manifest's).
    """
    if comparison.is_empty():
        return "No text has gold coding, so no profile is compared with it."
    gap = (
        comparison.with_columns(pl.col("difference").abs().alias("gap"))
        .sort("gap", descending=True, maintain_order=True)
        .row(0, named=True)
    )
    return (
        f"The largest gap is {gap['label']} in {md_name(gap['text_id'], names)}: the "
        f"dictionary codes {gap['sentences_coded']} of the {gap['n_sentences']} sentences the "
        f"gold coding covers, the gold coding {gap['gold_sentences']}."
    )
