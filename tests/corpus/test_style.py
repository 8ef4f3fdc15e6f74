"""Style: readability against the published formulas, sentence length, TTR/MATTR/MTLD."""

from __future__ import annotations

import polars as pl
import pytest

from analysis.measures import style

# --- readability formulas -----------------------------------------------------------------------


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


def _mattr_naive(tokens, w):
    if len(tokens) <= w:
        return len(set(tokens)) / len(tokens)
    windows = [tokens[i : i + w] for i in range(len(tokens) - w + 1)]
    return sum(len(set(x)) / w for x in windows) / len(windows)


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
