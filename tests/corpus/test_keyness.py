"""Keyness, similarity and vocabulary pinned on the default corpus.

Every expected number here was worked out from the formulas in docs/METHODS.md (arithmetic written
out) or counted in the raw texts, not taken from the code under test. The statistics on
synthetic tables are in tests/unit/test_keyness.py.
"""

from __future__ import annotations

import math
from collections import Counter

import pytest

from analysis import lexicons, resources, tokens
from analysis.io import DiscourseError
from analysis.measures import keyness as k
from analysis.measures import terminology as tm

# --- on the corpus ----------------------------------------------------------------------------


def _in_names(toks) -> set[int]:
    """Rows of word tokens inside a proper name of event-labels.csv, by a naive scan of each
    sentence (the rule of terminology.NAME_RULE, written out independently)."""
    names = [lexicons.pattern_tokens(f) for f in tm.name_terms()["form"]]
    rows = toks.select("sentence_id", "norm").with_row_index("r").rows()
    covered: set[int] = set()
    for i in range(len(rows)):
        for name in names:
            span = rows[i : i + len(name)]
            same = len(span) == len(name) and len({s for _, s, _ in span}) == 1
            if same and tuple(n for _, _, n in span) == name:
                covered.update(r for r, _, _ in span)
    return covered


def _independent_counts(drop_stopwords=True):
    toks = tokens.corpus_tokens(words_only=True)
    stop = resources.stopwords()
    skip = _in_names(toks)  # words inside names are not terms
    out: dict[str, Counter] = {}
    for r, (text_id, norm) in enumerate(toks.select("text_id", "norm").iter_rows()):
        if (drop_stopwords and norm in stop) or r in skip:
            continue
        out.setdefault(text_id, Counter())[norm] += 1
    return out


def test_reference_must_be_other_texts():
    with pytest.raises(DiscourseError):
        k.textstat_keyness("petition", ["petition"])


def test_corpus_totals():
    kk = k.textstat_keyness("petition")
    assert set(kk["c"]) == {269} and set(kk["d"]) == {229 + 861}


def test_word_token_counts():
    sizes = k.word_token_counts()
    assert sizes.columns == ["text_id", "n_words"]
    assert dict(sizes.iter_rows()) == {"petition": 269, "response": 229, "letter": 861}


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


# --- Fisher, χ², q, expected counts, Log Ratio interval, %DIFF on the corpus ----------------------


def _cells(a, b, c, d):
    """Observed and expected cells of [[a, b], [c−a, d−b]], written out (no scipy)."""
    n, k_ = c + d, a + b
    return [(a, c * k_ / n), (b, d * k_ / n), (c - a, c * (n - k_) / n), (d - b, d * (n - k_) / n)]


def _clopper_pearson_log2(a, b, c, d):
    """Exact conditional interval of the rate ratio via beta quantiles (not scipy's binomtest)."""
    from scipy.stats import beta

    lo = beta.ppf(0.025, a, b + 1) if a else 0.0
    hi = beta.ppf(0.975, a + 1, b) if b else 1.0

    def to(p):
        if p <= 0 or p >= 1:
            return -math.inf if p <= 0 else math.inf
        return math.log2(p / (1 - p) * d / c)

    return to(lo), to(hi)


def test_petition_khojali_new_statistics():
    kk = k.textstat_keyness("petition")
    row = kk.filter(kk["term"] == "khojali").row(0, named=True)
    a, b, c, d = 5, 0, 269, 1090
    # Fisher: with a + b = 5 and the petition's 269 of 1,359 tokens, P(all 5 in the petition)
    # = C(269,5)/C(1359,5) = 0.000295 is the least probable table: it is the two-sided p.
    assert row["p_fisher"] == pytest.approx(math.comb(269, 5) / math.comb(1359, 5), rel=1e-9)
    assert row["p_fisher"] == pytest.approx(0.000294868, rel=1e-5)
    # E = 0.989698, 4.010302, 268.010302, 1085.989698; every |O − E| = 4.010302
    cells = _cells(a, b, c, d)
    inv = sum(1 / e for _, e in cells)
    assert row["chi2"] == pytest.approx(4.010302**2 * inv, rel=1e-6)  # 20.335
    assert row["chi2_yates"] == pytest.approx(3.510302**2 * inv, rel=1e-6)  # 15.580
    assert row["expected_min"] == pytest.approx(0.989698, abs=1e-6) and row["low_expected"]
    # the smallest Fisher p of the 543 terms (words inside names are not terms): q = 543 · p = 0.1601 (no other rank gives less)
    assert kk.height == 543 and kk["p_fisher"].min() == row["p_fisher"]
    assert row["q"] == pytest.approx(543 * row["p_fisher"], rel=1e-9)
    low, high = _clopper_pearson_log2(a, b, c, d)
    assert row["log_ratio_low"] == pytest.approx(low, abs=1e-9) and high == math.inf
    assert row["log_ratio_low"] == pytest.approx(1.892630, abs=1e-6)
    assert row["log_ratio_high"] == math.inf
    assert row["pct_diff"] == pytest.approx(1e6 * 5 / 269 * 100 / 1e-18, rel=1e-12)


def test_petition_massacre_and_letter_canada():
    kk = k.textstat_keyness("petition")
    mas = kk.filter(kk["term"] == "massacre").row(0, named=True)
    assert (mas["a"], mas["b"]) == (6, 2)
    # %DIFF: (6/269 − 2/1090)/(2/1090)·100 = (0.0223048 − 0.0018349)/0.0018349·100 = 1,115.6
    assert mas["pct_diff"] == pytest.approx(((6 / 269) / (2 / 1090) - 1) * 100, rel=1e-12)
    assert mas["pct_diff"] == pytest.approx(1115.61, abs=0.01)
    low, high = _clopper_pearson_log2(6, 2, 269, 1090)
    assert (mas["log_ratio_low"], mas["log_ratio_high"]) == pytest.approx((low, high), abs=1e-9)
    assert (mas["log_ratio_low"], mas["log_ratio_high"]) == pytest.approx(
        (1.1201, 6.9443), abs=1e-4
    )
    assert mas["low_expected"]  # E1 = 269·8/1359 = 1.58
    letter = k.textstat_keyness("letter")
    can = letter.filter(letter["term"] == "canada").row(0, named=True)
    # canada: 8 in the letter (861 tokens), 3 + 12 = 15 elsewhere (498): under-used in the letter
    assert (can["a"], can["b"], can["c"], can["d"]) == (8, 15, 861, 498)
    cells = _cells(8, 15, 861, 498)
    assert can["chi2"] == pytest.approx(-sum((o - e) ** 2 / e for o, e in cells), rel=1e-9)
    # smallest expected count: reference column, term row: 498·23/1359 = 8.428 — not flagged,
    # the only one of the letter's 543 terms with every expected count of 5 or more
    assert can["expected_min"] == pytest.approx(498 * 23 / 1359, rel=1e-12)
    assert not can["low_expected"] and letter["low_expected"].sum() == 542
    assert can["pct_diff"] == pytest.approx(-69.15, abs=0.01)


@pytest.mark.parametrize(
    ("text", "raw_positive"), [("petition", 12), ("response", 11), ("letter", 6)]
)
def test_no_term_reaches_q_below_005(text, raw_positive):
    """The multiple-comparison correction changes the headline: 12, 11 and 6 terms reach
    p < 0.05 (G2) in the positive direction, none reaches q < 0.05 in either direction."""
    kk = k.textstat_keyness(text)
    assert sum(1 for p, g in kk.select("p", "g2").iter_rows() if p < 0.05 and g > 0) == raw_positive
    assert k.keyness_significant(kk, by="p") == raw_positive
    assert k.keyness_significant(kk, direction="both") == 0
    assert kk["q"].min() > 0.15
