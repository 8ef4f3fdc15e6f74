"""Notebook prose for text reuse (notebook 06), generated from the tables for any corpus.

Every sentence names texts by their prose names (:func:`analysis.prose.md_name`) and quotes
their words as theirs; nothing here knows which texts the default corpus holds.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import polars as pl

from analysis.corpus import Pair
from analysis.measures.demands.common import ANSWERS
from analysis.measures.naming import capitalise
from analysis.measures.reuse import pair_id
from analysis.prose import count_words, escape_markdown, join_words, md_name, number_word


def share_phrase(row: Mapping) -> str:
    """A text's reused share with its interval, for running prose: ``"5.2%, 95% bootstrap
    interval over its eleven sentences, 1.1% to 10.5%"``.

    Args:
        row: a row of :func:`analysis.measures.reuse.textstat_reuse_share` (``share, ci_low,
            ci_high, n_sentences, n_reused, n_words``).

    Where every sentence has the same share, every resample gives that share: the phrase says
    why there is no interval instead of printing a one-value interval.
    """
    share = f"{row['share']:.1%}"
    low, high, n = row["ci_low"], row["ci_high"], row["n_sentences"]
    if low is None or high is None:
        return share
    if low == high:
        if n == 1:
            why = "it has one sentence"
        elif row["n_reused"] == 0:
            why = f"none of its {count_words(n, 'sentence')} holds a shared span"
        elif row["n_reused"] == row["n_words"]:
            why = f"all of its {count_words(n, 'sentence')} lie inside shared spans"
        else:
            why = f"each of its {count_words(n, 'sentence')} has that share"
        return f"{share}; {why}, so resampling its sentences gives no interval"
    over = count_words(n, "sentence")
    return f"{share}, 95% bootstrap interval over its {over}, {low:.1%} to {high:.1%}"


def _length(span: Mapping) -> str:
    """A span's length as its words are counted: a possessive clitic is a word token of its
    own, so "Azerbaijan's territorial integrity" is 4 word tokens, which the reader is told."""
    n = span["length"]
    clitic = re.search(r"\w['\u2019]s\b", span["a_text"])
    return f"{n} word tokens, \u201c\u2019s\u201d counted" if clitic else f"{n} words"


def describe_pairing(
    pairs: Sequence[Pair], text_ids: Sequence[str], names: Mapping[str, str]
) -> str:
    """Which pairs are aligned (the response answers the text), which are not, and why."""
    answered = [p for p in pairs if p.relation == ANSWERS]
    other = [p for p in pairs if p.relation != ANSWERS]
    in_answered = {t for p in answered for t in (p.advocacy, p.response)}
    lines = []
    if answered:
        lines.append(
            "Aligned: "
            + join_words(
                f"{md_name(p.advocacy, names)} with {md_name(p.response, names)}" for p in answered
            )
            + " (in each, the response answers the text)."
        )
    else:
        lines.append("No response in this corpus answers an advocacy text: nothing is aligned.")
    if other:
        lines.append(
            "Not aligned: "
            + join_words(
                f"{md_name(p.advocacy, names)} with {md_name(p.response, names)}" for p in other
            )
            + ", declared as a comparison only (the response does not answer the text); "
            "`textstat_reuse` aligns such a pair when it is passed explicitly, with its "
            "relation in every row."
        )
    alone = [t for t in text_ids if t not in in_answered]
    if alone:
        lines.append(
            "In no answered pair, so not aligned: "
            + join_words(md_name(t, names) for t in alone)
            + "."
        )
    return "\n\n".join(lines)


def describe_reuse(
    pair: Pair,
    tiles: pl.DataFrame,
    shares: pl.DataFrame,
    names: Mapping[str, str],
    *,
    n: int,
) -> str:
    """One paragraph for a pair: its shared spans, the share of each side, the folded ones."""
    mine = tiles.filter(pl.col("pair_id") == pair_id(pair))
    a, r = md_name(pair.advocacy, names), md_name(pair.response, names)
    if mine.is_empty():
        head = f"{capitalise(a)} and {r} share no word sequence of {n} or more words."
    else:
        longest = mine.sort("length", "tile", descending=[True, False]).row(0, named=True)
        head = (
            f"{capitalise(a)} and {r} share {count_words(mine.height, 'span')} of {n} or more "
            f"words. The longest ({_length(longest)}) is “{escape_markdown(longest['a_text'])}"
            f"” in {a}"
            + (
                ""
                if longest["a_text"].lower() == longest["r_text"].lower()
                else f", “{escape_markdown(longest['r_text'])}” in {r}"
            )
            + "."
        )
    parts = [head]
    for row in shares.filter(pl.col("pair_id") == pair_id(pair)).iter_rows(named=True):
        if not row["n_words"]:
            parts.append(f"{capitalise(md_name(row['text_id'], names))} has no word tokens.")
            continue
        parts.append(
            f"{row['n_reused']} of the {row['n_words']} word tokens of "
            f"{md_name(row['text_id'], names)} ({share_phrase(row)}) lie inside a shared span."
        )
    # spans that match only because the lexicon folds two spellings or names of one referent
    folded = mine.filter(pl.col("a_text").str.to_lowercase() != pl.col("r_text").str.to_lowercase())
    if folded.height:
        example = folded.row(0, named=True)
        parts.append(
            f"{capitalise(count_words(folded.height, 'span'))} of the "
            f"{number_word(mine.height)} {'joins' if folded.height == 1 else 'join'} different "
            f"spellings or names of one referent (the referent-variant lexicon folds them), such as "
            f"“{escape_markdown(example['a_text'])}” in {a} and "
            f"“{escape_markdown(example['r_text'])}” in {r}."
        )
    return " ".join(parts)


def reuse_caveats(tiles: pl.DataFrame, *, n: int) -> str:
    """The caveats section of the reuse report: what verbatim tiling misses, common phrases,
    folding (with how many spans match only through it), intervals and coverage.

    Args:
        tiles: :func:`analysis.measures.reuse.textstat_reuse` over the aligned pairs
            (``a_text``, ``r_text``); with no span the folding caveat gives no count.
        n: the minimum span length in words.
    """
    # spans that match only because the lexicon folds two spellings or names of one referent
    folded = tiles.filter(
        pl.col("a_text").str.to_lowercase() != pl.col("r_text").str.to_lowercase()
    )
    counted = (
        f"{folded.height} of the {tiles.height} spans match only because the lexicon folds two "
        "spellings or names of one referent; both texts' words are shown in the table. "
        if tiles.height
        else ""
    )
    return "\n".join(
        [
            "## Caveats",
            "",
            "- **Verbatim reuse only.** Greedy String Tiling finds word sequences a response "
            "repeats; a paraphrase, a summary or a reordered sentence shares few or no runs of "
            f"{n} words and is not counted. Responsiveness to each demand is measured in "
            "notebook 03, not here.",
            "- **Common phrases.** A run of function words (for instance a fixed phrase shared by "
            "any two English texts) is counted like any other run; read the spans, not only the "
            "share.",
            "- **Folding.** "
            + counted
            + "A name the lexicon folds whole is one unit, so a name inside a longer listed form "
            "(another referent) does not match the name alone.",
            f"- **Intervals.** Shared spans are runs of {n} or more words, so reused words come "
            "in clusters and the words of one text are not independent draws. Each interval "
            "therefore resamples the text's sentences, not its words (a 95% percentile bootstrap "
            "over sentences of reused words / words); it is wide for a text of few sentences. "
            "Where every sentence of a text has the same share, every resample gives it: the "
            "table shows that one value as both ends and the prose gives no interval.",
            "- **Coverage.** Only the pairs in which the response answers the text are aligned; "
            "the texts and pairs left out are listed at the top.",
        ]
    )
