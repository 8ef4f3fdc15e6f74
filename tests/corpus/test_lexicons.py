"""The lexicon loader's validation and the multi-word pattern matcher."""

from __future__ import annotations

import polars as pl
import pytest

from analysis import lexicons, tokens

HEADER = "# purpose: test\n# source: test\n# version: 1\n# date: 2026-11-22\n"


def write(tmp_path, body, header=HEADER, name="lex"):
    (tmp_path / f"{name}.csv").write_text(header + body, encoding="utf-8")
    return tmp_path


def load(tmp_path, **kw):
    kw.setdefault("required", ("form", "category"))
    kw.setdefault("key", ("form",))
    return lexicons.lexicon_load("lex", directory=tmp_path, **kw)


@pytest.fixture(scope="module")
def all_tokens():
    return tokens.corpus_tokens(primary=False)


def test_multi_word_patterns_match_and_longest_wins(all_tokens):
    pats = pl.DataFrame({"pattern": ["Artsakh", "Republic of Artsakh", "Lachin corridor"]})
    m = lexicons.match_patterns(all_tokens.filter(pl.col("text_id") == "letter"), pats)
    counts = dict(m.group_by("pattern").len().iter_rows())
    # The letter writes "Republic of Artsakh" once; that occurrence is not counted as "Artsakh".
    assert counts["Republic of Artsakh"] == 1
    assert counts["Artsakh"] == 11
    assert counts["Lachin corridor"] == 4  # "Lachin corridor" x3 and "Lachin Corridor" once
    assert "Lachin Corridor" in m["matched"].to_list()


def test_matches_carry_raw_offsets(all_tokens):
    from analysis import corpus

    m = lexicons.match_patterns(
        all_tokens, pl.DataFrame({"pattern": ["territorial integrity", "Khojal*"]})
    )
    for row in m.iter_rows(named=True):
        assert corpus.raw_text(row["source_id"])[row["start"] : row["end"]] == row["matched"]
    by_text = m.group_by("pattern", "text_id").len()
    ti = dict(
        by_text.filter(pl.col("pattern") == "territorial integrity")
        .select("text_id", "len")
        .iter_rows()
    )
    assert ti == {"petition": 1, "response": 1}
    kh = m.filter(pl.col("pattern") == "Khojal*")["matched"].to_list()
    assert set(kh) == {"Khojali", "Khojaly"}


def test_no_match_gives_an_empty_frame_with_the_schema(all_tokens):
    m = lexicons.match_patterns(all_tokens, pl.DataFrame({"pattern": ["Xocalı"]}))
    assert m.is_empty() and {"pattern", "start", "end", "matched"} <= set(m.columns)
