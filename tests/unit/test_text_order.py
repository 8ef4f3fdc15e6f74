"""One text order for every frame: corpus.texts_in and corpus.order_by_text."""

from __future__ import annotations

import polars as pl

from analysis import corpus

from . import synthetic_sentiment as st

FRAME = pl.DataFrame(
    {
        "text_id": ["x-2", "b-1", None, "x-1", "a-1", "x-2", "x-1", "b-1"],
        "n": [1, 2, 3, 4, 5, 6, 7, 8],
    }
)


def test_texts_in_manifest_order_then_appearance(tmp_path):
    m = st.write_manifest(tmp_path, ["a-1", "b-1", "c-1"])
    # listed ids in the manifest's order (c-1 is absent), the rest as they appear, nulls out
    assert corpus.texts_in(FRAME, manifest_path=m) == ["a-1", "b-1", "x-2", "x-1"]
    assert corpus.texts_in(FRAME, order=()) == ["x-2", "b-1", "x-1", "a-1"]
    assert corpus.texts_in(FRAME, order=["x-1"]) == ["x-1", "x-2", "b-1", "a-1"]
    other = FRAME.rename({"text_id": "text_a"})
    assert corpus.texts_in(other, "text_a", manifest_path=m) == ["a-1", "b-1", "x-2", "x-1"]


def test_order_by_text_keeps_unknown_ids_apart(tmp_path):
    m = st.write_manifest(tmp_path, ["a-1", "b-1"])
    # sorted by n descending within a text: unknown ids stay apart (x-2 before x-1, as they
    # first appear) instead of being pooled and interleaved by n; the null row comes last
    out = corpus.order_by_text(FRAME, "n", manifest_path=m)
    assert out.rows() == [
        ("a-1", 5),
        ("b-1", 2),
        ("b-1", 8),
        ("x-2", 1),
        ("x-2", 6),
        ("x-1", 4),
        ("x-1", 7),
        (None, 3),
    ]
    given = corpus.order_by_text(FRAME, order=["x-1", "a-1"])
    assert given["text_id"].to_list() == ["x-1", "x-1", "a-1", "x-2", "x-2", "b-1", "b-1", None]


def test_order_by_text_of_an_empty_frame():
    empty = FRAME.clear()
    assert corpus.order_by_text(empty, "n", order=()).height == 0
    assert corpus.texts_in(empty, order=()) == []
