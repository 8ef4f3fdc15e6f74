"""Style on synthetic texts: published formulas, TTR/MATTR/MTLD by hand, any number of texts."""

from __future__ import annotations

import math

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st_

from analysis import corpus
from analysis.measures import style

from . import synthetic
from . import synthetic_sentiment as st

IDS = list(st.TEXTS)


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
    st_.lists(st_.sampled_from("abcdefg"), min_size=1, max_size=80),
    st_.integers(min_value=1, max_value=30),
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


# --- any texts, any ids -------------------------------------------------------------------------


def test_readability_by_hand_for_every_text(sents):
    read = style.textstat_readability(sents)
    assert read["text_id"].to_list() == IDS
    rows = {r["text_id"]: r for r in read.iter_rows(named=True)}
    # Counted by hand (every word one syllable but "il-le-gal", "mas-sa-cre", "block-ade"):
    # e-1234 3 sentences ("illegal;" is closed with a full stop), 13 words, 1*10 + 3 + 3 + 2 = 18
    # syllables; r-1234 2 / 10 / 10; note-a 2 / 9 / 9; stmt-c "a b a b c." 1 / 5 / 5.
    counts = {
        "e-1234": (3, 13, 18),
        "r-1234": (2, 10, 10),
        "note-a": (2, 9, 9),
        "stmt-c": (1, 5, 5),
    }
    for text_id, (n_s, n_w, n_syl) in counts.items():
        r = rows[text_id]
        assert (r["n_sentences_textstat"], r["n_words_textstat"], r["n_syllables_textstat"]) == (
            n_s,
            n_w,
            n_syl,
        )
        # Flesch (1948) and Kincaid et al. (1975), written out here
        fre = 206.835 - 1.015 * n_w / n_s - 84.6 * n_syl / n_w
        fk = 0.39 * n_w / n_s + 11.8 * n_syl / n_w - 15.59
        assert r["flesch_reading_ease"] == pytest.approx(fre, abs=0.01)
        assert r["flesch_kincaid_grade"] == pytest.approx(fk, abs=0.01)
        assert not r["smog_reliable"]
    # note-a: 206.835 - 1.015 * 4.5 - 84.6 = 117.6675
    assert rows["note-a"]["flesch_reading_ease"] == pytest.approx(117.6675)
    long = style.readability_long(read)
    assert long.height == len(IDS) * len(style.READABILITY_INDICES)


def test_sentence_count_choice_per_text_and_role(sents):
    table = style.textstat_sentence_count_choice(sents)
    assert table["text_id"].unique(maintain_order=True).to_list() == IDS
    rows = {(r["text_id"], r["part"]): r for r in table.iter_rows(named=True)}
    # e-1234 has two roles, so a row per role too; its first item ends in ";"
    e = rows[("e-1234", "all")]
    assert (e["n_sentences"], e["n_unterminated"]) == (3, 1)
    assert (e["n_textstat_joined"], e["n_textstat_marked"]) == (2, 3)
    assert rows[("e-1234", "petition_preamble")]["n_sentences"] == 2
    assert rows[("e-1234", "petition_demand")]["n_sentences"] == 1
    # a text of one role has only its "all" row
    assert [p for t, p in rows if t == "note-a"] == ["all"]
    assert rows[("stmt-c", "all")]["n_unterminated"] == 1


def test_sentence_and_word_lengths_per_text(toks):
    lengths = style.textstat_sentence_lengths(toks)
    assert dict(lengths.select("sentence_id", "n_words").rows()) == {
        "e-1234:s001": 4,  # The plan is illegal
        "e-1234:s002": 5,
        "e-1234:s003": 4,
        "r-1234:s001": 4,
        "r-1234:s002": 6,
        "note-a:s001": 6,
        "note-a:s002": 3,
        "note-b:s001": 5,
        "note-b:s002": 9,
        "stmt-c:s001": 5,
    }
    summary = style.textstat_sentence_length_summary(lengths)
    assert summary["text_id"].to_list() == IDS
    assert dict(summary.select("text_id", "mean").rows())["note-b"] == 7
    words = style.textstat_word_lengths(toks)
    assert words["text_id"].to_list() == IDS
    # note-a: the cat sat on the mat the dog ran: 9 words of 3+3+3+2+3+3+3+3+3 = 26 letters
    note_a = words.filter(pl.col("text_id") == "note-a").row(0, named=True)
    assert (note_a["n_words"], note_a["mean_syllables"]) == (9, 1)
    assert note_a["mean_characters"] == pytest.approx(26 / 9)


def test_lexical_diversity_by_hand_for_every_text(toks):
    div = style.textstat_lexical_diversity(toks)
    assert div["text_id"].to_list() == IDS
    rows = {r["text_id"]: r for r in div.iter_rows(named=True)}
    # note-a: the cat sat on the mat the dog ran: 9 tokens, 7 types
    assert (rows["note-a"]["n_tokens"], rows["note-a"]["n_types"]) == (9, 7)
    assert rows["note-a"]["ttr"] == 7 / 9
    # stmt-c: a b a b c: TTR 3/5; every text is shorter than W = 50, so MATTR is the TTR
    assert rows["stmt-c"]["ttr"] == 3 / 5
    assert div["mattr_is_ttr"].all()
    assert (div["mattr"] == div["ttr"]).all()
    # with W = 3, stmt-c's windows are [a b a] 2/3, [b a b] 2/3, [a b c] 1: mean 7/9
    small = style.textstat_lexical_diversity(toks, window=3)
    assert small.filter(pl.col("text_id") == "stmt-c")["mattr"][0] == pytest.approx(7 / 9)
    long = style.diversity_long(small)
    assert long.height == 3 * len(IDS)
    assert "MATTR (W = 3)" in long["measure"].to_list()


def test_a_text_without_sentences_is_absent_and_empty_input_keeps_columns(sents, toks):
    some = sents.filter(pl.col("text_id") != "r-1234")
    assert "r-1234" not in style.textstat_readability(some)["text_id"].to_list()
    empty = style.textstat_readability(sents.clear())
    assert empty.height == 0 and "flesch_reading_ease" in empty.columns
    assert style.textstat_lexical_diversity(toks.clear()).columns[:3] == [
        "text_id",
        "n_tokens",
        "n_types",
    ]


def test_texts_in_and_order_texts(tmp_path, sents):
    assert corpus.texts_in(sents) == IDS
    shuffled = sents.reverse()
    assert corpus.texts_in(shuffled) == IDS[::-1]  # unknown ids: first appearance
    with synthetic.manifest_in_force(st.write_manifest(tmp_path, ["note-a", "e-1234"])):
        # listed texts in the manifest's order, the rest after, as they appear
        assert corpus.texts_in(sents) == ["note-a", "e-1234", "r-1234", "note-b", "stmt-c"]
        ordered = corpus.order_by_text(shuffled, "sentence_index")
        assert ordered["sentence_id"].to_list()[:3] == ["note-a:s001", "note-a:s002", "e-1234:s001"]
        assert style.textstat_lexical_diversity(st.frames()[1])["text_id"].to_list() == [
            "note-a",
            "e-1234",
            "r-1234",
            "note-b",
            "stmt-c",
        ]
