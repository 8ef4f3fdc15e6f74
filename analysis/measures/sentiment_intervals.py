"""95% intervals for every compared sentiment mean and share: sentence-level bootstrap.

A text's mean compound, its share of negative / neutral / positive sentences, its mean AFINN
sum, its mean with the domain extension and the change the extension makes are all means over
the text's sentences, so each carries a percentile-bootstrap 95% interval that resamples the
text's sentences with replacement (:func:`analysis.stats.textstat_bootstrap_means`: 2,000
resamples, fixed seed, so the intervals are reproducible; :data:`analysis.stats.INTERVAL_NOTE`).
A share is the mean of a 0/1 column. The change the extension makes is a *paired* quantity: its
interval resamples sentences once and takes the mean of each sentence's own change.

The interval describes how much a text's mean depends on which of its sentences it happens to
contain, taking the sentences as a sample of how the text's author writes; it is not a test,
and two texts' intervals that overlap can still differ (and vice versa at the margin).

Style means get the same treatment where they are means over sentences or words: words per
sentence (:func:`textstat_sentence_length_means`, a bootstrap over sentences) and syllables and
characters per word and the share of polysyllabic words (:func:`textstat_word_length_means`).
A word-level mean is a ratio of two sums over sentences (syllables / words), and words of one
sentence are not independent draws, so its interval resamples *sentences* (a cluster bootstrap,
:func:`ratio_intervals`), not words.

What gets no interval, and why (said in notebook 04 too): readability indices and lexical
diversity (TTR, MATTR, MTLD) are one number per text computed from the whole text at once (a
formula over total counts, or a moving window), with no per-sentence value to average; a
bootstrap over sentences is not the standard way to report them, so they are shown as single
values per text.

Every function takes frames (default: the corpus in force) and reports every text in them, in
display order.
"""

from __future__ import annotations

import numpy as np
import polars as pl

from analysis import corpus, stats
from analysis.measures import style
from analysis.measures.sentiment import textstat_sentiment
from analysis.measures.style import sentences_frame, word_tokens

#: Per-sentence quantities whose per-text mean the suite compares: (measure, expression).
SENTENCE_MEASURES = (
    ("mean compound", pl.col("compound")),
    ("share negative", (pl.col("label") == "negative").cast(pl.Float64)),
    ("share neutral", (pl.col("label") == "neutral").cast(pl.Float64)),
    ("share positive", (pl.col("label") == "positive").cast(pl.Float64)),
)
#: The methods of :func:`textstat_method_means`, in display order.
METHODS = ("VADER", "VADER + extension", "AFINN")
_COLUMNS = ("n", "mean", "ci_low", "ci_high")


def _means_long(frame: pl.DataFrame, measures, key: str) -> pl.DataFrame:
    """One row per (text, measure): n, mean and the bootstrap interval of its per-row values."""
    parts = []
    for name, expr in measures:
        values = frame.select("text_id", expr.cast(pl.Float64).alias("value"))
        means = stats.textstat_bootstrap_means(values, value="value", by="text_id")
        parts.append(means.with_columns(pl.lit(name).alias(key)))
    order = [name for name, _ in measures]
    out = pl.concat(parts).select("text_id", key, *_COLUMNS)
    out = out.with_columns(pl.col(key).cast(pl.Enum(order)))
    return corpus.order_by_text(out, key, order=corpus.texts_in(frame)).with_columns(
        pl.col(key).cast(pl.String)
    )


def textstat_sentiment_means(scores: pl.DataFrame | None = None) -> pl.DataFrame:
    """Each text's mean VADER compound and share of each label, with 95% intervals.

    Args:
        scores: from :func:`analysis.measures.sentiment.textstat_sentiment` (default: the
            corpus in force, VADER alone).

    Returns:
        Long form, one row per text and measure (:data:`SENTENCE_MEASURES`): ``text_id``,
        ``measure``, ``n`` (sentences), ``mean``, ``ci_low``, ``ci_high``. A text whose
        sentences all score alike has a zero-width interval.
    """
    scores = textstat_sentiment() if scores is None else scores
    return _means_long(scores, SENTENCE_MEASURES, "measure")


def sentiment_mean_intervals(scores: pl.DataFrame) -> pl.DataFrame:
    """Per text, the mean compound's interval as two columns to join to a summary.

    Returns:
        ``text_id``, ``ci_low``, ``ci_high`` of :func:`textstat_sentiment_means`'s
        ``mean compound`` rows.
    """
    means = textstat_sentiment_means(scores)
    return means.filter(pl.col("measure") == "mean compound").select("text_id", "ci_low", "ci_high")


def textstat_method_means(
    sentences: pl.DataFrame | None = None,
    *,
    compare: pl.DataFrame | None = None,
    afinn: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Each text's mean sentence score under every compared method, with 95% intervals.

    The methods (:data:`METHODS`) are on different scales (VADER compound on -1..1, the AFINN
    sum unbounded), so compare texts within a method, not methods with each other.

    Args:
        sentences: from :func:`analysis.tokens.corpus_sentences` (default: the compared texts).
        compare: :func:`analysis.measures.sentiment_methods.sentiment_compare` of the same
            sentences, if already computed.
        afinn: :func:`analysis.measures.sentiment_methods.textstat_afinn` of the same
            sentences, if already computed.

    Returns:
        ``text_id``, ``method``, ``n``, ``mean``, ``ci_low``, ``ci_high``; one row per text and
        method, in text order then :data:`METHODS` order.
    """
    from analysis.measures import sentiment_methods

    if compare is None or afinn is None:
        sents = sentences_frame(sentences)
        compare = sentiment_methods.sentiment_compare(sents) if compare is None else compare
        afinn = sentiment_methods.textstat_afinn(sents) if afinn is None else afinn
    joined = compare.join(afinn.select("sentence_id", "afinn"), on="sentence_id", how="left")
    measures = (
        ("VADER", pl.col("compound_base")),
        ("VADER + extension", pl.col("compound_extended")),
        ("AFINN", pl.col("afinn")),
    )
    return _means_long(joined, measures, "method")


def textstat_sensitivity_intervals(compare: pl.DataFrame) -> pl.DataFrame:
    """Intervals for the sensitivity check: each text's mean compound and share of negative
    sentences with VADER alone, with the extension, and the paired change.

    Args:
        compare: from :func:`analysis.measures.sentiment_methods.sentiment_compare`.

    Returns:
        ``text_id``, ``measure`` (``Mean compound`` / ``Share of negative sentences``),
        ``lexicon`` (``VADER`` / ``VADER + extension`` / ``change``), ``n``, ``mean``,
        ``ci_low``, ``ci_high``. The ``change`` rows resample sentences once and average each
        sentence's own change, so their interval is that of a paired difference.
    """
    neg_base = (pl.col("label_base") == "negative").cast(pl.Float64)
    neg_ext = (pl.col("label_extended") == "negative").cast(pl.Float64)
    frames = []
    for measure, base, ext in (
        ("Mean compound", pl.col("compound_base"), pl.col("compound_extended")),
        ("Share of negative sentences", neg_base, neg_ext),
    ):
        long = _means_long(
            compare,
            (("VADER", base), ("VADER + extension", ext), ("change", ext - base)),
            "lexicon",
        )
        frames.append(long.with_columns(pl.lit(measure).alias("measure")))
    out = pl.concat(frames).select("text_id", "measure", "lexicon", *_COLUMNS)
    return corpus.order_by_text(out, order=corpus.texts_in(compare))


def intervals_overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Whether two closed intervals ``(low, high)`` share at least one point."""
    return a[0] <= b[1] and b[0] <= a[1]


# --- style: words per sentence, word length ---------------------------------------------------


def textstat_sentence_length_means(lengths: pl.DataFrame | None = None) -> pl.DataFrame:
    """Each text's mean words per sentence with its 95% interval (bootstrap over sentences).

    Args:
        lengths: from :func:`analysis.measures.style.textstat_sentence_lengths` (default: the
            corpus in force).

    Returns:
        ``text_id``, ``n`` (sentences), ``mean``, ``ci_low``, ``ci_high``.
    """
    lengths = style.textstat_sentence_lengths() if lengths is None else lengths
    means = stats.textstat_bootstrap_means(lengths, value="n_words")
    return corpus.order_by_text(means, order=corpus.texts_in(lengths))


def ratio_intervals(
    frame: pl.DataFrame, numerator: str, denominator: str, *, by: str = "text_id"
) -> pl.DataFrame:
    """Per group, sum(numerator) / sum(denominator) over its rows, with a 95% interval that
    resamples the rows (clusters, e.g. sentences) with replacement
    (:func:`analysis.stats.bootstrap_units`; a resample with a zero denominator is undefined).

    Returns:
        ``by``, ``n`` (rows), ``value``, ``ci_low``, ``ci_high``; in first-seen order.
    """
    rows = []
    for (key,), part in frame.group_by(by, maintain_order=True):
        num = part[numerator].cast(pl.Float64).to_numpy()
        den = part[denominator].cast(pl.Float64).to_numpy()

        def ratio(idx: np.ndarray, num=num, den=den) -> np.ndarray:
            d = den[idx].sum(axis=1)  # every resample (row) at once
            with np.errstate(divide="ignore", invalid="ignore"):
                return np.where(d != 0, num[idx].sum(axis=1) / d, np.nan)

        total = den.sum()
        value = float(num.sum() / total) if total else None
        if part.height and np.all(num * total == den * (num.sum())):
            low = high = value  # every row has the same ratio: every resample gives it
        else:
            ci = stats.bootstrap_units(part.height, ratio, vectorized=True)
            low, high = ci["low"], ci["high"]
        rows.append({by: key, "n": part.height, "value": value, "ci_low": low, "ci_high": high})
    schema = {by: frame.schema[by], "n": pl.Int64, "value": pl.Float64}
    schema |= {"ci_low": pl.Float64, "ci_high": pl.Float64}
    return pl.DataFrame(rows, schema=schema, orient="row")


def textstat_word_length_means(tokens: pl.DataFrame | None = None) -> pl.DataFrame:
    """Syllables and characters per word and the share of polysyllabic (3+) words, per text,
    with 95% intervals from a bootstrap over sentences (:func:`ratio_intervals`).

    The values equal those of :func:`analysis.measures.style.textstat_word_lengths` (alphabetic
    word tokens, textstat's syllable counter).

    Returns:
        ``text_id``, ``measure`` (``mean syllables``, ``share polysyllabic``, ``mean
        characters``), ``n`` (sentences), ``value``, ``ci_low``, ``ci_high``.
    """
    words = word_tokens(tokens).filter(pl.col("kind") == "word")
    distinct = words["token"].unique(maintain_order=True).to_list()
    syl = words.with_columns(
        pl.col("token")
        .replace_strict(distinct, style.syllable_counts(distinct), return_dtype=pl.Int64)
        .alias("syllables"),
        pl.col("token").str.len_chars().alias("characters"),
    )
    per_sentence = syl.group_by("text_id", "sentence_id", maintain_order=True).agg(
        pl.len().alias("words"),
        pl.col("syllables").sum(),
        (pl.col("syllables") >= 3).sum().alias("polysyllabic"),
        pl.col("characters").sum(),
    )
    parts = [
        ratio_intervals(per_sentence, column, "words").with_columns(pl.lit(name).alias("measure"))
        for name, column in (
            ("mean syllables", "syllables"),
            ("share polysyllabic", "polysyllabic"),
            ("mean characters", "characters"),
        )
    ]
    out = pl.concat(parts).select("text_id", "measure", "n", "value", "ci_low", "ci_high")
    return corpus.order_by_text(out, order=corpus.texts_in(per_sentence))


# --- lexicon coverage ---------------------------------------------------------------------------


def textstat_coverage_intervals(
    tokens: pl.DataFrame | None = None, *, extension: bool = False
) -> pl.DataFrame:
    """Each text's share of word tokens and of content words that the lexicon scores, with 95%
    intervals from a bootstrap over sentences (:func:`ratio_intervals`: scored / words summed
    over the resampled sentences).

    Args:
        tokens: as for :func:`analysis.measures.sentiment.textstat_lexicon_coverage`.
        extension: count the domain extension's entries as scored too.

    Returns:
        ``text_id``, ``measure`` (``word tokens`` / ``content words``), ``n`` (sentences),
        ``share``, ``ci_low``, ``ci_high``; the shares equal those of
        :func:`~analysis.measures.sentiment.textstat_lexicon_coverage`.
    """
    from analysis.measures.sentiment import coverage_flags

    flagged = coverage_flags(tokens, extension=extension)
    per_sentence = flagged.group_by("text_id", "sentence_id", maintain_order=True).agg(
        pl.len().alias("words"),
        pl.col("scored").sum().alias("scored"),
        pl.col("content").sum().alias("content"),
        (pl.col("scored") & pl.col("content")).sum().alias("content_scored"),
    )
    parts = [
        ratio_intervals(per_sentence, num, den).with_columns(pl.lit(name).alias("measure"))
        for name, num, den in (
            ("word tokens", "scored", "words"),
            ("content words", "content_scored", "content"),
        )
    ]
    out = pl.concat(parts).select(
        "text_id", "measure", "n", pl.col("value").alias("share"), "ci_low", "ci_high"
    )
    return corpus.order_by_text(out, order=corpus.texts_in(per_sentence))
