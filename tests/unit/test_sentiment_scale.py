"""The columnar proper-name helpers of the sentiment lexicons equal the earlier row-by-row ones.

Synthetic texts and forms only (ids the default corpus does not use); each helper is checked
against :mod:`analysis.bench.reference_names` and against values worked out by hand.
"""

from __future__ import annotations

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.bench.reference_names import (
    in_name_reference,
    match_forms_reference,
    sentence_tokens_reference,
)
from analysis.measures import sentiment_lexicons as sl

from .synthetic_texts import token_frames

#: Five texts with names, overlapping forms, wide gaps (two spaces, a tab) and a clitic.
TEXTS = {
    "k-1": "Genocide  Watch wrote. The genocide was named.\nThe Republic\tof Artsakh spoke.",
    "k-2": "Artsakh and the Republic of Artsakh. Genocidal words.",
    "k-3": "Nothing here matches at all.",
    "k-4": "The U.S. and Canada’s view: occupied, occupation, genocide Watch.",
    "k-5-new": "Watch the genocide watch. Republic of Artsakh Republic of Artsakh.",
}

#: Forms with ties and overlaps: a name over its word, a prefix over an exact form, a
#: three-token form over its last token.
FORMS = pl.DataFrame(
    {
        "form": [
            "genocide",
            "Genocide Watch",
            "genocid*",
            "Artsakh",
            "Republic of Artsakh",
            "occup*",
            "U.S.",
            "Canada’s",
        ],
        "concept": ["g", "name", "g*", "a", "roa", "occ", "us", "ca"],
        "line": [2, 3, 4, 5, 6, 7, 8, 9],
    }
)


@pytest.fixture(scope="module")
def frames():
    _segments, sentences, tokens = token_frames(TEXTS)
    return sentences, tokens


def test_matches_against_hand_worked_values(frames):
    _sentences, tokens = frames
    got = sl.match_forms(tokens, FORMS)
    assert got.equals(match_forms_reference(tokens, FORMS))
    rows = got.select("concept", "text_id", "sentence_id", "start", "end", "matched").rows()
    # longest form first (names claim their words), gaps kept as spaces (a tab is one)
    assert rows[:4] == [
        ("name", "k-1", "k-1:s001", 0, 15, "Genocide  Watch"),
        ("g", "k-1", "k-1:s002", 27, 35, "genocide"),
        ("roa", "k-1", "k-1:s003", 51, 70, "Republic of Artsakh"),
        ("a", "k-2", "k-2:s001", 0, 7, "Artsakh"),
    ]
    by_text = got.group_by("text_id", maintain_order=True).agg("concept")
    assert dict(by_text.iter_rows()) == {
        "k-1": ["name", "g", "roa"],
        "k-2": ["a", "roa", "g*"],
        "k-4": ["us", "ca", "occ", "occ", "name"],
        "k-5-new": ["name", "roa", "roa"],
    }
    # "genocide watch" in k-5-new: the name (any case) wins over the word; "Watch" before it is
    # left alone
    k5 = got.filter(pl.col("text_id") == "k-5-new")
    assert k5["matched"].to_list() == [
        "genocide watch",
        "Republic of Artsakh",
        "Republic of Artsakh",
    ]
    assert k5["start"].to_list() == [10, 26, 46]
    assert got.schema == dict(FORMS.schema) | {
        "text_id": pl.String,
        "sentence_id": pl.String,
        "source_id": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "matched": pl.String,
    }


def test_matches_in_any_row_order_and_without_sources(frames):
    _sentences, tokens = frames
    shuffled = tokens.sample(fraction=1.0, shuffle=True, seed=7)
    assert sl.match_forms(shuffled, FORMS).equals(match_forms_reference(shuffled, FORMS))
    # the same matches, sentences in their (new) order of first appearance
    by_place = ["sentence_id", "start"]
    assert (
        sl.match_forms(shuffled, FORMS)
        .sort(by_place)
        .equals(sl.match_forms(tokens, FORMS).sort(by_place))
    )
    bare = tokens.drop("source_id")
    got = sl.match_forms(bare, FORMS)
    assert got.equals(match_forms_reference(bare, FORMS))
    assert got["source_id"].null_count() == got.height > 0


def test_no_match_and_no_tokens(frames):
    _sentences, tokens = frames
    none = FORMS.filter(pl.col("concept") == "us").with_columns(form=pl.lit("harbour"))
    assert sl.match_forms(tokens, none).equals(match_forms_reference(tokens, none))
    assert sl.match_forms(tokens, none).is_empty()
    assert sl.match_forms(tokens.head(0), FORMS).equals(
        match_forms_reference(tokens.head(0), FORMS)
    )


WORDS = ["a", "b", "ab", "abc", "c", "b-c"]


@settings(max_examples=60, deadline=None)
@given(
    texts=st.lists(
        st.lists(st.sampled_from(WORDS), min_size=0, max_size=12).map(" ".join),
        min_size=1,
        max_size=5,
    ),
    forms=st.lists(
        st.lists(st.sampled_from([*WORDS, "a*", "ab*"]), min_size=1, max_size=3).map(" ".join),
        min_size=1,
        max_size=6,
        unique=True,
    ),
)
def test_random_texts_and_forms_match_as_before(texts, forms):
    _segments, _sentences, tokens = token_frames({f"t{i}": t for i, t in enumerate(texts)})
    frame = pl.DataFrame({"form": forms, "k": list(range(len(forms)))})
    assert sl.match_forms(tokens, frame).equals(match_forms_reference(tokens, frame))


def test_sentence_tokens_equal_the_records(frames):
    sentences, tokens = frames
    got = sl._sentence_tokens(sentences)
    assert got.equals(sentence_tokens_reference(sentences))
    # the same tokens as the token table, offsets included
    cols = ["text_id", "source_id", "sentence_id", "start", "end", "token", "norm"]
    assert got.equals(tokens.select(cols))
    bare = sentences.select("text_id", "sentence_id", "start", "text")
    assert sl._sentence_tokens(bare).equals(sentence_tokens_reference(bare))
    assert sl._sentence_tokens(bare)["source_id"].null_count() == got.height
    assert sl._sentence_tokens(bare.head(0)).equals(sentence_tokens_reference(bare.head(0)))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text(min_size=0, max_size=30), min_size=1, max_size=4))
def test_sentence_tokens_of_any_text(texts):
    sentences = pl.DataFrame(
        {
            "text_id": [f"t{i}" for i in range(len(texts))],
            "sentence_id": [f"t{i}:s001" for i in range(len(texts))],
            "start": [10 * i for i in range(len(texts))],
            "text": texts,
        }
    )
    assert sl._sentence_tokens(sentences).equals(sentence_tokens_reference(sentences))


def test_in_name_against_hand_worked_spans():
    toks = pl.DataFrame(
        {
            "sentence_id": ["s1", "s1", "s1", "s2", "s2", None, None],
            "start": [0, 5, 11, 0, 4, 0, 3],
            "end": [4, 10, 14, 3, 8, 2, 6],
        }
    )
    spans = pl.DataFrame(
        {
            "sentence_id": ["s1", "s1", "s2", None, "s9"],
            "start": [0, 4, 4, 3, 0],
            "end": [10, 14, 7, 6, 99],
        }
    )
    want = [True, True, True, False, False, False, True]
    assert sl._in_name(toks, spans).to_list() == want
    assert sl._in_name(toks, spans).equals(in_name_reference(toks, spans))
    assert sl._in_name(toks, spans.head(0)).to_list() == [False] * 7
    assert sl._in_name(toks.head(0), spans).is_empty()


def test_masks_only_words_inside_names(frames):
    sentences, tokens = frames
    spans = sl.match_forms(tokens, FORMS.filter(pl.col("concept") == "name")).select(
        "source_id", "sentence_id", "start", "end", "matched"
    )
    words = {"genocide", "artsakh"}
    got = sl.mask_names(sentences, spans, words)
    one_by_one = [sl._mask_names(r, spans, words) for r in sentences.iter_rows(named=True)]
    assert got == one_by_one
    assert got[0] == "Name  Watch wrote."
    assert got[-2] == "Watch the Name watch."  # "genocide watch" is a name: masked
    changed = [i for i, (a, b) in enumerate(zip(got, sentences["text"], strict=True)) if a != b]
    assert [sentences["sentence_id"][i] for i in changed] == [
        "k-1:s001",
        "k-4:s001",
        "k-5-new:s001",
    ]
    assert sl.mask_names(sentences, spans, set()) == sentences["text"].to_list()
