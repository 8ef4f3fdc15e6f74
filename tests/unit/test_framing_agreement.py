"""Agreement with the hand coding on a synthetic corpus of five texts, three without gold.

Agreement runs on the five sentences the synthetic gold covers in the corpus (all of p-101,
p-202:s001-s002); kappas are recomputed by hand from the 2×2 cells read off the sentences.
"""

from __future__ import annotations

import polars as pl
import pytest

from analysis.evaluation import framing_agreement as fa
from analysis.measures import framing

from . import framing_synthetic as fs

COVERED = ["p-101:s001", "p-101:s002", "p-101:s003", "p-202:s001", "p-202:s002"]


def _kappa(both, gold_only, auto_only, neither):
    n = both + gold_only + auto_only + neither
    p_o = (both + neither) / n
    g, a = (both + gold_only) / n, (both + auto_only) / n
    p_e = g * a + (1 - g) * (1 - a)
    return (p_o - p_e) / (1 - p_e)


def _row(table, layer, category):
    return table.filter((pl.col("layer") == layer) & (pl.col("category") == category)).row(
        0, named=True
    )


def test_agreement_on_the_covered_sentences(auto):
    table = fa.textstat_framing_agreement(fs.gold(), auto)
    assert table.height == 28 and set(table["n"]) == {5}
    # victimhood: gold in p-101:s001, p-202:s001, p-202:s002; dictionary ("victims") in
    # p-101:s001 and p-202:s001 -> both 2, gold only 1, dictionary only 0, neither 2
    vic = _row(table, "domain", "victimhood")
    assert (vic["gold_yes"], vic["auto_yes"], vic["both_yes"]) == (3, 2, 2)
    assert vic["kappa"] == pytest.approx(_kappa(2, 1, 0, 2))
    assert vic["precision"] == 1.0 and vic["recall"] == pytest.approx(2 / 3)
    # canada: no gold code; the dictionary finds "Canada" in p-101:s002 -> kappa undefined?
    # no: gold is all "no", the dictionary has one "yes", so p_e < 1 and kappa is 0
    can = _row(table, "domain", "canada")
    assert (can["gold_yes"], can["auto_yes"]) == (0, 1)
    assert can["kappa"] == pytest.approx(0.0)


def test_confusion_and_disagreements_cover_only_gold_sentences(auto):
    t = fa.framing_confusion("domain", "victimhood", fs.gold(), auto)
    assert {(g, d): n for g, d, n in t.iter_rows()} == {
        ("no", "no"): 2,
        ("no", "yes"): 0,
        ("yes", "no"): 1,
        ("yes", "yes"): 2,
    }
    d = fa.framing_disagreements("domain", fs.gold(), auto)
    assert set(d["sentence_id"]) <= set(COVERED)
    assert d.select("sentence_id", "category", "gold", "evidence").rows() == [
        ("p-101:s002", "canada", False, "Canada"),
        ("p-202:s002", "victimhood", True, ""),
    ]


def test_fragility_by_hand(auto):
    frag = fa.textstat_kappa_fragility(fs.gold(), auto)
    vic = _row(frag, "domain", "victimhood")
    # flips: fixing p-202:s002 gives perfect agreement (1.0); the lowest is flipping a
    # both-yes sentence: cells (1, 2, 0, 2)
    assert vic["kappa_max"] == pytest.approx(1.0)
    assert vic["kappa_min"] == pytest.approx(
        min(_kappa(1, 2, 0, 2), _kappa(2, 1, 1, 1), _kappa(3, 0, 0, 2))
    )
    assert vic["positives"] == 2


def test_no_gold_for_the_corpus_gives_empty_statistics_not_an_error(auto):
    other = fs.gold([("x-999:s001", "x-999", "crime", "", "")])
    table = fa.textstat_framing_agreement(other, auto)
    assert set(table["n"]) == {0}
    assert table["kappa"].null_count() == table["agreement"].null_count() == 28
    by = fa.textstat_agreement_by_layer(table)
    assert by["n_sentences"].to_list() == [0, 0, 0] and by["mean_kappa"].null_count() == 3
    assert fa.framing_confusion("frame", "crime", other, auto).height == 0
    assert fa.framing_disagreements("frame", other, auto).height == 0
    assert fa.textstat_kappa_fragility(other, auto)["kappa"].null_count() == 28


def test_version_change_on_synthetic_cues(synth):
    # mark "trade" as added in v1.1: without it (v1) the economic frame is never coded, so
    # only that category changes (p-101:s003 is hand-coded economic)
    cues = fs.CUES.with_columns(
        pl.when(pl.col("cue") == "trade")
        .then(pl.lit("(v1.1: test)"))
        .otherwise(pl.col("rationale"))
        .alias("rationale")
    )
    change = fa.textstat_version_change(cues, fs.gold(), synth.toks, synth.sentences)
    assert change.filter(pl.col("changed"))["category"].to_list() == ["economic"]
    eco = _row(change, "frame", "economic")
    assert eco["kappa"] == pytest.approx(1.0) and eco["kappa_v1"] == pytest.approx(0.0)
    matches = framing.framing_matches(synth.toks, cues)
    text = fa.describe_version_change(change, cues, matches, n_texts=5)
    assert text.startswith("Version 1.1 of the dictionary added 1 cues")
    assert "They match 2 times in the five texts" in text  # p-101:s003 and l-303:s001
    assert text.endswith("changed in 1 of 28 categories: Economic (kappa 0.00 to 1.00).")
