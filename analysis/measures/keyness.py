"""Keyness (which words set a text apart) and document similarity, as defined in docs/METHODS.md.

This module assembles the keyness table; the per-term statistics live in
:mod:`analysis.measures.keyness_stats`. For one term, a target text T and a reference R (by
default every other text, pooled): a = count in T, b = count in R, c = word tokens in T,
d = word tokens in R.

- **G2** (log-likelihood, Dunning 1993), the *four-cell* form: 2·Σ O·ln(O/E) over the cells
  a, b, c−a, d−b of the 2×2 table, with E from the margins. Cells with O = 0 contribute 0.
  Signed: positive when a/c > b/d (over-used in T), negative when under-used. p is the upper
  tail of χ² with 1 degree of freedom. Rayson's online calculator and Rayson & Garside (2000)
  use the *two-term* form over a and b only (:func:`g2_two_term`, kept for comparison, never
  used in results); it differs slightly. quanteda's "lr" applies Williams's correction by
  default; this G2 is uncorrected.
- **Fisher's exact p** (two-sided), **χ²** without and with Yates's correction (quanteda's
  "chi2" is the Yates form), the smallest **expected count** and a ``low_expected`` flag
  (any expected cell < 5: read ``p_fisher`` there, not the χ²-approximated p): scipy.
- **q**: Benjamini–Hochberg adjusted ``p_fisher`` (:data:`Q_ADJUSTS`) over every term of one
  target-against-reference comparison (:func:`analysis.stats.bh_adjust`). Every statement
  counting "terms that reach ..." uses q < :data:`ALPHA` (:func:`keyness_significant`).
- **Log Ratio** (Hardie 2014): log2((a/c)/(b/d)); a zero count is replaced by 0.5
  (the corpus sizes are not changed). +1 means twice as frequent in T. Its 95% interval
  (``log_ratio_low``, ``log_ratio_high``) is the exact conditional interval of the rate ratio
  (R's ``poisson.test``), unbounded above when b = 0 and below when a = 0.
- **%DIFF** (Gabrielatos & Marchi 2012): (NF_T − NF_R)·100/NF_R on frequencies per million,
  a zero reference frequency replaced by 1e−18 as they do.
- **Weighted log-odds with an informative Dirichlet prior** (Monroe, Colaresi & Quinn 2008),
  the two-group variant: **T against the rest of the corpus** (R, which excludes T):
  δ = ln[(a+α_w)/(c+α0−a−α_w)] − ln[(b+α_w)/(d+α0−b−α_w)], σ² ≈ 1/(a+α_w) + 1/(b+α_w),
  z = δ/σ. Default prior: the pooled counts a + b of T and R scaled so that Σα_w = α0
  (:data:`DEFAULT_ALPHA0` = 500); the prior is a parameter and is printed with every result.
  tidylo's ``bind_log_odds`` uses another variant (each set against all sets pooled, itself
  included, with the unscaled pooled counts as prior): :func:`textstat_log_odds_tidylo`.

Terms are normalised word tokens (``norm`` of tokens with ``is_word``); by default the suite's
stop-word list is removed first (*choice*, so that content words are compared; set
``drop_stopwords=False`` for the full vocabulary).

Every function takes the token frame it counts (``toks``; default: the primary texts of the
corpus in force, :func:`analysis.tokens.corpus_tokens`). The texts compared are the ``text_id``
values of that frame, in display order (:func:`analysis.corpus.order_by_text`; ids the manifest
does not list follow in order of first appearance), so any number of texts is handled alike.
"""

from __future__ import annotations

import itertools
import math

import polars as pl

from analysis import corpus, resources, tokens
from analysis.io import DiscourseError
from analysis.measures import names
from analysis.measures.keyness_stats import (  # noqa: F401 - the statistics, re-exported
    DEFAULT_ALPHA0,
    G2_VARIANT,
    LOG_RATIO_INTERVAL,
    LOG_RATIO_ZERO,
    LOW_EXPECTED,
    PCT_DIFF_ZERO,
    chi2,
    expected_min,
    fisher_p,
    format_log2_interval,
    format_p,
    format_pct_diff,
    g2,
    g2_two_term,
    keyness_significant,
    keyness_table,
    log_ratio,
    log_ratio_interval,
    p_chi2_1df,
    pct_diff,
    table_stats,
    weighted_log_odds,
)
from analysis.measures.keyness_tidylo import textstat_log_odds_tidylo  # noqa: F401 - re-exported
from analysis.prose import number_word
from analysis.stats import bh_adjust

#: Which p the Benjamini–Hochberg ``q`` adjusts (Fisher's exact p: valid for small counts).
Q_ADJUSTS = "p_fisher"
#: The significance level every "n terms reach ..." statement uses, on ``q``.
ALPHA = 0.05
Q_DESCRIPTION = (
    "q: Benjamini–Hochberg adjusted Fisher's exact p, over all terms of one text-against-"
    "reference comparison"
)


# --- term counts ----------------------------------------------------------------------------


def tokens_terms(*, drop_stopwords: bool = True, toks: pl.DataFrame | None = None) -> pl.DataFrame:
    """Word-token terms of the primary texts: ``text_id, norm``, stop words optionally removed.

    The stop-word filter never changes the token totals used as c and d (see
    :func:`keyness_counts`): rates stay per word token of the whole text.
    """
    toks = toks if toks is not None else tokens.corpus_tokens(words_only=True)
    toks = names.tokens_outside_names(toks)  # words inside names are not terms (NAME_RULE)
    # the two columns first: filtering the whole token table would copy every column
    toks = toks.select("text_id", "norm", "is_word").filter(pl.col("is_word"))
    if drop_stopwords:
        toks = toks.filter(~pl.col("norm").is_in(sorted(resources.stopwords())))
    return toks.select("text_id", "norm")


def word_token_counts(toks: pl.DataFrame | None = None, *, by: str = "text_id") -> pl.DataFrame:
    """Word tokens (``is_word``) per group: the denominators of every rate (docs/METHODS.md).

    Args:
        toks: a token frame with ``is_word`` and the ``by`` column (default: the word tokens
            of the primary texts of the corpus in force, :func:`analysis.tokens.corpus_tokens`).
        by: the grouping column (``"text_id"``; :mod:`analysis.terminology` uses ``"unit"``).

    Returns:
        ``<by>, n_words`` (Int64), one row per group that has tokens, in order of first
        appearance; a group whose tokens are all punctuation has ``n_words`` 0.
    """
    toks = toks if toks is not None else tokens.corpus_tokens(words_only=True)
    return toks.group_by(by, maintain_order=True).agg(
        pl.col("is_word").cast(pl.Int64).sum().alias("n_words")
    )


def _tokens(toks: pl.DataFrame | None) -> pl.DataFrame:
    return tokens.corpus_tokens(words_only=True) if toks is None else toks


def _reference(target: str, reference: list[str] | None, texts: list[str]) -> list[str]:
    if target not in texts:
        raise DiscourseError(f"unknown target text {target!r}; use one of {texts}.")
    reference = [t for t in texts if t != target] if reference is None else list(reference)
    if target in reference or not reference or any(r not in texts for r in reference):
        raise DiscourseError(
            f"reference {reference!r} must be other primary texts than {target!r} (texts: {texts})."
        )
    return reference


def keyness_counts(
    target: str,
    reference: list[str] | None = None,
    *,
    drop_stopwords: bool = True,
    toks: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The 2×2 inputs per term: ``term, a, b, c, d`` for target vs reference texts.

    Args:
        target: a text id of ``toks``.
        reference: text ids pooled as the reference (default: every other text of ``toks``).
        drop_stopwords: drop stop-word terms (c and d remain all word tokens).
        toks: the token frame (default: the primary texts of the corpus in force).
    """
    toks = _tokens(toks)
    reference = _reference(target, reference, corpus.texts_in(toks))
    sizes = dict(word_token_counts(toks).iter_rows())
    c, d = sizes[target], sum(sizes[r] for r in reference)
    terms = tokens_terms(drop_stopwords=drop_stopwords, toks=toks).filter(
        pl.col("text_id").is_in([target, *reference])
    )
    counts = terms.group_by("norm").agg(
        (pl.col("text_id") == target).sum().cast(pl.Int64).alias("a"),
        (pl.col("text_id") != target).sum().cast(pl.Int64).alias("b"),
    )
    return (
        counts.rename({"norm": "term"})
        .with_columns(pl.lit(c, dtype=pl.Int64).alias("c"), pl.lit(d, dtype=pl.Int64).alias("d"))
        .sort("term")
    )


def keyness_prior(counts: pl.DataFrame, *, alpha0: float = DEFAULT_ALPHA0) -> pl.DataFrame:
    """The default informative prior: pooled counts a+b scaled to sum to ``alpha0``.

    Returns:
        ``counts`` with ``alpha_w`` (and ``alpha0``) columns added.
    """
    if alpha0 <= 0:
        raise DiscourseError(f"alpha0 must be positive, not {alpha0}.")
    total = (counts["a"] + counts["b"]).sum()
    return counts.with_columns(
        (alpha0 * (pl.col("a") + pl.col("b")) / total).alias("alpha_w"),
        pl.lit(float(alpha0)).alias("alpha0"),
    )


def prior_description(alpha0: float = DEFAULT_ALPHA0) -> str:
    """The default prior in words, printed with every keyness result."""
    return (
        f"informative Dirichlet prior: pooled counts of target and reference, "
        f"scaled to alpha0 = {alpha0:g}"
    )


def textstat_keyness(
    target: str,
    reference: list[str] | None = None,
    *,
    alpha0: float = DEFAULT_ALPHA0,
    prior: pl.DataFrame | None = None,
    drop_stopwords: bool = True,
    toks: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Keyness of every term of a target text against a reference (default: all the others).

    Args:
        target: any text id of ``toks``.
        reference: text ids pooled as reference (default: every other text, in display order).
        alpha0: total prior count for the default prior.
        prior: optional frame ``term, alpha_w`` with explicit prior counts (e.g. from a
            background corpus); every compared term needs a positive ``alpha_w``.
        drop_stopwords: remove stop-word terms first (the totals c, d are unchanged).
        toks: the token frame (default: the primary texts of the corpus in force).

    Returns:
        One row per term: ``target, reference`` (reference ids joined by ``+``), ``term, a, b,
        c, d, rate_t, rate_r`` (per 1,000 word tokens), ``g2`` (signed four-cell), ``p`` (of
        G2), ``chi2, chi2_yates`` (signed), ``p_fisher``, ``q`` (BH-adjusted ``p_fisher``
        over the terms of this comparison), ``expected_min, low_expected``, ``log_ratio,
        log_ratio_low, log_ratio_high``, ``pct_diff``, ``alpha_w, alpha0, delta, z``,
        ``key_in`` (the target id when over-used there, else ``"reference"``), ``prior`` (its
        description). Sorted by signed G2, highest first, then term.
    """
    toks = _tokens(toks)
    ref_ids = _reference(target, reference, corpus.texts_in(toks))
    counts = keyness_counts(target, ref_ids, drop_stopwords=drop_stopwords, toks=toks)
    if prior is None:
        counts = keyness_prior(counts, alpha0=alpha0)
        description = prior_description(alpha0)
    else:
        counts = counts.join(
            prior.select("term", "alpha_w"), on="term", how="left", maintain_order="left"
        )
        missing = counts.filter(pl.col("alpha_w").is_null() | (pl.col("alpha_w") <= 0))
        if missing.height:
            raise DiscourseError(
                f"prior lacks a positive alpha_w for {missing.height} term(s), e.g. "
                f"{missing['term'][0]!r}; smooth the background counts before passing them."
            )
        alpha0 = float(prior["alpha_w"].sum())
        counts = counts.with_columns(pl.lit(alpha0).alias("alpha0"))
        description = f"informative Dirichlet prior supplied by caller, alpha0 = {alpha0:g}"
    rows = []
    for r in counts.iter_rows(named=True):
        a, b, c, d = r["a"], r["b"], r["c"], r["d"]
        g = g2(a, b, c, d)
        delta, _, z = weighted_log_odds(a, b, c, d, r["alpha_w"], alpha0)
        rows.append(
            {
                "term": r["term"],
                "g2": g,
                "p": p_chi2_1df(g),
                "log_ratio": log_ratio(a, b, c, d),
                "delta": delta,
                "z": z,
            }
        )
    stats = pl.DataFrame(
        rows,
        schema={
            "term": pl.String,
            "g2": pl.Float64,
            "p": pl.Float64,
            "log_ratio": pl.Float64,
            "delta": pl.Float64,
            "z": pl.Float64,
        },
    )
    out = table_stats(counts)
    out = out.join(stats, on="term", how="left", maintain_order="left").with_columns(
        pl.Series("q", bh_adjust(out[Q_ADJUSTS].to_list()), dtype=pl.Float64),
        pl.lit(target).alias("target"),
        pl.lit("+".join(ref_ids)).alias("reference"),
        (1000 * pl.col("a") / pl.col("c")).alias("rate_t"),
        (1000 * pl.col("b") / pl.col("d")).alias("rate_r"),
        pl.when(pl.col("a") / pl.col("c") > pl.col("b") / pl.col("d"))
        .then(pl.lit(target))
        .otherwise(pl.lit("reference"))
        .alias("key_in"),
        pl.lit(description).alias("prior"),
    )
    out = out.select(*KEYNESS_COLUMNS)
    return out.sort(["g2", "term"], descending=[True, False])


#: The columns of :func:`textstat_keyness`, in order.
KEYNESS_COLUMNS = (
    "target",
    "reference",
    "term",
    "a",
    "b",
    "c",
    "d",
    "rate_t",
    "rate_r",
    "g2",
    "p",
    "chi2",
    "chi2_yates",
    "p_fisher",
    "q",
    "expected_min",
    "low_expected",
    "log_ratio",
    "log_ratio_low",
    "log_ratio_high",
    "pct_diff",
    "alpha_w",
    "alpha0",
    "delta",
    "z",
    "key_in",
    "prior",
)


def textstat_keyness_all(*, toks: pl.DataFrame | None = None, **kwargs) -> pl.DataFrame:
    """:func:`textstat_keyness` for every text of ``toks`` against all the others, stacked.

    Needs at least two texts (a single text has no reference).
    """
    toks = _tokens(toks)
    texts = corpus.texts_in(toks)
    if len(texts) < 2:
        raise DiscourseError(f"keyness needs at least two texts; the tokens hold {texts}.")
    return pl.concat([textstat_keyness(t, toks=toks, **kwargs) for t in texts])


def keyness_top(keyness: pl.DataFrame, n: int = 10, *, by: str = "g2") -> pl.DataFrame:
    """The ``n`` strongest terms in each direction (over-used in the target, in the reference).

    Ties are broken by term, so the selection is deterministic.
    """
    pos = keyness.filter(pl.col(by) > 0).sort([by, "term"], descending=[True, False]).head(n)
    neg = keyness.filter(pl.col(by) < 0).sort([by, "term"], descending=[False, False]).head(n)
    return pl.concat([pos, neg])


# --- similarity and shared vocabulary -----------------------------------------------------


def textstat_term_vectors(
    *, drop_stopwords: bool = True, toks: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Term vectors per text: ``text_id, term, n, rel_freq`` (share of the text's kept terms)."""
    terms = tokens_terms(drop_stopwords=drop_stopwords, toks=_tokens(toks))
    counts = terms.group_by("text_id", "norm").agg(pl.len().cast(pl.Int64).alias("n"))
    counts = counts.rename({"norm": "term"}).with_columns(
        (pl.col("n") / pl.col("n").sum().over("text_id")).alias("rel_freq")
    )
    return corpus.order_by_text(counts, "term")


def cosine(u: dict[str, float], v: dict[str, float]) -> float:
    """Cosine of two sparse vectors given as ``{term: weight}``."""
    dot = sum(w * v.get(t, 0.0) for t, w in u.items())
    nu = math.sqrt(sum(w * w for w in u.values()))
    nv = math.sqrt(sum(w * w for w in v.values()))
    if nu == 0 or nv == 0:
        raise DiscourseError("cosine of an empty vector is undefined.")
    return dot / (nu * nv)


def textstat_similarity(
    *, drop_stopwords: bool = True, weight: str = "rel_freq", toks: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Cosine similarity of every pair of texts (N × N: both orders, and each with itself).

    Args:
        drop_stopwords: build the vectors from content words only (default).
        weight: ``"rel_freq"`` (relative frequency; cosine is scale-free, so counts give the
            same value) or ``"binary"`` (presence of a term).
        toks: the token frame (default: the primary texts of the corpus in force).

    Returns:
        ``text_a, text_b, cosine, shared_types`` (terms used by both), texts in display
        order; ``cosine`` is null for a text with no terms left (undefined, not 0).
    """
    if weight not in ("rel_freq", "binary"):
        raise DiscourseError(f"weight must be 'rel_freq' or 'binary', not {weight!r}.")
    toks = _tokens(toks)
    texts = corpus.texts_in(toks)
    vec = textstat_term_vectors(drop_stopwords=drop_stopwords, toks=toks)
    vectors = {
        t: dict(
            vec.filter(pl.col("text_id") == t)
            .select("term", pl.col("rel_freq") if weight == "rel_freq" else pl.lit(1.0))
            .iter_rows()
        )
        for t in texts
    }
    rows = []
    for ta in texts:
        for tb in texts:
            empty = not vectors[ta] or not vectors[tb]
            rows.append(
                {
                    "text_a": ta,
                    "text_b": tb,
                    "cosine": None if empty else cosine(vectors[ta], vectors[tb]),
                    "shared_types": len(set(vectors[ta]) & set(vectors[tb])),
                }
            )
    schema = {
        "text_a": pl.String,
        "text_b": pl.String,
        "cosine": pl.Float64,
        "shared_types": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema)


def all_texts_label(n: int) -> str:
    """The ``used_by`` label of a term every one of ``n`` texts uses: ``"all three"``, ``"both"``."""
    return "both" if n == 2 else f"all {number_word(n)}"


def textstat_vocabulary(
    *, drop_stopwords: bool = True, toks: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Each term with its count per text and which texts use it (shared vs distinctive).

    Returns:
        ``term``, one ``n_<text_id>`` column per text (display order), ``n_texts, used_by``
        (e.g. ``"a + b"``, or :func:`all_texts_label` such as ``"all three"`` when every text
        uses it), sorted by total count (descending), then term.
    """
    toks = _tokens(toks)
    names = corpus.texts_in(toks)
    vec = textstat_term_vectors(drop_stopwords=drop_stopwords, toks=toks)
    wide = vec.pivot(on="text_id", index="term", values="n").fill_null(0)
    for t in names:
        if t not in wide.columns:
            wide = wide.with_columns(pl.lit(0, dtype=pl.Int64).alias(t))
    wide = wide.with_columns(
        pl.sum_horizontal([(pl.col(t) > 0).cast(pl.Int64) for t in names]).alias("n_texts"),
        pl.concat_str(
            [pl.when(pl.col(t) > 0).then(pl.lit(t)) for t in names],
            separator=" + ",
            ignore_nulls=True,
        ).alias("used_by"),
        pl.sum_horizontal(names).alias("_total"),
    ).with_columns(
        pl.when((pl.col("n_texts") == len(names)) & pl.lit(len(names) > 1))
        .then(pl.lit(all_texts_label(len(names))))
        .otherwise(pl.col("used_by"))
        .alias("used_by")
    )
    wide = wide.rename({t: f"n_{t}" for t in names})
    return wide.sort(["_total", "term"], descending=[True, False]).select(
        "term", *[f"n_{t}" for t in names], "n_texts", "used_by"
    )


#: Up to this many texts the summary lists every sharing pattern (2^N − 1 rows, 15 for four);
#: beyond it, only the patterns that occur (plus each text alone and all texts together).
VOCABULARY_ALL_PATTERNS = 4


def textstat_vocabulary_summary(
    *, drop_stopwords: bool = True, examples: int = 8, toks: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Number of term types per sharing pattern, with the most frequent examples.

    Returns:
        ``used_by, n_types, share`` (of all types) and ``examples`` (comma-separated), one row
        per pattern: each text alone, then texts shared by two, by three … (in display order),
        then all texts. With more than :data:`VOCABULARY_ALL_PATTERNS` texts the intermediate
        patterns are listed only where they occur.
    """
    toks = _tokens(toks)
    vocab = textstat_vocabulary(drop_stopwords=drop_stopwords, toks=toks)
    names = corpus.texts_in(toks)
    seen = set(vocab["used_by"].to_list())
    order = list(names)
    for size in range(2, len(names)):
        for combo in itertools.combinations(names, size):
            label = " + ".join(combo)
            if len(names) <= VOCABULARY_ALL_PATTERNS or label in seen:
                order.append(label)
    if len(names) > 1:
        order.append(all_texts_label(len(names)))
    groups = vocab.group_by("used_by", maintain_order=True).agg(
        pl.len().cast(pl.Int64).alias("n_types"),
        pl.col("term").head(examples).str.join(", ").alias("examples"),
    )
    grid = pl.DataFrame({"used_by": order})
    # the grid fixes the row order (each text, each pair, …, all): keep it through the join
    out = grid.join(groups, on="used_by", how="left", maintain_order="left").with_columns(
        pl.col("n_types").fill_null(0), pl.col("examples").fill_null("")
    )
    return out.with_columns((pl.col("n_types") / pl.col("n_types").sum()).alias("share")).select(
        "used_by", "n_types", "share", "examples"
    )
