"""The indexed pattern matcher against the earlier pattern-by-pattern one, on synthetic tokens.

Both must return identical frames (rows, order, columns, dtypes). Token frames are built here
from word lists, with offsets into a source text joined from the same words, so ``matched``
is checked too. Text order comes from a tiny manifest in tmp (never the project's).
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis import lexicons
from analysis.bench.reference_lexicons import match_patterns_reference

from .synthetic_texts import FIVE_TEXTS, token_frames, write_tiny_manifest

#: Token words: prefixes of one another, a clitic and a dot, so wildcards and overlaps abound.
VOCAB = ("ab", "abc", "abd", "b", "ba", "c", "'s", ".")
#: Pattern words and how they tokenize: "ab's" is two tokens, "ab.c" three.
PATTERN_WORDS = ("ab", "abc", "AB", "b", "ba", "c", "a*", "ab*", "b*", "abc*", "ab's", "ab.c")


def build_tokens(sentences: list[tuple[str | None, str, list[str]]]) -> tuple[pl.DataFrame, dict]:
    """A token frame from ``(text_id, sentence_id, words)`` rows, and each source's text.

    A text's source is ``src-<text_id>`` (``src-none`` outside the texts); its raw text is its
    words joined by spaces, so each token's offsets slice its word back out.
    """
    rows, texts, index = [], {}, {}
    for text_id, sentence_id, words in sentences:
        source = f"src-{text_id or 'none'}"
        for word in words:
            text = texts.get(source, "")
            start = len(text) + (1 if text else 0)
            texts[source] = (text + " " if text else "") + word.upper()
            index[source] = index.get(source, 0) + 1
            rows.append(
                {
                    "source_id": source,
                    "text_id": text_id,
                    "segment_id": f"{source}:1",
                    "sentence_id": sentence_id,
                    "token_index": index[source],
                    "start": start,
                    "end": start + len(word),
                    "norm": word,
                }
            )
    schema = {
        "source_id": pl.String,
        "text_id": pl.String,
        "segment_id": pl.String,
        "sentence_id": pl.String,
        "token_index": pl.Int64,
        "start": pl.Int64,
        "end": pl.Int64,
        "norm": pl.String,
    }
    return pl.DataFrame(rows, schema=schema), texts


@pytest.fixture(scope="module")
def manifest(tmp_path_factory):
    return write_tiny_manifest(tmp_path_factory.mktemp("tiny"))


def both(toks, texts, pats, manifest, **kw):
    kw = {"source_text": texts.__getitem__, "manifest_path": manifest, **kw}
    return lexicons.match_patterns(toks, pats, **kw), match_patterns_reference(toks, pats, **kw)


def assert_same(new: pl.DataFrame, ref: pl.DataFrame) -> None:
    assert new.columns == ref.columns
    assert new.schema == ref.schema
    assert new.rows() == ref.rows()


sentence = st.tuples(
    st.sampled_from(["t-two", "x-new", "t-one", None, "y-new"]),
    st.sampled_from([f"s{k}" for k in range(6)]),
    st.lists(st.sampled_from(VOCAB), min_size=1, max_size=9),
)
pattern = st.lists(st.sampled_from(PATTERN_WORDS), min_size=1, max_size=3).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    sentences=st.lists(sentence, min_size=1, max_size=8),
    patterns=st.lists(pattern, min_size=1, max_size=7),
)
def test_indexed_matches_equal_the_reference(sentences, patterns, manifest):
    # sentence ids may recur apart: both matchers treat a sentence id as one sentence
    toks, texts = build_tokens(sentences)
    pats = pl.DataFrame({"pattern": patterns, "row": list(range(len(patterns)))})
    new, ref = both(toks, texts, pats, manifest)
    assert_same(new, ref)
    for source, start, end, matched in new.select("source_id", "start", "end", "matched").rows():
        assert texts[source][start:end] == matched


def test_overlaps_resolve_by_length_then_file_order_then_position(manifest):
    toks, texts = build_tokens(
        [("t-one", "s1", ["ab", "b", "c", "ab", "ab", "ab"]), ("x-new", "s2", ["b", "c"])]
    )
    pats = pl.DataFrame(
        {"pattern": ["b c", "ab b", "ab ab", "c", "ab*", "ab ab"], "row": [0, 1, 2, 3, 4, 5]}
    )
    new, ref = both(toks, texts, pats, manifest)
    assert_same(new, ref)
    # "b c" beats "ab b" by file order (same length) and leaves "c" nothing; "ab ab" takes
    # tokens 4-5 and its duplicate row nothing; the one-token "ab*" gets tokens 1 and 6.
    assert new.select("text_id", "pattern", "token_index", "n_tokens", "matched").rows() == [
        ("t-one", "ab*", 1, 1, "AB"),
        ("t-one", "b c", 2, 2, "B C"),
        ("t-one", "ab ab", 4, 2, "AB AB"),
        ("t-one", "ab*", 6, 1, "AB"),
        ("x-new", "b c", 1, 2, "B C"),
    ]


def test_no_match_across_sentences_and_recurring_sentence_ids(manifest):
    # s1's tokens are split by s2: the earlier matcher grouped them as one sentence, so does this
    toks, texts = build_tokens(
        [("t-one", "s1", ["ab"]), ("t-one", "s2", ["b"]), ("t-one", "s1", ["c"])]
    )
    pats = pl.DataFrame({"pattern": ["ab b", "ab c"]})
    new, ref = both(toks, texts, pats, manifest)
    assert_same(new, ref)
    assert new.select("pattern", "sentence_id", "token_index", "end", "matched").rows() == [
        ("ab c", "s1", 1, 6, "AB B C")
    ]


def test_five_texts_equal_the_reference_with_segments(manifest):
    segments, _, toks = token_frames(FIVE_TEXTS)
    pats = pl.DataFrame(
        {
            "pattern": ["Khojal*", "harbour", "harbour harbour", "the river", "the", "grain"],
            "weight": [1.5, 2.0, None, 0.5, 1.0, 3.0],
        }
    )
    new = lexicons.match_patterns(toks, pats, segments=segments, manifest_path=manifest)
    ref = match_patterns_reference(toks, pats, segments=segments, manifest_path=manifest)
    assert_same(new, ref)
    counts = dict(new.group_by("pattern").len().iter_rows())
    # "Harbour harbour harbour." takes one pair and one single; the rest are singles
    assert counts["harbour harbour"] == 1 and counts["harbour"] == 3
    assert new["weight"].dtype == pl.Float64
    assert new.filter(pl.col("text_id") == "e-1234")["matched"].to_list()[:2] == [
        "Harbour harbour",
        "harbour",
    ]


def test_empty_inputs_give_the_reference_schema(manifest):
    toks, texts = build_tokens([("t-one", "s1", ["c"])])
    no_patterns = pl.DataFrame({"pattern": []}, schema={"pattern": pl.String})
    for pats in (pl.DataFrame({"pattern": ["ab"]}), no_patterns):
        new, ref = both(toks, texts, pats, manifest)
        assert_same(new, ref)
        assert new.is_empty()
    new, ref = both(toks.clear(), texts, pl.DataFrame({"pattern": ["c"]}), manifest)
    assert_same(new, ref)


def test_null_text_ids_only_keep_the_earlier_dtypes(manifest):
    toks, texts = build_tokens([(None, "s1", ["ab", "c"])])
    new, ref = both(toks, texts, pl.DataFrame({"pattern": ["c"]}), manifest)
    assert_same(new, ref)
    assert new["matched"].to_list() == ["C"]
