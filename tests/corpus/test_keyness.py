"""Keyness statistics against hand calculations and a published example; similarity; vocabulary.

Every expected number here was worked out from the formulas in METHODS.md (arithmetic written
out) or taken from a published example, not from the code under test.
"""

from __future__ import annotations

import math
from collections import Counter

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from analysis import resources, tokens
from analysis.io import DiscourseError
from analysis.measures import keyness as k

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
    a and b only (two-term form); METHODS.md fixes the four-cell form, which adds
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
    with pytest.raises(DiscourseError):
        k.textstat_keyness("petition", ["petition"])


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


# --- on the corpus ----------------------------------------------------------------------------


def _independent_counts(drop_stopwords=True):
    toks = tokens.corpus_tokens(words_only=True)
    stop = resources.stopwords()
    out: dict[str, Counter] = {}
    for text_id, norm in toks.select("text_id", "norm").iter_rows():
        if drop_stopwords and norm in stop:
            continue
        out.setdefault(text_id, Counter())[norm] += 1
    return out


def test_corpus_totals():
    kk = k.textstat_keyness("petition")
    assert set(kk["c"]) == {269} and set(kk["d"]) == {229 + 861}


def test_word_token_counts():
    sizes = k.word_token_counts()
    assert sizes.columns == ["text_id", "n_words"]
    assert dict(sizes.iter_rows()) == {"petition": 269, "response": 229, "letter": 861}
    # punctuation is not counted: unit x = "Armenia , Azerbaijan ." has 2 word tokens; unit y
    # (a lone ".") has 0 and still gets a row; groups keep their order of first appearance
    toks = pl.DataFrame(
        {
            "unit": ["x", "x", "x", "x", "y"],
            "token": ["Armenia", ",", "Azerbaijan", ".", "."],
            "is_word": [True, False, True, False, False],
        }
    )
    assert k.word_token_counts(toks, by="unit").rows() == [("x", 2), ("y", 0)]


def test_petition_keyness_khojali():
    kk = k.textstat_keyness("petition")
    row = kk.filter(kk["term"] == "khojali").row(0, named=True)
    assert (row["a"], row["b"]) == (5, 0)  # grep: 5 × "Khojali" in the petition, none elsewhere
    # Four-cell G2 by hand: a = 5, b = 0, c = 269, d = 229 + 861 = 1090; N = 1359, a+b = 5.
    # E1 = 269·5/1359 = 0.989698; E2 = 1090·5/1359 = 4.010302;
    # E3 = 269·1354/1359 = 268.010302 (c−a = 264); E4 = 1090·1354/1359 = 1085.989698 (d−b = 1090).
    # O·ln(O/E):    5·ln(5/0.989698)       =  8.098965
    #               0 (b = 0 contributes nothing)
    #             264·ln(264/268.010302)   = −3.980147
    #            1090·ln(1090/1085.989698) =  4.017697
    # G2 = 2·(8.098965 − 3.980147 + 4.017697) = 2·8.136515 = 16.273030, positive (5/269 > 0).
    assert row["g2"] == pytest.approx(16.273030, abs=1e-5)
    assert row["g2"] > 0 and row["key_in"] == "petition"
    assert row["log_ratio"] == pytest.approx(5.340578, abs=1e-6)
    # Petition's strongest term by G2 is "khojali".
    assert kk["term"][0] == "khojali"


def test_letter_keyness_artsakh_and_negative_direction():
    kk = k.textstat_keyness("letter")
    art = kk.filter(kk["term"] == "artsakh").row(0, named=True)
    assert (art["a"], art["b"], art["c"], art["d"]) == (12, 0, 861, 269 + 229)
    mas = kk.filter(kk["term"] == "massacre").row(0, named=True)
    assert (mas["a"], mas["b"]) == (0, 8)  # petition 6 + response 2
    assert mas["g2"] < 0 and mas["key_in"] == "reference"


def test_prior_is_explicit_and_sums_to_alpha0():
    kk = k.textstat_keyness("response", alpha0=200)
    assert kk["alpha_w"].sum() == pytest.approx(200)
    assert set(kk["prior"]) == {k.prior_description(200)}
    assert "200" in kk["prior"][0]
    row = kk.filter(kk["term"] == "canada").row(0, named=True)
    # canada: 11 in the response, 3 + 9 = 12 elsewhere (stop words removed from the counts).
    assert (row["a"], row["b"]) == (11, 12)
    total = (kk["a"] + kk["b"]).sum()
    assert row["alpha_w"] == pytest.approx(200 * 23 / total)
    d, _, z = k.weighted_log_odds(11, 12, 229, 1130, row["alpha_w"], 200)
    assert row["delta"] == pytest.approx(d) and row["z"] == pytest.approx(z)


def test_explicit_prior_frame():
    base = k.keyness_counts("petition")
    prior = base.select("term").with_columns(alpha_w=1.0)
    kk = k.textstat_keyness("petition", prior=prior)
    assert kk["alpha0"][0] == pytest.approx(prior.height)
    with pytest.raises(DiscourseError, match="alpha_w"):
        k.textstat_keyness("petition", prior=prior.head(3))


def test_keyness_top_both_directions():
    top = k.keyness_top(k.textstat_keyness("response"), 5)
    assert (top["g2"] > 0).sum() == 5 and (top["g2"] < 0).sum() == 5


def test_similarity_against_independent_cosine():
    vec = _independent_counts()
    p, r = vec["petition"], vec["response"]
    dot = sum(p[t] * r[t] for t in p)
    expected = dot / (
        math.sqrt(sum(v * v for v in p.values())) * math.sqrt(sum(v * v for v in r.values()))
    )
    sim = k.textstat_similarity()
    got = sim.filter((sim["text_a"] == "petition") & (sim["text_b"] == "response"))["cosine"][0]
    assert got == pytest.approx(expected)  # cosine is scale-free: counts = relative frequencies
    assert (
        len(set(p) & set(r))
        == sim.filter((sim["text_a"] == "petition") & (sim["text_b"] == "response"))[
            "shared_types"
        ][0]
    )
    for row in sim.iter_rows(named=True):
        other = sim.filter((sim["text_a"] == row["text_b"]) & (sim["text_b"] == row["text_a"]))
        assert other["cosine"][0] == pytest.approx(row["cosine"])
        if row["text_a"] == row["text_b"]:
            assert row["cosine"] == pytest.approx(1.0)
        else:
            assert 0 < row["cosine"] < 1


def test_vocabulary_shared_and_distinctive():
    vocab = k.textstat_vocabulary()
    used = dict(vocab.select("term", "used_by").iter_rows())
    assert used["khojali"] == "petition"
    assert used["khojaly"] == "response"
    assert used["artsakh"] == "letter"
    assert used["integrity"] == "petition + response"  # "territorial integrity"
    assert used["canada"] == "all three"
    summary = k.textstat_vocabulary_summary()
    assert summary["n_types"].sum() == vocab.height
    vec = _independent_counts()
    only_letter = set(vec["letter"]) - set(vec["petition"]) - set(vec["response"])
    assert summary.filter(summary["used_by"] == "letter")["n_types"][0] == len(only_letter)
    # rows in the fixed order: each text alone, each pair, all three
    assert summary["used_by"].to_list() == [
        "petition",
        "response",
        "letter",
        "petition + response",
        "petition + letter",
        "response + letter",
        "all three",
    ]
