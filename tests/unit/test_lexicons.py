"""The lexicon loader's validation and the multi-word pattern matcher, on synthetic input."""

from __future__ import annotations

import polars as pl
import pytest

from analysis import lexicons, tokens
from analysis.io import DiscourseError

from .synthetic_texts import FIVE_TEXTS, TINY_RAW, token_frames, write_tiny_manifest

HEADER = "# purpose: test\n# source: test\n# version: 1\n# date: 2026-11-22\n"


def write(tmp_path, body, header=HEADER, name="lex"):
    (tmp_path / f"{name}.csv").write_text(header + body, encoding="utf-8")
    return tmp_path


def load(tmp_path, **kw):
    kw.setdefault("required", ("form", "category"))
    kw.setdefault("key", ("form",))
    return lexicons.lexicon_load("lex", directory=tmp_path, **kw)


def test_valid_lexicon_loads_with_header_and_line_numbers(tmp_path):
    lex = load(write(tmp_path, 'form,category\nKhojali,town\n"Republic of Artsakh",region\n'))
    assert lex.header["version"] == "1"
    assert lex.table["form"].to_list() == ["Khojali", "Republic of Artsakh"]
    assert lex.table["line"].to_list() == [6, 7]


def test_missing_header_field(tmp_path):
    with pytest.raises(
        DiscourseError, match=r"lex\.csv, line 1: header lacks \['version', 'date'\]"
    ):
        load(write(tmp_path, "form,category\nx,y\n", header="# purpose: p\n# source: s\n"))


def test_duplicate_form_names_both_lines(tmp_path):
    with pytest.raises(
        DiscourseError, match=r"line 7: duplicate form 'khojali' \(first at line 6\)"
    ):
        load(write(tmp_path, "form,category\nKhojali,town\nkhojali,town\n"))


def test_empty_cue_names_the_line(tmp_path):
    with pytest.raises(DiscourseError, match=r"lex\.csv, line 7: empty 'form'"):
        load(write(tmp_path, "form,category\nKhojali,town\n,town\n"))


def test_unknown_category_names_the_line(tmp_path):
    with pytest.raises(
        DiscourseError, match=r"line 6: unknown category 'towm'; allowed: \['region', 'town'\]"
    ):
        load(
            write(tmp_path, "form,category\nKhojali,towm\n"),
            categories={"category": {"town", "region"}},
        )


def test_missing_column_and_wrong_field_count(tmp_path):
    with pytest.raises(DiscourseError, match=r"missing column\(s\) \['category'\]"):
        load(write(tmp_path, "form\nKhojali\n"))
    with pytest.raises(DiscourseError, match=r"line 6: 3 fields, expected 2"):
        load(write(tmp_path, "form,category\nKhojali,town,extra\n"))


def test_missing_file(tmp_path):
    with pytest.raises(DiscourseError, match=r"nope\.csv: lexicon not found"):
        lexicons.lexicon_load("nope", required=("form",), directory=tmp_path)


def test_pattern_tokens_follow_the_tokenizer():
    assert lexicons.pattern_tokens("Republic of Artsakh") == ("republic", "of", "artsakh")
    assert lexicons.pattern_tokens("Canada’s") == ("canada", "'s")
    assert lexicons.pattern_tokens("Nagorno-Karabakh") == ("nagorno-karabakh",)
    assert lexicons.pattern_tokens("condemn*") == ("condemn*",)


def test_match_on_five_texts_slices_the_segments():
    segments, _, toks = token_frames(FIVE_TEXTS)
    pats = pl.DataFrame({"pattern": ["Khojal*", "harbour", "territorial integrity"]})
    m = lexicons.match_patterns(toks, pats, segments=segments)
    counts = {(p, t): n for p, t, n in m.group_by("pattern", "text_id").len().rows()}
    assert counts == {
        ("Khojal*", "a"): 1,
        ("Khojal*", "e-1234"): 1,
        ("harbour", "e-1234"): 5,
        ("territorial integrity", "c"): 1,
    }
    for source, start, end, matched in m.select("source_id", "start", "end", "matched").rows():
        assert FIVE_TEXTS[source.removeprefix("src-")][start:end] == matched
    assert set(m.filter(pl.col("pattern") == "Khojal*")["matched"]) == {"Khojaly", "Khojali"}
    assert "Territorial integrity" in m["matched"].to_list()


def test_longest_pattern_wins_and_matches_stay_in_a_sentence():
    segments, _, toks = token_frames({"x": "Republic of Artsakh. Artsakh. Republic of. Artsakh"})
    pats = pl.DataFrame({"pattern": ["Artsakh", "Republic of Artsakh", "of Artsakh"]})
    m = lexicons.match_patterns(toks, pats, segments=segments)
    assert m.select("pattern", "start").rows() == [
        ("Republic of Artsakh", 0),
        ("Artsakh", 21),
        ("Artsakh", 43),  # "Republic of." ends a sentence: no match across it
    ]


def test_matched_text_comes_from_the_manifest_of_the_tables(tiny_manifest):
    toks = tokens.corpus_tokens(primary=False, manifest_path=tiny_manifest)
    pats = pl.DataFrame({"pattern": ["Republic of Artsakh", "harbour bridge"]})
    m = lexicons.match_patterns(toks, pats, manifest_path=tiny_manifest)
    # the raw text keeps its double spaces: the match is a slice of it, not joined tokens
    assert m.select("text_id", "matched").rows() == [
        ("t-one", "Republic  of Artsakh"),
        ("t-two", "Harbour  bridge"),
        (None, "Republic of Artsakh"),
    ]
    raw = {name[:-4]: text for name, text in TINY_RAW.items()}
    for source, start, end, matched in m.select("source_id", "start", "end", "matched").rows():
        assert raw[source][start:end] == matched
    # the segments frame gives the same text without reading any file
    from analysis import corpus

    segments = corpus.corpus_segments(manifest_path=tiny_manifest)
    assert lexicons.match_patterns(toks, pats, segments=segments).equals(m)


def test_surface_text_names_a_span_no_segment_holds():
    segments, _, _ = token_frames({"x": "River."})
    surface = lexicons.surface_text(segments)
    assert surface("src-x", None, 0, 5) == "River"
    with pytest.raises(DiscourseError, match="no segment of 'src-x' holds"):
        surface("src-x", None, 3, 40)


def test_no_match_gives_an_empty_frame_with_the_schema():
    segments, _, toks = token_frames({"x": "River."})
    m = lexicons.match_patterns(toks, pl.DataFrame({"pattern": ["Xocalı"]}), segments=segments)
    assert m.is_empty() and {"pattern", "start", "end", "matched"} <= set(m.columns)


@pytest.fixture()
def tiny_manifest(tmp_path):
    return write_tiny_manifest(tmp_path)
