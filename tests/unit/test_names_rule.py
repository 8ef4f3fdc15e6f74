"""The rule for names, grouped label variants, mapped variants and glosses on five synthetic
texts (ids the default corpus lacks; the last one like a newly added text).

Every expected count is written out from the texts below by eye, not taken from the code.
"""

from __future__ import annotations

import json

import polars as pl
import pytest
import vl_convert as vlc

from analysis import paths
from analysis.charts import dispersion as dispersion_chart
from analysis.charts import naming as naming_chart
from analysis.charts import terminology as ct
from analysis.io import DiscourseError
from analysis.measures import keyness, names, naming
from analysis.measures import terminology as tm

from .synthetic_texts import token_frames

TEXTS: dict[str, str] = {
    "p-one": "The genocide was named. Genocide Watch wrote about genocide.",
    "p-two": "The Genocide Convention of 1948. A genocidal act.",
    "p-three": "They were ethnically cleansing the valley. Ethnic cleansing, they said.",
    "p-four": "The entire Karabakh region and the occupied territories.",
    "p-five-new": "World Without Genocide met in Nagorno-Karabakh. No genocide here.",
}
IDS = list(TEXTS)
#: The label "genocide" (genocid*) outside names, per text: p-one "genocide" ×2 (not the
#: "Genocide" of "Genocide Watch"), p-two "genocidal" ×1 (not "Genocide Convention"),
#: p-five-new "genocide" ×1 (not "World Without Genocide").
GENOCIDE = {"p-one": 2, "p-two": 1, "p-three": 0, "p-four": 0, "p-five-new": 1}
#: The word "genocide" itself (keyness terms are word types): as above less "genocidal".
GENOCIDE_WORD = {"p-one": 2, "p-five-new": 1}


@pytest.fixture(scope="module")
def frames():
    segments, _, toks = token_frames(TEXTS)
    return {"toks": toks, "segments": segments}


def _per_text(frame: pl.DataFrame, column: str = "text_id") -> dict[str, int]:
    return {t: frame.filter(pl.col(column) == t).height for t in IDS}


def test_one_count_of_the_label_in_every_measure(frames):
    labels = tm.textstat_terms("event-labels", level="concept", **frames)
    got = dict(labels.filter(pl.col("concept") == "genocide").select("unit", "n").iter_rows())
    assert got == GENOCIDE
    disp = dispersion_chart.dispersion_data({"genocid*": "genocide"}, **frames)
    assert _per_text(disp) == GENOCIDE
    assert _per_text(tm.kwic("genocid*", **frames)) == GENOCIDE
    first = tm.textstat_first_mention("event-labels", **frames)
    first = first.filter(pl.col("concept") == "genocide")
    assert dict(first.select("unit", "n").iter_rows()) == {t: n for t, n in GENOCIDE.items() if n}
    # keyness counts word types: "genocide" as a term, names excluded
    words = frames["toks"].filter(pl.col("is_word"))
    key = keyness.keyness_counts("p-five-new", toks=words).filter(pl.col("term") == "genocide")
    assert key.select("a", "b").row(0) == (1, 2)
    vectors = keyness.textstat_term_vectors(drop_stopwords=False, toks=words)
    vec = vectors.filter(pl.col("term") == "genocide").select("text_id", "n").rows()
    assert dict(vec) == GENOCIDE_WORD
    # the totals (c, d) are all word tokens: names are not removed from the text's size
    sizes = dict(keyness.word_token_counts(words).iter_rows())
    assert key.select("c", "d").row(0) == (
        sizes["p-five-new"],
        sum(v for k, v in sizes.items() if k != "p-five-new"),
    )
    assert (
        sizes["p-five-new"] == 9
    )  # World Without Genocide met in Nagorno-Karabakh (6), No genocide here (3)


def test_names_are_counted_once_as_names_and_found_when_searched(frames):
    found = tm.textstat_names(**frames).select("unit", "form", "n").rows()
    assert found == [
        ("p-one", "Genocide Watch", 1),
        ("p-two", "Genocide Convention", 1),
        ("p-five-new", "World Without Genocide", 1),
    ]
    named = tm.kwic(["Genocide Watch", "World Without Genocide"], window=1, **frames)
    assert named.select("text_id", "keyword").rows() == [
        ("p-one", "Genocide Watch"),
        ("p-five-new", "World Without Genocide"),
    ]
    # the rule on a bare token frame: exactly the 2 + 2 + 3 words of the names are dropped
    words = frames["toks"].filter(pl.col("is_word"))
    kept = names.tokens_outside_names(words)
    assert words.height - kept.height == 7
    assert kept.filter(pl.col("norm") == "watch").height == 0
    assert "The rule" not in names.NAME_RULE and "claims its words" in names.NAME_RULE


def test_label_variants_are_one_heatmap_row(frames):
    heat = ct.terminology_heatmap_data("event-labels", **frames)
    clean = heat.filter(pl.col("concept") == "ethnic cleansing")
    assert clean["row"].unique().to_list() == ["ethnic cleansing"]
    assert clean.select("text_id", "n", "form").rows() == [
        ("p-one", 0, ""),
        ("p-two", 0, ""),
        ("p-three", 2, "ethnic cleansing ×1; ethnically cleans* ×1"),
        ("p-four", 0, ""),
        ("p-five-new", 0, ""),
    ]
    assert heat.filter((pl.col("concept") == "genocide") & (pl.col("n") > 0))[
        "text_id"
    ].to_list() == ["p-one", "p-two", "p-five-new"]
    spec = ct.textplot_terminology_heatmap(heat, lexicon="event-labels").to_dict()
    assert "one row" not in spec["title"]["subtitle"]
    # the lexicon by name, not by file path
    assert spec["title"]["subtitle"].startswith("Rows: labels of the event-labels lexicon")
    by_form = ct.terminology_heatmap_data("event-labels", level="form", **frames)
    assert by_form.filter(pl.col("concept") == "ethnic cleansing")["row"].n_unique() == 2


def test_mapped_variants_are_flagged_in_the_chart(frames):
    data = naming_chart.naming_data(**frames)
    region = data.filter(pl.col("concept") == "Nagorno-Karabakh")
    assert region.select("text_id", "shown", "mapped", "variant_kind", "label").rows() == [
        ("p-four", "Karabakh†", True, "† mapped by the suite", "Karabakh† ×1"),
        ("p-five-new", "Nagorno-Karabakh", False, "the text's own name", "Nagorno-Karabakh ×1"),
    ]
    spec = naming_chart.textplot_naming(data).to_dict()
    opacity = spec["vconcat"][0]["layer"][0]["encoding"]["opacity"]
    assert opacity["scale"]["domain"] == ["the text's own name", "† mapped by the suite"]
    assert "mapped by the suite" in spec["title"]["subtitle"]
    svg = vlc.vegalite_to_svg(json.dumps(spec))
    assert "mapped by the suite" in svg and "Karabakh† ×1" in svg
    heat = ct.terminology_heatmap_data("referent-variants", **frames)
    flagged = sorted(heat.filter(pl.col("mapped") & (pl.col("n") > 0))["row"].unique())
    assert flagged == [
        "Nagorno-Karabakh · Karabakh†",
        "territories around Nagorno-Karabakh · occupied territories†",
    ]
    table = tm.textstat_naming_table(**frames)
    assert table.filter(pl.col("concept") == "Nagorno-Karabakh").row(0)[1:] == (
        "",
        "",
        "",
        "Karabakh† ×1",
        "Nagorno-Karabakh ×1",
    )


def test_mapping_sentences_list_every_text(frames):
    lines = naming.mapping_sentences(**frames)
    assert len(lines) == len(IDS)
    assert lines[3] == (
        "p-four: “Karabakh†” filed under “Nagorno-Karabakh” (1); “occupied territories†” "
        "filed under “territories around Nagorno-Karabakh” (1)"
    )
    assert all(line.endswith(": no mapped variant") for i, line in enumerate(lines) if i != 3)


def test_variant_kind_is_validated(tmp_path, monkeypatch):
    (tmp_path / "referent-variants.csv").write_text(
        "# purpose: p\n# source: s\n# version: 1\n# date: 2026-01-01\n"
        "form,concept,category,kind,note\nHarbour,harbour,place,guess,n\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(paths, "LEXICONS", tmp_path)
    with pytest.raises(DiscourseError, match=r"referent-variants.csv, line 6: unknown kind"):
        naming.variant_kinds()


NOTES = {
    "p-one": "the text: 'teh harbour' (sic)",
    "p-two": "the text: 'the harbour' [sic]",
    "p-three": "the text's name for it; the Soviet name was Harbourgrad",
    "p-four": "the text misspells it",
    "p-five-new": "the text quotes the charter, not verbatim",
}


@pytest.mark.parametrize("text_id", IDS)
def test_glosses_are_found_alike_for_every_text(text_id):
    assert len(naming.glosses(NOTES[text_id])) == 1


@pytest.mark.parametrize(
    "note",
    [
        "the text: 'teh harbour'",
        "a basic classic sickle",
        "the text's own spelling, romanised from Azerbaijani",
        "in a quotation the text attributes to the charter",
        "the typology and its values are defined in the codebook",
    ],
)
def test_attribution_and_spelling_notes_are_not_glosses(note):
    assert naming.glosses(note) == []


def test_gloss_rule_is_stated_once():
    assert "no “(sic)”" in naming.GLOSS_RULE
    assert naming.glosses(naming.GLOSS_RULE.replace("“(sic)”", "")) == []
