"""Style: readability against the published formulas, sentence length, TTR/MATTR/MTLD."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.measures import style

# --- readability formulas -----------------------------------------------------------------------


def test_flesch_reading_ease_by_hand():
    # Flesch (1948): 206.835 - 1.015 ASL - 84.6 ASW.
    # 100 words, 5 sentences, 150 syllables: ASL = 20, ASW = 1.5
    # 206.835 - 1.015 * 20 - 84.6 * 1.5 = 206.835 - 20.3 - 126.9 = 59.635
    assert style.flesch_reading_ease(100, 5, 150) == pytest.approx(59.635)


def test_flesch_kincaid_grade_by_hand():
    # Kincaid et al. (1975): 0.39 ASL + 11.8 ASW - 15.59.
    # ASL = 20, ASW = 1.5: 7.8 + 17.7 - 15.59 = 9.91
    assert style.flesch_kincaid_grade(100, 5, 150) == pytest.approx(9.91)


def test_textstat_implements_the_published_formulas():
    ts = style.resources.textstat_module()
    text = "The cat sat on the mat. The dog ran."
    # 2 sentences, 9 words, 9 syllables (all monosyllabic): ASL = 4.5, ASW = 1
    assert (ts.sentence_count(text), ts.lexicon_count(text), ts.syllable_count(text)) == (2, 9, 9)
    # FRE = 206.835 - 1.015 * 4.5 - 84.6 * 1 = 206.835 - 4.5675 - 84.6 = 117.6675
    assert ts.flesch_reading_ease(text) == pytest.approx(117.6675)
    # FK = 0.39 * 4.5 + 11.8 * 1 - 15.59 = 1.755 + 11.8 - 15.59 = -2.035
    assert ts.flesch_kincaid_grade(text) == pytest.approx(-2.035)


def test_readability_text_marks_list_items_as_sentences():
    items = [
        "The first item is here;",
        "A second item follows:",
        "It is done.",
        "They said “go now.”",
    ]
    joined = style.readability_text(items)
    assert joined == (
        "The first item is here. A second item follows. It is done. They said “go now.”"
    )
    ts = style.resources.textstat_module()
    assert ts.sentence_count(joined) == 4
    # unmarked, textstat would see two sentences where the suite sees four
    assert ts.sentence_count(" ".join(items)) == 2


@pytest.fixture(scope="module")
def readability(sentences):
    return style.textstat_readability(sentences)


def test_readability_per_text(readability):
    rows = {r["text_id"]: r for r in readability.iter_rows(named=True)}
    p = rows["petition"]
    # Each of the petition's 11 units (7 bullets, the call, 3 demands) counts as a sentence.
    assert (p["n_sentences"], p["n_sentences_textstat"]) == (11, 11)
    assert (p["n_words_textstat"], p["n_syllables_textstat"]) == (265, 514)
    # 206.835 - 1.015 * 265/11 - 84.6 * 514/265 = 206.835 - 24.4527 - 164.0921 = 18.2907
    assert p["flesch_reading_ease"] == pytest.approx(18.2907, abs=1e-4)
    # 0.39 * 24.0909 + 11.8 * 1.93962 - 15.59 = 9.3955 + 22.8875 - 15.59 = 16.6930
    assert p["flesch_kincaid_grade"] == pytest.approx(16.6930, abs=1e-4)
    for r in rows.values():
        assert r["flesch_check"] == pytest.approx(r["flesch_reading_ease"])
        assert r["fk_check"] == pytest.approx(r["flesch_kincaid_grade"])
    # textstat ends a sentence at "Mr." in letter:s004, so it counts 31 where the suite has 30.
    assert (rows["letter"]["n_sentences"], rows["letter"]["n_sentences_textstat"]) == (30, 31)
    assert (rows["response"]["n_sentences"], rows["response"]["n_sentences_textstat"]) == (8, 8)


def test_smog_flagged_below_30_sentences(readability):
    assert dict(readability.select("text_id", "smog_reliable").rows()) == {
        "petition": False,
        "response": False,
        "letter": True,
    }


def test_readability_long_has_six_indices(readability):
    long = style.readability_long(readability)
    assert long.height == 18
    assert long["label"].unique(maintain_order=True).to_list() == list(
        style.READABILITY_INDICES.values()
    )


# --- sentence and word length -------------------------------------------------------------------


def test_sentence_lengths(toks):
    lengths = style.textstat_sentence_lengths(toks)
    # response:s007 ("Global Affairs Canada maintains ... in November 2021.") counted by hand:
    # 67 word tokens, with the two "’s" clitics and the numbers 2021 (x3).
    top = lengths.sort("n_words", descending=True).row(0, named=True)
    assert (top["sentence_id"], top["n_words"]) == ("response:s007", 67)
    summary = style.textstat_sentence_length_summary(lengths)
    means = dict(summary.select("text_id", "mean").rows())
    # total word tokens / sentences: 269/11, 229/8, 861/30
    assert means == pytest.approx({"petition": 269 / 11, "response": 229 / 8, "letter": 861 / 30})


def test_word_lengths(toks):
    wl = style.textstat_word_lengths(toks)
    assert wl["n_words"].to_list() == [248, 223, 845]
    assert wl["mean_syllables"].is_between(1.5, 2.5).all()
    ts = style.resources.textstat_module()
    assert [ts.syllable_count(w) for w in ("the", "government", "humanity")] == [1, 3, 4]


# --- lexical diversity --------------------------------------------------------------------------


def test_ttr_by_hand():
    assert style.ttr("a b a b c".split()) == 3 / 5
    assert math.isnan(style.ttr([]))


def test_mattr_by_hand():
    # Covington & McFall (2010): windows of W = 3 over a b a b c, step 1:
    # [a b a] 2/3, [b a b] 2/3, [a b c] 3/3; mean = (2/3 + 2/3 + 1) / 3 = 7/9 = 0.7778
    assert style.mattr("a b a b c".split(), 3) == pytest.approx(7 / 9)
    # W = N: one window, the TTR; W > N: the suite also returns the TTR (flagged in the table)
    assert style.mattr("a b a b c".split(), 5) == pytest.approx(3 / 5)
    assert style.mattr("a b a b c".split(), 50) == pytest.approx(3 / 5)


def _mattr_naive(tokens, w):
    if len(tokens) <= w:
        return len(set(tokens)) / len(tokens)
    windows = [tokens[i : i + w] for i in range(len(tokens) - w + 1)]
    return sum(len(set(x)) / w for x in windows) / len(windows)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from("abcdefg"), min_size=1, max_size=80),
    st.integers(min_value=1, max_value=30),
)
def test_mattr_matches_the_definition(tokens, window):
    assert style.mattr(tokens, window) == pytest.approx(_mattr_naive(tokens, window))


def test_mtld_by_hand():
    # McCarthy & Jarvis (2010), threshold 0.72, tokens x y x p q r s p (N = 8).
    tokens = "x y x p q r s p".split()
    # Forward: x 1/1, y 2/2, x 2/3 = 0.667 <= 0.72 -> factor 1, reset;
    #          p 1/1, q 2/2, r 3/3, s 4/4, p 4/5 = 0.8 (end).
    #          partial = (1 - 0.8) / (1 - 0.72) = 0.2 / 0.28 = 0.714286; factors = 1.714286
    #          forward = 8 / 1.714286 = 4.666667
    assert style.mtld_factors(tokens) == pytest.approx(1 + 0.2 / 0.28)
    assert style.mtld_pass(tokens) == pytest.approx(8 / (1 + 0.2 / 0.28))
    # Backward (p s r q p x y x): p, s, r, q -> 4/4; p 4/5 = 0.8; x 5/6; y 6/7; x 6/8 = 0.75,
    #          never <= 0.72; partial = (1 - 0.75) / 0.28 = 0.892857; backward = 8 / 0.892857
    #          = 8.96
    assert style.mtld_factors(tokens[::-1]) == pytest.approx(0.25 / 0.28)
    assert style.mtld_pass(tokens[::-1]) == pytest.approx(8.96)
    # MTLD = (4.666667 + 8.96) / 2 = 6.813333
    assert style.mtld(tokens) == pytest.approx((8 / (1 + 0.2 / 0.28) + 8.96) / 2)


def test_mtld_edge_cases():
    # a a a a: a 1/1, a 1/2 -> factor; a 1/1, a 1/2 -> factor; empty remainder counts 0.
    assert style.mtld_factors(["a"] * 4) == 2
    assert style.mtld(["a"] * 4) == 2
    # all distinct: TTR never falls, no factor at all: undefined
    assert math.isnan(style.mtld("a b c d".split()))


def test_lexical_diversity_per_text(toks):
    div = style.textstat_lexical_diversity(toks)
    rows = {r["text_id"]: r for r in div.iter_rows(named=True)}
    assert (rows["petition"]["n_tokens"], rows["petition"]["n_types"]) == (248, 129)
    assert rows["petition"]["ttr"] == pytest.approx(129 / 248)
    for r in rows.values():
        assert r["mattr_window"] == 50 and not r["mattr_is_ttr"]
        assert r["ttr"] < r["mattr"] <= 1
        assert r["mtld"] == pytest.approx((r["mtld_forward"] + r["mtld_backward"]) / 2)
    # recomputed directly from the tokens with the module's own definitions
    seq = (
        toks.filter(
            pl.col("is_word") & (pl.col("kind") == "word") & (pl.col("text_id") == "letter")
        )
        .sort("token_index")["norm"]
        .to_list()
    )
    assert rows["letter"]["mattr"] == pytest.approx(_mattr_naive(seq, 50))
    assert rows["letter"]["n_tokens"] == 845
    long = style.diversity_long(div)
    assert long.height == 9
    assert "MATTR (W = 50)" in long["measure"].to_list()


def test_diversity_long_labels_the_window_used(toks):
    # the label is read from the data, not from the module default
    div = style.textstat_lexical_diversity(toks, window=20)
    assert set(div["mattr_window"]) == {20}
    long = style.diversity_long(div)
    assert long["measure"].unique(maintain_order=True).to_list() == [
        "TTR",
        "MATTR (W = 20)",
        "MTLD",
    ]
    mixed = pl.concat([div, style.textstat_lexical_diversity(toks)])
    with pytest.raises(ValueError, match="different MATTR windows"):
        style.diversity_long(mixed)


def test_sentence_count_choice(sentences):
    # textstat ends sentences only at . ! ?: the petition's 11 sentences (9 of them ending in
    # ";", ":" or "and") read as 2 when joined as they are, its 7 bullet points (preamble;
    # only the 7th ends in ".") as 1; with the added full stops, as 11 and 7.
    table = style.textstat_sentence_count_choice(sentences)
    rows = {(r["text_id"], r["part"]): r for r in table.iter_rows(named=True)}
    p = rows[("petition", "all")]
    assert (p["n_sentences"], p["n_unterminated"]) == (11, 9)
    assert (p["n_textstat_joined"], p["n_textstat_marked"]) == (2, 11)
    bullets = rows[("petition", "petition_preamble")]
    assert (bullets["n_sentences"], bullets["n_textstat_joined"]) == (7, 1)
    assert bullets["n_textstat_marked"] == 7
    # the response and the letter end every sentence with . ! or ?: the choice changes nothing
    for t in ("response", "letter"):
        r = rows[(t, "all")]
        assert r["n_unterminated"] == 0
        assert r["n_textstat_joined"] == r["n_textstat_marked"]
    # and the marked count is the one the readability table uses
    read = style.textstat_readability(sentences)
    marked = {t: rows[(t, "all")]["n_textstat_marked"] for t in ("petition", "response", "letter")}
    assert dict(read.select("text_id", "n_sentences_textstat").rows()) == marked


def test_sentence_splits_explain_the_count_difference(sentences):
    # letter:s004 reads "Distinguished legal expert, Mr. Luis Moreno Ocampo, ..."; textstat ends
    # a sentence at "Mr.", which is the whole of the letter's 31 - 30 = 1 difference.
    splits = style.textstat_sentence_splits(sentences)
    assert splits.select("sentence_id", "n_textstat", "inner_stops").rows() == [
        ("letter:s004", 2, "Mr.")
    ]
    assert "Mr. Luis Moreno Ocampo" in splits["text"][0]
    # no split when there is no inner full stop
    one = sentences.filter(pl.col("sentence_id") == "response:s001")
    assert style.textstat_sentence_splits(one).height == 0
