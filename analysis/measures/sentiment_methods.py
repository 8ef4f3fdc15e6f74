"""Sentiment robustness: sensitivity to the domain extension, AFINN, agreement, key labels.

The checks on :mod:`analysis.measures.sentiment`'s VADER scores, for every text in the frames
given (default: the corpus in force), however many:

- **Sensitivity** (:func:`sentiment_compare`, :func:`textstat_sentiment_sensitivity`): each
  sentence scored with VADER alone and with the opt-in domain extension, and how each text's
  summary moves.
- **Second method**: AFINN (Nielsen 2011; word list ``AFINN-en-165`` from the ``afinn``
  package), a plain sum of word valences on -5..+5 (:func:`textstat_afinn`), compared with
  VADER sentence by sentence (:func:`textstat_method_agreement`: Pearson and Spearman
  correlation, label agreement, with 95% intervals), per text and pooled. Licence:
  :data:`AFINN_LICENCE`; the derived scores carry :data:`AFINN_NOTICE`.
- **Key labels** (:data:`KEY_TERMS`): whether each lexicon holds them
  (:func:`lexicon_lookup`), and how often each text uses them, as labels
  (:func:`key_term_counts`) and as bare tokens (:func:`key_term_surface_counts`).

Every name here is also reachable as ``analysis.measures.sentiment.<name>``.
"""

from __future__ import annotations

import math
from functools import lru_cache

import polars as pl
from scipy import stats as sps

from analysis import corpus, stats
from analysis.io import DiscourseError
from analysis.measures import terminology
from analysis.measures.sentiment import (
    _in_name,
    domain_extension,
    match_forms,
    proper_name_spans,
    textstat_sentiment,
    vader_lexicon,
)
from analysis.measures.style import (
    sentences_frame,
    tokens_frame,
    word_tokens,
)

#: Key labels of this corpus whose absence from VADER's lexicon is checked and reported; they
#: are counted as labels of ``data/lexicons/event-labels.csv`` (:func:`key_term_counts`).
KEY_TERMS = ("genocide", "massacre", "blockade", "occupation")
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


# --- lexicons ---------------------------------------------------------------------------------


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
    return corpus.order_by_text(joined, "sentence_index", order=corpus.texts_in(sents))


def textstat_sentiment_sensitivity(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """How each text's VADER summary moves when the domain extension is switched on.

    Returns:
        Per text: ``n_sentences``, ``mean_base``, ``mean_extended``, ``delta_mean``,
        ``median_base``, ``median_extended``, ``share_negative_base``,
        ``share_negative_extended``, ``n_sentences_changed`` (compound differs),
        ``n_labels_changed``, then the 95% interval of each mean and share and of
        ``delta_mean`` (a paired interval: sentences resampled once), as ``<column>_ci_low``
        and ``<column>_ci_high`` (:data:`SENSITIVITY_CI_COLUMNS`; percentile bootstrap over
        sentences, :mod:`analysis.measures.sentiment_intervals`).
    """
    cmp = sentiment_compare(sentences)
    out = cmp.group_by("text_id", maintain_order=True).agg(
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
    out = out.join(_sensitivity_ci_columns(cmp), on="text_id", how="left", maintain_order="left")
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
        *SENSITIVITY_CI_COLUMNS,
    ]
    return corpus.order_by_text(out.select(cols))


#: The interval columns of :func:`textstat_sentiment_sensitivity`: (column prefix, measure,
#: lexicon) as :func:`analysis.measures.sentiment_intervals.textstat_sensitivity_intervals`
#: names them.
_SENSITIVITY_CI = (
    ("mean_base", "Mean compound", "VADER"),
    ("mean_extended", "Mean compound", "VADER + extension"),
    ("delta_mean", "Mean compound", "change"),
    ("share_negative_base", "Share of negative sentences", "VADER"),
    ("share_negative_extended", "Share of negative sentences", "VADER + extension"),
)
SENSITIVITY_CI_COLUMNS = tuple(
    f"{prefix}_{end}" for prefix, *_ in _SENSITIVITY_CI for end in ("ci_low", "ci_high")
)


def _sensitivity_ci_columns(cmp: pl.DataFrame) -> pl.DataFrame:
    """Per text, the 95% interval of each compared summary as ``<column>_ci_low/high``."""
    from analysis.measures.sentiment_intervals import textstat_sensitivity_intervals

    long = textstat_sensitivity_intervals(cmp)
    out = pl.DataFrame({"text_id": long["text_id"].unique(maintain_order=True)})
    for prefix, measure, lexicon in _SENSITIVITY_CI:
        part = long.filter((pl.col("measure") == measure) & (pl.col("lexicon") == lexicon))
        out = out.join(
            part.select(
                "text_id",
                pl.col("ci_low").alias(f"{prefix}_ci_low"),
                pl.col("ci_high").alias(f"{prefix}_ci_high"),
            ),
            on="text_id",
            how="left",
            maintain_order="left",
        )
    return out


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
    sents = sentences_frame(sentences)
    for s in sents.iter_rows(named=True):
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
    schema = {"text_id": pl.String, "sentence_id": pl.String, "sentence_index": pl.Int64}
    schema |= {"afinn": pl.Float64, "n_afinn_hits": pl.Int64, "afinn_label": pl.String}
    return corpus.order_by_text(
        pl.DataFrame(rows, schema=schema), "sentence_index", order=corpus.texts_in(sents)
    )


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

    Args:
        sentences: from :func:`analysis.tokens.corpus_sentences` (default: the compared texts).

    Returns:
        One row per text in the sentences, in display order, then the pooled row:
        ``text_id`` (``all`` for the pooled row), ``n_sentences``, ``pearson`` with its 95%
        interval (``pearson_ci_low``, ``pearson_ci_high``: Fisher z, :func:`pearson_interval`),
        ``spearman``, ``label_agreement`` (share of sentences where VADER's label equals the
        sign of the AFINN sum) with its 95% interval (``label_agreement_ci_low``,
        ``label_agreement_ci_high``: percentile bootstrap over sentences,
        :func:`analysis.stats.bootstrap_ci`).
    """
    sents = sentences_frame(sentences)
    joined = textstat_sentiment(sents).join(
        textstat_afinn(sents).select("sentence_id", "afinn", "afinn_label"), on="sentence_id"
    )
    rows = []
    groups = [(t, joined.filter(pl.col("text_id") == t)) for t in corpus.texts_in(sents)]
    for text_id, g in [*groups, ("all", joined)]:
        if g.height == 0:
            continue
        x, y = g["compound"].to_list(), g["afinn"].to_list()
        r = pearson(x, y)
        r_low, r_high = pearson_interval(x, y)
        same = (g["label"] == g["afinn_label"]).cast(pl.Float64).to_numpy()
        a_low, a_high = stats.bootstrap_ci(same)
        rows.append(
            {
                "text_id": text_id,
                "n_sentences": g.height,
                "pearson": r,
                "pearson_ci_low": r_low,
                "pearson_ci_high": r_high,
                "spearman": spearman(x, y),
                "label_agreement": float(same.mean()),
                "label_agreement_ci_low": a_low,
                "label_agreement_ci_high": a_high,
            }
        )
    schema = {"text_id": pl.String, "n_sentences": pl.Int64}
    schema |= {c: pl.Float64 for c in ("pearson", "pearson_ci_low", "pearson_ci_high")}
    schema |= {"spearman": pl.Float64, "label_agreement": pl.Float64}
    schema |= {"label_agreement_ci_low": pl.Float64, "label_agreement_ci_high": pl.Float64}
    return pl.DataFrame(rows, schema=schema)


def pearson_interval(x: list[float], y: list[float]) -> tuple[float, float]:
    """95% interval of Pearson's r by the Fisher z transformation (scipy ``pearsonr``'s
    ``confidence_interval``): tanh(atanh(r) ± 1.96 / sqrt(n - 3)).

    Returns:
        ``(low, high)``; NaN twice when r is undefined (a constant series) or n < 4.
    """
    if len(x) < 4 or math.isnan(pearson(x, y)):
        return (math.nan, math.nan)
    ci = sps.pearsonr(x, y).confidence_interval(confidence_level=stats.CONFIDENCE)
    return (float(ci.low), float(ci.high))


def sentiment_method_scores(sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """VADER compound and AFINN sum side by side per sentence (for the scatter in notebook 04)."""
    sents = sentences_frame(sentences)
    joined = textstat_sentiment(sents).join(
        textstat_afinn(sents).select("sentence_id", "afinn", "n_afinn_hits", "afinn_label"),
        on="sentence_id",
    )
    return corpus.order_by_text(joined, "sentence_index", order=corpus.texts_in(sents))


def key_term_counts(tokens: pl.DataFrame | None = None) -> pl.DataFrame:
    """Occurrences of the :data:`KEY_TERMS` labels per text, zeros included.

    Counted with the event-labels lexicon's conventions (as :func:`analysis.measures.
    terminology.textstat_terms` counts at label level): every form of a label counts
    (``occup*``: "occupation", "occupied", "occupying"; ``blockade*`` and "blocked";
    ``massacre*``; ``genocid*``), and proper names that contain a label ("Genocide Watch",
    "Genocide Convention") do not: every form, names included, is matched (:func:`analysis.
    measures.sentiment.match_forms`, so a name claims its tokens first), then names are dropped.

    Args:
        tokens: every token of the texts (default: :func:`analysis.tokens.corpus_tokens`).

    Returns:
        ``text_id``, ``word`` (the label), ``count``, in text order then :data:`KEY_TERMS` order.
    """
    toks = tokens_frame(tokens)
    found = match_forms(toks, terminology.lexicon_terms("event-labels")).filter(
        ~pl.col("category").is_in(list(terminology.NAME_CATEGORIES))
    )
    counts = {(t, c): n for t, c, n in found.group_by("text_id", "concept").len().iter_rows()}
    rows = [
        {"text_id": t, "word": w, "count": counts.get((t, w), 0)}
        for t in corpus.texts_in(toks)
        for w in KEY_TERMS
    ]
    return pl.DataFrame(rows, schema={"text_id": pl.String, "word": pl.String, "count": pl.Int64})


def key_term_surface_counts(tokens: pl.DataFrame | None = None) -> pl.DataFrame:
    """Word tokens equal to each :data:`KEY_TERMS` word per text, names included.

    This is what VADER and the domain extension see (single tokens, whatever phrase they
    stand in), for comparison with the label counts of :func:`key_term_counts`.

    Args:
        tokens: every token of the texts (default: :func:`analysis.tokens.corpus_tokens`).

    Returns:
        ``text_id``, ``word``, ``count``, ``in_name`` (of those, inside a proper name).
    """
    every = tokens_frame(tokens)
    toks = word_tokens(every)
    toks = toks.with_columns(_in_name(toks, proper_name_spans(every)))
    hits = toks.filter(pl.col("norm").is_in(list(KEY_TERMS)))
    rows = []
    for t in corpus.texts_in(toks):
        for w in KEY_TERMS:
            hit = hits.filter((pl.col("text_id") == t) & (pl.col("norm") == w))
            rows.append(
                {"text_id": t, "word": w, "count": hit.height, "in_name": int(hit["in_name"].sum())}
            )
    schema = {"text_id": pl.String, "word": pl.String, "count": pl.Int64, "in_name": pl.Int64}
    return pl.DataFrame(rows, schema=schema)
