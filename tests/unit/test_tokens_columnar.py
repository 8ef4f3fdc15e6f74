"""The columnar token tables equal the earlier row-by-row ones, frame for frame.

Every test builds its own frames (synthetic texts, or arbitrary Unicode from hypothesis) and
compares :mod:`analysis.tokens` with :mod:`analysis.bench.reference_tokens`.
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis import tokens
from analysis.bench.reference_tokens import (
    tokens_normalise_reference,
    tokens_sentences_reference,
    tokens_words_reference,
)

from .synthetic_texts import FIVE_TEXTS, segments_frame

#: Texts with the cases a vectorised rewrite gets wrong first: non-ASCII letters and digits,
#: a final sigma, superscripts, curly clitics, Unicode hyphens, symbols, empty lines.
TRICKY = {
    "gr-1": "ΟΔΟΣ ΚΑΙ ΝΟΜΟΣ. Η ΟΔΟΣ’s end — x² and ³ and ½; İstanbul’s café.",
    "num-2": "On 12th Dec. 2022, 100,000 (120’000) left at 8:56 a.m. from Nagorno‑Karabakh.",
    "sym-3": "• First ➢ second $5 + 3 = 8 | ~ ^ `tick` #822\n\n  \tIndented line.  ",
    "mix-4": "Ǆemal’S ǅ ǆ ﬁne ﬂow. ＡＢＣ１２３ and ٣٤٥ digits. ",
}


def _equal(got: pl.DataFrame, want: pl.DataFrame) -> None:
    assert got.schema == want.schema
    assert got.equals(want)


@pytest.fixture(scope="module")
def segments() -> pl.DataFrame:
    return segments_frame(
        {**FIVE_TEXTS, **TRICKY},
        extra={"a:comment": "A note. Another note.", "gr-1:footer": "Page 1. Ω."},
    )


def test_sentences_equal_the_reference_on_five_texts(segments):
    got = tokens.tokens_sentences(segments)
    _equal(got, tokens_sentences_reference(segments))
    # the new text's second line is its own sentence, numbered on within the text
    e = got.filter(pl.col("text_id") == "e-1234")
    assert e["sentence_id"].to_list() == ["e-1234:s001", "e-1234:s002", "e-1234:s003"]
    assert e["text"][2] == "Karabakh harbour."
    # a part outside the primary texts is numbered within its document and role
    extra = got.filter(pl.col("text_id").is_null())
    assert extra["sentence_id"].to_list() == [
        "a-page:comment:s001",
        "a-page:comment:s002",
        "gr-1-page:footer:s001",
        "gr-1-page:footer:s002",
    ]


def test_words_and_norms_equal_the_reference_on_five_texts(segments):
    sentences = tokens.tokens_sentences(segments)
    got = tokens.tokens_words(sentences)
    want = tokens_words_reference(sentences)
    _equal(got, want)
    _equal(tokens.tokens_normalise(got), tokens_normalise_reference(want))
    e = got.filter(pl.col("text_id") == "e-1234")
    assert e["token"].head(4).to_list() == ["Harbour", "harbour", "harbour", "."]
    assert e["token_index"].to_list() == list(range(1, e.height + 1))
    assert e.filter(pl.col("is_word")).height == 11  # 3 + 6 + 2 word tokens


def test_non_ascii_tokens_keep_python_rules(segments):
    toks = tokens.tokens_normalise(tokens.tokens_words(tokens.tokens_sentences(segments)))
    row = dict(toks.select("token", "norm").unique().iter_rows())
    kind = dict(toks.select("token", "kind").unique().iter_rows())
    assert row["ΟΔΟΣ"] == "οδος" == "ΟΔΟΣ".lower()  # final sigma, as str.lower
    assert row["’s"] == "'s" and row["İstanbul"] == "İstanbul".lower()
    assert row["Nagorno‑Karabakh"] == "nagorno-karabakh"
    # superscripts are digits to str.isdigit (not to \d), fractions are neither
    assert kind["³"] == "number" and kind["²"] == "number" and kind["½"] == "punct"
    # the regex engine (as RegexpTokenizer's) does not join a superscript to a word
    assert "x" in kind and "x²" not in kind
    assert kind["’S"] == "clitic" and kind["$"] == "symbol" and kind["—"] == "punct"
    assert kind["٣٤٥"] == "number" and kind["ＡＢＣ１２３"] == "word"


def test_offsets_slice_the_source(segments):
    sentences = tokens.tokens_sentences(segments)
    toks = tokens.tokens_words(sentences)
    raw = dict(zip(segments["segment_id"], segments["text"], strict=True))
    starts = dict(zip(segments["segment_id"], segments["start"], strict=True))
    for seg, start, end, token in toks.select("segment_id", "start", "end", "token").rows():
        assert raw[seg][start - starts[seg] : end - starts[seg]] == token


def test_chunk_boundaries_change_nothing(segments, monkeypatch):
    sentences = tokens.tokens_sentences(segments)
    want = tokens_words_reference(sentences)
    for size in (1, 2, 3, 7):
        monkeypatch.setattr(tokens, "_CHUNK_SENTENCES", size)
        _equal(tokens.tokens_words(sentences), want)


def test_more_than_999_sentences_keep_the_reference_ids():
    text = "\n".join(f"Line {i}." for i in range(1002))
    segments = segments_frame({"long-9": text})
    got = tokens.tokens_sentences(segments)
    _equal(got, tokens_sentences_reference(segments))
    assert got["sentence_id"].tail(2).to_list() == ["long-9:s1001", "long-9:s1002"]
    _equal(tokens.tokens_words(got), tokens_words_reference(got))


def test_empty_inputs_give_empty_frames_of_the_same_schema():
    segments = segments_frame({"t-empty": "   \n\n ", "t-blank": ""})
    sentences = tokens.tokens_sentences(segments)
    _equal(sentences, tokens_sentences_reference(segments))
    _equal(tokens.tokens_sentences(segments.head(0)), tokens_sentences_reference(segments.head(0)))
    assert sentences.is_empty()
    _equal(tokens.tokens_words(sentences), tokens_words_reference(sentences))
    blank = pl.DataFrame(
        {
            "source_id": ["s", "s"],
            "doc_id": ["d", "d"],
            "text_id": [None, None],
            "segment_id": ["d:x:1", "d:x:1"],
            "sentence_id": ["d:x:s001", "d:x:s002"],
            "start": [0, 5],
            "text": ["  ", "\t"],
        }
    )
    _equal(tokens.tokens_words(blank), tokens_words_reference(blank))
    toks = tokens.tokens_words(blank)
    _equal(tokens.tokens_normalise(toks), tokens_normalise_reference(toks))


def _sentences_of(texts: list[str]) -> pl.DataFrame:
    """A sentences frame over arbitrary texts: two texts, sentences laid end to end."""
    starts, pos = [], 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    keys = ["x-one" if i % 3 else "x-two" for i in range(len(texts))]
    return pl.DataFrame(
        {
            "source_id": ["src"] * len(texts),
            "doc_id": ["doc"] * len(texts),
            "text_id": keys,
            "segment_id": ["doc:body:1"] * len(texts),
            "sentence_id": [f"{k}:s{i + 1:03d}" for i, k in enumerate(keys)],
            "start": starts,
            "text": texts,
        },
        schema_overrides={"start": pl.Int64},
    )


_UNICODE = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)


@settings(max_examples=150, deadline=None)
@given(st.lists(_UNICODE, max_size=6))
def test_arbitrary_unicode_gives_the_reference_frames(texts):
    sentences = _sentences_of(texts)
    got = tokens.tokens_words(sentences)
    want = tokens_words_reference(sentences)
    _equal(got, want)
    _equal(tokens.tokens_normalise(got), tokens_normalise_reference(want))
    # every token's offsets slice the text back to the token, and tokens never overlap
    joined = "\n".join(texts)
    last = -1
    for start, end, token in got.select("start", "end", "token").rows():
        assert joined[start:end] == token and start >= last and end > start
        last = end


@settings(max_examples=60, deadline=None)
@given(_UNICODE)
def test_arbitrary_unicode_segments_give_the_reference_sentences(text):
    segments = segments_frame({"u-1": text, "u-2": text[::-1]}, extra={"u-1:note": text})
    _equal(tokens.tokens_sentences(segments), tokens_sentences_reference(segments))


#: Characters of the blocks where both regex engines are checked (Latin, punctuation, dingbats).
_COMMON = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0, max_codepoint=0x024F, exclude_categories=("Cs",)),
        st.characters(min_codepoint=0x2000, max_codepoint=0x20CF),
        st.sampled_from(list("’‘“”•➢‐‑—–…\n\t 0123456789.,:'sS")),
    ),
    max_size=80,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_COMMON, max_size=6))
def test_common_characters_give_the_reference_frames(texts):
    """Text of common characters takes the faster engine; the tokens stay the same."""
    sentences = _sentences_of(texts)
    _equal(tokens.tokens_words(sentences), tokens_words_reference(sentences))


@pytest.mark.parametrize(
    "text, expected",
    [
        ("x² and y", ["x", "²", "and", "y"]),  # ² is \w to Python's re, not to RegexpTokenizer
        ("a\x1cb c", ["a", "\x1c", "b", "c"]),  # \x1c is \s to re, a symbol to RegexpTokenizer
        ("cafe\u0301 bar’s", ["cafe\u0301", "bar", "’s"]),  # a combining accent joins the word
    ],
)
def test_characters_the_engines_disagree_on_take_the_tokenizers_rule(text, expected):
    assert tokens._engines_may_differ().search(text) is not None
    sentences = _sentences_of(["Plain text first.", text])
    got = tokens.tokens_words(sentences)
    _equal(got, tokens_words_reference(sentences))
    assert got["token"].to_list()[4:] == expected == tokens.tokenize(text)
    assert tokens._engines_may_differ().search("Plain “text” ➢ café’s •") is None
