"""Sentences and word tokens with character offsets into the raw sources, fully offline.

Sentences come from NLTK's Punkt algorithm (:mod:`analysis.sentences`: a hand-set
abbreviation list, no model file; a large corpus split in parallel). Words come from an NLTK
:class:`~nltk.tokenize.RegexpTokenizer` whose pattern is written for this corpus's
conventions: thousands separators (``100,000``, ``120’000``), ordinals (``12th``),
hyphenated names (``Nagorno-Karabakh``), curly possessives (``Canada’s`` -> ``Canada`` +
``’s``), initialisms (``U.S.``) and bullets (``•``, ``➢``) as symbols.

The token tables are built column by column (no Python record per sentence or token): one
regex ``split`` tokenizes thousands of sentences per call (with the engine of
:class:`~nltk.tokenize.RegexpTokenizer`, or Python's ``re`` where both engines are known to
agree), offsets are running sums, identifiers are gathered from the sentence rows, and kinds
and normalised forms are computed once per distinct token with the same Python rules as
:func:`token_kind` and :func:`normalise`. :mod:`analysis.bench.reference_tokens` keeps the
earlier row-by-row version that tests compare against.

Tokens keep their surface form; lower-casing and quote folding are a separate, explicit step
(:func:`tokens_normalise`). A *word token* (the unit of every rate per 1,000 tokens, see
docs/METHODS.md) is a token of kind ``word``, ``number`` or ``clitic``; punctuation and symbols are
kept in the table but never counted.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from functools import lru_cache
from pathlib import Path

import polars as pl
from nltk import redos
from nltk.tokenize import RegexpTokenizer

from analysis import corpus, executor, paths
from analysis.io import DiscourseError

# re-exported: the sentence splitter has always been reachable as ``tokens.<name>``
from analysis.sentences import (  # noqa: F401
    ABBREVIATIONS,
    all_spans,
    sentence_spans,
    sentence_tokenizer,
)

_APOS = "'’"
_HYPHENS = "-‐‑"
WORD_PATTERN = (
    rf"\d{{1,3}}(?:[,{_APOS}]\d{{3}})+(?:\.\d+)?"  # 100,000  120’000
    r"|\d+(?:st|nd|rd|th)\b"  # ordinals: 12th, 7th
    r"|(?:[^\W\d_]\.){2,}"  # initialisms: U.S., a.m.
    rf"|[{_APOS}][sS]\b"  # possessive clitic, split as in the Penn Treebank
    rf"|[^\W_]+(?:[{_HYPHENS}][^\W_]+|[{_APOS}](?![sS]\b)[^\W_]+|[.:](?=\d)\d+)*"  # words, 8:56
    r"|\S"  # any other single character: punctuation or symbol
)

# RegexpTokenizer's own flags and engine (nltk.redos, the ``regex`` module): the columnar
# splitter below must find exactly the tokens :func:`word_spans` finds.
_WORD_FLAGS = re.UNICODE | re.MULTILINE | re.DOTALL
_WORD_TOKENIZER = RegexpTokenizer(WORD_PATTERN, flags=_WORD_FLAGS)
# The pattern is ours and linear, so no time limit (a large chunk must not time out).
_WORD_SPLITTER = redos.compile(f"({WORD_PATTERN})", _WORD_FLAGS, timeout=None)
# Python's own ``re`` runs the same pattern about a quarter faster. The two engines differ
# only in which characters \w, \d and \s cover (their Unicode tables differ: superscripts,
# combining marks, newer scripts, \x1c-\x1f), so ``re`` is used only for text made of
# characters both engines classify alike (see :func:`_engines_may_differ`).
_FAST_SPLITTER = re.compile(f"({WORD_PATTERN})", _WORD_FLAGS)
#: Unicode blocks checked for agreement: Latin, punctuation, currency, arrows, box drawing
#: to dingbats (bullets such as ``➢``). Text with any other character takes the slow path.
_COMMON_BLOCKS = ((0x0000, 0x024F), (0x2000, 0x20CF), (0x2190, 0x21FF), (0x2500, 0x27BF))
WORD_KINDS = ("word", "number", "clitic")


def token_kind(token: str) -> str:
    """Classify a token: ``word``, ``number``, ``clitic``, ``punct`` or ``symbol``."""
    if len(token) == 2 and token[0] in _APOS and token[1] in "sS":
        return "clitic"
    if any(ch.isalpha() for ch in token):
        return "word"
    if any(ch.isdigit() for ch in token):
        return "number"
    return "symbol" if unicodedata.category(token[0]).startswith("S") else "punct"


def word_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of every token (words, numbers, punctuation, symbols) in ``text``."""
    return list(_WORD_TOKENIZER.span_tokenize(text))


def tokenize(text: str) -> list[str]:
    """The tokens of ``text`` as strings (a convenience over :func:`word_spans`)."""
    return [text[s:e] for s, e in word_spans(text)]


def normalise(token: str) -> str:
    """Lower-case a token and fold curly apostrophes and Unicode hyphens to ASCII."""
    out = token.lower()
    for ch in _APOS[1:]:
        out = out.replace(ch, "'")
    for ch in _HYPHENS[1:]:
        out = out.replace(ch, "-")
    return out


# --- frames ---------------------------------------------------------------------------------

_SENTENCE_SCHEMA = {
    "source_id": pl.String,
    "doc_id": pl.String,
    "text_id": pl.String,
    "segment_id": pl.String,
    "role": pl.String,
    "speaker": pl.String,
    "sentence_id": pl.String,
    "sentence_index": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,
}

_TOKEN_SCHEMA = {
    "source_id": pl.String,
    "doc_id": pl.String,
    "text_id": pl.String,
    "segment_id": pl.String,
    "sentence_id": pl.String,
    "token_index": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "token": pl.String,
    "kind": pl.String,
    "is_word": pl.Boolean,
}

_SEGMENT_COLUMNS = ("source_id", "doc_id", "text_id", "segment_id", "role", "speaker", "start")

#: Sentences tokenized per call of the regex engine: large enough to amortise the call, small
#: enough that the engine's list of pieces stays a few MB whatever the corpus size.
_CHUNK_SENTENCES = 4096


def _running_index(key: pl.Series, counts: pl.Series) -> pl.Series:
    """How many items the earlier rows of the same ``key`` hold (rows in order)."""
    frame = pl.DataFrame({"key": key, "n": counts})
    return frame.select(pl.col("n").cum_sum().over("key") - pl.col("n")).to_series()


def tokens_sentences(
    segments: pl.DataFrame, *, run_on: executor.Executor | None = None
) -> pl.DataFrame:
    """Split segments into sentences.

    Punkt gives the spans segment by segment (:func:`analysis.sentences.all_spans`: in
    parallel for a large corpus, serially below
    :data:`analysis.sentences.SENTENCES_MIN_PARALLEL` characters); the frame is then built column by column (no per-sentence records). The result does not
    depend on where the spans were computed.

    Args:
        segments: a frame from :func:`analysis.corpus.corpus_segments`.
        run_on: split on this executor whatever the size (tests); default: the executor in
            force for a large corpus, else serially.

    Returns:
        One row per sentence, with ``start``/``end`` offsets into the raw source and a
        ``sentence_index`` counting from 1 within each primary text (``<text_id>:s001``…),
        or, outside the primary texts, within each document and role
        (``<doc_id>:<role>:s001``…).
    """
    seg_of, starts, ends = array("q"), array("q"), array("q")
    texts: list[str] = []
    segment_texts = segments.get_column("text").to_list()
    for i, (text, spans) in enumerate(
        zip(segment_texts, all_spans(segment_texts, run_on), strict=True)
    ):
        for k in range(0, len(spans), 2):
            s, e = spans[k], spans[k + 1]
            seg_of.append(i)
            starts.append(s)
            ends.append(e)
            texts.append(text[s:e])
    if not texts:
        return pl.DataFrame(schema=_SENTENCE_SCHEMA)
    # Numbered within the primary text, so ids are stable whatever else is loaded.
    key = (
        pl.when(pl.col("text_id").is_null() | (pl.col("text_id") == ""))
        .then(pl.format("{}:{}", "doc_id", "role"))
        .otherwise(pl.col("text_id"))
    )
    index = pl.int_range(1, pl.len() + 1, dtype=pl.Int64).over("_key")
    frame = (
        segments.select([pl.col(c).cast(_SENTENCE_SCHEMA[c]) for c in _SEGMENT_COLUMNS])
        .gather(pl.Series(seg_of, dtype=pl.Int64))
        .with_columns(
            key.alias("_key"),
            pl.Series("_s", starts, dtype=pl.Int64),
            pl.Series("_e", ends, dtype=pl.Int64),
            pl.Series("text", texts, dtype=pl.String),
        )
        .with_columns(index.alias("sentence_index"))
    )
    return frame.select(
        "source_id",
        "doc_id",
        "text_id",
        "segment_id",
        "role",
        "speaker",
        (pl.col("_key") + ":s" + pl.col("sentence_index").cast(pl.String).str.zfill(3)).alias(
            "sentence_id"
        ),
        "sentence_index",
        (pl.col("start") + pl.col("_s")).alias("start"),
        (pl.col("start") + pl.col("_e")).alias("end"),
        "text",
    )


@lru_cache(maxsize=1)
def _engines_may_differ() -> re.Pattern:
    """A pattern finding any character on which ``re`` and the ``regex`` engine may differ.

    That is every character outside :data:`_COMMON_BLOCKS`, and those inside on which the
    engines' ``\\w``, ``\\d`` or ``\\s`` disagree (computed here, once, for the installed
    versions).
    """
    chars = "".join(chr(c) for lo, hi in _COMMON_BLOCKS for c in range(lo, hi + 1))
    agree = set(chars)
    for cls in (r"\w", r"\d", r"\s"):
        ours = set(re.findall(cls, chars, _WORD_FLAGS))
        theirs = set(redos.compile(cls, _WORD_FLAGS, timeout=None).findall(chars))
        agree -= ours ^ theirs
    return re.compile("[^" + "".join(re.escape(c) for c in sorted(agree)) + "]")


def _split(text: str) -> list[str]:
    """``text`` split by the word pattern: gap, token, gap, …, token, gap."""
    if _engines_may_differ().search(text) is None:
        return _FAST_SPLITTER.split(text)
    return _WORD_SPLITTER.split(text)


def _token_pieces(texts: list[str]) -> tuple[pl.Series, pl.Series]:
    """Tokens and their start offsets in ``texts`` joined by line breaks.

    One ``split`` with the word pattern as a capturing group returns, in C, the whitespace gaps
    and the tokens alternately; offsets are the running sum of their lengths. No token
    pattern alternative matches a line break, and a line break behaves like the end of the text
    for the pattern's ``\\b`` and look-aheads, so joining changes no token.
    """
    toks, starts = [], []
    done = 0
    for i in range(0, len(texts), _CHUNK_SENTENCES):
        joined = "\n".join(texts[i : i + _CHUNK_SENTENCES])
        pieces = pl.Series(_split(joined), dtype=pl.String)
        lengths = pieces.str.len_chars().cast(pl.Int64)
        # piece k starts where pieces 0..k-1 end; tokens are the odd pieces
        toks.append(pieces.gather_every(2, offset=1))
        starts.append((lengths.cum_sum() - lengths).gather_every(2, offset=1) + done)
        done += len(joined) + 1
    if not toks:
        return pl.Series(dtype=pl.String), pl.Series(dtype=pl.Int64)
    return pl.concat(toks), pl.concat(starts)


def _per_type(tokens: pl.Series, fn) -> pl.Series:
    """``fn`` applied once per distinct token, then spread over every row (exact, and fast)."""
    types = tokens.unique(maintain_order=True)
    values = pl.Series([fn(t) for t in types.to_list()], dtype=pl.String)
    # each row's type number, as the physical codes of an enum of the types (no hash table kept)
    return values.gather(tokens.cast(pl.Enum(types)).to_physical()).alias(tokens.name)


def tokens_words(sentences: pl.DataFrame) -> pl.DataFrame:
    """Tokenize sentences into tokens with offsets.

    Columnar: the regex engine splits many sentences per call, offsets are running sums,
    identifiers are gathered per token from the sentence rows, and each token's kind is
    computed once per distinct token.

    Args:
        sentences: a frame from :func:`tokens_sentences` (at least ``source_id``,
            ``doc_id``, ``text_id``, ``segment_id``, ``sentence_id``, ``start``, ``text``).

    Returns:
        One row per token: the sentence's identifiers, ``token_index`` (from 1 within each
        primary text, or document and role), ``start``/``end`` into the raw source,
        ``token`` (surface form), ``kind`` and ``is_word`` (the tokens every rate counts).
    """
    texts = sentences.get_column("text").to_list()
    token, pos = _token_pieces(texts)
    if token.is_empty():
        return pl.DataFrame(schema=_TOKEN_SCHEMA)
    # where each sentence starts in the joined text, and the sentence each token falls in
    lengths = sentences.get_column("text").str.len_chars().cast(pl.Int64) + 1
    base = lengths.cum_sum() - lengths
    sent_of = base.search_sorted(pos, side="right").cast(pl.Int64) - 1
    first = sent_of.search_sorted(pl.int_range(len(texts), eager=True), side="left")
    n = sent_of.search_sorted(pl.int_range(len(texts), eager=True), side="right") - first
    ids = ("source_id", "doc_id", "text_id", "segment_id", "sentence_id")
    per_sentence = sentences.select(pl.col(c).cast(pl.String) for c in ids).with_columns(
        # token start = position in the joined text + this shift
        (sentences.get_column("start").cast(pl.Int64) - base).alias("_shift"),
        # token_index = row number + this shift (counted on within the sentence's key)
        (
            _running_index(
                sentences.get_column("sentence_id").str.replace(r":[^:]*$", ""),
                pl.Series(n, dtype=pl.Int64),
            )
            - pl.Series(first, dtype=pl.Int64)
            + 1
        ).alias("_index"),
    )
    kind = _per_type(token, token_kind)
    frame = per_sentence.gather(sent_of).with_columns(
        (pl.int_range(pl.len(), dtype=pl.Int64) + pl.col("_index")).alias("token_index"),
        (pos + pl.col("_shift")).alias("start"),
        (pos + pl.col("_shift") + token.str.len_chars().cast(pl.Int64)).alias("end"),
        token.alias("token"),
        kind.alias("kind"),
        kind.is_in(WORD_KINDS).alias("is_word"),
    )
    return frame.select(list(_TOKEN_SCHEMA))


def tokens_normalise(tokens: pl.DataFrame) -> pl.DataFrame:
    """Add a ``norm`` column: the token lower-cased, with apostrophes and hyphens folded.

    :func:`normalise` runs once per distinct token (Python's ``str.lower`` is the rule, e.g.
    for a final sigma), and the result is spread over the rows.
    """
    return tokens.with_columns(_per_type(tokens.get_column("token"), normalise).alias("norm"))


def _manifest_key(manifest_path: Path | None) -> Path:
    return Path(manifest_path) if manifest_path else paths.MANIFEST


def corpus_tables(manifest_path: Path | None = None) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Sentences and normalised tokens of every segment of a manifest's corpus (cached per manifest).

    Args:
        manifest_path: the manifest (default: the one in force, :data:`analysis.paths.MANIFEST`).
    """
    return _corpus_tables(_manifest_key(manifest_path))


@lru_cache(maxsize=4)
def _corpus_tables(manifest_path: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    sentences = tokens_sentences(corpus.corpus_segments(manifest_path=manifest_path))
    return sentences, tokens_normalise(tokens_words(sentences))


def _primary(frame: pl.DataFrame, index: str, manifest_path: Path) -> pl.DataFrame:
    frame = frame.filter(pl.col("text_id").is_not_null())
    return corpus.order_by_text(frame, index, manifest_path=manifest_path)


def corpus_sentences(*, primary: bool = True, manifest_path: Path | None = None) -> pl.DataFrame:
    """Sentences of the primary texts in text order (every segment's with ``primary=False``).

    Args:
        primary: the primary texts only (default) or every segment.
        manifest_path: the manifest (default: the one in force).
    """
    key = _manifest_key(manifest_path)
    sentences = _corpus_tables(key)[0]
    return _primary(sentences, "sentence_index", key) if primary else sentences


def corpus_tokens(
    *, primary: bool = True, words_only: bool = False, manifest_path: Path | None = None
) -> pl.DataFrame:
    """Normalised tokens of the primary texts (of every segment with ``primary=False``).

    Args:
        primary: the primary texts only (default) or every segment.
        words_only: keep word tokens only (``is_word``).
        manifest_path: the manifest (default: the one in force).
    """
    key = _manifest_key(manifest_path)
    toks = _corpus_tables(key)[1]
    toks = _primary(toks, "token_index", key) if primary else toks
    return toks.filter(pl.col("is_word")) if words_only else toks


def textstat_summary(tokens: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """Sentences, tokens, word tokens and word types per primary text (types are ``norm``).

    Texts in display order; ids the manifest does not list follow in order of appearance.
    """
    sent = sentences.group_by("text_id", maintain_order=True).agg(pl.len().alias("n_sentences"))
    tok = tokens.group_by("text_id", maintain_order=True).agg(
        pl.len().alias("n_tokens"),
        pl.col("is_word").sum().alias("n_word_tokens"),
        pl.col("norm").filter(pl.col("is_word")).n_unique().alias("n_word_types"),
    )
    return corpus.order_by_text(sent.join(tok, on="text_id", how="left"))


def sentence_trace(sentence_id: str, *, manifest_path: Path | None = None) -> pl.DataFrame:
    """Trace one sentence back to its raw file: offsets, line and column, and the raw slice.

    Returns:
        One row: ``sentence_id, file, start, end, line, column, text, raw_slice, identical``
        where ``raw_slice`` is ``raw[start:end]`` read afresh from the file.
    """
    sentences = corpus_sentences(primary=False, manifest_path=manifest_path)
    row = sentences.filter(pl.col("sentence_id") == sentence_id)
    if row.is_empty():
        raise DiscourseError(
            f"no sentence {sentence_id!r}; ids look like '<text_id>:s001' (see "
            f"data/processed/sentences.csv or tokens.corpus_sentences())."
        )
    r = row.row(0, named=True)
    m = corpus.manifest(manifest_path)
    source = m.source(r["source_id"])
    # read afresh, as bytes decoded (no newline translation: CRLF offsets stay exact)
    raw = corpus.read_source(source.id, m)
    line = raw.count("\n", 0, r["start"]) + 1
    column = r["start"] - (raw.rfind("\n", 0, r["start"]) + 1) + 1
    raw_slice = raw[r["start"] : r["end"]]
    return pl.DataFrame(
        [
            {
                "sentence_id": sentence_id,
                "file": corpus.shown_path(source, m),
                "start": r["start"],
                "end": r["end"],
                "line": line,
                "column": column,
                "text": r["text"],
                "raw_slice": raw_slice,
                "identical": raw_slice == r["text"],
            }
        ]
    )
