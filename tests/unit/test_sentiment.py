"""Sentiment on synthetic texts: published VADER scores, hand-computed values, any ids."""

from __future__ import annotations

import math
from pathlib import Path

import polars as pl
import pytest

from analysis.io import DiscourseError
from analysis.measures import sentiment, sentiment_methods

from . import synthetic
from . import synthetic_sentiment as st

IDS = list(st.TEXTS)


def _compound(valence_sum: float) -> float:
    """VADER's normalisation, alpha = 15 (Hutto & Gilbert 2014), rounded as VADER rounds."""
    return round(valence_sum / math.sqrt(valence_sum**2 + 15), 4)


# --- VADER reference scores -------------------------------------------------------------------
# (sentence, neg, neu, pos, compound) exactly as printed in NLTK's own doctest,
# nltk/test/sentiment.doctest (section "Vader"; github.com/nltk/nltk, read at commit
# 115787baf9d4881ed4e269187bcd722386d5ed18). A lexicon or code change that moves any score in
# the 4th decimal fails here.
NLTK_DOCTEST = [
    ("VADER is smart, handsome, and funny.", 0.0, 0.254, 0.746, 0.8316),
    ("VADER is smart, handsome, and funny!", 0.0, 0.248, 0.752, 0.8439),
    ("VADER is very smart, handsome, and funny.", 0.0, 0.299, 0.701, 0.8545),
    ("VADER is VERY SMART, handsome, and FUNNY.", 0.0, 0.246, 0.754, 0.9227),
    ("VADER is VERY SMART, handsome, and FUNNY!!!", 0.0, 0.233, 0.767, 0.9342),
    ("VADER is VERY SMART, really handsome, and INCREDIBLY FUNNY!!!", 0.0, 0.294, 0.706, 0.9469),
    ("The book was good.", 0.0, 0.508, 0.492, 0.4404),
    ("The book was kind of good.", 0.0, 0.657, 0.343, 0.3832),
    (
        "The plot was good, but the characters are uncompelling and the dialog is not great.",
        0.327,
        0.579,
        0.094,
        -0.7042,
    ),
    ("A really bad, horrible book.", 0.791, 0.209, 0.0, -0.8211),
    ("At least it isn't a horrible book.", 0.0, 0.637, 0.363, 0.431),
    (":) and :D", 0.0, 0.124, 0.876, 0.7925),
    ("", 0.0, 0.0, 0.0, 0.0),
    ("Today sux", 0.714, 0.286, 0.0, -0.3612),
    ("Today sux!", 0.736, 0.264, 0.0, -0.4199),
    ("Today SUX!", 0.779, 0.221, 0.0, -0.5461),
    ("Today kinda sux! But I'll get by, lol", 0.138, 0.517, 0.344, 0.5249),
    ("It was one of the worst movies I've seen, despite good reviews.", 0.394, 0.606, 0.0, -0.7584),
    ("Unbelievably bad acting!!", 0.686, 0.314, 0.0, -0.6572),
    ("Poor direction.", 0.756, 0.244, 0.0, -0.4767),
    ("VERY poor production.", 0.674, 0.326, 0.0, -0.6281),
    ("The movie was bad.", 0.538, 0.462, 0.0, -0.5423),
    ("Very bad movie.", 0.655, 0.345, 0.0, -0.5849),
    ("VERY bad movie.", 0.694, 0.306, 0.0, -0.6732),
    ("VERY BAD movie.", 0.724, 0.276, 0.0, -0.7398),
    ("VERY BAD movie!", 0.735, 0.265, 0.0, -0.7616),
    ("Most automated sentiment analysis tools are shit.", 0.375, 0.625, 0.0, -0.5574),
    ("VADER sentiment analysis is the shit.", 0.0, 0.556, 0.444, 0.6124),
    ("Sentiment analysis has never been good.", 0.325, 0.675, 0.0, -0.3412),
    ("Warren Beatty has never been so entertaining.", 0.0, 0.616, 0.384, 0.5777),
    ("they fall in love with the product", 0.0, 0.588, 0.412, 0.6369),
    ("but then it breaks", 0.0, 1.0, 0.0, 0.0),
    ("the twin towers collapsed today", 0.344, 0.656, 0.0, -0.2732),
]

# (sentence, neg, neu, pos, compound) from the "Output for the above example code" block of the
# vaderSentiment README (github.com/cjhutto/vaderSentiment, README.rst, read at commit
# 0180de61728c715aec95831e97e4cc5a2f5541b6); e.g. "VADER is smart, handsome, and funny." ->
# compound 0.8316. The emoji example is left out: NLTK's port does not translate emoji.
VADER_README = [
    ("VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!", 0.0, 0.294, 0.706, 0.9469),
    ("VADER is not smart, handsome, nor funny.", 0.646, 0.354, 0.0, -0.7424),
    ("The book was only kind of good.", 0.0, 0.697, 0.303, 0.3832),
    ("Today only kinda sux! But I'll get by, lol", 0.127, 0.556, 0.317, 0.5249),
    ("Make sure you :) or :D today!", 0.0, 0.294, 0.706, 0.8633),
    ("Not bad at all", 0.0, 0.513, 0.487, 0.431),
    ("VADER is smart, handsome, and funny.", 0.0, 0.254, 0.746, 0.8316),
]


@pytest.mark.parametrize(("text", "neg", "neu", "pos", "compound"), NLTK_DOCTEST + VADER_README)
def test_vader_matches_published_reference_scores(text, neg, neu, pos, compound):
    scores = sentiment._vader().polarity_scores(text)
    assert round(scores["compound"], 4) == compound
    assert (round(scores["neg"], 3), round(scores["neu"], 3), round(scores["pos"], 3)) == (
        neg,
        neu,
        pos,
    )


def test_sentiment_labels_use_the_005_thresholds():
    assert sentiment.sentiment_label(0.05) == "positive"
    assert sentiment.sentiment_label(0.0499) == "neutral"
    assert sentiment.sentiment_label(-0.0499) == "neutral"
    assert sentiment.sentiment_label(-0.05) == "negative"


def _write(tmp_path: Path, rows: str) -> Path:
    (tmp_path / "vader-domain-extension.csv").write_text(
        "# purpose: t\n# source: t\n# version: 1\n# date: 2026-01-01\n"
        "word,valence,anchor,justification\n" + rows,
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("genocide,-5,murder,x\n", "outside"),
        ("genocide,bad,murder,x\n", "not a number"),
        ("tragedy,-3.4,murder,x\n", "already in VADER"),
        ("genocide,-3.7,notaword,x\n", "anchor"),
        ("ethnic cleansing,-3,murder,x\n", "one lower-case token"),
    ],
)
def test_extension_validation_names_file_and_line(tmp_path, row, message):
    with pytest.raises(DiscourseError, match=message) as info:
        sentiment.domain_extension(_write(tmp_path, row))
    assert "vader-domain-extension.csv, line 6" in str(info.value)


def test_afinn_licence_is_shipped_and_stated():
    from afinn import Afinn

    licence = Path(Afinn().data_dir()) / "LICENSE"
    assert licence.read_text(encoding="utf-8").startswith("## ODC Open Database License (ODbL)")
    assert "ODbL" in sentiment.AFINN_LICENCE and "ODbL" in sentiment.AFINN_NOTICE


def test_pearson_and_spearman_by_hand():
    x = [1, 2, 3, 4, 5]
    y = [2, 4, 5, 4, 5]
    # means 3 and 4; dx = -2,-1,0,1,2; dy = -2,0,1,0,1; Sxy = 4+0+0+0+2 = 6; Sxx = 10; Syy = 6
    # r = 6 / sqrt(10 * 6) = 0.7745967
    assert sentiment.pearson(x, y) == pytest.approx(6 / math.sqrt(60))
    # ranks of y with ties averaged: 2 -> 1; 4,4 -> 2.5; 5,5 -> 4.5
    assert sentiment.rank_average(y) == [1, 2.5, 4.5, 2.5, 4.5]
    # ranks dy = -2,-0.5,1.5,-0.5,1.5; Sxy = 4+0.5+0-0.5+3 = 7; Syy = 4+.25+2.25+.25+2.25 = 9
    # rho = 7 / sqrt(10 * 9) = 0.7378648
    assert sentiment.spearman(x, y) == pytest.approx(7 / math.sqrt(90))
    assert sentiment.pearson(x, [1, 2, 3, 4, 6]) == pytest.approx(0.9863939, abs=1e-7)
    assert sentiment.spearman(x, [1, 2, 3, 4, 60]) == 1.0
    assert sentiment.pearson([-1, 0, 1], [1, 0, -1]) == pytest.approx(-1)
    assert math.isnan(sentiment.pearson([1, 1, 1], [1, 2, 3]))
    with pytest.raises(DiscourseError):
        sentiment.pearson([1, 2], [1])


def test_reference_check_table_for_the_notebook():
    check = sentiment.vader_reference_check()
    assert check.height == len(sentiment.VADER_REFERENCE) == 5
    assert check["match"].all()
    # the notebook's subset is consistent with the full published lists above
    published = {s: c for s, *_, c in NLTK_DOCTEST + VADER_README}
    for text, compound, _ in sentiment.VADER_REFERENCE:
        assert published[text] == compound


# --- any texts, any ids -------------------------------------------------------------------------


def test_every_text_of_the_frame_is_scored_in_its_order(sents):
    scores = sentiment.textstat_sentiment(sents)
    assert scores.group_by("text_id", maintain_order=True).len().rows() == [
        ("e-1234", 3),
        ("r-1234", 2),
        ("note-a", 2),
        ("note-b", 2),
        ("stmt-c", 1),
    ]
    # positions are sentence centres on 0..1 within each text: (i - 0.5) / n
    assert scores.filter(pl.col("text_id") == "e-1234")["position"].to_list() == [
        0.5 / 3,
        1.5 / 3,
        2.5 / 3,
    ]


def test_scores_by_hand(sents):
    vader = sentiment.vader_lexicon()
    assert (vader["illegal"], vader["stop"]) == (-2.6, -1.2)
    assert "massacre" not in vader
    rows = {r["sentence_id"]: r for r in sentiment.textstat_sentiment(sents).iter_rows(named=True)}
    # "The plan is illegal;": one entry, -2.6, and 3 neutral words: neg = 3.6 / (3.6 + 3)
    s1 = rows["e-1234:s001"]
    assert (s1["compound"], s1["neg"], s1["label"]) == (_compound(-2.6), 0.545, "negative")
    assert s1["neg"] == round(3.6 / 6.6, 3)
    # "The town saw a massacre.": no VADER entry at all
    assert rows["e-1234:s002"]["compound"] == 0.0
    # "Stop the blockade now.": "stop" -1.2 only
    assert rows["e-1234:s003"]["compound"] == _compound(-1.2) == -0.296
    summary = sentiment.textstat_sentiment_summary(sentiment.textstat_sentiment(sents))
    assert summary["text_id"].to_list() == IDS
    e = summary.row(0, named=True)
    assert e["mean_compound"] == pytest.approx((_compound(-2.6) + 0 + _compound(-1.2)) / 3)
    assert (e["share_negative"], e["share_neutral"]) == (pytest.approx(2 / 3), pytest.approx(1 / 3))


def test_extremes_and_arc_for_every_text(sents):
    scores = sentiment.textstat_sentiment(sents)
    ext = sentiment.sentiment_extremes(scores)
    assert ext["text_id"].to_list() == [t for t in IDS for _ in (0, 1)]
    assert ext.filter(pl.col("text_id") == "e-1234")["sentence_id"].to_list() == [
        "e-1234:s001",
        "e-1234:s002",
    ]
    arc = sentiment.textstat_sentiment_arc(scores)
    e = arc.filter(pl.col("text_id") == "e-1234")["rolling_compound"].to_list()
    c1, c3 = _compound(-2.6), _compound(-1.2)
    assert e == pytest.approx([c1 / 2, (c1 + c3) / 3, c3 / 2])
    assert arc["text_id"].unique(maintain_order=True).to_list() == IDS


def test_extension_by_hand_and_names_not_scored(sents):
    ext = {
        r["sentence_id"]: r["compound"]
        for r in sentiment.textstat_sentiment(sents, extension=True).iter_rows(named=True)
    }
    valence = dict(sentiment.domain_extension().select("word", "valence").iter_rows())
    assert (valence["massacre"], valence["blockade"]) == (-3.4, -1.3)
    assert ext["e-1234:s002"] == _compound(-3.4) == -0.6597
    assert ext["e-1234:s003"] == _compound(-1.2 - 1.3)
    # "occupied" and "occupation" both take the anchor of territorial control
    assert ext["note-b:s002"] == _compound(valence["occupied"] + valence["occupation"])
    # "Genocide Watch wrote to us.": the name is read with VADER alone (0), not as "genocide"
    assert ext["note-b:s001"] == 0.0
    analyzer = sentiment.vader_analyzer_extended()
    assert analyzer.polarity_scores("Genocide Watch wrote to us.")["compound"] < 0


def test_proper_names_found_in_any_frame(toks):
    spans = sentiment.proper_name_spans(toks)
    assert spans.rows() == [("src-note-b", "note-b:s001", 0, 14, "Genocide Watch")]


def test_sensitivity_per_text(sents):
    sens = sentiment.textstat_sentiment_sensitivity(sents)
    assert sens["text_id"].to_list() == IDS
    rows = {r["text_id"]: r for r in sens.iter_rows(named=True)}
    # e-1234: s002 ("massacre") and s003 ("blockade") move; only s002 changes label
    assert (rows["e-1234"]["n_sentences_changed"], rows["e-1234"]["n_labels_changed"]) == (2, 1)
    assert rows["e-1234"]["delta_mean"] == pytest.approx(
        (_compound(-3.4) + _compound(-2.5) - _compound(-1.2)) / 3
    )
    assert (rows["note-b"]["n_sentences_changed"], rows["note-b"]["n_labels_changed"]) == (1, 1)
    assert rows["note-a"]["n_sentences_changed"] == rows["r-1234"]["n_sentences_changed"] == 0


def test_coverage_per_text_against_a_direct_count(toks):
    vader = sentiment.vader_lexicon()
    ext_words = set(sentiment.domain_extension()["word"])
    base = sentiment.textstat_lexicon_coverage(toks)
    extended = sentiment.textstat_lexicon_coverage(toks, extension=True)
    assert base["text_id"].to_list() == extended["text_id"].to_list() == IDS
    for text_id in IDS:
        words = toks.filter(pl.col("is_word") & (pl.col("text_id") == text_id))["norm"].to_list()
        row = base.filter(pl.col("text_id") == text_id).row(0, named=True)
        assert row["n_word_tokens"] == len(words)
        assert row["n_scored"] == sum(w in vader for w in words)
    # note-b: "occupied" and "occupation" score with the extension; the "Genocide" of the
    # name "Genocide Watch" does not: 0 + 2
    note_b = extended.filter(pl.col("text_id") == "note-b").row(0, named=True)
    assert "genocide" in ext_words and note_b["n_scored"] == 2
    # e-1234: "illegal", "stop" (VADER) + "massacre", "blockade" (extension)
    assert extended.filter(pl.col("text_id") == "e-1234")["n_scored"][0] == 4
    comp = sentiment.textstat_coverage_comparison(toks)
    assert comp.height == len(IDS) * 4


def test_unscored_words_per_text(toks):
    top = sentiment.textstat_unscored(toks, n=2)
    assert top["text_id"].unique(maintain_order=True).to_list() == IDS
    # stmt-c "a b a b c": "a" is a stop word; "b" twice, then "c"
    assert top.filter(pl.col("text_id") == "stmt-c").select("word", "count").rows() == [
        ("b", 2),
        ("c", 1),
    ]


def test_key_labels_counted_per_text(toks):
    counts = {
        (r["text_id"], r["word"]): r["count"]
        for r in sentiment.key_term_counts(toks).iter_rows(named=True)
    }
    assert len(counts) == len(IDS) * len(sentiment.KEY_TERMS)
    # "occupied" and "occupation" are both forms of the label occup*
    assert counts[("note-b", "occupation")] == 2
    # the "Genocide" of "Genocide Watch" is a name, not the text's label
    assert counts[("note-b", "genocide")] == 0
    assert counts[("e-1234", "massacre")] == counts[("e-1234", "blockade")] == 1
    assert sum(n for (t, _), n in counts.items() if t in ("r-1234", "note-a", "stmt-c")) == 0
    surface = {
        (r["text_id"], r["word"]): (r["count"], r["in_name"])
        for r in sentiment.key_term_surface_counts(toks).iter_rows(named=True)
    }
    assert surface[("note-b", "genocide")] == (1, 1)
    assert surface[("note-b", "occupation")] == (1, 0)


def test_afinn_and_agreement_per_text(sents):
    afinn = sentiment.afinn_lexicon()
    assert [afinn[w] for w in ("illegal", "stop", "blockade", "share", "grief")] == [
        -3,
        -1,
        -2,
        1,
        -2,
    ]
    a = {
        r["sentence_id"]: r["afinn"] for r in sentiment.textstat_afinn(sents).iter_rows(named=True)
    }
    assert (a["e-1234:s001"], a["e-1234:s003"], a["r-1234:s001"]) == (-3.0, -3.0, -1.0)
    agree = sentiment.textstat_method_agreement(sents)
    assert agree["text_id"].to_list() == [*IDS, "all"]
    assert agree["n_sentences"].to_list() == [3, 2, 2, 2, 1, 10]
    # a text whose scores are all 0 has no correlation (NaN), not an error
    assert math.isnan(agree.filter(pl.col("text_id") == "note-a")["pearson"][0])
    scores = sentiment.sentiment_method_scores(sents)
    x, y = scores["compound"].to_list(), scores["afinn"].to_list()
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    r = sum((p - mx) * (q - my) for p, q in zip(x, y, strict=True)) / math.sqrt(
        sum((p - mx) ** 2 for p in x) * sum((q - my) ** 2 for q in y)
    )
    assert agree.filter(pl.col("text_id") == "all")["pearson"][0] == pytest.approx(r)


def test_names_of_the_methods_module_are_reachable_from_sentiment():
    for name in sentiment._METHOD_NAMES:
        assert getattr(sentiment, name) is getattr(sentiment_methods, name)
    assert set(sentiment._METHOD_NAMES) <= set(dir(sentiment))
    with pytest.raises(AttributeError):
        sentiment.no_such_name  # noqa: B018


@pytest.fixture()
def reversed_manifest(tmp_path):
    """A manifest that lists the synthetic texts in reverse order."""
    with synthetic.manifest_in_force(st.write_manifest(tmp_path, IDS[::-1])):
        yield


def test_texts_follow_the_manifest_order(sents, toks, reversed_manifest):
    assert (
        sentiment.textstat_sentiment_summary(sentiment.textstat_sentiment(sents))[
            "text_id"
        ].to_list()
        == IDS[::-1]
    )
    assert sentiment.textstat_lexicon_coverage(toks)["text_id"].to_list() == IDS[::-1]
    assert sentiment.textstat_method_agreement(sents)["text_id"].to_list() == [*IDS[::-1], "all"]
