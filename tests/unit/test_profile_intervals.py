"""95% intervals on frame shares and stance rates, and the gold profile beside the dictionary's.

On the synthetic five-text corpus (tests/unit/framing_synthetic.py): gold labels cover p-101
(all three sentences) and two of the four sentences of p-202; r-101, l-303 and s-404 have none.
Intervals are checked by hand on tiny texts and against the exact bootstrap distribution of a
proportion (a resample of n sentences draws Binomial(n, k/n) coded ones).
"""

from __future__ import annotations

import json

import numpy as np
import polars as pl
import pytest
import vl_convert
from scipy import stats as sps

from analysis import stats
from analysis.charts import framing as framing_charts
from analysis.evaluation import framing_gold as fg
from analysis.evaluation import framing_profiles as fp
from analysis.measures import framing, stance

from . import framing_synthetic as fs


@pytest.fixture()
def coded(synth):
    matches = framing.framing_matches(synth.toks, fs.CUES)
    return matches, framing.textstat_frame_coding(matches)


def _profile(layer, synth, coded):
    matches, coding = coded
    return framing.textstat_frame_profile(
        layer, coding=coding, matches=matches, sentences=synth.sentences, toks=synth.toks
    )


# --- shares -----------------------------------------------------------------------------------


def test_share_interval_by_hand_and_against_the_exact_bootstrap_distribution():
    assert framing.share_interval(0, 7) == (0.0, 0.0)
    assert framing.share_interval(7, 7) == (1.0, 1.0)
    # 1 of 3: a resample has no coded sentence with p 8/27, three with 1/27 (> 2.5%)
    assert framing.share_interval(1, 3) == (0.0, 1.0)
    assert np.isnan(framing.share_interval(0, 0)[0])
    # larger texts: the percentile interval of 2,000 resamples lies within one sentence of the
    # quantiles of Binomial(n, k/n) / n (the bootstrap distribution with infinitely many)
    for k, n in [(7, 11), (5, 30), (11, 30), (3, 30), (40, 120)]:
        low, high = framing.share_interval(k, n)
        exact = sps.binom.ppf([0.025, 0.975], n, k / n) / n
        assert low <= k / n <= high
        assert low == pytest.approx(exact[0], abs=1 / n + 1e-9)
        assert high == pytest.approx(exact[1], abs=1 / n + 1e-9)
        # the same as the suite's bootstrap of the 0/1 column (sorted: the order of the
        # sentences does not change the distribution, and the seed is fixed)
        assert (low, high) == stats.bootstrap_ci(np.r_[np.ones(k), np.zeros(n - k)])


def test_profile_intervals_bracket_every_share(synth, coded):
    for layer in framing.LAYERS:
        prof = _profile(layer, synth, coded)
        assert prof.height == 5 * len(framing.LAYERS[layer])
        assert prof.filter(
            (pl.col("ci_low") > pl.col("share")) | (pl.col("ci_high") < pl.col("share"))
        ).is_empty()
        for r in prof.iter_rows(named=True):
            assert (r["ci_low"], r["ci_high"]) == framing.share_interval(
                r["sentences_coded"], r["n_sentences"]
            )
    prof = _profile("domain", synth, coded)
    # s-404, the text added last: victimhood in 1 of its 2 sentences; a resample of two
    # sentences is one of them twice (1/4 each) or both: [0, 1]
    s404 = prof.filter((pl.col("text_id") == "s-404") & (pl.col("category") == "victimhood"))
    assert s404.select("sentences_coded", "share", "ci_low", "ci_high").row(0) == (1, 0.5, 0, 1)
    # l-303 has one sentence, uncoded for victimhood: [0, 0]
    l303 = prof.filter((pl.col("text_id") == "l-303") & (pl.col("category") == "victimhood"))
    assert l303.select("share", "ci_low", "ci_high").row(0) == (0, 0, 0)


def test_gold_profile_intervals_and_the_texts_it_covers(synth):
    prof = fp.textstat_gold_profile("domain", fs.gold())
    # without sentences: every text of the gold file, x-999 included
    assert prof["text_id"].unique(maintain_order=True).to_list() == ["p-101", "p-202", "x-999"]
    here = fp.textstat_gold_profile("domain", fs.gold(), sentences=synth.sentences)
    assert here["text_id"].unique(maintain_order=True).to_list() == ["p-101", "p-202"]
    vic = {
        r["text_id"]: r
        for r in here.filter(pl.col("category") == "victimhood").iter_rows(named=True)
    }
    # p-101: gold victimhood in 1 of 3 -> [0, 1]; p-202: 2 of its 2 coded sentences -> [1, 1]
    assert (vic["p-101"]["gold_share"], vic["p-101"]["gold_ci_low"]) == (1 / 3, 0.0)
    assert vic["p-101"]["gold_ci_high"] == 1.0
    assert (vic["p-202"]["n_sentences"], vic["p-202"]["gold_ci_low"]) == (2, 1.0)
    # a gold row whose sentence has another text here is not counted
    other = synth.sentences.with_columns(
        pl.when(pl.col("sentence_id") == "p-101:s003")
        .then(pl.lit("Another sentence."))
        .otherwise(pl.col("text"))
        .alias("text")
    )
    gold = fs.gold().with_columns(
        pl.col("sentence_id")
        .replace_strict(
            dict(synth.sentences.select("sentence_id", "text").iter_rows()), default=None
        )
        .alias(fg.UNIT_TEXT)
    )
    p101 = fp.textstat_gold_profile("frame", gold, sentences=other).filter(
        pl.col("text_id") == "p-101"
    )
    assert p101["n_sentences"].unique().to_list() == [2]


def test_comparison_carries_both_intervals(auto):
    comp = fp.textstat_profile_comparison("frame", gold=fs.gold(), auto=auto)
    for r in comp.iter_rows(named=True):
        assert (r["ci_low"], r["ci_high"]) == framing.share_interval(
            r["sentences_coded"], r["n_sentences"]
        )
        assert (r["gold_ci_low"], r["gold_ci_high"]) == framing.share_interval(
            r["gold_sentences"], r["n_sentences"]
        )


# --- the charts ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("layer", "build"),
    [
        ("frame", framing_charts.textplot_frame_profile),
        ("entman", framing_charts.textplot_entman),
        ("domain", framing_charts.textplot_domain_families),
    ],
)
def test_profile_chart_shows_gold_beside_the_dictionary(synth, coded, layer, build):
    prof = _profile(layer, synth, coded)
    gold = fp.textstat_gold_profile(layer, fs.gold(), sentences=synth.sentences)
    chart = build(prof, gold)
    d = chart.to_dict()
    values = d["data"]["values"]
    n_cat = len(framing.LAYERS[layer])
    # five texts by the dictionary, the two the gold covers by the gold coder too
    assert len(values) == (5 + 2) * n_cat
    by_source = {
        s: [v["text_id"] for v in values if v["source"] == s][::n_cat]
        for s in (framing_charts.DICTIONARY, framing_charts.GOLD)
    }
    assert by_source == {
        framing_charts.DICTIONARY: fs.TEXT_IDS,
        framing_charts.GOLD: ["p-101", "p-202"],
    }
    bars, rules, *caps = d["layer"]
    # a cap (tick) at each end of every interval
    assert [(c["mark"]["type"], c["encoding"]["x"]["field"]) for c in caps] == [
        ("tick", "ci_low"),
        ("tick", "ci_high"),
    ]
    assert bars["encoding"]["yOffset"]["sort"] == [
        "p-101|dictionary",
        "p-101|gold coder (automated)",
        "r-101|dictionary",
        "p-202|dictionary",
        "p-202|gold coder (automated)",
        "l-303|dictionary",
        "s-404|dictionary",
    ]
    opacity = bars["encoding"]["opacity"]["condition"]
    assert opacity["field"] == "source"
    assert opacity["scale"]["domain"] == [framing_charts.DICTIONARY, framing_charts.GOLD]
    assert rules["mark"]["type"] == "rule"
    assert (rules["encoding"]["x"]["field"], rules["encoding"]["x2"]["field"]) == (
        "ci_low",
        "ci_high",
    )
    # every bar's interval brackets it
    assert all(v["ci_low"] <= v["share"] <= v["ci_high"] for v in values)
    # the texts without gold are named, and the partial coverage of p-202
    note = (
        "No gold coding for the response to e-101, the letter of 2025 and the statement: "
        "dictionary only. The gold coder coded 2 of the 4 sentences of petition e-202; the gold "
        "shares are of those sentences."
    )
    assert note in d["description"] and note == " ".join(d["title"]["subtitle"][1:])
    assert stats.INTERVAL_NOTE in d["description"]
    if layer == "domain":
        gold_row = next(
            v
            for v in values
            if (v["text_id"], v["category"], v["source"])
            == ("p-202", "victimhood", framing_charts.GOLD)
        )
        assert (gold_row["sentences_coded"], gold_row["n_sentences"], gold_row["share"]) == (
            2,
            2,
            1.0,
        )
    svg = vl_convert.vegalite_to_svg(chart.to_json())
    assert "<path" in svg
    json.dumps(d)


def test_gold_note_when_it_covers_every_text(synth, coded):
    prof = _profile("entman", synth, coded).filter(pl.col("text_id").is_in(["p-101"]))
    gold = fp.textstat_gold_profile("entman", fs.gold(), sentences=synth.sentences)
    assert framing_charts.gold_note(prof, gold) == "The gold coding covers every text shown."
    d = framing_charts.textplot_entman(prof, gold).to_dict()
    assert "The gold coding covers every text shown." in d["description"]


# --- stance rates -------------------------------------------------------------------------------


def test_rate_interval_by_hand():
    # no words: no rate; no markers: every resample 0
    assert stance.rate_interval(np.array([0, 0]), np.array([0, 0])) == (None, None)
    assert stance.rate_interval(np.array([0, 0]), np.array([3, 5])) == (0.0, 0.0)
    # one sentence: every resample is that sentence
    assert stance.rate_interval(np.array([1]), np.array([6])) == pytest.approx((1000 / 6, 1000 / 6))
    # two sentences: one of them twice (1/4 each) or both; the ends are each sentence's rate
    assert stance.rate_interval(np.array([0, 1]), np.array([3, 5])) == pytest.approx((0, 200))


def test_rate_interval_is_the_bootstrap_of_the_mean_when_sentences_are_equally_long():
    # with every sentence w words the rate is 1000 / w times the mean markers per sentence:
    # the same resamples (fixed seed) give the suite's bootstrap of that mean, scaled
    rng = np.random.default_rng(1)
    m = rng.integers(0, 3, 40)
    low, high = stance.rate_interval(m, np.full(40, 20))
    want = stats.bootstrap_ci(m.astype(float))
    assert (low, high) == pytest.approx((1000 / 20 * want[0], 1000 / 20 * want[1]))
    assert low < 1000 * m.sum() / 800 < high


def test_stance_table_intervals_for_every_text(synth):
    kwic = stance.kwic_stance(synth.toks, fs.MARKERS, synth.sentences)
    table = stance.textstat_stance(kwic, synth.toks)
    assert table["text_id"].unique(maintain_order=True).to_list() == fs.TEXT_IDS
    assert table.filter(
        (pl.col("ci_low") > pl.col("rate")) | (pl.col("ci_high") < pl.col("rate"))
    ).is_empty()
    rows = {(r["text_id"], r["category"]): r for r in table.iter_rows(named=True)}
    # the response to e-101: 1 booster in "The law is clearly applied." (5 of its 8 words)
    assert (rows["r-101", "booster"]["ci_low"], rows["r-101", "booster"]["ci_high"]) == (
        pytest.approx(0),
        pytest.approx(200),
    )
    # p-202 "Canada must act.": one directive in the third of four sentences (3 of 18 words)
    words = [6, 6, 3, 3]
    m = [0, 0, 1, 0]
    assert (rows["p-202", "directive"]["ci_low"], rows["p-202", "directive"]["ci_high"]) == (
        stance.rate_interval(np.array(m), np.array(words))
    )
    assert rows["p-202", "directive"]["rate"] == pytest.approx(1000 / 18)


def test_difference_interval_by_hand_and_against_the_paired_bootstrap():
    assert fp.difference_interval(0, 5, 0) == (0.0, 0.0)
    # one sentence only the gold codes (-1), one both agree on (0): a resample is one of them
    # twice (1/4 each) or both (-1/2): [-1, 0]
    assert fp.difference_interval(1, 1, 0) == (-1.0, 0.0)
    # the suite's bootstrap of the per-sentence differences, in any order (sorted here)
    d = np.array([-1, 0, 0, 1, -1, -1, 0, 0, 0, 0, -1, 0, 1, 0, 0, -1, 0, 0, 0, 0.0])
    low, high = fp.difference_interval(5, 13, 2)
    assert (low, high) == stats.bootstrap_ci(np.sort(d))
    assert low < d.mean() < high


def test_comparison_difference_intervals_pair_the_sentences(auto):
    comp = fp.textstat_profile_comparison("frame", gold=fs.gold(), auto=auto)
    assert comp.filter(
        (pl.col("difference_ci_low") > pl.col("difference"))
        | (pl.col("difference_ci_high") < pl.col("difference"))
    ).is_empty()
    # p-202 crime (covered s001, s002): both codings code both sentences: no difference
    crime = comp.filter((pl.col("text_id") == "p-202") & (pl.col("category") == "crime"))
    assert crime.select("difference", "difference_ci_low", "difference_ci_high").row(0) == (0, 0, 0)


def test_describe_interval_differences(auto):
    comp = fp.textstat_profile_comparison("domain", gold=fs.gold(), auto=auto)
    assert fp.describe_interval_differences(comp) == (
        "For every category and every text the gold coding covers (petition e-101 and petition "
        "e-202), the 95% interval of the difference between the dictionary's share and the gold "
        "coder's (sentence by sentence) includes zero."
    )
    # the gold coder finds morality in all three sentences of p-101, the dictionary in none:
    # every resample of the differences is -1
    rows = [
        ("p-101:s001", "p-101", "morality;legality", "", "victimhood"),
        ("p-101:s002", "p-101", "morality", "remedy", ""),
        ("p-101:s003", "p-101", "morality;economic", "", ""),
    ]
    comp = fp.textstat_profile_comparison("frame", gold=fs.gold(rows), auto=auto)
    assert fp.describe_interval_differences(comp) == (
        "The 95% interval of the difference between the dictionary's share and the gold "
        "coder's (resampling sentences with both codings) excludes zero in 1 case, where the "
        "dictionary codes the category in fewer sentences than the gold coder (a negative "
        "difference): in petition e-101, Morality (dictionary 0% [0%, 0%], gold coder 100% "
        "[100%, 100%]; difference -100 points [-100, -100]). Elsewhere the interval includes "
        "zero (which does not show the two shares are equal)."
    )
    empty = fp.textstat_profile_comparison("frame", gold=fs.gold([]), auto=auto)
    assert fp.describe_interval_differences(empty).startswith("No text compared has gold coding")


def _difference_rows(rows):
    """A comparison frame with only the columns the prose reads: text, label, dictionary and
    gold shares (intervals set to the share) and the difference with its interval."""
    out = []
    for text_id, label, share, gold_share, low, high in rows:
        out.append(
            {
                "text_id": text_id,
                "label": label,
                "share": share,
                "ci_low": share,
                "ci_high": share,
                "gold_share": gold_share,
                "gold_ci_low": gold_share,
                "gold_ci_high": gold_share,
                "difference": share - gold_share,
                "difference_ci_low": low,
                "difference_ci_high": high,
            }
        )
    return pl.DataFrame(out)


def test_describe_interval_differences_gives_each_case_its_sign(synth):
    # both signs, over three of the five synthetic texts, listed in the manifest's order
    comp = _difference_rows(
        [
            ("s-404", "Economic", 0.5, 0.0, 0.1, 0.9),
            ("p-202", "Crime", 0.25, 0.75, -0.8, -0.2),
            ("p-101", "Policy", 0.9, 0.5, 0.12, 0.75),
            ("p-101", "Morality", 0.0, 1.0, -1.0, -1.0),
            ("p-202", "Legality", 0.5, 0.5, -0.25, 0.25),  # includes zero: not listed
        ]
    )
    text = fp.describe_interval_differences(comp, names=fs.NAMES)
    assert text == (
        "The 95% interval of the difference between the dictionary's share and the gold "
        "coder's (resampling sentences with both codings) excludes zero in 4 cases. In 2 "
        "cases, the dictionary codes the category in fewer sentences than the gold coder (a "
        "negative difference): in petition e-101, Morality (dictionary 0% [0%, 0%], gold coder "
        "100% [100%, 100%]; difference -100 points [-100, -100]); in petition e-202, Crime "
        "(dictionary 25% [25%, 25%], gold coder 75% [75%, 75%]; difference -50 points [-80, "
        "-20]). In 2 cases, the dictionary codes the category in more sentences than the gold "
        "coder (a positive difference): in petition e-101, Policy (dictionary 90% [90%, 90%], "
        "gold coder 50% [50%, 50%]; difference +40 points [+12, +75]); in the statement, "
        "Economic (dictionary 50% [50%, 50%], gold coder 0% [0%, 0%]; difference +50 points "
        "[+10, +90]). Elsewhere the interval includes zero (which does not show the two shares "
        "are equal)."
    )
    # every case sits under the sign of its own difference
    negative, positive = text.split("(a negative difference)")[1].split("(a positive difference)")
    assert "-" in negative and "+" not in negative
    assert "+" in positive and "points [-" not in positive and " -" not in positive
    # one sign only, several cases: "all"
    only_more = _difference_rows(
        [("p-101", "Policy", 0.9, 0.5, 0.12, 0.75), ("l-303", "Economic", 1.0, 0.0, 1.0, 1.0)]
    )
    assert fp.describe_interval_differences(only_more, names=fs.NAMES).split(": in ")[0] == (
        "The 95% interval of the difference between the dictionary's share and the gold "
        "coder's (resampling sentences with both codings) excludes zero in 2 cases. In both, "
        "the dictionary codes the category in more sentences than the gold coder (a positive "
        "difference)"
    )
    # one positive case alone
    one = _difference_rows([("r-101", "Economic", 1.0, 0.0, 1.0, 1.0)])
    assert fp.describe_interval_differences(one, names=fs.NAMES).startswith(
        "The 95% interval of the difference between the dictionary's share and the gold "
        "coder's (resampling sentences with both codings) excludes zero in 1 case, where the "
        "dictionary codes the category in more sentences than the gold coder (a positive "
        "difference): in the response to e-101, Economic"
    )


def test_registered_charts_without_a_gold_file(tmp_path, monkeypatch):
    monkeypatch.setattr(fg, "GOLD_PATH", tmp_path / "no-gold.csv")
    assert framing_charts._gold_profile("frame") is None
