"""Notebook 05's sentences and tables about collocation nodes and clusters, from the measures.

Texts are named with :func:`analysis.measures.naming.prose_name` (Markdown-quoted manifest names);
every text is treated alike: each is named with its node count, or as not using the node, and
with its count of repeated clusters.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from analysis import corpus, tokens
from analysis.measures import collocations as co
from analysis.measures.naming import capitalise, prose_name
from analysis.prose import escape_markdown, join_words
from analysis.report.table_words import quoted_terms

#: The association measures the node tables show (``freq`` first, then logDice, the ranking).
NODE_MEASURES = ("freq", "log_dice", "mi", "mi3", "t", "ll")
#: The columns of a node table, in order.
NODE_COLUMNS = ("text", "collocate", "freq", "f_node", "f_collocate", *NODE_MEASURES[1:])
#: The columns of the clusters table, in order.
CLUSTER_COLUMNS = ("text", "n", "cluster", "freq", "rate", "n_groups")


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


@dataclass(frozen=True)
class NodeSection:
    """One node's section of notebook 05: its heading and note, and its table of collocates.

    Attributes:
        found: every collocate reaching the threshold, per text
            (:func:`analysis.measures.collocations.textstat_collocations`).
        markdown: the section heading and the note on each text's use of the node.
        table: the strongest collocates shown per text, with the text's label
            (:data:`NODE_COLUMNS`); empty when no text has one.
        caption: the table's caption.
    """

    found: pl.DataFrame
    markdown: str
    table: pl.DataFrame
    caption: str


def _with_labels(frame: pl.DataFrame, labels: Mapping[str, str]) -> pl.DataFrame:
    """``frame`` with a ``text`` column: each text's label (an unknown id labels itself)."""
    return frame.with_columns(
        pl.col("text_id").replace_strict(dict(labels), default=pl.col("text_id")).alias("text")
    )


def node_section(
    patterns: Sequence[str],
    label: str,
    texts: Sequence[str] | None = None,
    *,
    toks: pl.DataFrame | None = None,
    span: tuple[int, int] = (5, 5),
    min_freq: int = 2,
    top: int = 5,
    others: Sequence[str] = (),
    quote: bool = False,
    labels: Mapping[str, str] | None = None,
    names: dict[str, str] | None = None,
) -> NodeSection:
    """A node's collocates in every text, the note on its use and the table of the strongest.

    Args:
        patterns: the node's word patterns (a referent's variants, or one word pattern).
        label: the node's name, the section heading (shown literally).
        texts: the texts compared, in display order (default: the corpus's).
        toks: a token frame (default: the corpus tokens).
        span: words (left, right) of the window.
        min_freq: the least co-occurrence frequency a collocate needs.
        top: collocates shown per text, strongest first.
        others: the other patterns of the lexicon (see
            :func:`analysis.measures.collocations.node_occurrences`).
        quote: the label is a search pattern, quoted in the caption.
        labels: text id -> table label (default: the corpus's).
        names: text id -> prose name (default: the corpus's).
    """
    toks = tokens.corpus_tokens() if toks is None else toks
    texts = corpus.text_ids() if texts is None else texts
    labels = corpus.text_labels() if labels is None else labels
    found = co.textstat_collocations(
        toks,
        node=patterns,
        label=label,
        span=span,
        min_freq=min_freq,
        measures=NODE_MEASURES,
        others=others,
    )
    occurrences = co.node_occurrences(toks, node=patterns, others=others)
    shown = found.group_by("text_id", maintain_order=True).head(top)
    note = describe_node_use(occurrences, shown, texts, min_freq, names)
    return NodeSection(
        found=found,
        markdown=f"### {escape_markdown(label)}\n\n{note}",
        table=_with_labels(shown, labels).select(NODE_COLUMNS),
        caption=f"Collocates of {quoted_terms(label) if quote else label}, by text",
    )


def clusters_shown(
    clusters: pl.DataFrame, top: int, labels: Mapping[str, str] | None = None
) -> pl.DataFrame:
    """The ``top`` most frequent clusters of each text and length, with the text's label.

    Args:
        clusters: :func:`analysis.measures.collocations.textstat_clusters` (its order: text,
            length, count descending).
        top: clusters kept per text and length.
        labels: text id -> table label (default: the corpus's).

    Returns:
        :data:`CLUSTER_COLUMNS`.
    """
    labels = corpus.text_labels() if labels is None else labels
    shown = clusters.group_by("text_id", "n", maintain_order=True).head(top)
    return _with_labels(shown, labels).select(CLUSTER_COLUMNS)


def describe_clusters(
    clusters: pl.DataFrame,
    texts: Sequence[str] | None = None,
    names: dict[str, str] | None = None,
) -> str:
    """Each text's count of repeated clusters, and the clusters of three or more words that
    two or more texts use.

    Args:
        clusters: :func:`analysis.measures.collocations.textstat_clusters` (``text_id, n,
            cluster, n_groups``), 2–4 words seen at least twice.
        texts: the texts compared, in display order (default: the corpus's); a text with no
            cluster is named with 0.
        names: text id -> prose name (default: the corpus's).
    """
    texts = corpus.text_ids() if texts is None else texts
    counts = dict(clusters.group_by("text_id").len().iter_rows())
    shared = (
        clusters.filter(pl.col("n") >= 3, pl.col("n_groups") >= 2)["cluster"]
        .unique()
        .sort()
        .to_list()
    )
    head = "Repeated clusters (2–4 words, at least twice): " + join_words(
        f"{prose_name(t, names=names)} {counts.get(t, 0):,}" for t in texts
    )
    if not shared:
        return head + ". No cluster of three or more words occurs in two texts."
    quoted = join_words(f"\u201c{escape_markdown(c)}\u201d" for c in shared)
    return head + f". Clusters of three or more words that two or more texts use: {quoted}."
