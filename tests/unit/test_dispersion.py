"""Dispersion statistics (range, DP, DPnorm, Juilland's D) against published values, hand
computations and an independent loop, and per term and text on a synthetic corpus of five texts
(ids the default corpus lacks), with the keyness dispersion columns.

Published values come from the sources cited at each test; the hand values are worked out in
the comments from the formulas of :mod:`analysis.measures.dispersion`, not from the code.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis.io import DiscourseError
from analysis.measures import dispersion as disp
from analysis.measures import keyness

from .synthetic_texts import FIVE_TEXTS, token_frames

# --- published values ---------------------------------------------------------------------


def test_lyne_allemand_as_published_by_tlda():
    # Lyne (1985), French lemma ALLEMAND over the ten Tenths of his corpus, as given in the
    # README of the R package tlda (L. Soenning; github.com/lsoenning/tlda): disp() and
    # disp_R() give Rrel 0.5 and R_abs 5, Juilland's D 0.6038797 (conventional scale), and
    # disp_DP(formula = "gries_2008", directionality = "gries") DP 0.4990705
    # (1 - 0.5009295, the conventional-scale value printed there).
    counts = (2, 0, 1, 1, 3, 0, 3, 0, 0, 0)
    sizes = (8143, 8058, 8271, 8125, 7959, 7941, 8146, 8001, 8003, 7930)
    out = disp.dispersion_stats(counts, sizes)
    assert out["range"] == 5 and out["range_rel"] == pytest.approx(0.5)
    assert out["juilland_d"] == pytest.approx(0.6038797, abs=5e-8)
    assert out["dp"] == pytest.approx(0.4990705, abs=5e-8)
    assert 1 - out["dp"] == pytest.approx(0.5009295, abs=5e-8)


def test_juilland_d_carroll_1970_population_sd():
    # Carroll, J. B. (1970). An alternative to Juilland's usage coefficient for lexical
    # frequencies. ETS Research Bulletin 1970(2), p. 14 (as pinned in Wordless's tests,
    # BLKSerene/Wordless tests/tests_measures/test_measures_dispersion.py): counts
    # (0, 4, 3, 2, 1) in five equal parts give D = 0.6464. By hand: mean 2, population SD
    # sqrt((4 + 4 + 1 + 0 + 1)/5) = sqrt 2, V = sqrt(2)/2, D = 1 - V/sqrt(4) = 0.646447.
    # The sample SD (divisor n - 1) would give 1 - sqrt(2.5)/2/2 = 0.604737: not the published one.
    out = disp.dispersion_stats([0, 4, 3, 2, 1], [1000] * 5)
    assert round(out["juilland_d"], 4) == 0.6464
    assert out["juilland_d"] == pytest.approx(1 - math.sqrt(2) / 2 / 2, abs=1e-12)
    assert "population" in disp.SD_CONVENTION


def test_dp_norm_lijffijt_gries_2012():
    # Lijffijt & Gries (2012), IJCL 17(1): 148: counts (2, 1, 0) over three equal parts give
    # DPnorm = 0.5. By hand: t = (2/3, 1/3, 0), w = 1/3 each, DP = ½(1/3 + 0 + 1/3) = 1/3,
    # DPnorm = (1/3)/(1 - 1/3) = 0.5.
    out = disp.dispersion_stats([2, 1, 0], [100, 100, 100])
    assert out["dp"] == pytest.approx(1 / 3)
    assert out["dp_norm"] == pytest.approx(0.5)


#: Gries's (2008: 406) toy corpus of five parts of ten tokens each (the tokens as Wordless's
#: tests transcribe them, BLKSerene/Wordless tests/tests_measures/test_measures_dispersion.py).
GRIES_TOY = "b a m n i b e u p k|b a s a t b e w q n|b c a g a b e s t a|b a g h a b e a a t|b a h a a b e a x a"


def test_gries_2008_toy_corpus_by_hand():
    parts = [p.split() for p in GRIES_TOY.split("|")]
    counts = [Counter(p)["a"] for p in parts]
    sizes = [len(p) for p in parts]
    assert counts == [1, 2, 3, 4, 5] and sizes == [10] * 5
    out = disp.dispersion_stats(counts, sizes)
    # t = (1..5)/15, w = 0.2: |t - w| = (2, 1, 0, 1, 2)/15, DP = ½·6/15 = 0.2;
    # DPnorm = 0.2/(1 - 0.2) = 0.25; p = (.1, .2, .3, .4, .5), mean .3, population SD
    # sqrt(0.1/5) = 0.141421, V = 0.471405, D = 1 - V/2 = 0.764298.
    assert out["range"] == 5
    assert out["dp"] == pytest.approx(0.2)
    assert out["dp_norm"] == pytest.approx(0.25)
    assert out["juilland_d"] == pytest.approx(0.764298, abs=1e-6)
    # "b" is in every part twice: perfectly even
    b = disp.dispersion_stats([Counter(p)["b"] for p in parts], sizes)
    assert b["dp"] == pytest.approx(0.0) and b["juilland_d"] == pytest.approx(1.0)


# --- hand computation with unequal parts --------------------------------------------------


def test_unequal_parts_by_hand():
    # counts (3, 1, 1) in parts of 3, 6 and 2 words (11). w = (3, 6, 2)/11, t = (3, 1, 1)/5.
    # |t - w| = (18, 19, 1)/55, DP = 19/55 = 0.345455; DPnorm = (19/55)/(9/11) = 209/495.
    # p = (1, 1/6, 1/2), mean 5/9, deviations (4/9, -7/18, -1/18), squares sum 114/324,
    # population variance 38/324, SD sqrt(38)/18, V = sqrt(38)/10, D = 1 - V/sqrt(2).
    out = disp.dispersion_stats([3, 1, 1], [3, 6, 2])
    assert out["dp"] == pytest.approx(19 / 55)
    assert out["dp_norm"] == pytest.approx(209 / 495)
    assert out["juilland_d"] == pytest.approx(1 - math.sqrt(38) / 10 / math.sqrt(2))
    assert out["f"] == 5 and out["parts"] == 3 and out["range"] == 3


# --- edge cases -----------------------------------------------------------------------------


def test_absent_term_has_range_zero_and_no_statistics():
    out = disp.dispersion_stats([0, 0, 0], [4, 5, 6])
    assert out["range"] == 0 and out["range_rel"] == 0.0 and out["f"] == 0
    assert out["dp"] is None and out["dp_norm"] is None and out["juilland_d"] is None


def test_one_part():
    out = disp.dispersion_stats([3], [7])
    assert out["range"] == 1 and out["dp"] == 0.0
    assert out["dp_norm"] is None and out["juilland_d"] is None  # 1 - min w = 0; sqrt(n-1) = 0


def test_equal_parts_even_and_concentrated():
    even = disp.dispersion_stats([2, 2, 2, 2], [10, 10, 10, 10])
    assert even["dp"] == 0.0 and even["dp_norm"] == 0.0 and even["juilland_d"] == 1.0
    # all in one of four equal parts: DP = ½(3/4 + 3·1/4) = 0.75, DPnorm = 0.75/0.75 = 1, D = 0
    one = disp.dispersion_stats([4, 0, 0, 0], [10, 10, 10, 10])
    assert one["dp"] == pytest.approx(0.75) and one["dp_norm"] == pytest.approx(1.0)
    assert one["juilland_d"] == pytest.approx(0.0, abs=1e-12)
    # proportional to unequal sizes: DP 0 and D 1
    prop = disp.dispersion_stats([1, 2, 3], [10, 20, 30])
    assert prop["dp"] == pytest.approx(0.0, abs=1e-12)
    assert prop["juilland_d"] == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("counts", "sizes"),
    [([1, 2], [3]), ([1], [0]), ([-1, 2], [3, 3]), ([5, 0], [3, 3]), ([], [])],
)
def test_bad_input_is_refused(counts, sizes):
    with pytest.raises(DiscourseError):
        disp.dispersion_stats(counts, sizes)


@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers(5, 40)), min_size=2, max_size=12).filter(
        lambda rows: any(c for c, _ in rows)
    )
)
def test_bounds_and_scale_invariance(rows):
    counts, sizes = [c for c, _ in rows], [s for _, s in rows]
    out = disp.dispersion_stats(counts, sizes)
    assert 0 <= out["dp"] <= out["dp_norm"] <= 1
    assert 0 <= out["juilland_d"] <= 1
    # doubling every count and size keeps t, w and p/mean: the same statistics
    twice = disp.dispersion_stats([2 * c for c in counts], [2 * s for s in sizes])
    for key in ("dp", "dp_norm", "juilland_d"):
        assert twice[key] == pytest.approx(out[key], abs=1e-9)


# --- per term and text ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def toks():
    return token_frames(FIVE_TEXTS)[2]


def _loop(counts: list[int], sizes: list[int]) -> tuple[float, float, float]:
    """DP, DPnorm and D written out with a plain loop and statistics.pstdev."""
    f, total = sum(counts), sum(sizes)
    dp = sum(abs(c / f - s / total) for c, s in zip(counts, sizes, strict=True)) / 2
    rel = [c / s for c, s in zip(counts, sizes, strict=True)]
    d = 1 - statistics.pstdev(rel) / statistics.fmean(rel) / math.sqrt(len(sizes) - 1)
    return dp, dp / (1 - min(sizes) / total), d


def test_table_matches_an_independent_loop(toks):
    table = disp.textstat_dispersion_measures(toks)
    words = toks.filter(pl.col("is_word"))
    for text_id in ["a", "c", "e-1234"]:  # texts of two and three sentences
        text = words.filter(pl.col("text_id") == text_id)
        sentences = text["sentence_id"].unique(maintain_order=True).to_list()
        sizes = [text.filter(pl.col("sentence_id") == s).height for s in sentences]
        for row in table.filter(pl.col("text_id") == text_id).iter_rows(named=True):
            counts = [
                text.filter((pl.col("sentence_id") == s) & (pl.col("norm") == row["term"])).height
                for s in sentences
            ]
            dp, dp_norm, d = _loop(counts, sizes)
            assert row["dp"] == pytest.approx(dp)
            assert row["dp_norm"] == pytest.approx(dp_norm)
            assert row["juilland_d"] == pytest.approx(d, abs=1e-12)
            assert row["range"] == sum(1 for c in counts if c)


def test_every_text_and_the_new_one_with_hand_values(toks):
    table = disp.textstat_dispersion_measures(toks)
    assert table["text_id"].unique(maintain_order=True).to_list() == list(FIVE_TEXTS)
    # e-1234: "Harbour harbour harbour. The Khojali harbour and the river. Karabakh harbour."
    # sentences of 3, 6 and 2 words; harbour (3, 1, 1): the hand values above
    harbour = table.filter((pl.col("text_id") == "e-1234") & (pl.col("term") == "harbour"))
    row = harbour.row(0, named=True)
    assert (row["f"], row["parts"], row["range"]) == (5, 3, 3)
    assert row["dp"] == pytest.approx(19 / 55) and row["dp_norm"] == pytest.approx(209 / 495)
    # d: one sentence: DP 0, DPnorm and D undefined
    d = table.filter(pl.col("text_id") == "d")
    assert d["dp"].to_list() == [0.0, 0.0] and d["juilland_d"].null_count() == 2
    assert set(table["part_kind"]) == {"sentence"}


def test_counts_are_the_keyness_terms(toks):
    # the same terms as keyness (stop words dropped, words inside names left out)
    table = disp.textstat_dispersion_measures(toks)
    terms = keyness.tokens_terms(toks=toks).group_by("text_id", "norm").len()
    expected = {(t, n): c for t, n, c in terms.iter_rows()}
    assert {(t, n): f for t, n, f in table.select("text_id", "term", "f").iter_rows()} == expected
    named = token_frames({"p-1": "Genocide Watch wrote. The genocide was named."})[2]
    row = disp.textstat_dispersion_measures(named, ["genocide"]).row(0, named=True)
    assert (row["f"], row["range"]) == (1, 1)  # the "Genocide" of "Genocide Watch" is a name


def test_listed_terms_and_absent_ones(toks):
    table = disp.textstat_dispersion_measures(toks, ["river", "zebra"])
    assert table.height == 10  # every listed term in every text
    zebra = table.filter(pl.col("term") == "zebra")
    assert zebra["range"].to_list() == [0] * 5 and zebra["dp"].null_count() == 5
    assert zebra["parts"].to_list() == [2, 2, 2, 1, 3]


def test_segments_as_parts_and_bad_parts(toks):
    # each synthetic text is one segment: one part, so DP 0 and no DPnorm
    seg = disp.textstat_dispersion_measures(toks, ["harbour"], parts="segment")
    row = seg.filter(pl.col("text_id") == "e-1234").row(0, named=True)
    assert (row["parts"], row["range"], row["dp"], row["dp_norm"]) == (1, 1, 0.0, None)
    with pytest.raises(DiscourseError):
        disp.textstat_dispersion_measures(toks, parts="page")


# --- keyness ------------------------------------------------------------------------------------


def test_keyness_flags_terms_in_one_sentence(toks):
    words = toks.filter(pl.col("is_word"))
    kk = disp.keyness_dispersion(keyness.textstat_keyness("e-1234", toks=words), toks=words)
    by_term = {r["term"]: r for r in kk.iter_rows(named=True)}
    assert (by_term["harbour"]["n_parts"], by_term["harbour"]["one_part"]) == (3, False)
    assert (by_term["karabakh"]["n_parts"], by_term["karabakh"]["one_part"]) == (1, True)
    assert by_term["karabakh"]["dp"] == pytest.approx(9 / 11)
    # used by the other texts only: in no sentence of the target
    assert (by_term["grain"]["n_parts"], by_term["grain"]["one_part"]) == (0, False)
    table = keyness.keyness_table(kk)
    assert table.columns[-2:] == ["n_parts", "one_part"]
    kept = keyness.keyness_table(kk, min_range=2)
    assert kept["term"].to_list() == ["harbour"]
    # without the dispersion columns the table is as before, and min_range is refused
    assert "n_parts" not in keyness.keyness_table(keyness.textstat_keyness("a", toks=words)).columns
    with pytest.raises(DiscourseError):
        keyness.keyness_table(keyness.textstat_keyness("a", toks=words), min_range=2)
    assert disp.keyness_min_range(kk, 1).height == kk.filter(pl.col("a") > 0).height
