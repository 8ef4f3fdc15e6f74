"""Sentence-level sentiment of the compared texts: VADER, its lexicon coverage, and robustness.

Every function takes a sentences or tokens frame (default: the corpus in force) and reports
every text found in it, however many, in display order. What this module measures, and how far
to trust it:

- **VADER** (Hutto & Gilbert 2014) through NLTK (:func:`analysis.resources.vader_analyzer`,
  lexicon built offline from the ``vaderSentiment`` package): ``neg``/``neu``/``pos``/``compound``
  per sentence. A sentence is *positive* when compound >= 0.05, *negative* when compound <=
  -0.05, otherwise *neutral* (the thresholds in docs/METHODS.md).
- **Coverage**: VADER was built and validated on social-media text. Its lexicon lacks much of
  the vocabulary of these texts, so :func:`textstat_lexicon_coverage` reports the share of word
  tokens (and of content words) that are VADER lexicon entries, and :func:`textstat_unscored`
  the most frequent words it does not score.
- **Domain extension** (opt-in, off by default): ``data/lexicons/vader-domain-extension.csv``
  adds words the texts use that VADER lacks, each with the valence of a named VADER *anchor*
  word (a general-English near-synonym). The same entries apply to every text.
  :func:`~analysis.measures.sentiment_methods.textstat_sentiment_sensitivity` shows how much
  each text's scores move with it.
- **Second method** (in :mod:`analysis.measures.sentiment_methods`): AFINN (Nielsen 2011;
  word list ``AFINN-en-165`` from the ``afinn`` package), a plain sum of word valences on
  -5..+5, compared with VADER sentence by sentence (:func:`textstat_method_agreement`: Pearson
  and Spearman correlation, label agreement).
  Licence, from the installed package: the word lists are under the ODC Open Database License
  (``afinn/data/LICENSE``), which permits use and redistribution with attribution and
  share-alike; the package metadata gives GPL for the code. The suite redistributes neither;
  it derives scores (a *Produced Work* under the ODbL), so it carries the notice
  :data:`AFINN_NOTICE`.

The lexical layer (VADER's lexicon, the domain extension, proper names) lives in
:mod:`analysis.measures.sentiment_lexicons`, the robustness checks (sensitivity, AFINN,
agreement, key labels) in :mod:`analysis.measures.sentiment_methods`, the 95% intervals of every
compared mean and share (sentence-level bootstrap) in :mod:`analysis.measures.sentiment_intervals`;
all are reachable here too, as ``sentiment.<name>``.

Typical use::

    from analysis.measures import sentiment
    scores = sentiment.textstat_sentiment()           # one row per sentence
    sentiment.textstat_sentiment_summary(scores)      # one row per text
    sentiment.textstat_lexicon_coverage()             # how much VADER can see
"""

from __future__ import annotations

import functools

import polars as pl

from analysis import corpus, executor, resources, stats
from analysis.measures.sentiment_lexicons import (
    EXTENSION_NAME,
    NAME_MASK,
    VALENCE_RANGE,
    _in_name,
    _sentence_tokens,
    _vader,
    domain_extension,
    extension_label_anchors,
    mask_names,
    match_forms,
    proper_name_spans,
    vader_analyzer_extended,
    vader_lexicon,
)
from analysis.measures.style import (
    sentences_frame,
    tokens_frame,
    word_tokens,
)

#: Sentences below which VADER runs serially (starting workers costs more than it saves).
VADER_MIN_PARALLEL = 5000
#: Compound thresholds for the positive / negative labels (Hutto & Gilbert 2014; docs/METHODS.md).
THRESHOLD = 0.05

_SCORE_COLUMNS = ("neg", "neu", "pos", "compound")
#: Published VADER compound scores (sentence, compound, where printed), shown in notebook 04;
#: ``tests/unit/test_sentiment.py`` checks the full published lists to 4 decimals.
VADER_REFERENCE = (
    ("VADER is smart, handsome, and funny.", 0.8316, "vaderSentiment README; NLTK doctest"),
    ("VADER is not smart, handsome, nor funny.", -0.7424, "vaderSentiment README"),
    ("At least it isn't a horrible book.", 0.431, "vaderSentiment README; NLTK doctest"),
    ("The book was kind of good.", 0.3832, "NLTK sentiment doctest"),
    ("A really bad, horrible book.", -0.8211, "NLTK sentiment doctest"),
)

# --- VADER scores -----------------------------------------------------------------------------


def vader_reference_check() -> pl.DataFrame:
    """The suite's VADER on the :data:`VADER_REFERENCE` sentences, beside the published scores.

    Returns:
        ``sentence``, ``published``, ``computed`` (rounded to 4 decimals), ``match``, ``source``.
    """
    rows = []
    for text, published, source in VADER_REFERENCE:
        computed = round(_vader().polarity_scores(text)["compound"], 4)
        rows.append(
            {
                "sentence": text,
                "published": published,
                "computed": computed,
                "match": computed == published,
                "source": source,
            }
        )
    return pl.DataFrame(rows)


def sentiment_label(compound: float) -> str:
    """``positive`` (>= 0.05), ``negative`` (<= -0.05) or ``neutral``."""
    if compound >= THRESHOLD:
        return "positive"
    if compound <= -THRESHOLD:
        return "negative"
    return "neutral"


def vader_scores(texts: list[str], extension: tuple[tuple[str, float], ...] = ()) -> list[tuple]:
    """VADER's ``neg``, ``neu``, ``pos``, ``compound`` for each text, in order.

    The unit of work :func:`textstat_sentiment` sends to :func:`analysis.executor.map_chunks`
    (a worker builds its analyser once and reuses it).

    Args:
        texts: sentences, with proper names already masked where the extension applies.
        extension: ``(word, valence)`` entries added to VADER's lexicon (empty: VADER alone).
    """
    analyzer = _analyzer(extension)
    return [
        tuple(float(scores[k]) for k in _SCORE_COLUMNS)
        for scores in map(analyzer.polarity_scores, texts)
    ]


@functools.lru_cache(maxsize=4)
def _analyzer(extension: tuple[tuple[str, float], ...]):
    if not extension:
        return _vader()
    words, valences = zip(*extension, strict=True)
    frame = pl.DataFrame(
        {"word": list(words), "valence": list(valences)},
        schema={"word": pl.String, "valence": pl.Float64},
    )
    return vader_analyzer_extended(frame)


def textstat_sentiment(
    sentences: pl.DataFrame | None = None, *, extension: bool = False
) -> pl.DataFrame:
    """VADER scores for every sentence.

    Sentences are scored in parallel through :func:`analysis.executor.map_chunks` when there
    are many (the executor in force: local processes or a Dask cluster); the scores do not
    depend on where they were computed.

    Args:
        sentences: from :func:`analysis.tokens.corpus_sentences` (default: the compared texts);
            needs ``text_id``, ``sentence_id``, ``sentence_index``, ``start`` and ``text``.
        extension: add the opt-in domain extension to VADER's lexicon (default off). Its
            entries do not score inside the proper names of :func:`proper_name_spans`
            ("Genocide Watch"), found in these sentences, which are read with VADER's own
            lexicon.

    Returns:
        One row per sentence, in text order: ``text_id``, ``sentence_id``, ``sentence_index``,
        ``n_sentences`` (in its text), ``position`` (centre of the sentence on 0..1 through its
        text), ``text``, ``neg``, ``neu``, ``pos``, ``compound`` and ``label``.
    """
    sents = sentences_frame(sentences)
    texts = sents["text"].to_list()
    lexicon: tuple[tuple[str, float], ...] = ()
    if extension:
        ext = domain_extension()
        lexicon = tuple(ext.select("word", "valence").iter_rows())
        words = set(ext["word"])
        texts = mask_names(sents, proper_name_spans(_sentence_tokens(sents)), words)
    _analyzer(lexicon)  # built here first: workers then find the NLTK data ready
    scores = executor.map_chunks(
        functools.partial(vader_scores, extension=lexicon),
        texts,
        desc="VADER sentences",
        min_parallel=VADER_MIN_PARALLEL,
    )
    columns = list(zip(*scores, strict=True)) if scores else [()] * len(_SCORE_COLUMNS)
    compound = pl.col("compound")
    frame = sents.select(
        pl.col("text_id").cast(pl.String),
        pl.col("sentence_id").cast(pl.String),
        pl.col("sentence_index").cast(pl.Int64),
        pl.col("text").cast(pl.String),
    ).with_columns(
        *[
            pl.Series(k, list(col), dtype=pl.Float64)
            for k, col in zip(_SCORE_COLUMNS, columns, strict=True)
        ]
    )
    frame = frame.with_columns(
        pl.when(compound >= THRESHOLD)
        .then(pl.lit("positive"))
        .when(compound <= -THRESHOLD)
        .then(pl.lit("negative"))
        .otherwise(pl.lit("neutral"))
        .alias("label")
    )
    frame = frame.with_columns(pl.len().over("text_id").alias("n_sentences")).with_columns(
        ((pl.col("sentence_index") - 0.5) / pl.col("n_sentences")).alias("position")
    )
    cols = ["text_id", "sentence_id", "sentence_index", "n_sentences", "position", "text"]
    return corpus.order_by_text(frame.select(*cols, *_SCORE_COLUMNS, "label"), "sentence_index")


def textstat_sentiment_summary(scores: pl.DataFrame) -> pl.DataFrame:
    """Per text: sentences, mean compound with its 95% interval, median/min/max compound, and
    the share of each label.

    ``ci_low``/``ci_high`` bound the mean compound: a percentile bootstrap over the text's
    sentences (:func:`analysis.stats.textstat_bootstrap_means`, :data:`analysis.stats.
    INTERVAL_NOTE`); the shares' intervals are in :func:`analysis.measures.sentiment_intervals.
    textstat_sentiment_means`.

    Args:
        scores: from :func:`textstat_sentiment`.
    """
    summary = scores.group_by("text_id", maintain_order=True).agg(
        pl.len().alias("n_sentences"),
        pl.col("compound").mean().alias("mean_compound"),
        pl.col("compound").median().alias("median_compound"),
        pl.col("compound").min().alias("min_compound"),
        pl.col("compound").max().alias("max_compound"),
        *[
            (pl.col("label") == lab).mean().alias(f"share_{lab}")
            for lab in ("negative", "neutral", "positive")
        ],
    )
    ci = stats.textstat_bootstrap_means(scores, value="compound").select(
        "text_id", "ci_low", "ci_high"
    )
    summary = summary.join(ci, on="text_id", how="left", maintain_order="left")
    cols = ["text_id", "n_sentences", "mean_compound", "ci_low", "ci_high"]
    return corpus.order_by_text(summary.select(*cols, pl.exclude(cols)))


def sentiment_extremes(scores: pl.DataFrame) -> pl.DataFrame:
    """The lowest- and the highest-scoring sentence of each text.

    Returns:
        ``text_id``, ``which`` (``lowest`` / ``highest``), ``sentence_id``, ``compound``,
        ``label``, ``text``; two rows per text, in text order (ties: the earlier sentence).
    """
    ordered = scores.sort("compound", "sentence_index")
    low = ordered.group_by("text_id", maintain_order=True).first()
    high = (
        scores.sort("compound", "sentence_index", descending=[True, False])
        .group_by("text_id", maintain_order=True)
        .first()
    )
    both = pl.concat(
        [
            low.with_columns(pl.lit("lowest").alias("which")),
            high.with_columns(pl.lit("highest").alias("which")),
        ]
    ).select("text_id", "which", "sentence_id", "compound", "label", "text")
    return corpus.order_by_text(both.sort("which", descending=True), order=corpus.texts_in(scores))


def textstat_sentiment_arc(scores: pl.DataFrame, *, window: int = 3) -> pl.DataFrame:
    """The sentiment arc: compound in sentence order, with a centred rolling mean.

    Args:
        scores: from :func:`textstat_sentiment`.
        window: sentences in the centred rolling mean (shorter at the ends of a text).

    Returns:
        ``text_id``, ``sentence_id``, ``sentence_index``, ``position``, ``compound``,
        ``rolling_compound`` and ``text``.
    """
    arc = corpus.order_by_text(scores, "sentence_index").with_columns(
        pl.col("compound")
        .rolling_mean(window_size=window, min_samples=1, center=True)
        .over("text_id")
        .alias("rolling_compound")
    )
    cols = ["text_id", "sentence_id", "sentence_index", "position", "compound"]
    return corpus.order_by_text(arc.select(*cols, "rolling_compound", "text"), "sentence_index")


# --- coverage ---------------------------------------------------------------------------------


def _with_flags(tokens: pl.DataFrame, lexicon: dict[str, float]) -> pl.DataFrame:
    stop = resources.stopwords()
    return tokens.with_columns(
        pl.col("norm").is_in(list(lexicon)).alias("scored"),
        ((pl.col("kind") == "word") & ~pl.col("norm").is_in(list(stop))).alias("content"),
    )


def _lexicon(extension: bool) -> dict[str, float]:
    lex = vader_lexicon()
    if extension:
        lex.update(dict(domain_extension().select("word", "valence").iter_rows()))
    return lex


def coverage_flags(tokens: pl.DataFrame | None = None, *, extension: bool = False) -> pl.DataFrame:
    """The word tokens with ``scored`` (a lexicon entry, as :func:`textstat_lexicon_coverage`
    counts it) and ``content`` (not a stop word) flags, one row per word token."""
    toks = word_tokens(tokens)
    flagged = _with_flags(toks, _lexicon(extension))
    if extension:  # extension entries do not score inside proper names ("Genocide Watch")
        base = pl.col("norm").is_in(list(vader_lexicon()))
        spans = proper_name_spans(tokens_frame(tokens))
        flagged = flagged.with_columns(_in_name(toks, spans)).with_columns(
            (pl.col("scored") & (base | ~pl.col("in_name"))).alias("scored")
        )
    return flagged


def textstat_lexicon_coverage(
    tokens: pl.DataFrame | None = None, *, extension: bool = False
) -> pl.DataFrame:
    """How much of each text VADER's lexicon scores.

    A token is *scored* when its normalised form is a lexicon entry (VADER also applies
    boosters, negation and punctuation rules, which are not entries). *Content words* are word
    tokens of kind ``word`` that are not in the suite's stop-word list.

    Args:
        tokens: tokens from :func:`analysis.tokens.corpus_tokens` (default: the compared
            texts); the word tokens (``is_word``) are counted, every token is used to find
            proper names.
        extension: count the domain extension's entries as scored too (except inside the
            proper names of :func:`proper_name_spans`, as in :func:`textstat_sentiment`).

    Returns:
        Per text: ``n_word_tokens``, ``n_scored``, ``share_scored``, ``n_content_words``,
        ``n_content_scored``, ``share_content_scored``.
    """
    flagged = coverage_flags(tokens, extension=extension)
    cov = flagged.group_by("text_id", maintain_order=True).agg(
        pl.len().alias("n_word_tokens"),
        pl.col("scored").sum().alias("n_scored"),
        pl.col("content").sum().alias("n_content_words"),
        (pl.col("scored") & pl.col("content")).sum().alias("n_content_scored"),
    )
    cov = cov.with_columns(
        (pl.col("n_scored") / pl.col("n_word_tokens")).alias("share_scored"),
        (pl.col("n_content_scored") / pl.col("n_content_words")).alias("share_content_scored"),
    ).select(
        "text_id",
        "n_word_tokens",
        "n_scored",
        "share_scored",
        "n_content_words",
        "n_content_scored",
        "share_content_scored",
    )
    return corpus.order_by_text(cov)


def textstat_coverage_comparison(tokens: pl.DataFrame | None = None) -> pl.DataFrame:
    """Coverage with VADER's lexicon alone and with the domain extension, in long form.

    Returns:
        ``text_id``, ``lexicon`` (``VADER`` / ``VADER + extension``), ``measure``
        (``word tokens`` / ``content words``), ``share`` and its 95% interval ``ci_low``,
        ``ci_high`` (a bootstrap over sentences,
        :func:`analysis.measures.sentiment_intervals.textstat_coverage_intervals`).
    """
    from analysis.measures.sentiment_intervals import textstat_coverage_intervals

    frames = []
    for ext, name in ((False, "VADER"), (True, "VADER + extension")):
        cov = textstat_coverage_intervals(tokens, extension=ext)
        frames.append(
            cov.select(
                "text_id",
                pl.lit(name).alias("lexicon"),
                "measure",
                "share",
                "ci_low",
                "ci_high",
            )
        )
    return corpus.order_by_text(pl.concat(frames), "measure", "lexicon")


def textstat_unscored(tokens: pl.DataFrame | None = None, *, n: int = 10) -> pl.DataFrame:
    """The most frequent content words of each text that VADER's lexicon does not score.

    Returns:
        ``text_id``, ``rank``, ``word``, ``count``, ``in_extension``; ties in count are broken
        alphabetically, so the table is stable.
    """
    flagged = _with_flags(word_tokens(tokens), vader_lexicon())
    order = corpus.texts_in(flagged)
    ext_words = set(domain_extension()["word"].to_list())
    counts = (
        flagged.filter(pl.col("content") & ~pl.col("scored"))
        .group_by("text_id", "norm", maintain_order=True)
        .agg(pl.len().alias("count"))
        .sort(pl.col("count"), "norm", descending=[True, False])
        .with_columns(pl.int_range(1, pl.len() + 1).over("text_id").alias("rank"))
        .filter(pl.col("rank") <= n)
        .rename({"norm": "word"})
        .with_columns(pl.col("word").is_in(list(ext_words)).alias("in_extension"))
    )
    return corpus.order_by_text(
        counts.select("text_id", "rank", "word", "count", "in_extension"), "rank", order=order
    )


# --- names of analysis.measures.sentiment_methods, reachable here -----------------------------

#: Names defined in :mod:`analysis.measures.sentiment_methods`, reachable as ``sentiment.<name>``
#: (loaded on first use: that module builds on this one).
_METHOD_NAMES = (
    "AFINN_LICENCE",
    "AFINN_LIST",
    "AFINN_NOTICE",
    "KEY_TERMS",
    "SENSITIVITY_CI_COLUMNS",
    "afinn_lexicon",
    "afinn_scorer",
    "key_term_counts",
    "key_term_surface_counts",
    "lexicon_lookup",
    "pearson",
    "pearson_interval",
    "rank_average",
    "sentiment_compare",
    "sentiment_method_scores",
    "spearman",
    "textstat_afinn",
    "textstat_method_agreement",
    "textstat_sentiment_sensitivity",
)


#: Names defined in :mod:`analysis.measures.sentiment_intervals` (95% intervals), reachable
#: as ``sentiment.<name>`` too.
_INTERVAL_NAMES = (
    "intervals_overlap",
    "sentiment_mean_intervals",
    "textstat_method_means",
    "textstat_sensitivity_intervals",
    "textstat_sentiment_means",
    "textstat_coverage_intervals",
    "textstat_sentence_length_means",
    "textstat_word_length_means",
    "ratio_intervals",
)


def __getattr__(name: str):
    if name in _METHOD_NAMES:
        from analysis.measures import sentiment_methods

        return getattr(sentiment_methods, name)
    if name in _INTERVAL_NAMES:
        from analysis.measures import sentiment_intervals

        return getattr(sentiment_intervals, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_METHOD_NAMES, *_INTERVAL_NAMES])


__all__ = [
    # sentiment_lexicons
    "EXTENSION_NAME",
    "NAME_MASK",
    "VALENCE_RANGE",
    "domain_extension",
    "extension_label_anchors",
    "match_forms",
    "proper_name_spans",
    "vader_analyzer_extended",
    "vader_lexicon",
    # this module
    "THRESHOLD",
    "VADER_REFERENCE",
    "sentiment_extremes",
    "sentiment_label",
    "textstat_coverage_comparison",
    "textstat_lexicon_coverage",
    "textstat_sentiment",
    "textstat_sentiment_arc",
    "textstat_sentiment_summary",
    "textstat_unscored",
    "vader_reference_check",
    "vader_scores",
    *_METHOD_NAMES,
    *_INTERVAL_NAMES,
]
