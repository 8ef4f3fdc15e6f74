"""Collocations and clusters on the default corpus: pins checked against an independent count."""

from __future__ import annotations

import math

import polars as pl
import pytest

from analysis.charts import collocations as cc
from analysis.measures import collocations
from analysis.measures import terminology as tm


def _by_sentence(toks: pl.DataFrame) -> dict[str, list[list[str]]]:
    """Each text's sentences as lists of normalised word tokens (plain Python)."""
    out: dict[str, list[list[str]]] = {}
    words = toks.filter(pl.col("is_word"))
    for (text_id, _sid), part in words.group_by("text_id", "sentence_id", maintain_order=True):
        out.setdefault(text_id, []).append(part["norm"].to_list())
    return out


def _independent(sentences: list[list[str]], node: str, left: int, right: int) -> dict:
    """O11 per collocate of a one-word node, windows inside the sentence, by hand."""
    counts: dict[str, int] = {}
    r1 = 0
    for words in sentences:
        at = [i for i, w in enumerate(words) if w == node]
        r1 += len(at)
        seen = set()
        for i in at:
            for j in range(max(0, i - left), min(len(words), i + right + 1)):
                seen.add(j)
        for j in seen - set(at):  # the node's own tokens are never collocates
            counts[words[j]] = counts.get(words[j], 0) + 1
    return {"r1": r1, "o11": counts}


@pytest.mark.parametrize("node", ["canada", "azerbaijan", "peace"])
def test_one_word_nodes_match_an_independent_count(toks, node):
    got = collocations.textstat_collocations(toks, node, span=(5, 5), min_freq=1)
    for text_id, sentences in _by_sentence(toks).items():
        ref = _independent(sentences, node, 5, 5)
        mine = got.filter(pl.col("text_id") == text_id)
        assert dict(zip(mine["collocate"], mine["freq"], strict=True)) == ref["o11"]
        if ref["r1"] == 0:
            continue
        n = sum(len(s) for s in sentences)
        freq = {}
        for s in sentences:
            for w in s:
                freq[w] = freq.get(w, 0) + 1
        for row in mine.iter_rows(named=True):
            e11 = ref["r1"] * freq[row["collocate"]] / n
            assert row["f_node"] == ref["r1"] and row["n_words"] == n
            assert row["mi"] == pytest.approx(math.log2(row["freq"] / e11))
            assert row["log_dice"] == pytest.approx(
                14 + math.log2(2 * row["freq"] / (ref["r1"] + freq[row["collocate"]]))
            )


def test_default_node_and_its_pinned_collocates(toks):
    nodes = collocations.referent_nodes(toks)
    assert nodes["concept"].to_list()[:4] == [
        "Canada (state)",
        "Nagorno-Karabakh",
        "Azerbaijan (state)",
        "Armenia (state)",
    ]
    assert nodes.filter(pl.col("concept") == "Canada (state)").row(0, named=True)["n"] == 20
    assert cc.default_node(toks)["concept"] == "Canada (state)"
    frame = cc.collocates_data("Canada (state)", toks=toks)
    node = dict(frame.group_by("text_id").agg(pl.col("f_node").first()).iter_rows())
    assert node == {"petition": 3, "response": 9, "letter": 8}
    top = frame.sort("text_id", "log_dice", "collocate", descending=[False, True, False])
    first = {t: part["collocate"][0] for (t,), part in top.group_by("text_id", maintain_order=True)}
    assert first == {"letter": "protect", "petition": "has", "response": "and"}
    amb = frame.filter((pl.col("text_id") == "response") & (pl.col("collocate") == "ambassador"))
    assert amb.row(0, named=True)["freq"] == 2
    assert amb.row(0, named=True)["log_dice"] == pytest.approx(14 + math.log2(4 / 11))


def test_competing_lexicon_forms_are_not_the_node(toks):
    # "Canada" inside "Government of Canada" belongs to another referent of the lexicon
    forms = tm.lexicon_terms("referent-variants")["form"].to_list()
    alone = collocations.node_occurrences(toks, "Canada")
    within = collocations.node_occurrences(toks, "Canada", others=forms)
    assert within.height == 20 and alone.height > within.height


def test_clusters_pinned(toks):
    got = collocations.textstat_clusters(toks, n=(2, 3, 4), min_freq=2)
    row = got.filter(
        (pl.col("text_id") == "petition") & (pl.col("cluster") == "the khojali massacre")
    )
    assert row.row(0, named=True)["freq"] == 3
    assert got.filter(pl.col("text_id") == "letter", pl.col("n") == 2)["cluster"][0] == "of the"
    counts = dict(got.group_by("text_id").len().iter_rows())
    assert counts == {"petition": 34, "response": 30, "letter": 64}


def test_figures_registered_for_notebook_05():
    specs = cc.FIGURES()
    assert [s.name for s in specs] == ["collocates-by-text", "collocation-network"]
    assert {s.notebook for s in specs} == {"05-collocations"}
    for spec in specs:
        chart = spec.build().to_dict()
        assert "Canada (state)" in chart["title"]["text"]
