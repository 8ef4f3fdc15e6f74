"""Window collocates of a node and n-gram clusters, per text.

**Collocates** (:func:`textstat_collocations`). The node is a word, a ``word*`` pattern or a
multi-word pattern, in the grammar of the lexicons (:func:`analysis.lexicons.match_patterns`:
normalised tokens, longest match first, matches inside one sentence); several patterns may
form one node (e.g. every variant of a referent). Around each node occurrence a window of
``span = (L, R)`` *word tokens* is taken: L words before its first token and R after its last.
Punctuation is not counted as a position (windows run over word tokens, as in #LancsBox and
AntConc). Windows stay **within the sentence** by default (*choice*: these texts are made of
headings, bullets and short numbered demands, and a window running into the next sentence
would pair words of different claims; ``cross_sentences=True`` lets them run on within the
text, as the corpus tools do by default). A collocate is the normalised form (``norm``) of a
word token inside a window; the node's own tokens are never collocates, and a token inside two
overlapping windows is counted once, so O11 never exceeds the collocate's frequency.

For one text (or other ``by`` group): O11 = co-occurrence frequency (collocate tokens inside
node windows), R1 = node occurrences, C1 = the collocate's frequency in the text, N = word
tokens in the text. The measures follow Brezina, McEnery & Wattam (2015), "Collocations in
context", *International Journal of Corpus Linguistics* 20(2), 139–173, as used by #LancsBox:

- expected frequency **E11 = R1·C1/N**, *not* span-adjusted (the formula of Brezina et al.
  2015 and of NLTK's bigram measures); ``span_adjusted=True`` uses E11 = R1·C1·W/N with
  W = L + R window slots per node occurrence instead, and the same convention runs through
  every measure that uses E11 or the 2×2 table (MI, MI3, t, LL; logDice uses none);
- **MI** = log2(O11/E11); **MI3** = log2(O11³/E11); **t-score** = (O11 − E11)/√O11;
- **LL** (log-likelihood, Dunning 1993) = 2·Σ Oij·ln(Oij/Eij) over the 2×2 table
  O11, O12 = R − O11, O21 = C1 − O11, O22 = N − R − C1 + O11 with R = R1 (or R1·W when
  span-adjusted) and Eij from the margins; a cell below 0 (possible when a collocate occurs
  more than once in one node's window, O11 > R1) is set to 0 and O·ln(O/E) is 0 at O = 0;
- **logDice** (Rychlý 2008, "A lexicographer-friendly association score") =
  14 + log2(2·O11/(R1 + C1)).

With ``span=(0, 1)``, ``cross_sentences=True`` and one text, ``freq``, MI, t and LL equal
NLTK's ``BigramAssocMeasures`` ``raw_freq·N``, ``pmi``, ``student_t`` and
``likelihood_ratio`` (tests/unit/test_collocations.py); they differ only where the node's word
follows itself (NLTK counts the bigram, here the node's own tokens are never collocates).

**Clusters** (:func:`textstat_clusters`): word n-grams (n = 2–4) of normalised word tokens
within a sentence (punctuation skipped, as the corpus tools' cluster lists do), with counts
and rates per 1,000 word tokens of the text.

**Stop words** are kept by default (*choice*: function words are part of what a collocation
or cluster shows, e.g. "of the", "to the people"); ``drop_stopwords=True`` removes the suite's
list (:func:`analysis.resources.stopwords`) from the collocates or clusters listed, never from
N, the windows or the rates.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import polars as pl

from analysis import corpus, lexicons, resources, tokens
from analysis.io import DiscourseError

MEASURES = ("freq", "mi", "mi3", "t", "ll", "log_dice")
#: Human-readable names of the measures (chart axes and notebook tables).
MEASURE_TITLES = {
    "freq": "co-occurrence frequency",
    "mi": "MI",
    "mi3": "MI3",
    "t": "t-score",
    "ll": "log-likelihood",
    "log_dice": "logDice",
}

_COLUMNS = ("node", "collocate", "freq", "f_node", "f_collocate", "n_words", "expected")


def _tokens(toks: pl.DataFrame | None) -> pl.DataFrame:
    return tokens.corpus_tokens() if toks is None else toks


def _words(toks: pl.DataFrame, by: str) -> pl.DataFrame:
    """Word tokens in document order with ``_pos``, their position among the group's words."""
    if "norm" not in toks.columns:
        toks = tokens.tokens_normalise(toks)
    words = toks.filter(pl.col("is_word"))
    return words.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).over(by).alias("_pos"))


def _in_group_order(table: pl.DataFrame, words: pl.DataFrame, by: str) -> pl.DataFrame:
    """Rows grouped in display order (texts of the manifest first, then other groups as they
    first appear in the tokens); rows keep their order within a group."""
    if by == "text_id":
        return corpus.order_by_text(table, order=corpus.texts_in(words))
    order = words[by].unique(maintain_order=True).to_list()
    return corpus.order_by_text(table, column=by, order=order)


def _node_patterns(node: str | Sequence[str]) -> list[str]:
    patterns = [node] if isinstance(node, str) else list(node)
    if not patterns:
        raise DiscourseError("textstat_collocations: node is empty; pass a word or pattern.")
    for p in patterns:
        problem = lexicons.pattern_problem(p)
        if problem:
            raise DiscourseError(f"textstat_collocations: node pattern {p!r}: {problem}")
    return patterns


def node_occurrences(
    toks: pl.DataFrame | None = None,
    node: str | Sequence[str] = "",
    *,
    by: str = "text_id",
    others: Sequence[str] = (),
) -> pl.DataFrame:
    """Where the node occurs: ``<by>, sentence_id, first, last`` (word positions, inclusive).

    Patterns are matched on every token (punctuation included, as the lexicon counts are), so
    a multi-word node never spans a comma; positions are then counted among word tokens.
    ``others`` are patterns matched alongside the node's and then dropped: with the rest of
    a lexicon, "Lachin" inside "Lachin corridor" is not an occurrence of "Lachin".
    """
    toks = _tokens(toks)
    if "norm" not in toks.columns:
        toks = tokens.tokens_normalise(toks)
    mine = _node_patterns(node)
    rest = [
        p for p in others if lexicons.pattern_key(p) not in {lexicons.pattern_key(m) for m in mine}
    ]
    patterns = pl.DataFrame(
        {"pattern": [*mine, *rest], "_mine": [True] * len(mine) + [False] * len(rest)}
    )
    found = lexicons.match_patterns(toks, patterns, source_text=lambda _source: "")
    found = found.filter(pl.col("_mine"))
    key = ["text_id", "sentence_id", "token_index"]
    words = _words(toks, by).select(*dict.fromkeys([by, *key, "_pos"]))
    first = (
        found.select(*key, "n_tokens")
        .join(words, on=key, how="inner")
        .with_columns((pl.col("token_index") + pl.col("n_tokens") - 1).alias("_last"))
        .rename({"_pos": "first"})
    )
    last = first.join(
        words.select(*key, pl.col("_pos").alias("last")),
        left_on=["text_id", "sentence_id", "_last"],
        right_on=key,
        how="inner",
    )
    return last.select(by, "sentence_id", "first", "last").sort(by, "first")


def _ll(o11, o12, o21, o22) -> float:
    cells = [max(o, 0.0) for o in (o11, o12, o21, o22)]
    n = sum(cells)
    rows = (cells[0] + cells[1], cells[2] + cells[3])
    cols = (cells[0] + cells[2], cells[1] + cells[3])
    total = 0.0
    for (i, j), o in zip(((0, 0), (0, 1), (1, 0), (1, 1)), cells, strict=True):
        if o > 0:
            total += o * math.log(o / (rows[i] * cols[j] / n))
    return 2 * total


def textstat_collocations(
    toks: pl.DataFrame | None = None,
    node: str | Sequence[str] = "",
    span: tuple[int, int] = (5, 5),
    min_freq: int = 2,
    measures: Sequence[str] = MEASURES,
    by: str = "text_id",
    *,
    label: str | None = None,
    cross_sentences: bool = False,
    span_adjusted: bool = False,
    drop_stopwords: bool = False,
    others: Sequence[str] = (),
) -> pl.DataFrame:
    """Window collocates of ``node`` per text, with association measures (see the module).

    Args:
        toks: a token frame (``analysis.tokens.corpus_tokens()`` columns; default: the primary
            texts of the corpus in force). Only word tokens (``is_word``) are positions.
        node: a word, ``word*`` pattern, multi-word pattern, or several of them as one node.
        span: words (left, right) of the window around each node occurrence.
        min_freq: the least co-occurrence frequency (O11) a collocate needs to be listed.
        measures: any of :data:`MEASURES` (``freq`` is always returned).
        by: the grouping column (one table per group: N, R1 and C1 are counted per group).
        label: the ``node`` column's value (default: the patterns joined by `` | ``).
        cross_sentences: windows run on across sentence boundaries within the group.
        span_adjusted: E11 = R1·C1·W/N instead of R1·C1/N (W = L + R).
        drop_stopwords: leave the suite's stop words out of the collocates listed.
        others: patterns that compete with the node's (see :func:`node_occurrences`).

    Returns:
        ``<by>, node, collocate, freq, f_node, f_collocate, n_words, expected`` and one column
        per measure; groups in display order (:func:`analysis.corpus.order_by_text` when
        ``by`` is ``text_id``), then by the first measure asked for (descending), then
        collocate. Groups where the node does not occur have no rows.
    """
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise DiscourseError(
            f"textstat_collocations: unknown measure(s) {unknown}; choose from {list(MEASURES)}."
        )
    left, right = span
    if left < 0 or right < 0 or left + right == 0:
        raise DiscourseError(
            f"textstat_collocations: span {span!r} must be two counts >= 0, not both 0."
        )
    patterns = _node_patterns(node)
    label = label or " | ".join(patterns)
    toks = _tokens(toks)
    if "norm" not in toks.columns:
        toks = tokens.tokens_normalise(toks)
    words = _words(toks, by)
    occ = node_occurrences(toks, patterns, by=by, others=others)
    schema = {by: pl.String, **dict.fromkeys(_COLUMNS, pl.Float64)}
    schema |= {"node": pl.String, "collocate": pl.String}
    schema |= {c: pl.Int64 for c in ("freq", "f_node", "f_collocate", "n_words")}
    schema |= {m: pl.Float64 for m in measures if m != "freq"}
    if occ.is_empty():
        return pl.DataFrame(schema=schema)
    offsets = pl.Series("_off", list(range(-left, 0)) + list(range(1, right + 1)), pl.Int64)
    slots = (
        occ.with_row_index("_occ")
        .join(pl.DataFrame(offsets), how="cross")
        .with_columns(
            pl.when(pl.col("_off") < 0)
            .then(pl.col("first") + pl.col("_off"))
            .otherwise(pl.col("last") + pl.col("_off"))
            .alias("_pos")
        )
    )
    node_pos = occ.select(by, pl.int_ranges("first", pl.col("last") + 1).alias("_pos")).explode(
        "_pos"
    )
    hits = slots.join(words.select(by, "sentence_id", "norm", "_pos"), on=[by, "_pos"])
    if not cross_sentences:
        hits = hits.filter(pl.col("sentence_id") == pl.col("sentence_id_right"))
    hits = hits.join(node_pos, on=[by, "_pos"], how="anti").unique([by, "_pos"])
    n_words = words.group_by(by).agg(pl.len().cast(pl.Int64).alias("n_words"))
    f_coll = words.group_by(by, "norm").agg(pl.len().cast(pl.Int64).alias("f_collocate"))
    f_node = occ.group_by(by).agg(pl.len().cast(pl.Int64).alias("f_node"))
    table = (
        hits.group_by(by, "norm")
        .agg(pl.len().cast(pl.Int64).alias("freq"))
        .filter(pl.col("freq") >= min_freq)
        .join(f_coll, on=[by, "norm"])
        .join(f_node, on=by)
        .join(n_words, on=by)
        .rename({"norm": "collocate"})
    )
    if drop_stopwords:
        table = table.filter(~pl.col("collocate").is_in(sorted(resources.stopwords())))
    slots_per_node = (left + right) if span_adjusted else 1
    o11, r1, c1, n = (
        pl.col(c).cast(pl.Float64) for c in ("freq", "f_node", "f_collocate", "n_words")
    )
    row = r1 * slots_per_node
    table = table.with_columns(pl.lit(label).alias("node"), (row * c1 / n).alias("expected"))
    e11 = pl.col("expected")
    exprs = {
        "mi": (o11 / e11).log(2),
        "mi3": (o11.pow(3) / e11).log(2),
        "t": (o11 - e11) / o11.sqrt(),
        "log_dice": 14 + (2 * o11 / (r1 + c1)).log(2),
    }
    table = table.with_columns(exprs[m].alias(m) for m in measures if m in exprs)
    if "ll" in measures:
        ll = [
            _ll(f, rr - f, c - f, nn - rr - c + f)
            for f, rr, c, nn in zip(
                table["freq"].to_list(),
                (table["f_node"] * slots_per_node).to_list(),
                table["f_collocate"].to_list(),
                table["n_words"].to_list(),
                strict=True,
            )
        ]
        table = table.with_columns(pl.Series("ll", ll, dtype=pl.Float64))
    rank = next((m for m in measures if m != "freq"), "freq")
    cols = [by, *_COLUMNS, *(m for m in measures if m != "freq")]
    table = table.select(cols).sort(rank, "collocate", descending=[True, False])
    return _in_group_order(table, words, by)


def textstat_clusters(
    toks: pl.DataFrame | None = None,
    n: Sequence[int] | int = (2, 3, 4),
    min_freq: int = 2,
    by: str = "text_id",
    *,
    drop_stopwords: bool = False,
) -> pl.DataFrame:
    """Word n-gram clusters per text: counts and rates per 1,000 word tokens (see the module).

    Args:
        toks: a token frame (default: the primary texts of the corpus in force).
        n: the cluster lengths in words.
        min_freq: the least count a cluster needs in a group to be listed.
        by: the grouping column.
        drop_stopwords: leave out clusters made only of stop words.

    Returns:
        ``<by>, n, cluster, freq, rate, n_words, n_groups`` (``n_groups``: how many groups of
        the frame use the cluster at least once, whatever ``min_freq``); groups in display
        order, then ``n``, then count (descending), then cluster.
    """
    sizes = [n] if isinstance(n, int) else list(n)
    if not sizes or min(sizes) < 1:
        raise DiscourseError(f"textstat_clusters: n {n!r} must hold lengths of at least 1.")
    words = _words(_tokens(toks), by)
    n_words = words.group_by(by).agg(pl.len().cast(pl.Int64).alias("n_words"))
    frames = []
    for size in sorted(set(sizes)):
        parts = [pl.col("norm").shift(-k).over(by, "sentence_id") for k in range(size)]
        grams = words.select(by, pl.concat_list(parts).alias("_w")).filter(
            pl.col("_w").list.eval(pl.element().is_null()).list.any().not_()
        )
        if drop_stopwords:
            stop = sorted(resources.stopwords())
            grams = grams.filter(pl.col("_w").list.eval(pl.element().is_in(stop).not_()).list.any())
        frames.append(
            grams.select(
                by, pl.lit(size, pl.Int64).alias("n"), pl.col("_w").list.join(" ").alias("cluster")
            )
        )
    grams = pl.concat(frames)
    counts = grams.group_by(by, "n", "cluster").agg(pl.len().cast(pl.Int64).alias("freq"))
    spread = counts.group_by("n", "cluster").agg(pl.len().cast(pl.Int64).alias("n_groups"))
    table = (
        counts.filter(pl.col("freq") >= min_freq)
        .join(n_words, on=by)
        .join(spread, on=["n", "cluster"])
        .with_columns((pl.col("freq") * 1000 / pl.col("n_words")).alias("rate"))
        .select(by, "n", "cluster", "freq", "rate", "n_words", "n_groups")
        .sort("n", "freq", "cluster", descending=[False, True, False])
    )
    return _in_group_order(table, words, by)


def referent_nodes(
    toks: pl.DataFrame | None = None,
    *,
    terms: pl.DataFrame | None = None,
    min_texts: int = 2,
) -> pl.DataFrame:
    """The referents of the referent lexicon that occur in at least ``min_texts`` texts.

    Every form of the lexicon is matched at once (longest match first, as the terminology
    counts are), so each referent's node is all its variants: each text is read with its
    own name for it.

    Args:
        toks: a token frame (default: the primary texts of the corpus in force).
        terms: ``concept, category, form`` rows (default: ``data/lexicons/referent-variants.csv``
            via :func:`analysis.measures.terminology.lexicon_terms`).
        min_texts: the least number of texts a referent must occur in.

    Returns:
        ``concept, category, forms`` (every form of the referent, file order), ``used`` (the
        forms the texts use), ``n_texts``, ``n`` (occurrences in all texts); most frequent
        first, then by concept.
    """
    from analysis.measures import terminology

    toks = _tokens(toks)
    if "norm" not in toks.columns:
        toks = tokens.tokens_normalise(toks)
    terms = terminology.lexicon_terms("referent-variants") if terms is None else terms
    found = lexicons.match_patterns(
        toks, terms.select("form", "concept"), pattern_column="form", source_text=lambda _s: ""
    )
    forms = terms.group_by("concept", maintain_order=True).agg(
        pl.col("category").first(), pl.col("form").alias("forms")
    )
    return (
        found.group_by("concept")
        .agg(
            pl.col("text_id").n_unique().cast(pl.Int64).alias("n_texts"),
            pl.len().cast(pl.Int64).alias("n"),
            pl.col("form").unique(maintain_order=True).alias("used"),
        )
        .filter(pl.col("n_texts") >= min_texts)
        .join(forms, on="concept")
        .select("concept", "category", "forms", "used", "n_texts", "n")
        .sort(["n", "concept"], descending=[True, False])
    )
