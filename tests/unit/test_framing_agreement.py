"""Agreement with the gold coding on a synthetic corpus of five texts, three without gold.

Agreement runs on the five sentences the synthetic gold covers in the corpus (all of p-101,
p-202:s001-s002); kappas are recomputed by hand from the 2×2 cells read off the sentences.
"""

from __future__ import annotations

import polars as pl
import pytest

from analysis import corpus
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


def test_no_gold_for_the_corpus_gives_empty_statistics_not_an_error(synth, auto):
    other = fs.gold([("x-999:s001", "x-999", "crime", "", "")])
    table = fa.textstat_framing_agreement(other, auto)
    assert set(table["n"]) == {0}
    assert table["kappa"].null_count() == table["agreement"].null_count() == 28
    by = fa.textstat_agreement_by_layer(table)
    assert by["n_sentences"].to_list() == [0, 0, 0] and by["mean_kappa"].null_count() == 3
    assert fa.framing_confusion("frame", "crime", other, auto).height == 0
    assert fa.framing_disagreements("frame", other, auto).height == 0
    intervals = fa.textstat_kappa_intervals(other, auto, n_resamples=50)
    assert intervals["kappa"].null_count() == intervals["ci_low"].null_count() == 28
    assert fa.textstat_agreement_by_text(other, auto, n_resamples=50).is_empty()
    matches = framing.framing_matches(synth.toks, fs.CUES)
    assert fa.framing_false_positives(other, matches, synth.sentences).is_empty()


def _agreement_table(kappas):
    """An agreement table (as textstat_framing_agreement returns) with the given kappas."""
    rows = [
        (layer, category, framing.LABELS[category], 10, 0.8, k, gold_yes, auto_yes, both)
        for layer, category, k, gold_yes, auto_yes, both in kappas
    ]
    return pl.DataFrame(
        rows,
        schema={
            "layer": pl.String,
            "category": pl.String,
            "label": pl.String,
            "n": pl.Int64,
            "agreement": pl.Float64,
            "kappa": pl.Float64,
            "gold_yes": pl.Int64,
            "auto_yes": pl.Int64,
            "both_yes": pl.Int64,
        },
        orient="row",
    )


def test_describe_agreement_per_layer_and_lowest_kappa():
    table = _agreement_table(
        [
            ("frame", "legality", 0.5, 4, 3, 2),
            ("frame", "crime", 0.8, 2, 2, 2),
            ("frame", "economic", None, 0, 0, 0),
            ("entman", "remedy", None, 0, 0, 0),
            ("domain", "victimhood", 0.2, 3, 1, 1),
            ("domain", "canada", 1.0, 5, 5, 5),
        ]
    )
    low = fa.lowest_kappa(table)
    assert (low["category"], low["kappa"]) == ("victimhood", 0.2)
    # Means over defined kappas: frame (0.5 + 0.8) / 2, domain (0.2 + 1.0) / 2; entman has
    # none defined and is left out.
    assert fa.describe_agreement(table) == (
        "Against the gold coding: Frame dimensions: mean kappa 0.65 (1 of 3 categories at 0.6 "
        "or above); Domain families: mean kappa 0.60 (1 of 2 categories at 0.6 or above). The "
        "lowest agreement is for Victimhood and commemoration (kappa 0.20; gold coding 3 "
        "sentences, dictionary 1, both 1)."
    )


def test_lowest_kappa_tie_is_the_first_in_table_order_and_none_without_kappa():
    tie = _agreement_table([("frame", "crime", 0.3, 1, 1, 1), ("frame", "legality", 0.3, 2, 2, 1)])
    assert fa.lowest_kappa(tie)["category"] == "crime"
    undefined = _agreement_table([("frame", "crime", None, 0, 0, 0)])
    assert fa.lowest_kappa(undefined) is None
    assert fa.describe_agreement(undefined) == (
        "No kappa is defined: the gold coding covers no sentence compared here."
    )


def test_framing_caveats_name_covered_and_uncovered_texts(synth):
    texts = corpus.corpus_texts()
    cov = framing.textstat_gold_coverage(fs.gold(), synth.sentences)
    # Word tokens counted by hand from the sentences: p-101 10, r-101 8, p-202 18, l-303 6,
    # s-404 8.
    assert fa.describe_framing_caveats(texts, cov, synth.toks) == (
        "- **Five texts** (petition e-101: petition, 2024-01-01; the response to e-101: "
        "response, 2024-01-01; petition e-202: petition, 2024-01-01; the letter of 2025: "
        "letter, 2024-01-01; the statement: statement, 2024-01-01), from 6 word tokens (the "
        "letter of 2025) to 18 (petition e-202). Shares rest on few sentences per text (the "
        "`n_sentences` column), so a single sentence moves a share visibly, most of all in the "
        "shortest text. The profiles describe these texts, not the communities or governments "
        "behind them.\n"
        "- **The agreement is in-sample** for the texts the gold coding covers (petition e-101 "
        "and petition e-202): the cues were written with those texts in view, and the "
        "codebook's definitions share vocabulary with the cue lists. The kappas are therefore an "
        "upper bound for this dictionary on new texts, not an out-of-sample validation. The gold "
        "coder is an automated coder (a language model given only the codebook): agreement with "
        "it is agreement between the dictionary and an automated reading of the same codebook, "
        "not validation by people. No agreement is measured for "
        "the response to e-101, the letter of 2025 and the statement, which the gold coding "
        "does not cover: their profiles rest on the dictionary alone."
    )


def test_framing_caveats_for_one_text_without_gold(synth):
    texts = corpus.corpus_texts().filter(pl.col("text_id") == "l-303")
    sentences = synth.sentences.filter(pl.col("text_id") == "l-303")
    cov = framing.textstat_gold_coverage(fs.gold([]), sentences)
    toks = synth.toks.filter(pl.col("text_id") == "l-303")
    out = fa.describe_framing_caveats(texts, cov, toks)
    assert out.startswith("- **One text** (the letter of 2025: letter, 2024-01-01), 6 word tokens")
    assert "the texts the gold coding covers (none)" in out
    assert out.endswith(
        "No agreement is measured for the letter of 2025, which the gold coding does not "
        "cover: its profile rests on the dictionary alone."
    )
