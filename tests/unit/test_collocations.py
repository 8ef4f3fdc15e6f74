"""Collocations and clusters on synthetic texts: hand-computed values and NLTK's bigram measures."""

from __future__ import annotations

import math

import polars as pl
import pytest
from nltk.collocations import BigramCollocationFinder
from nltk.metrics.association import BigramAssocMeasures

from analysis.io import DiscourseError
from analysis.measures import collocations

from .synthetic_texts import token_frames

CAT = "the cat sat on the mat and the cat ran to the cat flap while the dog sat on the cat bed"


def _toks(texts: dict[str, str]) -> pl.DataFrame:
    return token_frames(texts)[2]


def _row(frame: pl.DataFrame, collocate: str, text_id: str = "x") -> dict:
    rows = frame.filter((pl.col("collocate") == collocate) & (pl.col("text_id") == text_id))
    assert rows.height == 1, (collocate, text_id, rows)
    return rows.row(0, named=True)


def test_every_measure_against_hand_computation():
    # "river" twice in 10 words; windows (2, 2) within the sentence. First "river": left
    # the, old; right bank, floods. Second: left "the" only (its sentence starts there);
    # right bank, is.
    toks = _toks({"x": "The old river bank floods. The river bank is wide."})
    got = collocations.textstat_collocations(toks, "river", span=(2, 2), min_freq=1)
    bank = _row(got, "bank")
    o11, r1, c1, n = 2, 2, 2, 10
    e11 = r1 * c1 / n
    assert (bank["freq"], bank["f_node"], bank["f_collocate"], bank["n_words"]) == (2, 2, 2, 10)
    assert bank["expected"] == pytest.approx(0.4)
    assert bank["mi"] == pytest.approx(math.log2(o11 / e11))
    assert bank["mi3"] == pytest.approx(math.log2(o11**3 / e11))
    assert bank["t"] == pytest.approx((o11 - e11) / math.sqrt(o11))
    assert bank["log_dice"] == pytest.approx(14 + math.log2(2 * o11 / (r1 + c1)))
    assert bank["log_dice"] == pytest.approx(14.0)  # always together: the maximum
    # LL by hand: cells 2, 0, 0, 8; expected 0.4, 1.6, 1.6, 6.4
    ll = 2 * (2 * math.log(2 / 0.4) + 8 * math.log(8 / 6.4))
    assert bank["ll"] == pytest.approx(ll)
    # "the": twice in the text, inside both windows (O11 = 2)
    the = _row(got, "the")
    assert (the["freq"], the["f_collocate"]) == (2, 2)
    # windows stay in the sentence: "floods" is a collocate of the first "river" only
    assert _row(got, "floods")["freq"] == 1
    assert set(got["collocate"]) == {"the", "old", "bank", "floods", "is"}


def test_span_adjusted_expected_frequency():
    toks = _toks({"x": "The old river bank floods. The river bank is wide."})
    got = collocations.textstat_collocations(
        toks, "river", span=(2, 2), min_freq=1, span_adjusted=True
    )
    bank = _row(got, "bank")
    e11 = 2 * 2 * 4 / 10  # R1 * C1 * W / N, W = 4
    assert bank["expected"] == pytest.approx(e11)
    assert bank["mi"] == pytest.approx(math.log2(2 / e11))
    assert bank["t"] == pytest.approx((2 - e11) / math.sqrt(2))
    # the 2x2 table with R = R1*W = 8 window slots: cells 2, 6, 0, 2
    cells, rows, cols = (2, 6, 0, 2), (8, 2), (2, 8)
    expected = [rows[i] * cols[j] / 10 for i in (0, 1) for j in (0, 1)]
    ll = 2 * sum(o * math.log(o / e) for o, e in zip(cells, expected, strict=True) if o)
    assert bank["ll"] == pytest.approx(ll)
    assert bank["log_dice"] == pytest.approx(14.0)  # logDice has no expected frequency


def test_cross_sentences_lets_windows_run_on():
    toks = _toks({"x": "The old river bank floods. The river bank is wide."})
    inside = collocations.textstat_collocations(toks, "river", span=(3, 0), min_freq=1)
    across = collocations.textstat_collocations(
        toks, "river", span=(3, 0), min_freq=1, cross_sentences=True
    )
    assert "floods" not in set(inside["collocate"])
    assert _row(across, "floods")["freq"] == 1
    assert _row(across, "bank")["freq"] == 1  # "bank floods . the river": bank of sentence 1


@pytest.mark.parametrize(
    ("w1", "w2"), [("the", "cat"), ("the", "mat"), ("the", "dog"), ("cat", "flap"), ("sat", "on")]
)
def test_bigram_setting_equals_nltk(w1, w2):
    toks = _toks({"x": CAT})
    got = collocations.textstat_collocations(
        toks, w1, span=(0, 1), min_freq=1, cross_sentences=True
    )
    row = _row(got, w2)
    finder = BigramCollocationFinder.from_words(CAT.split())
    m = BigramAssocMeasures
    assert row["freq"] == finder.ngram_fd[(w1, w2)]
    assert row["f_node"] == finder.word_fd[w1]
    assert row["f_collocate"] == finder.word_fd[w2]
    assert row["n_words"] == finder.N
    assert row["mi"] == pytest.approx(finder.score_ngram(m.pmi, w1, w2), rel=1e-12)
    assert row["t"] == pytest.approx(finder.score_ngram(m.student_t, w1, w2), rel=1e-12)
    # NLTK adds 1e-20 inside each logarithm: equal to far below any reported digit
    assert row["ll"] == pytest.approx(finder.score_ngram(m.likelihood_ratio, w1, w2), rel=1e-9)
    assert row["freq"] / row["n_words"] == pytest.approx(finder.score_ngram(m.raw_freq, w1, w2))


def test_where_nltk_differs_the_node_is_never_its_own_collocate():
    toks = _toks({"x": "peace peace and peace now"})
    got = collocations.textstat_collocations(
        toks, "peace", span=(0, 1), min_freq=1, cross_sentences=True
    )
    finder = BigramCollocationFinder.from_words("peace peace and peace now".split())
    assert finder.ngram_fd[("peace", "peace")] == 1  # NLTK counts the bigram
    assert "peace" not in set(got["collocate"])
    assert _row(got, "and")["freq"] == 1 and _row(got, "now")["freq"] == 1


def test_multi_word_and_wildcard_nodes():
    toks = _toks(
        {"x": "We defend territorial integrity today. Integrity of borders and territorial claims."}
    )
    got = collocations.textstat_collocations(toks, "territorial integrity", span=(1, 1), min_freq=1)
    # one occurrence; its own words are not collocates; "integrity" alone elsewhere is
    assert set(got["collocate"]) == {"defend", "today"}
    assert got["f_node"].unique().to_list() == [1]
    assert _row(got, "defend")["f_collocate"] == 1
    star = collocations.textstat_collocations(toks, "territor*", span=(0, 1), min_freq=1)
    assert set(star["collocate"]) == {"integrity", "claims"}
    assert star["f_node"].unique().to_list() == [2]
    # several patterns as one node, under one label
    both = collocations.textstat_collocations(
        toks, ["defend", "borders"], span=(0, 1), min_freq=1, label="pair"
    )
    assert set(both["collocate"]) == {"territorial", "and"}
    assert both["node"].unique().to_list() == ["pair"]


def test_punctuation_is_not_a_position_and_stopwords_are_a_choice():
    toks = _toks({"x": "Grain, the grain; and grain of the river."})
    kept = collocations.textstat_collocations(toks, "river", span=(2, 0), min_freq=1)
    assert set(kept["collocate"]) == {"of", "the"}
    dropped = collocations.textstat_collocations(
        toks, "river", span=(2, 0), min_freq=1, drop_stopwords=True
    )
    assert dropped.is_empty()
    assert kept["n_words"].unique().to_list() == [8]  # N never drops stop words


def test_min_freq_and_measures_subset():
    toks = _toks({"x": CAT})
    got = collocations.textstat_collocations(
        toks, "the", span=(0, 1), measures=("freq", "log_dice")
    )
    assert got["collocate"].to_list() == ["cat"]  # the only collocate seen twice or more
    assert "mi" not in got.columns and "log_dice" in got.columns
    with pytest.raises(DiscourseError, match="unknown measure"):
        collocations.textstat_collocations(toks, "the", measures=("dice",))
    with pytest.raises(DiscourseError, match="span"):
        collocations.textstat_collocations(toks, "the", span=(0, 0))


FIVE = {
    "t-1": "The river floods the valley. The river bank holds.",
    "t-2": "A bridge over the river. The river bank is wide and the river runs.",
    "t-3": "No water here. Only sand and the wind.",
    "t-4": "The river bank. The river bank. The river bank again.",
    "e-77": "The river bank, the river mouth and the river bank road.",
}


def test_five_texts_every_text_alike():
    toks = _toks(FIVE)
    got = collocations.textstat_collocations(toks, "river", span=(0, 1), min_freq=1)
    # t-3 has no "river": no rows; every other text has its own N, R1 and O11
    assert set(got["text_id"]) == {"t-1", "t-2", "t-4", "e-77"}
    new = _row(got, "bank", "e-77")
    assert (new["freq"], new["f_node"], new["f_collocate"], new["n_words"]) == (2, 3, 2, 11)
    assert new["log_dice"] == pytest.approx(14 + math.log2(4 / 5))
    assert new["mi"] == pytest.approx(math.log2(2 / (3 * 2 / 11)))
    four = _row(got, "bank", "t-4")
    assert (four["freq"], four["f_node"], four["n_words"]) == (3, 3, 10)
    assert four["log_dice"] == pytest.approx(14.0)
    # within a text, rows ranked by the first measure asked for after freq (MI here)
    for _, part in got.group_by("text_id"):
        assert part["mi"].to_list() == sorted(part["mi"].to_list(), reverse=True)


def test_clusters_on_five_texts():
    toks = _toks(FIVE)
    got = collocations.textstat_clusters(toks, n=(2, 3), min_freq=2)
    four = got.filter(pl.col("text_id") == "t-4")
    assert four.filter(pl.col("n") == 3)["cluster"].to_list() == ["the river bank"]
    row = four.filter(pl.col("cluster") == "the river bank").row(0, named=True)
    assert (row["freq"], row["n_words"]) == (3, 10)
    assert row["rate"] == pytest.approx(300.0)
    # "the river bank" reaches 2 in t-4 and e-77 but occurs in four texts
    assert row["n_groups"] == 4
    new = got.filter((pl.col("text_id") == "e-77") & (pl.col("n") == 2))
    assert dict(zip(new["cluster"], new["freq"], strict=True)) == {
        "the river": 3,
        "river bank": 2,
    }
    # clusters never cross a sentence: "floods the" yes, "valley the" no
    one = collocations.textstat_clusters(toks, n=2, min_freq=1)
    t1 = set(one.filter(pl.col("text_id") == "t-1")["cluster"])
    assert "floods the" in t1 and "valley the" not in t1
    assert "t-3" not in set(got["text_id"])  # nothing repeated in t-3


def test_clusters_drop_stopword_only_grams():
    toks = _toks({"x": "of the river of the river of the sea"})
    kept = collocations.textstat_clusters(toks, n=2, min_freq=2)
    assert "of the" in set(kept["cluster"])
    dropped = collocations.textstat_clusters(toks, n=2, min_freq=2, drop_stopwords=True)
    assert "of the" not in set(dropped["cluster"]) and "the river" in set(dropped["cluster"])


def test_referent_nodes_take_every_variant_and_need_two_texts():
    toks = _toks(
        {
            "p-1": "The Khojaly road. Khojaly and the river.",
            "p-2": "Khojali town and the Lachin corridor.",
            "p-3": "Lachin town, the Lachin corridor.",
            "e-9": "No names here.",
        }
    )
    terms = pl.DataFrame(
        {
            "concept": ["town K", "town K", "corridor L", "town L"],
            "category": ["place"] * 4,
            "form": ["Khojaly", "Khojali", "Lachin corridor", "Lachin"],
        }
    )
    nodes = collocations.referent_nodes(toks, terms=terms)
    # "Lachin" inside "Lachin corridor" is the corridor (longest match), so the town occurs
    # in p-3 only and is left out
    assert nodes["concept"].to_list() == ["town K", "corridor L"]
    k = nodes.row(0, named=True)
    assert (k["n_texts"], k["n"], k["forms"], sorted(k["used"])) == (
        2,
        3,
        ["Khojaly", "Khojali"],
        ["Khojali", "Khojaly"],
    )
    # the node of "town K" reads each text with its own variant
    got = collocations.textstat_collocations(
        toks, k["forms"], span=(0, 1), min_freq=1, label="town K", others=terms["form"].to_list()
    )
    pairs = {(t, c) for t, c in zip(got["text_id"], got["collocate"], strict=True)}
    assert pairs == {("p-1", "road"), ("p-1", "and"), ("p-2", "town")}
