"""How the reuse prose states a shared span's length (a possessive clitic is a word token)."""

from __future__ import annotations

from analysis.report import reuse_prose


def test_span_length_says_when_a_clitic_is_counted():
    assert reuse_prose._length({"length": 5, "a_text": "the tragedy of that winter"}) == "5 words"
    # "’s" is its own word token: the reader sees 3 words and is told why the count is 4
    for text in ("Ostland\u2019s territorial integrity", "Ostland's territorial integrity"):
        assert reuse_prose._length({"length": 4, "a_text": text}) == (
            "4 word tokens, \u201c\u2019s\u201d counted"
        )
