"""Terminology measures on five synthetic texts (ids the default corpus lacks) plus one part
of a page outside the texts; counts checked against counts written out from the texts."""

from __future__ import annotations

import polars as pl
import pytest

from analysis import lexicons
from analysis.io import DiscourseError
from analysis.measures import terminology as tm

from .synthetic_texts import FIVE_TEXTS, token_frames

IDS = list(FIVE_TEXTS)
#: Word tokens per text (the texts are short enough to count by eye) and of the extra part.
SIZES = {"a": 10, "b": 8, "c": 12, "d": 5, "e-1234": 11, "a-page:intro": 3}
EXTRA = {"a:intro": "Artsakh river news."}


@pytest.fixture(scope="module")
def frames():
    segments, _, toks = token_frames(FIVE_TEXTS, extra=EXTRA)
    return {"toks": toks, "segments": segments}


LEXICON = pl.DataFrame(
    {
        "lexicon": ["test"] * 4,
        "category": ["place", "place", "place", "thing"],
        "concept": ["town", "town", "harbour", "river"],
        "form": ["Khojaly", "Khojali", "harbour*", "river"],
        "note": [""] * 4,
    }
)


def test_units_cover_every_text_then_other_parts(frames):
    units = tm.textstat_units(primary=False, **frames)
    assert units["unit"].to_list() == [*IDS, "a-page:intro"]
    assert dict(units.select("unit", "n_words").iter_rows()) == SIZES
    assert units.filter(pl.col("unit") == "a-page:intro")["text_id"][0] is None
    primary = tm.textstat_units(**frames)
    assert primary["unit"].to_list() == IDS
    toks = tm.tokens_units(**frames).filter(pl.col("unit") == "e-1234")
    assert toks["word_index"].max() == 11
    assert set(toks["speaker"]) == {"Speaker E-1234"}


def test_counts_and_rates_per_text(frames):
    terms = tm.textstat_terms(LEXICON, level="concept", **frames)
    n = {(u, c): v for u, c, v in terms.select("unit", "concept", "n").rows()}
    # harbour* : 5 in e-1234; river: once in every text; town: a (Khojaly), e-1234 (Khojali)
    assert n[("e-1234", "harbour")] == 5 and n[("a", "harbour")] == 0
    assert [n[(t, "river")] for t in IDS] == [1, 1, 1, 1, 1]
    assert [n[(t, "town")] for t in IDS] == [1, 0, 0, 0, 1]
    rate = terms.filter((pl.col("unit") == "e-1234") & (pl.col("concept") == "harbour"))["rate"]
    assert rate[0] == pytest.approx(1000 * 5 / 11)
    assert terms["unit"].unique(maintain_order=True).to_list() == IDS
    wide = tm.textstat_terms_wide(LEXICON, **frames)
    assert wide.columns == ["category", "concept", *IDS]
    assert wide.filter(pl.col("concept") == "town").row(0)[2:] == (1, 0, 0, 0, 1)


def test_naming_of_a_referent_in_every_text(frames):
    naming = tm.textstat_naming(**frames)
    town = naming.filter(pl.col("concept") == "Khojaly (Khojali)")
    assert town.filter(pl.col("n") > 0).select("unit", "form", "n").rows() == [
        ("a", "Khojaly", 1),
        ("e-1234", "Khojali", 1),
    ]
    table = tm.textstat_naming_table(**frames)
    assert table.columns == ["concept", *IDS]
    row = table.filter(pl.col("concept") == "Khojaly (Khojali)").row(0, named=True)
    assert (row["a"], row["b"], row["e-1234"]) == ("Khojaly ×1", "", "Khojali ×1")
    # ids the manifest does not list are named by their id
    assert tm.naming_sentence("Khojaly (Khojali)", **frames) == (
        "a: “Khojaly” (1); b: no mention; c: no mention; d: no mention; e-1234: “Khojali” (1)"
    )
    with pytest.raises(DiscourseError):
        tm.naming_sentence("Atlantis", **frames)


def test_presence_sentences_for_five_pages(frames):
    pages = tm.source_labels(**frames)
    assert pages == {f"src-{t}": f"the page of {t}" for t in IDS}
    sentences = tm.presence_sentences(["Artsakh", "river", "harbour", "Atlantis"], **frames)
    assert sentences == [
        "“Artsakh” occurs once, only on the page of a: `a-page:intro` (1×); none on the page "
        "of b; none on the page of c; none on the page of d; none on the page of e-1234.",
        "“river” occurs 6 times, on all five pages: `a` (1×), `b` (1×), `c` (1×), `d` (1×), "
        "`e-1234` (1×), `a-page:intro` (1×).",
        "“harbour” occurs 5 times, only on the page of e-1234: `e-1234` (5×); none on the page "
        "of a; none on the page of b; none on the page of c; none on the page of d.",
        "“Atlantis” occurs on none of the five pages.",
    ]


def test_first_mention_and_dispersion(frames):
    first = tm.textstat_first_mention(LEXICON, **frames)
    row = first.filter((pl.col("unit") == "e-1234") & (pl.col("concept") == "harbour"))
    # "Harbour" is the first word of e-1234: word 1, no word before it, offset 0, 5 in all
    assert row.select("word_index", "position", "start", "matched", "n").row(0) == (
        1,
        0.0,
        0,
        "Harbour",
        5,
    )
    river = first.filter(pl.col("concept") == "river")
    assert river["unit"].to_list() == IDS
    # d = "The river and the grain.": river is word 2 of 5, one word before it
    assert river.filter(pl.col("unit") == "d")["position"][0] == pytest.approx(1 / 5)
    disp = tm.textstat_dispersion({"harbour": "harbour", "Karabakh": "Karabakh"}, **frames)
    assert disp.filter(pl.col("term") == "harbour")["word_index"].to_list() == [1, 2, 3, 6, 11]
    assert set(disp["n_words"]) == {11}


def test_kwic_keeps_the_spacing_of_the_source(frames):
    k = tm.kwic("Karabakh", window=3, **frames)
    # window crosses the line break between sentences: "the river ." then "Karabakh"
    assert k.select("unit", "pre", "keyword", "post").rows() == [
        ("e-1234", "the river.", "Karabakh", "harbour.")
    ]
    assert FIVE_TEXTS["e-1234"][k["start"][0] : k["end"][0]] == "Karabakh"


# --- lexicon validation (files written for the test) ---------------------------------------


def _write(tmp_path, body: str) -> None:
    header = "# purpose: t\n# source: t\n# version: 1\n# date: 2026-11-22\n"
    (tmp_path / "referent-variants.csv").write_text(header + body, encoding="utf-8")


def _load(tmp_path):
    column, cats = tm.LEXICONS["referent-variants"]
    return lexicons.lexicon_load(
        "referent-variants",
        required=("form", column, "category", "note"),
        key=("form",),
        categories={"category": set(cats)},
        directory=tmp_path,
    )


def test_lexicon_validation_errors_name_file_and_line(tmp_path):
    _write(tmp_path, "form,concept,category,note\nKhojali,town,place,x\nkhojali,town,place,y\n")
    with pytest.raises(DiscourseError, match=r"referent-variants\.csv, line 7: duplicate"):
        _load(tmp_path)
    _write(tmp_path, "form,concept,category,note\nKhojali,town,village,x\n")
    with pytest.raises(DiscourseError, match=r"line 6: unknown category 'village'"):
        _load(tmp_path)
    _write(tmp_path, "form,concept,category,note\n,town,place,x\n")
    with pytest.raises(DiscourseError, match=r"line 6: empty 'form'"):
        _load(tmp_path)


def test_unknown_lexicon_name():
    with pytest.raises(DiscourseError, match="unknown terminology lexicon"):
        tm.lexicon_terms("nonsense")
