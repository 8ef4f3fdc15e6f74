"""Gold coverage and profiles beside the gold coding, on a synthetic corpus of five texts.

The synthetic gold (framing_synthetic.gold) codes all three sentences of p-101, two of the four
of p-202, and one sentence of a text the corpus does not hold; r-101, l-303 and s-404 have no
gold labels. Nothing may crash for them, and the coverage report must name them.
"""

from __future__ import annotations

import polars as pl
import pytest

from analysis.evaluation import framing_agreement as fa
from analysis.evaluation import framing_gold as fg
from analysis.evaluation import framing_profiles as fp
from analysis.io import DiscourseError

from . import framing_synthetic as fs


def test_coverage_per_text(synth):
    cov = fg.textstat_gold_coverage(fs.gold(), synth.sentences)
    assert cov.select("text_id", "n_sentences", "gold_sentences", "in_corpus").rows() == [
        ("p-101", 3, 3, True),
        ("r-101", 2, 0, True),
        ("p-202", 4, 2, True),
        ("l-303", 1, 0, True),
        ("s-404", 2, 0, True),
        ("x-999", 0, 1, False),
    ]
    assert cov["coverage"].to_list()[:3] == [1.0, 0.0, 0.5]
    assert cov["coverage"][5] is None
    assert fg.describe_gold_coverage(cov) == (
        "The gold coding covers 5 of the 12 sentences compared (petition e-101 3 of 3, "
        "petition e-202 2 of 4). It does not cover the response to e-101, the letter of 2025 "
        "and the statement (5 sentences): the comparisons with the gold coding below leave "
        "them out. 1 gold-coded sentences belong to texts not in this corpus (x-999) and are "
        "not used."
    )


def test_coverage_without_any_gold(synth):
    cov = fg.textstat_gold_coverage(fs.gold([]), synth.sentences)
    assert cov["gold_sentences"].to_list() == [0] * 5
    assert fg.describe_gold_coverage(cov) == (
        "The gold coding covers none of the 12 sentences of the five texts compared: no "
        "comparison with it is possible."
    )


def test_covered_units_keep_the_gold_order_and_drop_other_texts(auto):
    g, a = fg.covered_units(fs.gold(), auto)
    ids = ["p-101:s001", "p-101:s002", "p-101:s003", "p-202:s001", "p-202:s002"]
    assert g["sentence_id"].to_list() == a["sentence_id"].to_list() == ids
    # the dictionary's codes travel with their sentence
    assert a.filter(pl.col("sentence_id") == "p-202:s002")["frames"].item() == "legality;crime"


def test_stale_gold_is_an_error(auto):
    # a gold sentence of a text the coding holds, which the coding does not have
    stale = fs.gold([("p-101:s009", "p-101", "", "", "")])
    with pytest.raises(DiscourseError, match=r"only in gold \['p-101:s009'\]"):
        fg.covered_units(stale, auto, strict=True)
    # not strict (a manifest other than the default): left out, not an error
    g, a = fg.covered_units(stale, auto)
    assert g.is_empty() and a.is_empty()


def _coded_on(gold: pl.DataFrame, texts: dict[str, str]) -> pl.DataFrame:
    """The gold with the sentence text each unit was coded on (as gold_load returns it)."""
    coded = [texts.get(sid) for sid in gold["sentence_id"]]
    return gold.with_columns(pl.Series(fg.UNIT_TEXT, coded, dtype=pl.String))


def test_gold_for_a_different_text_with_the_same_ids_is_not_used(synth, auto):
    # the gold was coded on other texts that also had the ids p-101 and p-202
    other = {sid: f"Another sentence {sid}." for sid in fs.gold()["sentence_id"]}
    gold = _coded_on(fs.gold(), other)
    g, a = fg.covered_units(gold, auto)  # no error: the synthetic manifest is not the default
    assert g.is_empty() and a.is_empty()
    with pytest.raises(DiscourseError, match="only in gold"):
        fg.covered_units(gold, auto, strict=True)
    cov = fg.textstat_gold_coverage(gold, synth.sentences)
    assert cov.select("text_id", "gold_sentences", "different_text").rows() == [
        ("p-101", 0, 3),
        ("r-101", 0, 0),
        ("p-202", 0, 2),
        ("l-303", 0, 0),
        ("s-404", 0, 0),
        ("x-999", 1, 0),
    ]
    assert fg.describe_gold_coverage(cov).endswith(
        "no comparison with it is possible. 5 rows of the gold coding are gold for a different "
        "text with the same ids (petition e-101 and petition e-202: the sentences here are not "
        "the ones the gold coded) and not used. 1 gold-coded sentences belong to texts not in "
        "this corpus (x-999) and are not used."
    )
    comp = fp.textstat_profile_comparison("frame", gold=gold, auto=auto)
    assert comp.is_empty()
    # the agreement measures run on no sentence, without an error
    table = fa.textstat_framing_agreement(gold, auto)
    assert table["n"].unique().to_list() == [0] and table["kappa"].null_count() == table.height
    assert fa.framing_disagreements("frame", gold, auto).is_empty()
    assert fa.textstat_kappa_intervals(gold, auto, n_resamples=20)["kappa"].null_count() > 0


def test_gold_applies_per_unit_where_the_text_is_the_same(synth, auto):
    same = dict(synth.sentences.select("sentence_id", "text").iter_rows())
    same["p-202:s002"] = "A sentence this corpus does not have."
    gold = _coded_on(fs.gold(), same)
    g, _ = fg.covered_units(gold, auto)
    assert g["sentence_id"].to_list() == ["p-101:s001", "p-101:s002", "p-101:s003", "p-202:s001"]
    cov = fg.textstat_gold_coverage(gold, synth.sentences)
    assert cov.filter(pl.col("text_id") == "p-202").select("gold_sentences", "different_text").row(
        0
    ) == (1, 1)


def test_gold_profile_and_comparison_cover_only_gold_texts(auto):
    comp = fp.textstat_profile_comparison("domain", gold=fs.gold(), auto=auto)
    assert comp["text_id"].unique(maintain_order=True).to_list() == ["p-101", "p-202"]
    vic = {
        r["text_id"]: r
        for r in comp.filter(pl.col("category") == "victimhood").iter_rows(named=True)
    }
    # p-101: gold victimhood in s001; the dictionary finds "victims" in s001: 1 and 1 of 3.
    # p-202 (covered: s001, s002): gold in both; dictionary only in s001 ("Victims").
    assert (vic["p-101"]["n_sentences"], vic["p-101"]["sentences_coded"]) == (3, 1)
    assert vic["p-101"]["gold_sentences"] == 1 and vic["p-101"]["difference"] == 0
    assert (vic["p-202"]["n_sentences"], vic["p-202"]["sentences_coded"]) == (2, 1)
    assert vic["p-202"]["gold_sentences"] == 2
    assert vic["p-202"]["difference"] == pytest.approx(1 / 2 - 2 / 2)
    # intervals by hand: 1 of 3 -> [0%, 100%] (see test_framing); 1 of 2 -> a resample is
    # s001 twice, s002 twice (1/4 each) or both: [0%, 100%]; 2 of 2 -> every resample 100%
    assert (vic["p-202"]["ci_low"], vic["p-202"]["ci_high"]) == (0.0, 1.0)
    assert (vic["p-202"]["gold_ci_low"], vic["p-202"]["gold_ci_high"]) == (1.0, 1.0)
    # the difference, sentence by sentence: s001 both code it (0), s002 only the gold (-1); a
    # resample is s001 twice (0), s002 twice (-1), 1/4 each, or both (-1/2): [-1, 0]
    assert (vic["p-202"]["difference_ci_low"], vic["p-202"]["difference_ci_high"]) == (-1.0, 0.0)
    assert fp.describe_gold_gap(comp, "victimhood") == (
        "in petition e-101 the dictionary codes 1 sentence (33% [0%, 100%]), as many as the "
        "gold coding (1; 33% [0%, 100%]); in petition e-202 the dictionary codes 1 sentence "
        "(50% [0%, 100%]), fewer than the gold coding (2; 100% [100%, 100%]; difference -50 "
        "points [-100, 0])"
    )
    # without intervals, the counts alone
    assert fp.describe_gold_gap(
        comp.drop(
            "ci_low",
            "ci_high",
            "gold_ci_low",
            "gold_ci_high",
            "difference_ci_low",
            "difference_ci_high",
        ),
        "victimhood",
    ) == (
        "in petition e-101 the dictionary codes 1 sentence, as many as the gold coding (1); "
        "in petition e-202 the dictionary codes 1 sentence, fewer than the gold coding (2)"
    )
    assert fp.describe_gold_gap(comp, "victimhood", ("p-202",)).startswith("in petition e-202")
    with pytest.raises(DiscourseError, match=r"describe_gold_gap\(\).*\['s-404'\]"):
        fp.describe_gold_gap(comp, "victimhood", ("s-404",))


def test_comparison_without_gold_is_empty_not_an_error(auto):
    comp = fp.textstat_profile_comparison("frame", gold=fs.gold([]), auto=auto)
    assert comp.height == 0 and "difference" in comp.columns


def test_labels_long_keeps_uncoded_sentences():
    long = fg.labels_long(fs.gold(), "frame")
    assert long.filter(pl.col("sentence_id") == "p-202:s002")["category"].to_list() == [
        "legality",
        "crime",
    ]
    none = fg.labels_long(fs.gold(), "entman").filter(pl.col("category").is_null())
    assert none.height == 5  # every row but p-101:s002 has no Entman code


def test_victimhood_gap_beside_the_hand_coding(auto, synth):
    comp = fp.textstat_profile_comparison("domain", gold=fs.gold(), auto=auto)
    cov = fg.textstat_gold_coverage(fs.gold(), synth.sentences)
    # Counts as in the test above: p-101 1 and 1; p-202 (covered s001, s002) 1 and 2.
    assert fp.describe_victimhood_gap(comp, cov) == (
        "Beside the gold coding, on the sentences it covers, the dictionary's count of "
        "victimhood and commemoration: in petition e-101 the dictionary codes 1 sentence (33% "
        "[0%, 100%]), as many as the gold coding (1; 33% [0%, 100%]); in petition e-202 the "
        "dictionary codes 1 sentence (50% [0%, 100%]), fewer than the gold coding (2; 100% "
        "[100%, 100%]; difference -50 points [-100, 0]). The cues find victimhood only where "
        'words such as "victims", '
        '"remembrance" or "innocent" occur; the agreement section below compares the two '
        "codings sentence by sentence."
    )


def test_victimhood_gap_without_gold_says_what_is_covered(auto, synth):
    comp = fp.textstat_profile_comparison("domain", gold=fs.gold([]), auto=auto)
    cov = fg.textstat_gold_coverage(fs.gold([]), synth.sentences)
    assert fp.describe_victimhood_gap(comp, cov) == (
        "The gold coding covers none of the 12 sentences of the five texts compared: no "
        "comparison with it is possible."
    )
