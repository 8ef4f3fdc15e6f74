"""Per-text agreement of the framing dictionary with the gold coding on the default corpus,
and the dictionary before (version 1.1, kept in data/lexicons/framing-v1/) and after (version 2).

Counts are recomputed here from the gold file read with the csv module and from the coded
sentences' code strings; kappas with :func:`analysis.evaluation.agreement.cohen_kappa`. The
version 1.1 figures are those pinned before version 2 existed (victimhood kappa 0.347909,
Canada 0.837209, domain mean 0.786098).
"""

from __future__ import annotations

import csv
import shutil
import subprocess

import polars as pl
import pytest

from analysis import paths
from analysis.evaluation import agreement
from analysis.measures import framing


@pytest.fixture(scope="module")
def coded():
    return framing.framing_sentences()


@pytest.fixture(scope="module")
def by_text(coded):
    return framing.textstat_agreement_by_text(framing.gold_load(), coded)


def _gold_rows():
    lines = [
        ln
        for ln in framing.GOLD_PATH.read_text(encoding="utf-8").splitlines()
        if not ln.startswith("#")
    ]
    return list(csv.DictReader(lines))


def _row(table, **keys):
    sub = table
    for k, v in keys.items():
        sub = sub.filter(pl.col(k) == v)
    assert sub.height == 1, keys
    return sub.row(0, named=True)


def test_by_text_counts_and_kappas_recomputed_independently(by_text, coded):
    gold = {r["sentence_id"]: r for r in _gold_rows()}
    auto = {r["sentence_id"]: r for r in coded.iter_rows(named=True)}
    assert by_text.height == 3 * 28
    assert by_text["text_id"].unique(maintain_order=True).to_list() == [
        "petition",
        "response",
        "letter",
    ]
    for r in by_text.iter_rows(named=True):
        column = framing.GOLD_COLUMNS[r["layer"]]
        sids = [s for s, g in gold.items() if g["text_id"] == r["text_id"]]
        g = ["yes" if r["category"] in gold[s][column].split(";") else "no" for s in sids]
        a = ["yes" if r["category"] in auto[s][column].split(";") else "no" for s in sids]
        both = sum(x == y == "yes" for x, y in zip(g, a, strict=True))
        assert (r["n"], r["gold_yes"], r["auto_yes"], r["both_yes"]) == (
            len(sids),
            g.count("yes"),
            a.count("yes"),
            both,
        )
        k = agreement.cohen_kappa(g, a)
        assert (r["kappa"] is None and k is None) or r["kappa"] == pytest.approx(k)
        if r["ci_low"] is not None:
            assert r["ci_low"] - 1e-9 <= r["kappa"] <= r["ci_high"] + 1e-9


@pytest.mark.parametrize(
    ("text_id", "category", "counts", "kappa", "interval"),
    [
        # the example: victimhood found 2 of 7 times in the petition, 2 of 11 in the letter
        ("petition", "victimhood", (11, 7, 2, 2), 0.225352, (0.0, 0.645161)),
        ("response", "victimhood", (8, 2, 2, 2), 1.0, (1.0, 1.0)),
        ("letter", "victimhood", (30, 11, 3, 2), 0.152542, (-0.127168, 0.444444)),
        ("petition", "history", (11, 8, 4, 4), 0.352941, (0.0, 0.813559)),
        ("letter", "history", (30, 4, 4, 4), 1.0, (1.0, 1.0)),
        ("response", "canada", (8, 8, 8, 8), None, (None, None)),
        ("letter", "canada", (30, 11, 9, 9), 0.850746, (0.603175, 1.0)),
        # moral evaluation in the letter: gold 17, dictionary 9
        ("letter", "moral", (30, 17, 9, 9), 0.493671, (0.237288, 0.736842)),
    ],
)
def test_by_text_pinned(by_text, text_id, category, counts, kappa, interval):
    r = _row(by_text, text_id=text_id, category=category)
    assert (r["n"], r["gold_yes"], r["auto_yes"], r["both_yes"]) == counts
    if kappa is None:
        assert r["kappa"] is None and r["ci_low"] is None and r["ci_high"] is None
    else:
        assert r["kappa"] == pytest.approx(kappa, abs=1e-6)
        assert (r["ci_low"], r["ci_high"]) == pytest.approx(interval, abs=1e-6)


def test_kept_v1_file_is_the_committed_version_1_1():
    kept = paths.LEXICONS / "framing-v1" / "framing-cues.csv"
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    shown = subprocess.run(
        ["git", "show", "443d343:data/lexicons/framing-cues.csv"],
        cwd=paths.ROOT,
        capture_output=True,
        check=False,
    )
    if shown.returncode != 0:
        pytest.skip("the history is not available (an export without .git)")
    assert kept.read_bytes() == shown.stdout


def test_v1_figures_are_those_pinned_before_version_2():
    coded_v1 = framing.framing_sentences(
        framing.textstat_frame_coding(framing.framing_matches(cues=framing.framing_cues_v1()))
    )
    table = framing.textstat_framing_agreement(framing.gold_load(), coded_v1)
    vic, can = _row(table, category="victimhood"), _row(table, category="canada")
    assert (vic["gold_yes"], vic["auto_yes"], vic["both_yes"]) == (20, 8, 7)
    assert vic["kappa"] == pytest.approx(0.347909, abs=1e-6)
    assert (can["gold_yes"], can["auto_yes"], can["both_yes"]) == (25, 21, 21)
    assert can["kappa"] == pytest.approx(0.837209, abs=1e-6)
    mean = dict(framing.textstat_agreement_by_layer(table).select("layer", "mean_kappa").rows())
    assert mean["frame"] == pytest.approx(0.728113, abs=1e-6)
    assert mean["domain"] == pytest.approx(0.786098, abs=1e-6)


def test_version_change_per_category():
    change = framing.textstat_version_change()
    moved = change.filter(pl.col("changed"))
    assert moved.select(
        "category", "gold_yes", "auto_yes_v1", "both_yes_v1", "auto_yes"
    ).rows() == [
        ("economic", 3, 8, 3, 7),
        ("victimhood", 20, 8, 7, 7),
        ("history", 12, 12, 11, 8),
        ("canada", 25, 21, 21, 20),
    ]
    assert framing.describe_version_change(change) == (
        "Against version 1.1, dictionary version 2 codes the covered sentences differently in "
        "four of 28 categories: Economic (dictionary 8 to 7 sentences; precision 0.38 to 0.43, "
        "recall 1.00 to 1.00, kappa 0.50 to 0.56); Victimhood and commemoration (dictionary 8 "
        "to 7 sentences; precision 0.88 to 0.86, recall 0.35 to 0.30, kappa 0.35 to 0.30); "
        "Historical depth and analogy (dictionary 12 to 8 sentences; precision 0.92 to 1.00, "
        "recall 0.92 to 0.67, kappa 0.89 to 0.75); Canada's role, values and diaspora "
        "(dictionary 21 to 20 sentences; precision 1.00 to 1.00, recall 0.84 to 0.80, kappa "
        "0.84 to 0.80)."
    )


def test_before_after_per_text():
    table = framing.textstat_agreement_before_after()
    assert table.height == 3 * 28
    moved = table.filter(pl.col("changed"))
    cols = ("text_id", "category", "gold_yes", "auto_yes_v1", "both_yes_v1", "auto_yes", "both_yes")
    assert moved.select(cols).rows() == [
        ("petition", "victimhood", 7, 3, 3, 2, 2),
        ("petition", "history", 8, 7, 7, 4, 4),
        ("response", "economic", 0, 1, 0, 0, 0),
        ("letter", "history", 4, 5, 4, 4, 4),
        ("letter", "canada", 11, 10, 10, 9, 9),
    ]
    assert framing.describe_before_after(table) == (
        "Per text, in the petition: Victimhood and commemoration (dictionary 3 to 2 sentences, "
        "of which 3 to 2 of the gold coding's 7), Historical depth and analogy (dictionary 7 to "
        "4 sentences, of which 7 to 4 of the gold coding's 8); in the response: Economic "
        "(dictionary 1 to 0 sentences, of which 0 to 0 of the gold coding's 0); in the letter: "
        "Historical depth and analogy (dictionary 5 to 4 sentences, of which 4 to 4 of the gold "
        "coding's 4), Canada's role, values and diaspora (dictionary 10 to 9 sentences, of which "
        "10 to 9 of the gold coding's 11)."
    )
