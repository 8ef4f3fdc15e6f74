"""Notebook 05's sentences about collocation nodes, generated from the tables.

Texts are named with :func:`analysis.measures.naming.prose_name` (Markdown-quoted manifest names);
every text is treated alike: each is named with its node count, or as not using the node.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from analysis.measures.naming import capitalise, prose_name
from analysis.prose import escape_markdown, join_words


def describe_node_use(
    occurrences: pl.DataFrame,
    shown: pl.DataFrame,
    texts: Sequence[str],
    min_freq: int,
    names: dict[str, str] | None = None,
) -> str:
    """How often each text uses a node, and which texts list no collocate or lack the node.

    Args:
        occurrences: one row per node occurrence with ``text_id``
            (:func:`analysis.measures.collocations.node_occurrences`).
        shown: the collocates listed (``text_id`` column).
        texts: the texts compared, in display order.
        min_freq: the co-occurrence threshold the table used.
    """
    counts = dict(occurrences.group_by("text_id").len().iter_rows())
    listed = set(shown["text_id"])
    name = lambda t: prose_name(t, names=names)  # noqa: E731 - one short alias
    used = [t for t in texts if t in counts]
    notes = ["occurrences: " + (join_words(f"{name(t)} {counts[t]}" for t in used) or "none")]
    quiet = [t for t in used if t not in listed]
    if quiet:
        notes.append(
            f"no collocate reaches {min_freq} co-occurrences in " + join_words(map(name, quiet))
        )
    absent = [t for t in texts if t not in counts]
    if absent:
        notes.append("not used by " + join_words(map(name, absent)))
    return capitalise("; ".join(notes)) + "."


def describe_shared_collocates(focus: dict, frame: pl.DataFrame) -> str:
    """The chart's referent and the collocates two or more texts share with it.

    Args:
        focus: :func:`analysis.charts.collocations.default_node` (``concept``, ``n``,
            ``n_texts``).
        frame: the referent's collocates (``collocate``, ``text_id``).
    """
    shared = (
        frame.group_by("collocate")
        .agg(pl.col("text_id").n_unique().alias("n_texts"))
        .filter(pl.col("n_texts") >= 2)
        .sort("collocate")["collocate"]
        .to_list()
    )
    head = (
        f"The referent: {escape_markdown(focus['concept'])} ({focus['n']} occurrences in "
        f"{focus['n_texts']} texts). "
    )
    if not shared:
        return head + "No collocate is shared by two texts at this window and threshold."
    quoted = join_words(f"\u201c{escape_markdown(w)}\u201d" for w in shared)
    return head + f"Collocates that two or more texts share with it: {quoted}."
