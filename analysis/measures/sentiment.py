"""Sentence-level sentiment of the primary texts: VADER, its lexicon coverage, and robustness.

What this module measures, and how far to trust it:

- **VADER** (Hutto & Gilbert 2014) through NLTK (:func:`analysis.resources.vader_analyzer`,
  lexicon built offline from the ``vaderSentiment`` package): ``neg``/``neu``/``pos``/``compound``
  per sentence. A sentence is *positive* when compound >= 0.05, *negative* when compound <=
  -0.05, otherwise *neutral* (the thresholds in METHODS.md).
- **Coverage**: VADER was built and validated on social-media text. Its lexicon lacks much of
  the vocabulary of these texts, so :func:`textstat_lexicon_coverage` reports the share of word
  tokens (and of content words) that are VADER lexicon entries, and :func:`textstat_unscored`
  the most frequent words it does not score.
- **Domain extension** (opt-in, off by default): ``data/lexicons/vader-domain-extension.csv``
  adds words the texts use that VADER lacks, each with the valence of a named VADER *anchor*
  word (a general-English near-synonym). The same entries apply to every text.
  :func:`textstat_sentiment_sensitivity` shows how much each text's scores move with it.
- **Second method**: AFINN (Nielsen 2011; word list ``AFINN-en-165`` from the ``afinn``
  package), a plain sum of word valences on -5..+5, compared with VADER sentence by sentence
  (:func:`textstat_method_agreement`: Pearson and Spearman correlation, label agreement).
  Licence, from the installed package: the word lists are under the ODC Open Database License
  (``afinn/data/LICENSE``), which permits use and redistribution with attribution and
  share-alike; the package metadata gives GPL for the code. The suite redistributes neither;
  it derives scores (a *Produced Work* under the ODbL), so it carries the notice
  :data:`AFINN_NOTICE`.

Typical use::

    from analysis.measures import sentiment
    scores = sentiment.textstat_sentiment()           # one row per sentence
    sentiment.textstat_sentiment_summary(scores)      # one row per text
    sentiment.textstat_lexicon_coverage()             # how much VADER can see
"""

from __future__ import annotations

import math
import re
from functools import lru_cache
from pathlib import Path

import polars as pl

from analysis import corpus, resources
from analysis.io import DiscourseError
from analysis.lexicons import lexicon_load, pattern_tokens, token_matches
from analysis.measures import terminology
from analysis.measures.style import sentences_frame, word_tokens

#: Compound thresholds for the positive / negative labels (Hutto & Gilbert 2014; METHODS.md).
THRESHOLD = 0.05
#: Key labels of this corpus whose absence from VADER's lexicon is checked and reported; they
#: are counted as labels of ``data/lexicons/event-labels.csv`` (:func:`key_term_counts`).
KEY_TERMS = ("genocide", "massacre", "blockade", "occupation")
#: The opt-in domain extension lexicon in ``data/lexicons/``.
EXTENSION_NAME = "vader-domain-extension"
#: VADER's valence scale.
VALENCE_RANGE = (-4.0, 4.0)
#: The AFINN word list used as the second method.
AFINN_LIST = "AFINN-en-165"
AFINN_LICENCE = (
    "AFINN word lists: ODC Open Database License (ODbL) 1.0, afinn/data/LICENSE in the "
    "installed afinn 0.1 package; afinn code: GPL (package metadata)"
)
AFINN_NOTICE = (
    "Contains information from AFINN (https://github.com/fnielsen/afinn), which is made "
    "available here under the Open Database License (ODbL) "
    "(https://opendatacommons.org/licenses/odbl/1-0/)."
)

_SCORE_COLUMNS = ("neg", "neu", "pos", "compound")
#: Stand-in for an extension word inside a proper name: not a VADER entry, so it scores 0.
NAME_MASK = "Name"
_WORD = re.compile(r"[\w’'-]+")

#: Published VADER compound scores (sentence, compound, where printed), shown in notebook 04;
#: ``tests/test_sentiment.py`` checks the full published lists to 4 decimals.
VADER_REFERENCE = (
    ("VADER is smart, handsome, and funny.", 0.8316, "vaderSentiment README; NLTK doctest"),
    ("VADER is not smart, handsome, nor funny.", -0.7424, "vaderSentiment README"),
    ("At least it isn't a horrible book.", 0.431, "vaderSentiment README; NLTK doctest"),
    ("The book was kind of good.", 0.3832, "NLTK sentiment doctest"),
    ("A really bad, horrible book.", -0.8211, "NLTK sentiment doctest"),
)


# --- VADER ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _vader():
    return resources.vader_analyzer()


def vader_lexicon() -> dict[str, float]:
    """VADER's lexicon (lower-case entry -> mean valence on -4..+4), as NLTK loads it."""
    return dict(_vader().lexicon)


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


def domain_extension(directory: Path | None = None) -> pl.DataFrame:
    """The opt-in domain extension: ``word``, ``valence`` (float), ``anchor``, ``justification``.

    Args:
        directory: another directory holding ``vader-domain-extension.csv`` (tests use this).

    Raises:
        DiscourseError: naming the file and line, when a valence is not a number in -4..+4, a
            word is already a VADER entry (the file extends, it never overrides), a word has a
            space (VADER matches single tokens), or an anchor is not a VADER entry.
    """
    lex = lexicon_load(
        EXTENSION_NAME,
        required=("word", "valence", "anchor", "justification"),
        key=("word",),
        directory=directory,
    )
    vader = vader_lexicon()
    lo, hi = VALENCE_RANGE
    for row in lex.table.iter_rows(named=True):
        where = f"{lex.path}, line {row['line']}"
        try:
            valence = float(row["valence"])
        except ValueError:
            raise DiscourseError(f"{where}: valence {row['valence']!r} is not a number.") from None
        if not lo <= valence <= hi:
            raise DiscourseError(f"{where}: valence {valence} outside VADER's {lo}..{hi}.")
        word = row["word"]
        if " " in word or word != word.lower():
            raise DiscourseError(f"{where}: {word!r} must be one lower-case token.")
        if word in vader:
            raise DiscourseError(
                f"{where}: {word!r} is already in VADER's lexicon ({vader[word]}); remove the row."
            )
        if row["anchor"] not in vader:
            raise DiscourseError(f"{where}: anchor {row['anchor']!r} is not a VADER entry.")
    return lex.table.select(
        "word", pl.col("valence").cast(pl.Float64), "anchor", "justification", "line"
    )


def extension_label_anchors(extension: pl.DataFrame | None = None) -> pl.DataFrame:
    """Rule 1 of the domain extension as applied: each event-label category and its anchor.

    An extension word is an event label when it matches a single-token form of
    ``data/lexicons/event-labels.csv`` (not a ``proper_name`` row); README-sentiment.md gives
    every such word the one anchor of its category.

    Returns:
        ``category``, ``anchor``, ``valence``, ``words`` (list, file order), one row per
        (category, anchor) pair found, so a category with two anchors would show as two rows.
    """
    ext = domain_extension() if extension is None else extension
    forms = terminology.lexicon_terms("event-labels").filter(
        ~pl.col("category").is_in(list(terminology.NAME_CATEGORIES))
    )
    single = [
        (pattern_tokens(f)[0], c)
        for f, c in forms.select("form", "category").iter_rows()
        if len(pattern_tokens(f)) == 1
    ]
    rows = []
    for word, valence, anchor in ext.select("word", "valence", "anchor").iter_rows():
        for category in sorted({c for p, c in single if token_matches(p, word)}):
            rows.append({"category": category, "anchor": anchor, "valence": valence, "word": word})
    frame = pl.DataFrame(
        rows,
        schema={
            "category": pl.String,
            "anchor": pl.String,
            "valence": pl.Float64,
            "word": pl.String,
        },
    )
    return (
        frame.group_by("category", "anchor", "valence", maintain_order=True)
        .agg(pl.col("word").alias("words"))
        .sort("valence", "category")
    )


def vader_analyzer_extended(extension: pl.DataFrame | None = None):
    """A fresh NLTK VADER analyser whose lexicon also holds the domain extension."""
    ext = domain_extension() if extension is None else extension
    analyzer = resources.vader_analyzer()
    analyzer.lexicon = {**analyzer.lexicon, **dict(ext.select("word", "valence").iter_rows())}
    return analyzer


@lru_cache(maxsize=1)
def proper_name_spans() -> pl.DataFrame:
    """Proper names of the event-labels lexicon found in the primary texts.

    Names such as "Genocide Watch" or "Genocide Convention" are listed in
    ``data/lexicons/event-labels.csv`` (category ``proper_name``) so that the word inside them
    is not counted as the text's own label (:mod:`analysis.terminology`). The domain
    extension follows the same rule: its entries do not score inside these spans.

    Returns:
        ``source_id``, ``sentence_id``, ``start``, ``end`` (character offsets into the raw
        source) and ``matched``, in text order.
    """
    names = terminology.lexicon_terms("event-labels").filter(
        pl.col("category").is_in(list(terminology.NAME_CATEGORIES))
    )
    found = terminology.tokens_lookup(names)
    return found.select("source_id", "sentence_id", "start", "end", "matched")


def _mask_names(row: dict, spans: pl.DataFrame, words: set[str]) -> str:
    """The sentence text with extension words inside proper names replaced by ``NAME_MASK``."""
    text = row["text"]
    mine = spans.filter(pl.col("sentence_id") == row["sentence_id"]).sort("start", descending=True)
    for start, end in mine.select("start", "end").iter_rows():
        lo, hi = start - row["start"], end - row["start"]
        inner = _WORD.sub(
            lambda m: NAME_MASK if m.group().lower() in words else m.group(), text[lo:hi]
        )
        text = text[:lo] + inner + text[hi:]
    return text


def textstat_sentiment(
    sentences: pl.DataFrame | None = None, *, extension: bool = False
) -> pl.DataFrame:
    """VADER scores for every sentence.

    Args:
        sentences: from :func:`analysis.tokens.corpus_sentences` (default: the primary texts).
        extension: add the opt-in domain extension to VADER's lexicon (default off). Its
            entries do not score inside the proper names of :func:`proper_name_spans`
            ("Genocide Watch"), which are read with VADER's own lexicon.

    Returns:
        One row per sentence, in text order: ``text_id``, ``sentence_id``, ``sentence_index``,
        ``n_sentences`` (in its text), ``position`` (centre of the sentence on 0..1 through its
        text), ``text``, ``neg``, ``neu``, ``pos``, ``compound`` and ``label``.
    """
    sents = sentences_frame(sentences)
    analyzer = vader_analyzer_extended() if extension else _vader()
    words = set(domain_extension()["word"]) if extension else set()
    spans = proper_name_spans()
    rows = []
    for s in sents.iter_rows(named=True):
        scores = analyzer.polarity_scores(_mask_names(s, spans, words) if words else s["text"])
        rows.append(
            {
                "text_id": s["text_id"],
                "sentence_id": s["sentence_id"],
                "sentence_index": s["sentence_index"],
                "text": s["text"],
                **{k: float(scores[k]) for k in _SCORE_COLUMNS},
                "label": sentiment_label(scores["compound"]),
            }
        )
    frame = pl.DataFrame(
        rows,
        schema={
            "text_id": pl.String,
            "sentence_id": pl.String,
            "sentence_index": pl.Int64,
            "text": pl.String,
            **{k: pl.Float64 for k in _SCORE_COLUMNS},
            "label": pl.String,
        },
    )
    frame = frame.with_columns(pl.len().over("text_id").alias("n_sentences")).with_columns(
        ((pl.col("sentence_index") - 0.5) / pl.col("n_sentences")).alias("position")
    )
    cols = ["text_id", "sentence_id", "sentence_index", "n_sentences", "position", "text"]
    return corpus.order_by_text(frame.select(*cols, *_SCORE_COLUMNS, "label"), "sentence_index")


def textstat_sentiment_summary(scores: pl.DataFrame) -> pl.DataFrame:
    """Per text: sentences, mean/median/min/max compound, and the share of each label.

    Args:
        scores: from :func:`textstat_sentiment`.
    """
    summary = scores.group_by("text_id").agg(
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
    return corpus.order_by_text(summary)


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
    return corpus.order_by_text(both.sort("which", descending=True))


def textstat_sentiment_arc(scores: pl.DataFrame, *, window: int = 3) -> pl.DataFrame:
    """The sentiment arc: compound in sentence order, with a centred rolling mean.

    Args:
        scores: from :func:`textstat_sentiment`.
        window: sentences in the centred rolling mean (shorter at the ends of a text).

    Returns:
        ``text_id``, ``sentence_id``, ``sentence_index``, ``position``, ``compound``,
        ``rolling_compound`` and ``text``.
    """
    arc = scores.sort("text_id", "sentence_index").with_columns(
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


def _in_name(tokens: pl.DataFrame) -> pl.Series:
    """True for tokens inside a proper name of :func:`proper_name_spans`."""
    spans = list(proper_name_spans().select("source_id", "start", "end").iter_rows())
    return pl.Series(
        "in_name",
        [
            any(src == s and lo <= a and b <= hi for s, lo, hi in spans)
            for src, a, b in tokens.select("source_id", "start", "end").iter_rows()
        ],
        dtype=pl.Boolean,
    )


def _lexicon(extension: bool) -> dict[str, float]:
    lex = vader_lexicon()
    if extension:
        lex.update(dict(domain_extension().select("word", "valence").iter_rows()))
    return lex


def textstat_lexicon_coverage(
    tokens: pl.DataFrame | None = None, *, extension: bool = False
) -> pl.DataFrame:
    """How much of each text VADER's lexicon scores.

    A token is *scored* when its normalised form is a lexicon entry (VADER also applies
    boosters, negation and punctuation rules, which are not entries). *Content words* are word
    tokens of kind ``word`` that are not in the suite's stop-word list.

    Args:
        tokens: word tokens from :func:`analysis.tokens.corpus_tokens` (default: primary texts).
        extension: count the domain extension's entries as scored too (except inside the
            proper names of :func:`proper_name_spans`, as in :func:`textstat_sentiment`).

    Returns:
        Per text: ``n_word_tokens``, ``n_scored``, ``share_scored``, ``n_content_words``,
        ``n_content_scored``, ``share_content_scored``.
    """
    toks = word_tokens(tokens)
    flagged = _with_flags(toks, _lexicon(extension))
    if extension:  # extension entries do not score inside proper names ("Genocide Watch")
        base = pl.col("norm").is_in(list(vader_lexicon()))
        flagged = flagged.with_columns(_in_name(toks)).with_columns(
            (pl.col("scored") & (base | ~pl.col("in_name"))).alias("scored")
        )
    cov = flagged.group_by("text_id").agg(
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
        (``word tokens`` / ``content words``) and ``share``.
    """
    frames = []
    for ext, name in ((False, "VADER"), (True, "VADER + extension")):
        cov = textstat_lexicon_coverage(tokens, extension=ext)
        measures = (("share_scored", "word tokens"), ("share_content_scored", "content words"))
        for col, measure in measures:
            frames.append(
                cov.select(
                    "text_id",
                    pl.lit(name).alias("lexicon"),
                    pl.lit(measure).alias("measure"),
                    pl.col(col).alias("share"),
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
    ext_words = set(domain_extension()["word"].to_list())
    counts = (
        flagged.filter(pl.col("content") & ~pl.col("scored"))
        .group_by("text_id", "norm")
        .agg(pl.len().alias("count"))
        .sort("text_id", pl.col("count"), "norm", descending=[False, True, False])
        .with_columns(pl.int_range(1, pl.len() + 1).over("text_id").alias("rank"))
        .filter(pl.col("rank") <= n)
        .rename({"norm": "word"})
        .with_columns(pl.col("word").is_in(list(ext_words)).alias("in_extension"))
    )
    return corpus.order_by_text(
        counts.select("text_id", "rank", "word", "count", "in_extension"), "rank"
    )


def lexicon_lookup(words: tuple[str, ...] | list[str] = KEY_TERMS) -> pl.DataFrame:
    """Whether (and with what valence) each word is in VADER, AFINN and the extension.

    Returns:
        ``word``, ``in_vader``, ``vader_valence``, ``in_afinn``, ``afinn_valence``,
        ``in_extension``, ``extension_valence`` (valences null where absent).
    """
    vader = vader_lexicon()
    afinn = afinn_lexicon()
    ext = dict(domain_extension().select("word", "valence").iter_rows())
    rows = [
        {
            "word": w,
            "in_vader": w in vader,
            "vader_valence": vader.get(w),
            "in_afinn": w in afinn,
            "afinn_valence": float(afinn[w]) if w in afinn else None,
            "in_extension": w in ext,
            "extension_valence": ext.get(w),
        }
        for w in words
    ]
    return pl.DataFrame(
        rows,
        schema={
            "word": pl.String,
            "in_vader": pl.Boolean,
            "vader_valence": pl.Float64,
            "in_afinn": pl.Boolean,
            "afinn_valence": pl.Float64,
            "in_extension": pl.Boolean,
            "extension_valence": pl.Float64,
        },
    )


# --- sensitivity ------------------------------------------------------------------------------


def sentiment_compare(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """Each sentence scored with VADER alone and with the domain extension.

    Returns:
        ``text_id``, ``sentence_id``, ``sentence_index``, ``compound_base``,
        ``compound_extended``, ``delta``, ``label_base``, ``label_extended``, ``text``.
    """
    sents = sentences_frame(sentences)
    base = textstat_sentiment(sents)
    ext = textstat_sentiment(sents, extension=True)
    joined = base.select(
        "text_id",
        "sentence_id",
        "sentence_index",
        "text",
        pl.col("compound").alias("compound_base"),
        pl.col("label").alias("label_base"),
    ).join(
        ext.select(
            "sentence_id",
            pl.col("compound").alias("compound_extended"),
            pl.col("label").alias("label_extended"),
        ),
        on="sentence_id",
        how="left",
    )
    joined = joined.with_columns(
        (pl.col("compound_extended") - pl.col("compound_base")).alias("delta")
    ).select(
        "text_id",
        "sentence_id",
        "sentence_index",
        "compound_base",
        "compound_extended",
        "delta",
        "label_base",
        "label_extended",
        "text",
    )
    return corpus.order_by_text(joined, "sentence_index")


def textstat_sentiment_sensitivity(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """How each text's VADER summary moves when the domain extension is switched on.

    Returns:
        Per text: ``n_sentences``, ``mean_base``, ``mean_extended``, ``delta_mean``,
        ``median_base``, ``median_extended``, ``share_negative_base``,
        ``share_negative_extended``, ``n_sentences_changed`` (compound differs) and
        ``n_labels_changed``.
    """
    cmp = sentiment_compare(sentences)
    out = cmp.group_by("text_id").agg(
        pl.len().alias("n_sentences"),
        pl.col("compound_base").mean().alias("mean_base"),
        pl.col("compound_extended").mean().alias("mean_extended"),
        pl.col("compound_base").median().alias("median_base"),
        pl.col("compound_extended").median().alias("median_extended"),
        (pl.col("label_base") == "negative").mean().alias("share_negative_base"),
        (pl.col("label_extended") == "negative").mean().alias("share_negative_extended"),
        (pl.col("delta").abs() > 0).sum().alias("n_sentences_changed"),
        (pl.col("label_base") != pl.col("label_extended")).sum().alias("n_labels_changed"),
    )
    out = out.with_columns((pl.col("mean_extended") - pl.col("mean_base")).alias("delta_mean"))
    cols = [
        "text_id",
        "n_sentences",
        "mean_base",
        "mean_extended",
        "delta_mean",
        "median_base",
        "median_extended",
        "share_negative_base",
        "share_negative_extended",
        "n_sentences_changed",
        "n_labels_changed",
    ]
    return corpus.order_by_text(out.select(cols))


# --- AFINN and agreement ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def afinn_scorer():
    """The ``afinn`` package's English scorer (word list ``AFINN-en-165``, no emoticons)."""
    from afinn import Afinn

    return Afinn(language="en")


def afinn_lexicon() -> dict[str, int]:
    """AFINN-en-165 as a dict (entry -> integer valence on -5..+5)."""
    return dict(afinn_scorer()._dict)


def textstat_afinn(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """AFINN score per sentence: the sum of the valences of the entries it contains.

    Returns:
        ``text_id``, ``sentence_id``, ``sentence_index``, ``afinn`` (sum), ``n_afinn_hits``,
        ``afinn_label`` (sign of the sum: positive / neutral / negative).
    """
    scorer = afinn_scorer()
    rows = []
    for s in sentences_frame(sentences).iter_rows(named=True):
        hits = scorer.scores(s["text"])
        total = float(sum(hits))
        rows.append(
            {
                "text_id": s["text_id"],
                "sentence_id": s["sentence_id"],
                "sentence_index": s["sentence_index"],
                "afinn": total,
                "n_afinn_hits": len(hits),
                "afinn_label": "positive" if total > 0 else "negative" if total < 0 else "neutral",
            }
        )
    return corpus.order_by_text(pl.DataFrame(rows), "sentence_index")


def rank_average(values: list[float]) -> list[float]:
    """Ranks from 1, ties given the mean of the ranks they span (as Spearman's rho needs)."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    ranks = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        mean_rank = (i + j) / 2 + 1
        for k in range(i, j + 1):
            ranks[order[k]] = mean_rank
        i = j + 1
    return ranks


def pearson(x: list[float], y: list[float]) -> float:
    """Pearson's r = cov(x, y) / (sd(x) sd(y)); NaN when either is constant or n < 2."""
    if len(x) != len(y):
        raise DiscourseError(f"pearson: lengths differ ({len(x)} and {len(y)}).")
    n = len(x)
    if n < 2:
        return math.nan
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    if sxx == 0 or syy == 0:
        return math.nan
    return sxy / math.sqrt(sxx * syy)


def spearman(x: list[float], y: list[float]) -> float:
    """Spearman's rho: Pearson's r of the average ranks (correct with ties)."""
    return pearson(rank_average(list(x)), rank_average(list(y)))


def textstat_method_agreement(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """Sentence-level agreement of VADER compound with the AFINN sum, per text and overall.

    Returns:
        ``text_id`` (``all`` for the pooled row, last), ``n_sentences``, ``pearson``,
        ``spearman``, ``label_agreement`` (share of sentences where VADER's label equals the
        sign of the AFINN sum).
    """
    sents = sentences_frame(sentences)
    joined = textstat_sentiment(sents).join(
        textstat_afinn(sents).select("sentence_id", "afinn", "afinn_label"), on="sentence_id"
    )
    rows = []
    groups = [(t, joined.filter(pl.col("text_id") == t)) for t in corpus.text_ids()]
    for text_id, g in [*groups, ("all", joined)]:
        if g.height == 0:
            continue
        x, y = g["compound"].to_list(), g["afinn"].to_list()
        rows.append(
            {
                "text_id": text_id,
                "n_sentences": g.height,
                "pearson": pearson(x, y),
                "spearman": spearman(x, y),
                "label_agreement": (g["label"] == g["afinn_label"]).mean(),
            }
        )
    return pl.DataFrame(rows)


def sentiment_method_scores(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """VADER compound and AFINN sum side by side per sentence (for the scatter in notebook 04)."""
    sents = sentences_frame(sentences)
    joined = textstat_sentiment(sents).join(
        textstat_afinn(sents).select("sentence_id", "afinn", "n_afinn_hits", "afinn_label"),
        on="sentence_id",
    )
    return corpus.order_by_text(joined, "sentence_index")


def key_term_counts() -> pl.DataFrame:
    """Occurrences of the :data:`KEY_TERMS` labels per primary text, zeros included.

    Counted with the event-labels lexicon's conventions (:func:`analysis.terminology.
    textstat_terms` at label level): every form of a label counts (``occup*``: "occupation",
    "occupied", "occupying"; ``blockade*`` and "blocked"; ``massacre*``; ``genocid*``), and
    proper names that contain a label ("Genocide Watch", "Genocide Convention") do not.

    Returns:
        ``text_id``, ``word`` (the label), ``count``, in text order then :data:`KEY_TERMS` order.
    """
    terms = terminology.textstat_terms("event-labels", level="concept")
    counts = {(r["text_id"], r["concept"]): r["n"] for r in terms.iter_rows(named=True)}
    rows = [
        {"text_id": t, "word": w, "count": counts.get((t, w), 0)}
        for t in corpus.text_ids()
        for w in KEY_TERMS
    ]
    return pl.DataFrame(rows, schema={"text_id": pl.String, "word": pl.String, "count": pl.Int64})


def key_term_surface_counts(tokens: pl.DataFrame | None = None) -> pl.DataFrame:
    """Word tokens equal to each :data:`KEY_TERMS` word per text, names included.

    This is what VADER and the domain extension see (single tokens, whatever phrase they
    stand in), for comparison with the label counts of :func:`key_term_counts`.

    Returns:
        ``text_id``, ``word``, ``count``, ``in_name`` (of those, inside a proper name).
    """
    toks = word_tokens(tokens)
    toks = toks.with_columns(_in_name(toks)).filter(pl.col("norm").is_in(list(KEY_TERMS)))
    rows = []
    for t in corpus.text_ids():
        for w in KEY_TERMS:
            hit = toks.filter((pl.col("text_id") == t) & (pl.col("norm") == w))
            rows.append(
                {"text_id": t, "word": w, "count": hit.height, "in_name": int(hit["in_name"].sum())}
            )
    return pl.DataFrame(rows)
