"""Keyness statistics against hand calculations and a published example, and keyness,
similarity and vocabulary on a synthetic corpus of five texts (ids the default corpus lacks).

Every expected number here was worked out from the formulas in docs/METHODS.md (arithmetic written
out) or taken from a published example, not from the code under test.
"""

from __future__ import annotations

import math
from collections import Counter

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import corpus, resources
from analysis.io import DiscourseError
from analysis.measures import keyness as k

from .synthetic_texts import FIVE_TEXTS, token_frames

# --- a hand-computed 2x2 table ------------------------------------------------------------
# a = 10 in T, b = 20 in R, c = 1,000 tokens in T, d = 4,000 tokens in R; N = 5,000, a+b = 30.
# Expected: E1 = 1000·30/5000 = 6;  E2 = 4000·30/5000 = 24;
#           E3 = 1000·4970/5000 = 994 (for c−a = 990);  E4 = 4000·4970/5000 = 3976 (d−b = 3980).
# O·ln(O/E):  10·ln(10/6)     =  5.108256
#             20·ln(20/24)    = −3.646431
#            990·ln(990/994)  = −3.991941
#           3980·ln(3980/3976) =  4.002011
# G2 = 2 · (5.108256 − 3.646431 − 3.991941 + 4.002011) = 2 · 1.471895 = 2.943790
# a/c = 0.01 > b/d = 0.005, so the sign is positive (over-used in T).
HAND_G2 = 2.943790


def test_g2_four_cell_by_hand():
    assert k.g2(10, 20, 1000, 4000) == pytest.approx(HAND_G2, abs=1e-5)


def test_g2_sign_convention_and_swap():
    assert k.g2(10, 20, 1000, 4000) > 0
    # Swapping target and reference flips the sign only.
    assert k.g2(20, 10, 4000, 1000) == pytest.approx(-HAND_G2, abs=1e-5)
    assert k.g2(20, 10, 4000, 1000, signed=False) == pytest.approx(HAND_G2, abs=1e-5)


def test_g2_zero_cell_contributes_nothing():
    # a = 0, b = 4, c = d = 100: E1 = E2 = 2, E3 = E4 = 98.
    # 0·ln(0/2) is taken as 0; 4·ln(4/2) = 2.772589; 100·ln(100/98) = 2.020271;
    # 96·ln(96/98) = −1.979452.  G2 = 2·(2.772589 + 2.020271 − 1.979452) = 5.626816,
    # negative because 0/100 < 4/100.
    assert k.g2(0, 4, 100, 100) == pytest.approx(-5.626816, abs=1e-5)


def test_g2_equal_rates_is_zero():
    assert k.g2(2, 4, 100, 200) == pytest.approx(0.0, abs=1e-12)


def test_published_example_and_two_term_difference():
    """Rayson's LL calculator (ucrel.lancs.ac.uk/llwizard.html), as worked in a Lancaster
    corpus-linguistics course slide (scribd.com/presentation/807361921/Corpus-2): a word 52
    times in 50,000 tokens and 57 times in 75,000 gives "+ 2.65". The calculator sums over
    a and b only (two-term form); docs/METHODS.md fixes the four-cell form, which adds
    2·[(c−a)·ln((c−a)/E3) + (d−b)·ln((d−b)/E4)]."""
    two = k.g2_two_term(52, 57, 50000, 75000)
    four = k.g2(52, 57, 50000, 75000)
    assert round(two, 2) == 2.65
    # E3 = 50000·124891/125000 = 49956.4; E4 = 75000·124891/125000 = 74934.6
    extra = 2 * (49948 * math.log(49948 / 49956.4) + 74943 * math.log(74943 / 74934.6))
    assert four - two == pytest.approx(extra, abs=1e-9)
    assert 0 < four - two < 0.01  # slightly larger here, not the same number
    assert round(four, 2) == 2.65


def test_two_term_and_four_cell_differ_for_small_texts():
    # With texts as short as ours the difference is no longer negligible.
    assert abs(k.g2(5, 0, 269, 1090) - k.g2_two_term(5, 0, 269, 1090)) > 0.05


@pytest.mark.parametrize(
    ("critical", "p"),
    # Critical values of chi-square with 1 df printed on Rayson's LL calculator page.
    [(3.84, 0.05), (6.63, 0.01), (10.83, 0.001), (15.13, 0.0001)],
)
def test_p_value_matches_published_critical_values(critical, p):
    assert k.p_chi2_1df(critical) == pytest.approx(p, rel=0.01)
    assert k.p_chi2_1df(-critical) == k.p_chi2_1df(critical)


def test_log_ratio_hand_values():
    # (10/1000)/(20/4000) = 0.01/0.005 = 2 -> log2 2 = 1 (Hardie 2014: +1 = twice as frequent)
    assert k.log_ratio(10, 20, 1000, 4000) == pytest.approx(1.0)
    # 8 times as frequent -> 3
    assert k.log_ratio(8, 1, 100, 100) == pytest.approx(3.0)


def test_log_ratio_zero_rule():
    # a = 0 becomes 0.5: log2((0.5/100)/(4/100)) = log2(0.125) = −3
    assert k.log_ratio(0, 4, 100, 100) == pytest.approx(-3.0)
    # b = 0 becomes 0.5: log2((5/269)/(0.5/1090)) = log2(40.520446) = 5.340578
    assert k.log_ratio(5, 0, 269, 1090) == pytest.approx(5.340578, abs=1e-6)


def test_weighted_log_odds_hand_values():
    # alpha_w = 3, alpha0 = 100 with the table above:
    # δ = ln(13/(1000+100−10−3)) − ln(23/(4000+100−20−3)) = ln(13/1087) − ln(23/4077)
    #   = −4.426228 − (−5.177622) = 0.751395
    # σ² = 1/13 + 1/23 = 0.076923 + 0.043478 = 0.120401;  z = 0.751395/√0.120401 = 2.165472
    delta, var, z = k.weighted_log_odds(10, 20, 1000, 4000, 3, 100)
    assert delta == pytest.approx(0.751395, abs=1e-6)
    assert var == pytest.approx(0.120401, abs=1e-6)
    assert z == pytest.approx(2.165472, abs=1e-6)


def test_bad_inputs_raise():
    with pytest.raises(DiscourseError):
        k.g2(5, 1, 4, 100)  # a > c
    with pytest.raises(DiscourseError):
        k.weighted_log_odds(1, 1, 10, 10, 0, 10)


counts = st.integers(min_value=0, max_value=400)
sizes = st.integers(min_value=1, max_value=5000)


@given(counts, counts, sizes, sizes)
def test_g2_properties(a, b, extra_c, extra_d):
    c, d = a + extra_c, b + extra_d
    unsigned = k.g2(a, b, c, d, signed=False)
    assert unsigned >= 0
    assert k.g2(b, a, d, c) == pytest.approx(-k.g2(a, b, c, d), abs=1e-9)
    signed = k.g2(a, b, c, d)
    if a * d > b * c:
        assert signed >= 0
    elif a * d < b * c:
        assert signed <= 0
    assert 0.0 <= k.p_chi2_1df(signed) <= 1.0


@given(counts, counts, sizes, sizes, st.floats(min_value=0.01, max_value=50))
def test_log_ratio_and_log_odds_antisymmetric(a, b, extra_c, extra_d, alpha_w):
    c, d = a + extra_c, b + extra_d
    assert k.log_ratio(b, a, d, c) == pytest.approx(-k.log_ratio(a, b, c, d), abs=1e-9)
    alpha0 = alpha_w * 10
    d1, v1, z1 = k.weighted_log_odds(a, b, c, d, alpha_w, alpha0)
    d2, v2, z2 = k.weighted_log_odds(b, a, d, c, alpha_w, alpha0)
    assert d2 == pytest.approx(-d1, abs=1e-9)
    assert z2 == pytest.approx(-z1, abs=1e-9)


def test_word_token_counts_skip_punctuation():
    # unit x = "Armenia , Azerbaijan ." has 2 word tokens; unit y (a lone ".") has 0 and still
    # gets a row; groups keep their order of first appearance
    toks = pl.DataFrame(
        {
            "unit": ["x", "x", "x", "x", "y"],
            "token": ["Armenia", ",", "Azerbaijan", ".", "."],
            "is_word": [True, False, True, False, False],
        }
    )
    assert k.word_token_counts(toks, by="unit").rows() == [("x", 2), ("y", 0)]


# --- five synthetic texts ---------------------------------------------------------------------
# Word tokens (grep-able in FIVE_TEXTS): a 10, b 8, c 12, d 5, e-1234 11 (46 in all).
SIZES = {"a": 10, "b": 8, "c": 12, "d": 5, "e-1234": 11}


@pytest.fixture(scope="module")
def five():
    _, _, toks = token_frames(FIVE_TEXTS)
    return toks.filter(pl.col("is_word"))


def _content_counts(words: pl.DataFrame) -> dict[str, Counter]:
    """Independent term counts: plain Python over (text_id, norm), stop words dropped."""
    stop = resources.stopwords()
    out: dict[str, Counter] = {t: Counter() for t in FIVE_TEXTS}
    for text_id, norm in words.select("text_id", "norm").iter_rows():
        if norm not in stop:
            out[text_id][norm] += 1
    return out


def test_texts_come_from_the_frame_in_order_of_appearance(five):
    # none of these ids is in the manifest: they keep the order in which they appear
    assert corpus.texts_in(five) == list(FIVE_TEXTS)
    assert dict(k.word_token_counts(five).iter_rows()) == SIZES


def test_keyness_of_the_new_text_against_all_others_by_hand(five):
    assert "harbour" not in resources.stopwords()
    kk = k.textstat_keyness("e-1234", toks=five)
    assert set(kk["reference"]) == {"a+b+c+d"}
    row = kk.filter(pl.col("term") == "harbour").row(0, named=True)
    # "harbour" 5 times in e-1234 (11 word tokens), never in the other four (10+8+12+5 = 35).
    # a = 5, b = 0, c = 11, d = 35; N = 46, a+b = 5.
    # E1 = 11·5/46 = 1.195652; E3 = 11·41/46 = 9.804348 (c−a = 6); E4 = 35·41/46 = 31.195652.
    # 5·ln(5/1.195652) = 7.153731;  6·ln(6/9.804348) = −2.946399;  35·ln(35/31.195652) = 4.027427
    # G2 = 2·(7.153731 − 2.946399 + 4.027427) = 2·8.234759 = 16.469517 (positive: 5/11 > 0/35)
    assert (row["a"], row["b"], row["c"], row["d"]) == (5, 0, 11, 35)
    assert row["g2"] == pytest.approx(16.469517, abs=1e-5)
    assert row["p"] == pytest.approx(math.erfc(math.sqrt(16.469517 / 2)), rel=1e-5)
    # Log Ratio with b = 0 -> 0.5: log2((5/11)/(0.5/35)) = log2(31.818182) = 4.991779
    assert row["log_ratio"] == pytest.approx(4.991779, abs=1e-6)
    assert row["key_in"] == "e-1234" and kk["term"][0] == "harbour"


def test_keyness_against_a_given_reference(five):
    kk = k.textstat_keyness("a", ["b", "d"], toks=five)
    grain = kk.filter(pl.col("term") == "grain").row(0, named=True)
    # grain: 2 in a; 1 in b + 1 in d; c = 10, d = 8 + 5 = 13
    assert (grain["a"], grain["b"], grain["c"], grain["d"]) == (2, 2, 10, 13)
    assert grain["reference"] == "b+d"
    with pytest.raises(DiscourseError, match="other primary texts"):
        k.textstat_keyness("a", ["a", "b"], toks=five)
    with pytest.raises(DiscourseError, match="unknown target"):
        k.textstat_keyness("z", toks=five)


def test_keyness_all_keeps_every_text(five):
    every = k.textstat_keyness_all(toks=five)
    assert every["target"].unique(maintain_order=True).to_list() == list(FIVE_TEXTS)
    for target, frame in every.group_by("target", maintain_order=True):
        others = sum(v for t, v in SIZES.items() if t != target[0])
        assert set(frame["c"]) == {SIZES[target[0]]} and set(frame["d"]) == {others}
    # the counts per term add up to the term's total over all five texts
    counts = _content_counts(five)
    for term in ("river", "bridge", "harbour", "khojaly"):
        total = sum(c[term] for c in counts.values())
        sums = every.filter(pl.col("term") == term).select(pl.col("a") + pl.col("b"))
        assert set(sums.to_series()) == {total}
    with pytest.raises(DiscourseError, match="at least two"):
        k.textstat_keyness_all(toks=five.filter(pl.col("text_id") == "a"))


def test_similarity_is_n_by_n_against_independent_cosine(five):
    sim = k.textstat_similarity(toks=five)
    assert sim.height == 25
    assert sim["text_a"].unique(maintain_order=True).to_list() == list(FIVE_TEXTS)
    counts = _content_counts(five)
    for ta, tb in [("a", "e-1234"), ("b", "c"), ("d", "d")]:
        u, v = counts[ta], counts[tb]
        dot = sum(u[t] * v[t] for t in u)
        norm = math.sqrt(sum(x * x for x in u.values())) * math.sqrt(sum(x * x for x in v.values()))
        row = sim.filter((pl.col("text_a") == ta) & (pl.col("text_b") == tb)).row(0, named=True)
        assert row["cosine"] == pytest.approx(dot / norm)
        assert row["shared_types"] == len(set(u) & set(v))
    # a vs e-1234 share only "river". a: river, bridge, carries, grain ×2, khojaly, valley,
    # holds -> squared norm 1+1+1+4+1+1+1 = 10; e-1234: harbour ×5, khojali, river, karabakh
    # -> 25+1+1+1 = 28. Cosine = (1·1) / (√10 · √28) = 1/√280 = 0.059761
    row = sim.filter((pl.col("text_a") == "a") & (pl.col("text_b") == "e-1234"))
    assert row["cosine"][0] == pytest.approx(0.0597614, abs=1e-7)


def test_similarity_of_a_text_without_content_words_is_null():
    _, _, toks = token_frames({"x": "The river.", "y": "And the of."})
    sim = k.textstat_similarity(toks=toks)
    assert sim.height == 4
    assert sim.filter(pl.col("text_a") == "y")["cosine"].null_count() == 2
    assert sim.filter((pl.col("text_a") == "x") & (pl.col("text_b") == "x"))["cosine"][0] == 1


def test_vocabulary_for_five_texts(five):
    vocab = k.textstat_vocabulary(toks=five)
    assert vocab.columns == ["term", *[f"n_{t}" for t in FIVE_TEXTS], "n_texts", "used_by"]
    used = dict(vocab.select("term", "used_by").iter_rows())
    assert used["harbour"] == "e-1234"
    assert used["bridge"] == "a + b + c"
    assert used["river"] == "all five"  # in every one of the five texts
    counts = _content_counts(five)
    assert vocab.height == len(set().union(*counts.values()))
    summary = k.textstat_vocabulary_summary(toks=five)
    assert summary["n_types"].sum() == vocab.height
    labels = summary["used_by"].to_list()
    assert labels[:5] == list(FIVE_TEXTS) and labels[-1] == "all five"
    only_e = set(counts["e-1234"]) - set().union(*(counts[t] for t in "abcd"))
    assert summary.filter(pl.col("used_by") == "e-1234")["n_types"][0] == len(only_e)
    # with five texts only the patterns that occur are listed between singles and "all five"
    assert set(labels[5:-1]) == set(vocab["used_by"]) - set(labels[:5]) - {"all five"}


def test_all_texts_label_and_number_words():
    assert [k.all_texts_label(n) for n in (2, 3, 9, 12)] == [
        "both",
        "all three",
        "all nine",
        "all 12",
    ]
