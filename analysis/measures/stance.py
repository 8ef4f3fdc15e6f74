"""Stance: hedges, boosters, attitude markers and directives per 1,000 word tokens, with evidence.

The categories follow Hyland's (2005) model of interactional metadiscourse: *hedges* withhold
full commitment (``may``, ``nearly``), *boosters* close down alternatives (``clearly``,
``never``), *attitude markers* express the writer's affective or evaluative attitude
(``regrettably``, ``crucial``), and *directives* (a kind of engagement marker) instruct an
addressee to act (``must``, ``needs to``, ``it is imperative``). The markers are in
``data/lexicons/stance-markers.csv``; all of them are matched together with
:func:`analysis.lexicons.match_patterns`, so where markers overlap the longest wins and no word
is counted twice (``it is crucial`` is one directive, not also the attitude marker ``crucial``).

Counting is by form, not by function: ``could`` is a hedge whether it is epistemic or not, and
reported speech counts for the text that reports it. The concordance (:func:`kwic_stance`) is
there so every count can be read in context.

Every function takes its frames (tokens, sentences, matches) as arguments, with the default
corpus as the default, and reports every text in them alike, in the manifest's display order.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from analysis import corpus, stats, tokens
from analysis.lexicons import lexicon_load, match_patterns
from analysis.measures.framing import per_thousand, word_token_counts
from analysis.prose import md_name

#: Hyland's (2005) interactional categories used here, in display order.
CATEGORIES: tuple[str, ...] = ("hedge", "booster", "attitude", "directive")
#: Lexicon rows of this category absorb a marker word used in a non-stance sense ("bring
#: about") through the longest-match rule, and are then dropped.
EXCLUDED = "excluded"
LABELS: dict[str, str] = {
    "hedge": "Hedges",
    "booster": "Boosters",
    "attitude": "Attitude markers",
    "directive": "Directives",
}


def stance_markers(directory: Path | None = None) -> pl.DataFrame:
    """Load and validate ``stance-markers.csv``: category, marker, rationale (and ``line``).

    Rows of category ``excluded`` are phrases that keep a marker word from counting where it
    is not used as a marker (``bring about`` is not the hedge ``about``).

    Raises:
        DiscourseError: naming the file and line of an unknown category, an empty cell or a
            marker listed twice (markers are unique across categories).
    """
    return lexicon_load(
        "stance-markers",
        required=("category", "marker", "rationale"),
        key=("marker",),
        categories={"category": {*CATEGORIES, EXCLUDED}},
        directory=directory,
    ).table


def kwic_stance(
    toks: pl.DataFrame | None = None,
    markers: pl.DataFrame | None = None,
    sentences: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Concordance of every stance marker: the evidence behind :func:`textstat_stance`.

    Returns:
        One row per match, in text order: text_id, sentence_id, category, marker (the lexicon
        entry), matched (surface text), start/end (offsets into the raw source), pre and post
        (the rest of the sentence on either side) and the whole sentence.
    """
    toks = tokens.corpus_tokens() if toks is None else toks
    markers = stance_markers() if markers is None else markers
    sentences = tokens.corpus_sentences() if sentences is None else sentences
    found = match_patterns(toks, markers.select("category", "marker"), pattern_column="marker")
    sent = {
        sid: (start, text)
        for sid, start, text in sentences.select("sentence_id", "start", "text").iter_rows()
    }
    rows = []
    for m in found.filter(pl.col("category") != EXCLUDED).iter_rows(named=True):
        s_start, text = sent[m["sentence_id"]]
        a, b = m["start"] - s_start, m["end"] - s_start
        rows.append(
            {
                "text_id": m["text_id"],
                "sentence_id": m["sentence_id"],
                "category": m["category"],
                "marker": m["marker"],
                "matched": m["matched"],
                "start": m["start"],
                "end": m["end"],
                "token_index": m["token_index"],
                "pre": text[:a].rstrip(),
                "post": text[b:].lstrip(),
                "sentence": text,
            }
        )
    schema = {
        "text_id": pl.String,
        "sentence_id": pl.String,
        "category": pl.String,
        "marker": pl.String,
        "matched": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "token_index": pl.Int64,
        "pre": pl.String,
        "post": pl.String,
        "sentence": pl.String,
    }
    return corpus.order_by_text(pl.DataFrame(rows, schema=schema), "token_index")


def textstat_stance(
    matches: pl.DataFrame | None = None, toks: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Stance markers per text and category, as counts and rates per 1,000 word tokens.

    Args:
        matches: from :func:`kwic_stance` (default: the concordance of ``toks``).
        toks: the tokens (default: the corpus in force); one row per text in them and
            category, in display order.

    Returns:
        text_id, category, label, n (matches), n_word_tokens, rate (n per 1,000 word tokens),
        ci_low and ci_high (the rate's 95% interval: :func:`rate_interval`, a bootstrap over the
        text's sentences), and ``markers`` (the distinct matched markers with their counts,
        most frequent first); every text × category, zeros included.
    """
    toks = tokens.corpus_tokens() if toks is None else toks
    matches = kwic_stance(toks) if matches is None else matches
    n_words = word_token_counts(toks)
    # the resampled units: every sentence of the tokens, with its word tokens and its markers
    units = toks.group_by("text_id", "sentence_id", maintain_order=True).agg(
        pl.col("is_word").cast(pl.Int64).sum().alias("words")
    )
    per_sentence = matches.group_by("sentence_id", "category").agg(pl.len().alias("k"))
    rows = []
    for text_id in corpus.texts_in(toks):
        words = n_words.get(text_id, 0)
        sent = units.filter(pl.col("text_id") == text_id)
        for cat in CATEGORIES:
            sub = matches.filter((pl.col("text_id") == text_id) & (pl.col("category") == cat))
            counts = (
                sub.group_by("marker")
                .agg(pl.len().alias("k"))
                .sort(["k", "marker"], descending=[True, False])
            )
            k = sent.join(
                per_sentence.filter(pl.col("category") == cat),
                on="sentence_id",
                how="left",
                maintain_order="left",
            )["k"].fill_null(0)
            low, high = rate_interval(k.to_numpy(), sent["words"].to_numpy())
            rows.append(
                {
                    "text_id": text_id,
                    "category": cat,
                    "label": LABELS[cat],
                    "n": sub.height,
                    "n_word_tokens": words,
                    "rate": per_thousand(sub.height, words),
                    "ci_low": low,
                    "ci_high": high,
                    "markers": ", ".join(f"{m} ({k})" for m, k in counts.iter_rows()),
                }
            )
    return pl.DataFrame(
        rows,
        schema={
            "text_id": pl.String,
            "category": pl.String,
            "label": pl.String,
            "n": pl.Int64,
            "n_word_tokens": pl.Int64,
            "rate": pl.Float64,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
            "markers": pl.String,
        },
    )


def rate_interval(markers: np.ndarray, words: np.ndarray) -> tuple[float | None, float | None]:
    """95% interval of a rate per 1,000 word tokens, resampling sentences.

    The rate is a ratio (``1000 * sum(markers) / sum(words)`` over the resampled sentences),
    so a sentence's markers and its word tokens are drawn together: the sentence indices are
    resampled with :func:`analysis.stats.bootstrap_ci` (percentile bootstrap, fixed seed) and
    the ratio is computed on each resample.

    Args:
        markers: markers per sentence.
        words: word tokens per sentence, in the same order.

    Returns:
        ``(low, high)``; ``(None, None)`` when the text has no word tokens.
    """
    m = np.asarray(markers, dtype=float)
    w = np.asarray(words, dtype=float)
    if w.sum() == 0:
        return (None, None)
    if m.sum() == 0:  # every resample has no marker: the interval is the rate itself
        return (0.0, 0.0)

    def ratio(idx: np.ndarray, axis: int = -1) -> np.ndarray:
        i = idx.astype(np.int64)
        total = w[i].sum(axis=axis)
        # a resample of sentences without word tokens has no rate; it cannot occur unless
        # most sentences have none, and then counts as zero
        return np.divide(
            1000 * m[i].sum(axis=axis), total, out=np.zeros_like(total), where=total > 0
        )

    return stats.bootstrap_ci(np.arange(m.size, dtype=float), ratio)


def describe_rates(table: pl.DataFrame, category: str, names: dict[str, str] | None = None) -> str:
    """An attributive clause for one category, every text in ``table`` alike, e.g. ``the
    petition 7.4 [0.0, 18.6] (2 markers), the response …`` (rates per 1,000 word tokens, one
    decimal, with the 95% interval where the table has ``ci_low``/``ci_high``).

    Args:
        table: from :func:`textstat_stance`.
        category: one of :data:`CATEGORIES`.
        names: text id to prose name (default :func:`analysis.corpus.text_names`).
    """
    sub = table.filter(pl.col("category") == category)
    rows = {r["text_id"]: r for r in sub.iter_rows(named=True)}
    return ", ".join(
        f"{md_name(t, names)} {_rate(rows[t]['rate'])}{_interval(rows[t])} "
        f"({rows[t]['n']} marker{'s' if rows[t]['n'] != 1 else ''})"
        for t in corpus.texts_in(sub)
    )


def _rate(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate:.1f}"


def _interval(row: dict) -> str:
    if "ci_low" not in row:
        return ""
    if row["ci_low"] is None:
        return " [n/a]"
    return " " + stats.format_interval(row["ci_low"], row["ci_high"], digits=1)
