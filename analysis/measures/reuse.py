"""Text reuse between an advocacy text and the response to it: shared word n-grams.

Each pair of :func:`analysis.corpus.text_pairs` whose relation is the answer relation
(:data:`analysis.measures.demands.ANSWERS`: the response answers the text) is aligned; a pair
declared only as a comparison (relation ``overlap``) is aligned only when passed explicitly,
and every row then carries its ``relation``.

Tokens. Word tokens (kinds ``word``, ``number``, ``clitic``), normalised
(:func:`analysis.tokens.normalise`), with the spellings of one referent folded to one token by
the referent-variant lexicon (``data/lexicons/referent-variants.csv``): every form of one
``concept`` becomes the same folded token, multi-word forms included (``Republic of Armenia``
and ``Armenia`` both become ``[Armenia]``-style tokens), so ``Khojaly`` in one text matches
``Khojali`` in the other. Punctuation is skipped, so a reused span may run over a comma.

Matching. Greedy String Tiling (Wise 1993, 1996), the algorithm the METER project used to
measure text reuse between news agency copy and newspaper stories (Clough, Gaizauskas, Piao and
Wilks 2002), with minimum match length ``n``: in each round the longest common runs of unmarked
tokens are found, every such maximal run not overlapping an earlier tile becomes a tile and its
tokens are marked in both texts; rounds continue down to length ``n``. Every tile is thus a
maximal shared word n-gram (length >= ``n``), and no token belongs to two tiles on either side.
Length is counted in shared words: a position where both texts write the same form adds its
words (``the Government of Canada`` in both: 4), a position where they write two folded
variants of one referent adds one (``Khojali``/``Khojaly``: 1;
``the Canadian government``/``the Government of Canada``: 2, not reuse at ``n = 3``), so a
different name for the same referent never counts as reused words. A consequence: a name the
lexicon folds whole is one unit, so ``UN Security Council`` inside the longer form ``UN Security
Council resolutions`` (another referent) is not matched with ``UN Security Council`` alone.
Runs never cross a segment boundary (segments are the manifest's units; two segments of one
text need not be adjacent in the raw file, so a run across them would have no single span).

Offsets are characters of the raw source, as the ``start``/``end`` of
:func:`analysis.tokens.corpus_tokens`: ``raw[a_start:a_end]`` is the advocacy side's surface
text of a tile, ``raw[r_start:r_end]`` the response side's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

import polars as pl

from analysis import corpus, lexicons, tokens
from analysis.corpus import Pair
from analysis.io import DiscourseError
from analysis.measures.demands.common import ANSWERS
from analysis.measures.sentiment_intervals import ratio_intervals

#: The shortest shared run counted as reuse (METER used three-word minimum matches too).
MIN_N = 3

_FOLDED_SCHEMA = {
    "text_id": pl.String,
    "source_id": pl.String,
    "segment_id": pl.String,
    "sentence_id": pl.String,
    "token_index": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "n_words": pl.Int64,
    "norm": pl.String,
    "folded": pl.String,
}

REUSE_SCHEMA = {
    "pair_id": pl.String,
    "advocacy": pl.String,
    "response": pl.String,
    "relation": pl.String,
    "tile": pl.Int64,
    "n_tokens": pl.Int64,
    "length": pl.Int64,
    "a_words": pl.Int64,
    "r_words": pl.Int64,
    "ngram": pl.String,
    "a_text": pl.String,
    "r_text": pl.String,
    "a_source": pl.String,
    "a_start": pl.Int64,
    "a_end": pl.Int64,
    "r_source": pl.String,
    "r_start": pl.Int64,
    "r_end": pl.Int64,
    "a_sentence_id": pl.String,
    "r_sentence_id": pl.String,
}

SHARE_SCHEMA = {
    "pair_id": pl.String,
    "relation": pl.String,
    "side": pl.String,
    "text_id": pl.String,
    "n_words": pl.Int64,
    "n_reused": pl.Int64,
    "n_sentences": pl.Int64,
    "share": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
}


def pair_id(pair: Pair) -> str:
    """The id of a pair in reuse tables: ``<advocacy>--<response>``."""
    return f"{pair.advocacy}--{pair.response}"


def reuse_pairs(manifest_path: Path | None = None) -> list[Pair]:
    """The pairs aligned by default: those whose response answers the advocacy text."""
    return [p for p in corpus.text_pairs(manifest_path) if p.relation == ANSWERS]


def referent_variants() -> pl.DataFrame:
    """``form, concept`` of the referent-variant lexicon (validated)."""
    return lexicons.lexicon_load(
        "referent-variants", required=("form", "concept"), key=("form",)
    ).table.select("form", "concept")


def _source_text(
    source_text: Callable[[str], str] | None, manifest_path: Path | None
) -> Callable[[str], str]:
    if source_text is not None:
        return source_text
    return lambda source_id: corpus.raw_text(source_id, manifest_path)


def tokens_folded(
    toks: pl.DataFrame | None = None,
    variants: pl.DataFrame | None = None,
    *,
    source_text: Callable[[str], str] | None = None,
    manifest_path: Path | None = None,
) -> pl.DataFrame:
    """Normalised word tokens with every referent spelling folded to one token.

    Args:
        toks: tokens as :func:`analysis.tokens.corpus_tokens` gives them (default: the corpus
            of ``manifest_path``); ``norm`` is added if missing.
        variants: ``form, concept`` (default: :func:`referent_variants`).
        source_text: the raw text of a source id (default: the manifest's raw files).
        manifest_path: the manifest (default: the one in force).

    Returns:
        One row per folded token, in document order: ``text_id, source_id, segment_id,
        sentence_id, token_index`` (first token), ``start``/``end`` (raw-source offsets of the
        whole form), ``n_words`` (word tokens it covers), ``norm`` (its normalised tokens,
        space-separated) and ``folded``: the normalised token, or ``[concept]`` for a form of
        the lexicon (all forms of a concept alike).
    """
    toks = tokens.corpus_tokens(manifest_path=manifest_path) if toks is None else toks
    if "norm" not in toks.columns:
        toks = tokens.tokens_normalise(toks)
    if "segment_id" not in toks.columns:
        toks = toks.with_columns(pl.col("sentence_id").alias("segment_id"))
    if toks.is_empty():
        return pl.DataFrame(schema=_FOLDED_SCHEMA)
    variants = referent_variants() if variants is None else variants
    hits = lexicons.match_patterns(
        toks,
        variants.select("form", "concept"),
        pattern_column="form",
        source_text=_source_text(source_text, manifest_path),
        manifest_path=manifest_path,
    )
    # each match's concept at its first token; the rest of its tokens are absorbed
    first: dict[tuple[str, int], tuple[int, str]] = {
        (t, i): (k, c)
        for t, i, k, c in zip(
            hits["text_id"].to_list(),
            hits["token_index"].to_list(),
            hits["n_tokens"].to_list(),
            hits["concept"].to_list(),
            strict=True,
        )
    }
    cols = {
        c: toks[c].to_list()
        for c in (
            "text_id",
            "source_id",
            "segment_id",
            "sentence_id",
            "token_index",
            "start",
            "end",
            "norm",
            "is_word",
        )
    }
    rows: dict[str, list] = {c: [] for c in _FOLDED_SCHEMA}
    i, total = 0, toks.height
    while i < total:
        hit = first.get((cols["text_id"][i], cols["token_index"][i]))
        if hit is not None:
            span, folded = hit[0], f"[{hit[1]}]"
        elif cols["is_word"][i]:
            span, folded = 1, cols["norm"][i]
        else:
            i += 1
            continue
        last = i + span - 1
        for c in ("text_id", "source_id", "segment_id", "sentence_id", "token_index", "start"):
            rows[c].append(cols[c][i])
        rows["end"].append(cols["end"][last])
        rows["n_words"].append(sum(1 for w in cols["is_word"][i : last + 1] if w))
        rows["norm"].append(" ".join(cols["norm"][i : last + 1]))
        rows["folded"].append(folded)
        i = last + 1
    return pl.DataFrame(rows, schema=_FOLDED_SCHEMA)


def greedy_string_tiling(
    a: Sequence,
    b: Sequence,
    min_len: int = MIN_N,
    weight: Callable[[int, int], int] | None = None,
) -> list[tuple[int, int, int, int]]:
    """Greedy String Tiling of two token sequences (Wise 1993): ``(a_pos, b_pos, j, length)``.

    A tile is a maximal common run of ``j`` unmarked tokens whose length (the sum of
    ``weight(p, q)`` over its aligned positions; default 1 each, so ``length == j``) is at
    least ``min_len``. Each round takes every run of the greatest length left, in order of
    ``a_pos`` then ``b_pos``, skipping one that overlaps a tile taken before it, and marks its
    tokens in both texts, so a token is in at most one tile per side. A token that equals
    nothing (e.g. a fresh ``object()``) stops every run. Tiles are returned by ``a_pos``.
    """
    if min_len < 1:
        raise DiscourseError(f"greedy_string_tiling: min_len must be >= 1, got {min_len}.")
    marked_a, marked_b = [False] * len(a), [False] * len(b)
    where_b: dict = defaultdict(list)
    for q, tok in enumerate(b):
        where_b[tok].append(q)
    tiles: list[tuple[int, int, int, int]] = []
    while True:
        max_match, matches = min_len, []
        for p in range(len(a)):
            if marked_a[p]:
                continue
            for q in where_b.get(a[p], ()):
                if marked_b[q]:
                    continue
                j = length = 0
                while (
                    p + j < len(a)
                    and q + j < len(b)
                    and not marked_a[p + j]
                    and not marked_b[q + j]
                    and a[p + j] == b[q + j]
                ):
                    length += 1 if weight is None else weight(p + j, q + j)
                    j += 1
                if length > max_match:
                    max_match, matches = length, [(p, q, j, length)]
                elif length == max_match:
                    matches.append((p, q, j, length))
        for p, q, j, length in matches:
            # a match occluded by a tile taken earlier in this round is dropped
            if any(marked_a[p : p + j]) or any(marked_b[q : q + j]):
                continue
            marked_a[p : p + j] = [True] * j
            marked_b[q : q + j] = [True] * j
            tiles.append((p, q, j, length))
        if max_match == min_len:
            return sorted(tiles)


def _sequence(folded: pl.DataFrame, column: str = "folded") -> list:
    """A column of the folded tokens, a fresh barrier object at each segment change."""
    out: list = []
    previous = None
    for segment, tok in zip(folded["segment_id"].to_list(), folded[column].to_list(), strict=True):
        if previous is not None and segment != previous:
            out.append(object())
        out.append(tok)
        previous = segment
    return out


def _positions(folded: pl.DataFrame) -> list[int | None]:
    """Row of ``folded`` for each place of :func:`_sequence` (``None`` at a barrier)."""
    out: list[int | None] = []
    previous = None
    for row, segment in enumerate(folded["segment_id"].to_list()):
        if previous is not None and segment != previous:
            out.append(None)
        out.append(row)
        previous = segment
    return out


def _shared_words(a: pl.DataFrame, b: pl.DataFrame) -> Callable[[int, int], int]:
    """The length an aligned position adds to a tile: the words of a form written alike on
    both texts (``the Government of Canada`` twice: 4), one for folded variants of a referent
    (``Khojali``/``Khojaly``: 1; ``Canadian government``/``Government of Canada``: 1), so a
    different name of the same referent is never counted as reused words."""
    exact_a, exact_b = _sequence(a, "norm"), _sequence(b, "norm")
    words_a = _sequence(a, "n_words")
    return lambda p, q: words_a[p] if exact_a[p] == exact_b[q] else 1


def textstat_reuse(
    toks: pl.DataFrame | None = None,
    n: int = MIN_N,
    pairs: Sequence[Pair] | None = None,
    *,
    variants: pl.DataFrame | None = None,
    source_text: Callable[[str], str] | None = None,
    manifest_path: Path | None = None,
) -> pl.DataFrame:
    """Every maximal shared word n-gram (n >= ``n``) of each pair, by Greedy String Tiling.

    Args:
        toks: tokens (default: the corpus of ``manifest_path``).
        n: the minimum match length in shared words (at least 3; see the module).
        pairs: the pairs to align (default: :func:`reuse_pairs`, the answered texts).
        variants: ``form, concept`` folded as one referent (default: the lexicon).
        source_text: the raw text of a source id (default: the manifest's raw files).
        manifest_path: the manifest (default: the one in force).

    Returns:
        One row per tile, pairs in the given order, tiles in advocacy-text order: ``pair_id,
        advocacy, response, relation, tile`` (1, 2, ... per pair), ``n_tokens`` (folded
        tokens), ``length`` (shared words, see the module), ``a_words``/``r_words`` (word
        tokens each side's span covers), ``ngram`` (folded tokens joined by spaces), ``a_text``/``r_text`` (each
        side's surface text), ``a_source, a_start, a_end, r_source, r_start, r_end``
        (raw-source offsets) and the sentence each side's span starts in.

    Raises:
        DiscourseError: ``n`` below 3.
    """
    if n < MIN_N:
        raise DiscourseError(
            f"textstat_reuse: n={n}; reuse is counted for shared n-grams of {MIN_N} or more "
            "word tokens: pass n >= 3."
        )
    raw = _source_text(source_text, manifest_path)
    pairs = reuse_pairs(manifest_path) if pairs is None else list(pairs)
    folded = tokens_folded(toks, variants, source_text=raw, manifest_path=manifest_path)
    by_text = {t: g for (t,), g in folded.group_by("text_id", maintain_order=True)}
    rows: list[dict] = []
    for pair in pairs:
        a = by_text.get(pair.advocacy, folded.clear())
        b = by_text.get(pair.response, folded.clear())
        pos_a, pos_b = _positions(a), _positions(b)
        seq_a, seq_b = _sequence(a), _sequence(b)
        tiles = greedy_string_tiling(seq_a, seq_b, n, _shared_words(a, b))
        for k, (p, q, j, length) in enumerate(tiles, start=1):
            ra, rb = pos_a[p : p + j], pos_b[q : q + j]
            side_a, side_b = a[ra[0] : ra[-1] + 1], b[rb[0] : rb[-1] + 1]
            a_words, r_words = int(side_a["n_words"].sum()), int(side_b["n_words"].sum())
            a_src, r_src = side_a["source_id"][0], side_b["source_id"][0]
            a_start, a_end = side_a["start"][0], side_a["end"][-1]
            r_start, r_end = side_b["start"][0], side_b["end"][-1]
            rows.append(
                {
                    "pair_id": pair_id(pair),
                    "advocacy": pair.advocacy,
                    "response": pair.response,
                    "relation": pair.relation,
                    "tile": k,
                    "n_tokens": j,
                    "length": length,
                    "a_words": a_words,
                    "r_words": r_words,
                    "ngram": " ".join(side_a["folded"].to_list()),
                    "a_text": raw(a_src)[a_start:a_end],
                    "r_text": raw(r_src)[r_start:r_end],
                    "a_source": a_src,
                    "a_start": a_start,
                    "a_end": a_end,
                    "r_source": r_src,
                    "r_start": r_start,
                    "r_end": r_end,
                    "a_sentence_id": side_a["sentence_id"][0],
                    "r_sentence_id": side_b["sentence_id"][0],
                }
            )
    return pl.DataFrame(rows, schema=REUSE_SCHEMA)


def reused_by_sentence(toks: pl.DataFrame, spans: Sequence[tuple[str, int, int]]) -> pl.DataFrame:
    """Per sentence of ``toks`` holding word tokens: its word tokens and those inside a span.

    Args:
        toks: the tokens of one text (``source_id, sentence_id, start, end, is_word``).
        spans: ``(source, start, end)`` raw-source spans (each tile's span in this text).

    Returns:
        ``sentence_id, n_words, n_reused``, sentences in document order; a sentence without
        word tokens is left out (it adds nothing to either count).
    """
    words = toks.filter(pl.col("is_word")).select("source_id", "sentence_id", "start", "end")
    words = words.with_row_index()
    frame = pl.DataFrame(
        list(spans), schema={"source_id": pl.String, "s": pl.Int64, "e": pl.Int64}, orient="row"
    )
    inside = (
        words.join(frame, on="source_id")
        .filter((pl.col("start") >= pl.col("s")) & (pl.col("end") <= pl.col("e")))
        .select("index")
        .unique()
        .with_columns(pl.lit(True).alias("reused"))
    )
    return (
        words.join(inside, on="index", how="left")
        .group_by("sentence_id", maintain_order=True)
        .agg(
            pl.len().cast(pl.Int64).alias("n_words"),
            pl.col("reused").fill_null(False).sum().cast(pl.Int64).alias("n_reused"),
        )
    )


def textstat_reuse_share(
    toks: pl.DataFrame | None = None,
    n: int = MIN_N,
    pairs: Sequence[Pair] | None = None,
    *,
    reuse: pl.DataFrame | None = None,
    variants: pl.DataFrame | None = None,
    source_text: Callable[[str], str] | None = None,
    manifest_path: Path | None = None,
) -> pl.DataFrame:
    """Per pair and side, the share of the text's word tokens inside a reused span.

    Args:
        toks, n, pairs, variants, source_text, manifest_path: as :func:`textstat_reuse`.
        reuse: the tiles, if already computed with the same arguments.

    Returns:
        ``pair_id, relation, side`` (``advocacy``/``response``), ``text_id``, ``n_words`` (word
        tokens of the text), ``n_reused`` (those inside a tile's span), ``n_sentences`` (its
        sentences holding word tokens), ``share`` (``n_reused / n_words``) and its 95%
        bootstrap interval over sentences ``ci_low``/``ci_high``.

    The interval: reused words come in runs of ``n`` or more, so the words of a text are not
    independent draws; the share is a ratio of two sums over sentences, and its percentile
    interval resamples the text's sentences with their two counts (a cluster bootstrap of a
    ratio estimator, :func:`analysis.measures.sentiment_intervals.ratio_intervals`: 2,000
    resamples, fixed seed). Where every sentence has the same share (none reused, or all of
    it, or a single sentence) every resample gives it, and the interval is that one value.
    """
    toks = tokens.corpus_tokens(manifest_path=manifest_path) if toks is None else toks
    pairs = reuse_pairs(manifest_path) if pairs is None else list(pairs)
    if reuse is None:
        reuse = textstat_reuse(
            toks,
            n,
            pairs,
            variants=variants,
            source_text=source_text,
            manifest_path=manifest_path,
        )
    rows = []
    for pair in pairs:
        tiles = reuse.filter(pl.col("pair_id") == pair_id(pair))
        for side, text, p in (("advocacy", pair.advocacy, "a"), ("response", pair.response, "r")):
            mine = toks.filter(pl.col("text_id") == text)
            spans = list(
                zip(
                    tiles[f"{p}_source"].to_list(),
                    tiles[f"{p}_start"].to_list(),
                    tiles[f"{p}_end"].to_list(),
                    strict=True,
                )
            )
            per_sentence = reused_by_sentence(mine, spans)
            total, reused = int(per_sentence["n_words"].sum()), int(per_sentence["n_reused"].sum())
            low = high = None
            if total:
                ci = ratio_intervals(
                    per_sentence.with_columns(pl.lit(text).alias("text_id")), "n_reused", "n_words"
                ).row(0, named=True)
                low, high = ci["ci_low"], ci["ci_high"]
            rows.append(
                {
                    "pair_id": pair_id(pair),
                    "relation": pair.relation,
                    "side": side,
                    "text_id": text,
                    "n_words": total,
                    "n_reused": reused,
                    "n_sentences": per_sentence.height,
                    "share": reused / total if total else None,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
    return pl.DataFrame(rows, schema=SHARE_SCHEMA)
