"""Generated prose: number words, "and" lists and text names, each edge case as callers word it."""

from __future__ import annotations

import pytest

from analysis import prose
from analysis.charts import count_words
from analysis.measures import framing, keyness

from . import synthetic
from . import synthetic_sentiment as st

NAMES = {"e-1234": "petition e-1234", "r-1234": "the response to e-1234", "blank": ""}


def test_number_word_defaults_zero_to_nine_then_digits():
    assert [prose.number_word(n) for n in (0, 1, 3, 9, 10, 12, 13, -1)] == [
        "zero",
        "one",
        "three",
        "nine",
        "10",
        "12",
        "13",
        "-1",
    ]


def test_number_word_parameters_keep_each_callers_wording():
    # charts.sentiment: "the no texts"; framing prose: words to ten, 0 in digits
    assert prose.number_word(0, zero="no") == "no"
    assert prose.number_word(0, zero=None) == "0"
    assert [prose.number_word(n, most=10, zero=None) for n in (10, 11)] == ["ten", "11"]
    assert prose.number_word(12, most=12) == "twelve"
    assert prose.number_word(13, most=99) == "13"  # no word past twelve
    # the callers that kept a name for their wording give the same words as before
    assert [framing.number_word(n) for n in (0, 1, 10, 11)] == ["0", "one", "ten", "11"]
    assert [keyness.number_word(n) for n in (0, 5, 10)] == ["zero", "five", "10"]


def test_count_words():
    assert prose.count_words(1, "raw file") == "one raw file"
    assert prose.count_words(12, "text") == "twelve texts"
    assert prose.count_words(0, "text") == "0 texts"
    assert count_words is prose.count_words


@pytest.mark.parametrize(
    ("items", "expected"),
    [([], ""), (["a"], "a"), (["a", "b"], "a and b"), (["a", "b", "c"], "a, b and c")],
)
def test_join_words(items, expected):
    assert prose.join_words(iter(items)) == expected


def test_join_words_empty_and_last():
    assert prose.join_words([], empty="no text") == "no text"
    assert prose.join_words(["a"], empty="no text") == "a"
    assert prose.join_words(["a", "b", "c"], last=" or ") == "a, b or c"


def test_text_names_from_a_mapping():
    assert prose.text_name("e-1234", NAMES) == "petition e-1234"
    assert prose.text_name("x-9", NAMES) == "x-9"  # unknown: its id
    assert prose.text_name("blank", NAMES) == "blank"  # empty name: its id
    assert prose.text_names_of(["r-1234", "e-1234"], NAMES) == [
        "the response to e-1234",
        "petition e-1234",
    ]
    assert prose.texts_phrase(["e-1234", "r-1234", "x-9"], NAMES) == (
        "petition e-1234, the response to e-1234 and x-9"
    )
    assert prose.texts_phrase([], NAMES, empty="no text") == "no text"


def test_text_names_from_the_manifest_in_force(tmp_path):
    ids = ["note-a", "e-1234", "stmt-c", "r-1234"]
    with synthetic.manifest_in_force(st.write_manifest(tmp_path, ids)):
        assert prose.text_names_of(ids) == [f"the {t} text" for t in ids]
        assert prose.texts_phrase(ids[:2]) == "the note-a text and the e-1234 text"
