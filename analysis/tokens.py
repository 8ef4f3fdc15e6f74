"""Sentences and word tokens with character offsets into the raw sources, fully offline.

Sentences come from NLTK's Punkt algorithm with a hand-set abbreviation list (no trained
``punkt``/``punkt_tab`` model is needed or fetched). Words come from an NLTK
:class:`~nltk.tokenize.RegexpTokenizer` whose pattern is written for this corpus's
conventions: thousands separators (``100,000``, ``120’000``), ordinals (``12th``),
hyphenated names (``Nagorno-Karabakh``), curly possessives (``Canada’s`` -> ``Canada`` +
``’s``), initialisms (``U.S.``) and bullets (``•``, ``➢``) as symbols.

Tokens keep their surface form; lower-casing and quote folding are a separate, explicit step
(:func:`tokens_normalise`). A *word token* (the unit of every rate per 1,000 tokens, see
METHODS.md) is a token of kind ``word``, ``number`` or ``clitic``; punctuation and symbols are
kept in the table but never counted.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import polars as pl
from nltk.tokenize import RegexpTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

from analysis import corpus, paths
from analysis.io import DiscourseError

#: Abbreviations Punkt must not treat as sentence ends (lower case, without the final dot).
ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "cf",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "a.m",
        "p.m",
        "gen",
        "col",
        "lt",
        "rev",
        "hon",
        "jr",
        "sr",
    }
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

_WORD_TOKENIZER = RegexpTokenizer(WORD_PATTERN)
_SENT_TOKENIZER: PunktSentenceTokenizer | None = None

WORD_KINDS = ("word", "number", "clitic")


def sentence_tokenizer() -> PunktSentenceTokenizer:
    """The suite's Punkt sentence splitter (built once, no model file)."""
    global _SENT_TOKENIZER
    if _SENT_TOKENIZER is None:
        params = PunktParameters()
        params.abbrev_types = set(ABBREVIATIONS)
        _SENT_TOKENIZER = PunktSentenceTokenizer(params)
    return _SENT_TOKENIZER


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``; line breaks always end a sentence."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        for s, e in sentence_tokenizer().span_tokenize(line.group()):
            spans.append((base + s, base + e))
    return spans


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


def tokens_sentences(segments: pl.DataFrame) -> pl.DataFrame:
    """Split segments into sentences.

    Args:
        segments: a frame from :func:`analysis.corpus.corpus_segments`.

    Returns:
        One row per sentence, with ``start``/``end`` offsets into the raw source and a
        ``sentence_index`` counting from 1 within each primary text (``<text_id>:s001``…),
        or, outside the primary texts, within each document and role
        (``<doc_id>:<role>:s001``…).
    """
    rows = []
    counters: dict[str, int] = {}
    for seg in segments.iter_rows(named=True):
        # Numbered within the primary text, so ids are stable whatever else is loaded.
        key = seg["text_id"] or f"{seg['doc_id']}:{seg['role']}"
        for s, e in sentence_spans(seg["text"]):
            k = counters.get(key, 0) + 1
            counters[key] = k
            rows.append(
                {
                    "source_id": seg["source_id"],
                    "doc_id": seg["doc_id"],
                    "text_id": seg["text_id"],
                    "segment_id": seg["segment_id"],
                    "role": seg["role"],
                    "speaker": seg["speaker"],
                    "sentence_id": f"{key}:s{k:03d}",
                    "sentence_index": k,
                    "start": seg["start"] + s,
                    "end": seg["start"] + e,
                    "text": seg["text"][s:e],
                }
            )
    return pl.DataFrame(rows, schema=_SENTENCE_SCHEMA)


def tokens_words(sentences: pl.DataFrame) -> pl.DataFrame:
    """Tokenize sentences into tokens with offsets.

    Args:
        sentences: a frame from :func:`tokens_sentences`.

    Returns:
        One row per token: the sentence's identifiers, ``token_index`` (from 1 within each
        primary text, or document and role), ``start``/``end`` into the raw source, ``token`` (surface form), ``kind``
        and ``is_word`` (the tokens every rate counts).
    """
    rows = []
    counters: dict[str, int] = {}
    for sent in sentences.iter_rows(named=True):
        key = sent["sentence_id"].rsplit(":", 1)[0]
        for s, e in word_spans(sent["text"]):
            token = sent["text"][s:e]
            kind = token_kind(token)
            k = counters.get(key, 0) + 1
            counters[key] = k
            rows.append(
                {
                    "source_id": sent["source_id"],
                    "doc_id": sent["doc_id"],
                    "text_id": sent["text_id"],
                    "segment_id": sent["segment_id"],
                    "sentence_id": sent["sentence_id"],
                    "token_index": k,
                    "start": sent["start"] + s,
                    "end": sent["start"] + e,
                    "token": token,
                    "kind": kind,
                    "is_word": kind in WORD_KINDS,
                }
            )
    return pl.DataFrame(
        rows,
        schema={
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
        },
    )


def tokens_normalise(tokens: pl.DataFrame) -> pl.DataFrame:
    """Add a ``norm`` column: the token lower-cased, with apostrophes and hyphens folded."""
    return tokens.with_columns(
        pl.col("token").map_elements(normalise, return_dtype=pl.String).alias("norm")
    )


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
