"""Per-text agreement, kappa intervals, precision, false positives and the comparison of two
dictionary versions, on the synthetic corpus of five texts with gold labels for four of them.

Every expected value is read off the sentences of ``framing_synthetic.TEXTS`` and the gold rows
below; kappas are recomputed from their 2×2 cells, and the bootstrap interval is recomputed
independently with the same seed.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest

from analysis import stats
from analysis.evaluation import agreement
from analysis.evaluation import framing_agreement as fa
from analysis.evaluation import framing_versions as fv
from analysis.measures import framing

from . import framing_synthetic as fs

#: Gold for p-101, r-101, p-202 and l-303 (every sentence); s-404 has none.
GOLD_ROWS = [
    ("p-101:s001", "p-101", "legality", "", "victimhood"),
    ("p-101:s002", "p-101", "", "remedy", ""),
    ("p-101:s003", "p-101", "economic", "", ""),
    ("r-101:s001", "r-101", "", "", "canada"),
    ("r-101:s002", "r-101", "legality", "", ""),
    ("p-202:s001", "p-202", "crime", "", "victimhood"),
    ("p-202:s002", "p-202", "legality;crime", "", "victimhood"),
    ("p-202:s003", "p-202", "", "remedy", "canada"),
    ("p-202:s004", "p-202", "", "", ""),
    ("l-303:s001", "l-303", "", "", ""),
]


def _kappa(both, gold_only, auto_only, neither):
    n = both + gold_only + auto_only + neither
    p_o = (both + neither) / n
    g, a = (both + gold_only) / n, (both + auto_only) / n
    p_e = g * a + (1 - g) * (1 - a)
    return (p_o - p_e) / (1 - p_e)


def _row(table, **keys):
    sub = table
    for k, v in keys.items():
        sub = sub.filter(pl.col(k) == v)
    return sub.row(0, named=True)


def test_kappa_binary_matches_the_published_example_and_cohen_kappa():
    # Cohen's kappa worked example (50 items: yes/yes 20, yes/no 5, no/yes 10, no/no 15):
    # p_o = 0.7, p_e = 0.5, kappa = 0.4
    g = np.array([True] * 25 + [False] * 25)
    a = np.array([True] * 20 + [False] * 5 + [True] * 10 + [False] * 15)
    assert fa.kappa_binary(g, a) == pytest.approx(0.4)
    rng = np.random.default_rng(1)
    for _ in range(20):
        g, a = rng.random(12) < 0.4, rng.random(12) < 0.5
        ref = agreement.cohen_kappa(g.tolist(), a.tolist())
        got = fa.kappa_binary(g, a)
        assert (got is None and ref is None) or got == pytest.approx(ref)
    assert fa.kappa_binary(np.zeros(3, bool), np.zeros(3, bool)) is None


def test_resampled_kappa_is_kappa_binary_row_by_row():
    rng = np.random.default_rng(4)
    g, a = rng.random(9) < 0.4, rng.random(9) < 0.5
    idx = rng.integers(0, 9, (50, 9))
    for row, got in zip(idx, fa.kappa_binary_resamples(g, a, idx), strict=True):
        want = fa.kappa_binary(g[row], a[row])
        assert (want is None and np.isnan(got)) or got == pytest.approx(want, abs=1e-12)


def test_agreement_by_text_covers_the_gold_texts_in_display_order(auto):
    table = fa.textstat_agreement_by_text(fs.gold(GOLD_ROWS), auto, n_resamples=200)
    # four texts with gold (s-404 has none) x 28 categories
    assert table["text_id"].unique(maintain_order=True).to_list() == [
        "p-101",
        "r-101",
        "p-202",
        "l-303",
    ]
    assert table.height == 4 * 28
    n = dict(table.group_by("text_id").agg(pl.col("n").first()).iter_rows())
    assert n == {"p-101": 3, "r-101": 2, "p-202": 4, "l-303": 1}
    # victimhood in p-202: gold s001, s002; dictionary ("Victims") s001 only
    vic = _row(table, text_id="p-202", category="victimhood")
    assert (vic["gold_yes"], vic["auto_yes"], vic["both_yes"]) == (2, 1, 1)
    assert (vic["precision"], vic["recall"]) == (1.0, 0.5)
    assert vic["kappa"] == pytest.approx(_kappa(1, 1, 0, 2))
    # canada in p-101: the dictionary codes s002 ("Canada"), the gold does not: kappa 0,
    # precision 0, recall undefined
    can = _row(table, text_id="p-101", category="canada")
    assert (can["gold_yes"], can["auto_yes"], can["precision"], can["recall"]) == (0, 1, 0.0, None)
    assert can["kappa"] == pytest.approx(0.0)
    # the new letter: one sentence, the dictionary's "trade" against no gold code
    eco = _row(table, text_id="l-303", category="economic")
    assert (eco["n"], eco["gold_yes"], eco["auto_yes"], eco["kappa"]) == (1, 0, 1, 0.0)
    assert _row(table, text_id="l-303", category="canada")["kappa"] is None


def test_agreement_by_text_interval_recomputed_independently(auto):
    table = fa.textstat_agreement_by_text(fs.gold(GOLD_ROWS), auto, n_resamples=300, seed=7)
    vic = _row(table, text_id="p-202", category="victimhood")
    # p-202 victimhood, sentence order s001..s004: gold yes yes no no, dictionary yes no no no
    g, a = ["yes", "yes", "no", "no"], ["yes", "no", "no", "no"]
    rng = np.random.default_rng(7)
    draws = []
    for _ in range(300):
        idx = rng.integers(0, 4, 4)
        k = agreement.cohen_kappa([g[i] for i in idx], [a[i] for i in idx])
        if k is not None:
            draws.append(k)
    assert vic["ci_low"] == pytest.approx(np.percentile(draws, 2.5))
    assert vic["ci_high"] == pytest.approx(np.percentile(draws, 97.5))
    assert vic["ci_low"] <= vic["kappa"] <= vic["ci_high"]


def test_kappa_intervals_pool_the_covered_sentences(auto):
    table = fa.textstat_kappa_intervals(fs.gold(GOLD_ROWS), auto, n_resamples=200)
    assert table.height == 28 and set(table["n"]) == {10}
    # legality: gold and dictionary agree on all ten sentences (law, law, illegal)
    leg = _row(table, category="legality")
    assert (leg["gold_yes"], leg["auto_yes"], leg["kappa"]) == (3, 3, 1.0)
    assert (leg["ci_low"], leg["ci_high"]) == (1.0, 1.0)
    # victimhood: gold p-101:s001, p-202:s001, s002; dictionary p-101:s001, p-202:s001
    vic = _row(table, category="victimhood")
    assert vic["kappa"] == pytest.approx(_kappa(2, 1, 0, 7))
    assert vic["ci_low"] <= vic["kappa"] <= vic["ci_high"] <= 1.0
    without = fa.textstat_kappa_intervals(fs.gold(GOLD_ROWS), auto, n_resamples=0)
    assert without["ci_low"].null_count() == 28


def test_category_precision_with_wilson_intervals(auto):
    table = fa.textstat_category_precision(fa.textstat_framing_agreement(fs.gold(GOLD_ROWS), auto))
    eco = _row(table, category="economic")
    # "trade" codes p-101:s003 (gold economic) and l-303:s001 (gold none)
    assert (eco["auto_yes"], eco["both_yes"], eco["false_positives"]) == (2, 1, 1)
    assert eco["precision"] == 0.5
    assert (eco["ci_low"], eco["ci_high"]) == pytest.approx(stats.proportion_interval(1, 2))
    # a category the dictionary never codes has no precision
    pol = _row(table, category="policy")
    assert (pol["auto_yes"], pol["precision"], pol["ci_low"]) == (0, None, None)


def test_false_positives_list_every_unconfirmed_cue_match(synth):
    matches = framing.framing_matches(synth.toks, fs.CUES)
    fp = fa.framing_false_positives(fs.gold(GOLD_ROWS), matches, synth.sentences)
    # s-404 ("The victims remember the law.") has no gold and is not listed
    assert fp.rows() == [
        ("p-101", "p-101:s002", "domain", "canada", "canada", "Canada"),
        ("l-303", "l-303:s001", "frame", "economic", "trade", "trade"),
    ]


def test_version_change_against_an_earlier_dictionary(synth):
    # the earlier dictionary lacks "trade": only the economic frame moves
    before = fs.CUES.filter(pl.col("cue") != "trade")
    gold = fs.gold(GOLD_ROWS)
    change = fv.textstat_version_change(fs.CUES, gold, synth.toks, synth.sentences, before)
    assert change.filter(pl.col("changed"))["category"].to_list() == ["economic"]
    eco = _row(change, category="economic")
    assert (eco["auto_yes_v1"], eco["auto_yes"], eco["both_yes_v1"], eco["both_yes"]) == (
        0,
        2,
        0,
        1,
    )
    assert eco["kappa_v1"] == pytest.approx(0.0)
    assert eco["kappa"] == pytest.approx(_kappa(1, 0, 1, 8))
    assert fv.describe_version_change(change, version="2", earlier="0.9") == (
        "Against version 0.9, dictionary version 2 codes the covered sentences differently in "
        "one of 28 categories: Economic (dictionary 0 to 2 sentences; precision undefined to "
        "0.50, recall 0.00 to 1.00, kappa 0.00 to 0.62)."
    )
    same = fv.textstat_version_change(fs.CUES, gold, synth.toks, synth.sentences, fs.CUES)
    assert fv.describe_version_change(same, version="2", earlier="0.9") == (
        "Dictionary version 2 codes every sentence the gold coding covers as version 0.9 did, "
        "in all 28 categories."
    )


def test_before_after_per_text(synth):
    before = fs.CUES.filter(pl.col("cue") != "trade")
    table = fv.textstat_agreement_before_after(
        fs.CUES, fs.gold(GOLD_ROWS), synth.toks, synth.sentences, before
    )
    assert table.height == 4 * 28
    moved = table.filter(pl.col("changed"))
    assert moved.select("text_id", "category", "auto_yes_v1", "auto_yes", "both_yes").rows() == [
        ("p-101", "economic", 0, 1, 1),
        ("l-303", "economic", 0, 1, 0),
    ]
    only = fv.textstat_agreement_before_after(
        fs.CUES, fs.gold(GOLD_ROWS), synth.toks, synth.sentences, before, changed_only=True
    )
    assert only.equals(moved)
    assert fv.describe_before_after(table, names=fs.NAMES) == (
        "Per text, in petition e-101: Economic (dictionary 0 to 1 sentences, of which 0 to 1 of "
        "the gold coding's 1); in the response to e-101 no category changed; in petition e-202 "
        "no category changed; in the letter of 2025: Economic (dictionary 0 to 1 sentences, of "
        "which 0 to 0 of the gold coding's 0)."
    )
