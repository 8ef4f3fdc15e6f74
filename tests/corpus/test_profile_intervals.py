"""95% intervals on the default corpus: frame shares (dictionary and gold) and stance rates.

The dictionary's values are computed here from the coded sentences (so the tests follow the
dictionary in force); the gold coding's values are pinned (the gold labels are fixed), as is
the interval method: a percentile bootstrap over each text's sentences with the suite's seed.
"""

from __future__ import annotations

import numpy as np
import polars as pl
import pytest
from scipy import stats as sps

from analysis.charts import framing as framing_charts
from analysis.evaluation import framing_profiles as fp
from analysis.measures import framing, stance


@pytest.fixture(scope="module")
def coded():
    return framing.framing_sentences()


@pytest.fixture(scope="module")
def profiles():
    return {layer: framing.textstat_frame_profile(layer) for layer in framing.LAYERS}


@pytest.mark.parametrize("layer", list(framing.LAYERS))
def test_dictionary_shares_and_intervals_from_the_coded_sentences(coded, profiles, layer):
    column = framing.GOLD_COLUMNS[layer]
    for r in profiles[layer].iter_rows(named=True):
        cells = coded.filter(pl.col("text_id") == r["text_id"])[column].to_list()
        k = sum(r["category"] in c.split(";") for c in cells)
        n = len(cells)
        assert (r["sentences_coded"], r["n_sentences"]) == (k, n)
        assert r["share"] == pytest.approx(k / n)
        assert r["ci_low"] <= r["share"] <= r["ci_high"]
        # the bootstrap interval lies within one sentence of the quantiles of the exact
        # bootstrap distribution of a share, Binomial(n, k/n) / n
        exact = sps.binom.ppf([0.025, 0.975], n, k / n) / n
        assert r["ci_low"] == pytest.approx(exact[0], abs=1 / n + 1e-9)
        assert r["ci_high"] == pytest.approx(exact[1], abs=1 / n + 1e-9)


def test_gold_shares_and_intervals_are_pinned():
    vic = fp.textstat_gold_profile("domain").filter(pl.col("category") == "victimhood")
    assert vic.select(
        "text_id", "n_sentences", "gold_sentences", "gold_ci_low", "gold_ci_high"
    ).rows() == [
        ("petition", 11, 7, pytest.approx(4 / 11), pytest.approx(10 / 11)),
        ("response", 8, 2, 0.0, 0.5),
        ("letter", 30, 11, pytest.approx(6 / 30), pytest.approx(16 / 30)),
    ]
    moral = fp.textstat_gold_profile("entman").filter(pl.col("category") == "moral")
    assert moral.select("gold_sentences", "gold_ci_low", "gold_ci_high").rows() == [
        (5, pytest.approx(2 / 11), pytest.approx(8 / 11)),
        (2, 0.0, 0.5),
        (17, pytest.approx(12 / 30), pytest.approx(22 / 30)),
    ]


def test_comparison_on_the_default_corpus_is_the_full_profile(profiles):
    # the gold covers every sentence: the comparison's dictionary side is the profile itself
    comp = fp.textstat_profile_comparison("domain")
    prof = profiles["domain"].select("text_id", "category", "share", "ci_low", "ci_high")
    joined = comp.join(prof, on=["text_id", "category"], suffix="_profile")
    assert joined.height == 30
    for side in ("share", "ci_low", "ci_high"):
        assert (joined[side] == joined[f"{side}_profile"]).all()


@pytest.mark.parametrize(
    ("layer", "name"),
    [
        ("frame", "framing-frame-profile"),
        ("entman", "framing-entman"),
        ("domain", "framing-domain-families"),
    ],
)
def test_registered_profile_charts_carry_both_codings(layer, name):
    spec = next(s for s in framing_charts.FIGURES if s.name == name)
    d = spec.build().to_dict()
    values = d["data"]["values"]
    n_cat = len(framing.LAYERS[layer])
    for source in (framing_charts.DICTIONARY, framing_charts.GOLD):
        rows = [v for v in values if v["source"] == source]
        assert [v["text_id"] for v in rows][::n_cat] == ["petition", "response", "letter"]
        assert all(v["ci_low"] <= v["share"] <= v["ci_high"] for v in rows)
    gold = fp.textstat_gold_profile(layer)
    for v in (v for v in values if v["source"] == framing_charts.GOLD):
        g = gold.filter(
            (pl.col("text_id") == v["text_id"]) & (pl.col("category") == v["category"])
        ).row(0, named=True)
        assert (v["share"], v["ci_low"], v["ci_high"]) == (
            g["gold_share"],
            g["gold_ci_low"],
            g["gold_ci_high"],
        )
    assert "The gold coding covers every text shown." in d["description"]
    assert d["layer"][1]["mark"]["type"] == "rule"


# --- stance -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def kwic():
    return stance.kwic_stance()


@pytest.fixture(scope="module")
def table(kwic):
    return stance.textstat_stance(kwic)


def test_stance_rates_and_intervals(kwic, table, toks):
    words = toks.group_by("sentence_id", maintain_order=True).agg(
        pl.col("text_id").first(), pl.col("is_word").sum().alias("w")
    )
    for r in table.iter_rows(named=True):
        sent = words.filter(pl.col("text_id") == r["text_id"])
        found = kwic.filter(
            (pl.col("text_id") == r["text_id"]) & (pl.col("category") == r["category"])
        )
        per = dict(found.group_by("sentence_id").agg(pl.len()).iter_rows())
        m = np.array([per.get(s, 0) for s in sent["sentence_id"]])
        assert m.sum() == r["n"] == found.height
        assert r["rate"] == pytest.approx(1000 * r["n"] / sent["w"].sum())
        assert (r["ci_low"], r["ci_high"]) == stance.rate_interval(m, sent["w"].to_numpy())
        assert r["ci_low"] <= r["rate"] <= r["ci_high"]
    # pinned (the method and its seed): the letter's attitude markers, the response's boosters
    rows = {(r["text_id"], r["category"]): r for r in table.iter_rows(named=True)}
    letter = rows["letter", "attitude"]
    assert (letter["n"], letter["ci_low"], letter["ci_high"]) == (
        19,
        pytest.approx(12.698138, abs=1e-6),
        pytest.approx(33.535678, abs=1e-6),
    )
    response = rows["response", "booster"]
    assert (response["n"], response["ci_low"], response["ci_high"]) == (
        5,
        pytest.approx(3.333333, abs=1e-6),
        pytest.approx(52.631579, abs=1e-6),
    )
    assert (rows["response", "hedge"]["ci_low"], rows["response", "hedge"]["ci_high"]) == (0, 0)


def test_stance_chart_draws_the_intervals(table):
    d = framing_charts.textplot_stance(table).to_dict()
    assert len(d["data"]["values"]) == 12
    # the interval: a rule with a cap (tick) at each end
    assert [layer["mark"]["type"] for layer in d["layer"]] == ["bar", "rule", "tick", "tick"]
    assert "95% interval" in d["description"]
