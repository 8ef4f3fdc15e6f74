"""Sentiment: VADER against its published reference scores, coverage, extension, AFINN."""

from __future__ import annotations

import math
import re
from pathlib import Path

import polars as pl
import pytest

from analysis.io import DiscourseError
from analysis.measures import sentiment

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


def test_vader_on_a_corpus_sentence_by_hand(sentences):
    # petition:s003 has one VADER entry, "illegal" (-2.6), no booster, negation, "but" or "!".
    # compound = x / sqrt(x^2 + 15) (alpha = 15, Hutto & Gilbert 2014)
    #          = -2.6 / sqrt(6.76 + 15) = -2.6 / 4.66476 = -0.55737 -> -0.5574.
    # neg = (|-2.6| + 1) / ((|-2.6| + 1) + 22 neutral words) = 3.6 / 25.6 = 0.1406 -> 0.141.
    assert sentiment.vader_lexicon()["illegal"] == -2.6
    scores = sentiment.textstat_sentiment(sentences)
    row = scores.filter(pl.col("sentence_id") == "petition:s003").row(0, named=True)
    assert row["text"].startswith("For 30 years, Armenia kept")
    assert row["compound"] == round(-2.6 / math.sqrt(2.6**2 + 15), 4) == -0.5574
    assert row["neg"] == round(3.6 / 25.6, 3) == 0.141
    assert row["label"] == "negative"


def test_sentiment_labels_use_the_005_thresholds():
    assert sentiment.sentiment_label(0.05) == "positive"
    assert sentiment.sentiment_label(0.0499) == "neutral"
    assert sentiment.sentiment_label(-0.0499) == "neutral"
    assert sentiment.sentiment_label(-0.05) == "negative"


def test_per_sentence_scores_cover_every_sentence(sentences):
    scores = sentiment.textstat_sentiment(sentences)
    assert scores.height == sentences.height == 49
    assert scores.group_by("text_id", maintain_order=True).len().rows() == [
        ("petition", 11),
        ("response", 8),
        ("letter", 30),
    ]
    assert scores["compound"].is_between(-1, 1).all()
    sums = scores.select(pl.col("neg") + pl.col("neu") + pl.col("pos"))
    assert sums.to_series().is_between(0.998, 1.002).all()


def test_summary_per_text(sentences):
    summary = sentiment.textstat_sentiment_summary(sentiment.textstat_sentiment(sentences))
    rows = {r["text_id"]: r for r in summary.iter_rows(named=True)}
    # response: 2 negative (s001 -0.9186, s002 -0.4939) of 8, no neutral sentence.
    assert rows["response"]["share_negative"] == 2 / 8
    assert rows["response"]["share_neutral"] == 0
    assert rows["response"]["min_compound"] == -0.9186
    assert rows["petition"]["share_negative"] == pytest.approx(3 / 11)
    assert rows["petition"]["share_neutral"] == pytest.approx(4 / 11)
    assert rows["petition"]["median_compound"] == 0.0
    assert rows["letter"]["share_negative"] == pytest.approx(9 / 30)
    assert rows["letter"]["share_positive"] == pytest.approx(18 / 30)
    for r in rows.values():
        total = r["share_negative"] + r["share_neutral"] + r["share_positive"]
        assert total == pytest.approx(1)


def test_arc_positions_and_rolling_mean(sentences):
    arc = sentiment.textstat_sentiment_arc(sentiment.textstat_sentiment(sentences))
    resp = arc.filter(pl.col("text_id") == "response")
    # centre of sentence 1 of 8 is 0.5 / 8; the centred 3-sentence mean at the first sentence
    # averages sentences 1 and 2 only: (-0.9186 + -0.4939) / 2 = -0.70625.
    assert resp["position"][0] == 0.5 / 8
    assert resp["rolling_compound"][0] == pytest.approx((-0.9186 - 0.4939) / 2)
    assert resp["rolling_compound"][1] == pytest.approx((-0.9186 - 0.4939 + 0.6124) / 3)


# --- coverage -----------------------------------------------------------------------------------


@pytest.mark.parametrize("word", sentiment.KEY_TERMS)
def test_key_terms_absent_from_vader_lexicon(word):
    assert word not in sentiment.vader_lexicon()


def test_key_terms_counted_as_event_labels():
    table = sentiment.key_term_counts()
    counts = {(r["text_id"], r["word"]): r["count"] for r in table.iter_rows(named=True)}
    assert table.height == 3 * len(sentiment.KEY_TERMS)
    # petition: "massacre" in bullets 1, 2, 5, 7 and demands 1, 2; "occupation" twice and
    # "occupied" once ("occupied territories"), all forms of the label occup*.
    assert counts[("petition", "massacre")] == 6
    assert counts[("petition", "occupation")] == 3
    assert counts[("response", "massacre")] == 2
    # letter: the token "genocide" occurs 10 times; 2 are inside the names "Genocide Watch" and
    # "Genocide Convention", which event-labels.csv lists as proper names: 10 - 2 = 8.
    assert counts[("letter", "genocide")] == 8
    # letter: "blockade" 3 times and "blocked" once (both forms of the label); "occupying" once.
    assert counts[("letter", "blockade")] == 4
    assert counts[("letter", "occupation")] == 1
    assert counts[("response", "genocide")] == 0
    assert counts[("petition", "genocide")] == counts[("letter", "massacre")] == 0


def test_key_term_surface_counts_show_the_names(toks):
    table = sentiment.key_term_surface_counts(toks)
    rows = {
        (r["text_id"], r["word"]): (r["count"], r["in_name"]) for r in table.iter_rows(named=True)
    }
    assert rows[("letter", "genocide")] == (10, 2)
    assert rows[("petition", "occupation")] == (2, 0)
    assert rows[("petition", "massacre")] == (6, 0)


def test_lexicon_lookup_key_terms():
    table = sentiment.lexicon_lookup()
    assert table["word"].to_list() == list(sentiment.KEY_TERMS)
    assert not table["in_vader"].any()
    assert table["in_extension"].all()
    # AFINN-en-165 has "blockade" (-2) but none of the other three.
    assert table.filter(pl.col("in_afinn"))["word"].to_list() == ["blockade"]
    assert table.filter(pl.col("word") == "blockade")["afinn_valence"][0] == -2


def test_coverage_per_text(toks):
    cov = sentiment.textstat_lexicon_coverage(toks)
    cols = ("text_id", "n_word_tokens", "n_scored", "n_content_words", "n_content_scored")
    got = cov.select(cols).rows()
    assert got == [
        ("petition", 269, 14, 141, 14),
        ("response", 229, 29, 135, 29),
        ("letter", 861, 74, 511, 74),
    ]
    shares = dict(cov.select("text_id", "share_scored").rows())
    assert shares["petition"] == pytest.approx(14 / 269)  # 5.2 %
    assert shares["response"] == pytest.approx(29 / 229)  # 12.7 %
    assert shares["letter"] == pytest.approx(74 / 861)  # 8.6 %


def test_coverage_counts_match_a_direct_count(toks):
    lex = sentiment.vader_lexicon()
    words = toks.filter(pl.col("is_word") & (pl.col("text_id") == "response"))["norm"].to_list()
    scored = [w for w in words if w in lex]
    assert len(scored) == 29
    assert {"terrible", "tragedy", "sadness", "peace", "support"} <= set(scored)


def test_coverage_with_extension(toks):
    cov = sentiment.textstat_lexicon_coverage(toks, extension=True)
    assert cov.select("text_id", "n_scored").rows() == [
        ("petition", 28),
        ("response", 33),
        ("letter", 108),
    ]
    # letter: the extension words it uses number 36 tokens, but 2 of them are the "Genocide"
    # of "Genocide Watch" and "Genocide Convention" (proper names): 74 + 36 - 2 = 108.
    ext_words = set(sentiment.domain_extension()["word"])
    letter = toks.filter(pl.col("is_word") & (pl.col("text_id") == "letter"))
    assert letter.filter(pl.col("norm").is_in(list(ext_words))).height == 36
    comp = sentiment.textstat_coverage_comparison(toks)
    assert comp.height == 12
    assert set(comp["lexicon"]) == {"VADER", "VADER + extension"}


def test_unscored_words(toks):
    top = sentiment.textstat_unscored(toks, n=3)
    assert top.filter(pl.col("text_id") == "petition").select("word", "count").rows() == [
        ("massacre", 6),
        ("azerbaijan", 5),
        ("khojali", 5),
    ]
    assert top.filter(pl.col("text_id") == "letter").select("word", "count").rows() == [
        ("artsakh", 12),
        ("genocide", 10),
        ("rights", 9),
    ]
    assert top.filter(pl.col("word") == "massacre")["in_extension"].all()


# --- domain extension ---------------------------------------------------------------------------


def test_extension_entries_are_anchored_in_vader():
    ext = sentiment.domain_extension()
    vader = sentiment.vader_lexicon()
    assert ext.height == 32
    for row in ext.iter_rows(named=True):
        assert row["word"] not in vader
        assert row["valence"] == vader[row["anchor"]], row["word"]
    assert set(sentiment.KEY_TERMS) <= set(ext["word"])


def _event_label_categories() -> dict[str, set[str]]:
    """Normalised single-token event labels used in the primary texts -> their categories."""
    from analysis.measures import terminology
    from analysis.tokens import normalise

    found = terminology.tokens_lookup("event-labels").filter(
        (pl.col("n_tokens") == 1) & (pl.col("category") != "proper_name")
    )
    out: dict[str, set[str]] = {}
    for matched, category in found.select("matched", "category").iter_rows():
        out.setdefault(normalise(matched), set()).add(category)
    return out


def test_extension_one_anchor_per_event_label_category():
    # Rule 1 (README-sentiment.md): every extension word that is one of the texts' event labels
    # takes the single anchor of its label category, whichever text uses it.
    ext = {
        w: (a, v)
        for w, v, a in sentiment.domain_extension().select("word", "valence", "anchor").iter_rows()
    }
    cats = _event_label_categories()
    by_category: dict[str, set[tuple[str, float]]] = {}
    for word, categories in cats.items():
        if word in ext:
            (category,) = categories
            by_category.setdefault(category, set()).add(ext[word])
    assert by_category == {
        "mass_violence": {("killing", -3.4)},
        "territorial_control": {("conflict", -1.3)},
        "rights_violation": {("unfair", -2.1)},
        "political_violence": {("violence", -3.1)},
        "actor_label": {("oppressive", -1.7)},
        "legal_qualifier": {("illegal", -2.6)},
    }
    # the labels each side's texts are known for score alike
    assert ext["massacre"] == ext["genocide"] == ext["atrocities"] == ext["extermination"]
    assert ext["occupation"] == ext["blockade"]


def test_extension_label_anchors_table():
    table = sentiment.extension_label_anchors()
    # one row per category means one anchor per category (a second anchor would add a row)
    assert table["category"].is_unique().all()
    assert table.filter(pl.col("category") == "mass_violence").row(0, named=True) == {
        "category": "mass_violence",
        "anchor": "killing",
        "valence": -3.4,
        "words": [
            "genocide",
            "massacre",
            "extermination",
            "beheading",
            "atrocity",
            "atrocities",
            "atrocious",
        ],
    }
    # a file that anchors "genocide" apart from "massacre" shows up as two rows
    ext = sentiment.domain_extension().with_columns(
        pl.when(pl.col("word") == "genocide")
        .then(pl.lit("murder"))
        .otherwise("anchor")
        .alias("anchor")
    )
    split = sentiment.extension_label_anchors(ext).filter(pl.col("category") == "mass_violence")
    assert split.height == 2


def test_extension_covers_every_single_token_label_vader_lacks():
    # Completeness of rule 1: left out are only the proper noun / coinage of the README.
    vader = sentiment.vader_lexicon()
    ext = set(sentiment.domain_extension()["word"])
    missing = {w for w in _event_label_categories() if w not in vader and w not in ext}
    assert missing == {"holodomor", "armenophobia"}


def test_extension_words_occur_in_the_primary_texts(toks):
    words = set(toks.filter(pl.col("is_word"))["norm"])
    missing = [w for w in sentiment.domain_extension()["word"] if w not in words]
    assert missing == []


def test_extension_is_off_by_default(sentences):
    base = sentiment.textstat_sentiment(sentences)
    assert base.filter(pl.col("sentence_id") == "petition:s001")["compound"][0] == 0.0
    ext = sentiment.textstat_sentiment(sentences, extension=True)
    # petition:s001 "... since the massacre of 613 Azerbaijani civilians ...": massacre -3.4
    # -> -3.4 / sqrt(11.56 + 15) = -0.6597.
    row = ext.filter(pl.col("sentence_id") == "petition:s001")
    assert row["compound"][0] == round(-3.4 / math.sqrt(3.4**2 + 15), 4) == -0.6597
    # the cached default analyser is not changed by building the extended one
    assert "massacre" not in sentiment._vader().lexicon


def test_extension_does_not_score_inside_proper_names(sentences):
    spans = sentiment.proper_name_spans()
    assert spans.select("sentence_id", "matched").rows() == [
        ("letter:s003", "Genocide Watch"),
        ("letter:s004", "Genocide Convention"),
    ]
    ext = sentiment.textstat_sentiment(sentences, extension=True)
    analyzer = sentiment.vader_analyzer_extended()
    for sid, name in spans.select("sentence_id", "matched").iter_rows():
        text = sentences.filter(pl.col("sentence_id") == sid)["text"][0]
        assert name in text
        got = ext.filter(pl.col("sentence_id") == sid)["compound"][0]
        masked = text.replace(name, name.replace("Genocide", sentiment.NAME_MASK))
        assert got == round(analyzer.polarity_scores(masked)["compound"], 4)
        assert got != round(analyzer.polarity_scores(text)["compound"], 4)


def test_sensitivity(sentences):
    sens = sentiment.textstat_sentiment_sensitivity(sentences)
    rows = {r["text_id"]: r for r in sens.iter_rows(named=True)}
    assert {t: r["n_labels_changed"] for t, r in rows.items()} == {
        "petition": 5,
        "response": 0,
        "letter": 9,
    }
    assert {t: r["n_sentences_changed"] for t, r in rows.items()} == {
        "petition": 9,
        "response": 4,
        "letter": 14,
    }
    for r in rows.values():
        assert r["delta_mean"] < 0
        assert r["delta_mean"] == pytest.approx(r["mean_extended"] - r["mean_base"])
    # petition:s003 adds "occupation" (-1.3) to "illegal" (-2.6):
    # -3.9 / sqrt(15.21 + 15) = -0.70956 -> -0.7096.
    cmp = sentiment.sentiment_compare(sentences)
    row = cmp.filter(pl.col("sentence_id") == "petition:s003").row(0, named=True)
    assert (row["compound_base"], row["compound_extended"]) == (-0.5574, -0.7096)
    assert row["compound_extended"] == round(-3.9 / math.sqrt(3.9**2 + 15), 4)


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


# --- AFINN and agreement ------------------------------------------------------------------------


def test_afinn_licence_is_shipped_and_stated():
    from afinn import Afinn

    licence = Path(Afinn().data_dir()) / "LICENSE"
    assert licence.read_text(encoding="utf-8").startswith("## ODC Open Database License (ODbL)")
    assert "ODbL" in sentiment.AFINN_LICENCE and "ODbL" in sentiment.AFINN_NOTICE


def test_afinn_sentence_score_by_hand(sentences):
    a = sentiment.textstat_afinn(sentences)
    row = a.filter(pl.col("sentence_id") == "response:s001").row(0, named=True)
    # AFINN-en-165: terrible -3, tragedy -2, victims -3, lost -3, suffering -2, great +3
    # ("sadness" is not an AFINN entry): -3 - 2 - 3 - 3 - 2 + 3 = -10.
    lex = sentiment.afinn_lexicon()
    assert [lex[w] for w in ("terrible", "tragedy", "victims", "lost", "suffering", "great")] == [
        -3,
        -2,
        -3,
        -3,
        -2,
        3,
    ]
    assert "sadness" not in lex
    assert (row["afinn"], row["n_afinn_hits"], row["afinn_label"]) == (-10.0, 6, "negative")


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


def test_method_agreement(sentences):
    agree = sentiment.textstat_method_agreement(sentences)
    assert agree["text_id"].to_list() == ["petition", "response", "letter", "all"]
    assert agree["n_sentences"].to_list() == [11, 8, 30, 49]
    pooled = agree.filter(pl.col("text_id") == "all").row(0, named=True)
    # Independent check of the pooled Pearson r from the two score columns.
    scores = sentiment.sentiment_method_scores(sentences)
    x, y = scores["compound"].to_list(), scores["afinn"].to_list()
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    r = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / math.sqrt(
        sum((a - mx) ** 2 for a in x) * sum((b - my) ** 2 for b in y)
    )
    assert pooled["pearson"] == pytest.approx(r)
    assert 0.8 < pooled["pearson"] < 0.9
    assert 0.8 < pooled["spearman"] < 0.9
    assert pooled["label_agreement"] == pytest.approx(40 / 49)


# An independent word count over the raw sentence text: the clitic "'s" as its own word,
# numbers with ' or , or . separators ("120’000") as one, and letter/digit runs joined by "-" or
# "." ("peace-building", "R2P", "8th") as one; punctuation is not counted.
_WORD_RE = re.compile(r"[’']s\b|\d+(?:[.,’']\d+)*(?![^\W_])|[^\W_]+(?:[-.][^\W_]+)*")


def test_default_word_tokens_match_an_independent_regex_count(sentences):
    # The module's default input (no tokens passed) against a count over the raw sentences.
    cov = sentiment.textstat_lexicon_coverage()
    by_regex = {
        t: len(_WORD_RE.findall(" ".join(sentences.filter(pl.col("text_id") == t)["text"])))
        for t in ("petition", "response", "letter")
    }
    assert by_regex == {"petition": 269, "response": 229, "letter": 861}
    assert dict(cov.select("text_id", "n_word_tokens").rows()) == by_regex


def test_reference_check_table_for_the_notebook():
    check = sentiment.vader_reference_check()
    assert check.height == len(sentiment.VADER_REFERENCE) == 5
    assert check["match"].all()
    # the notebook's subset is consistent with the full published lists above
    published = {s: c for s, *_, c in NLTK_DOCTEST + VADER_README}
    for text, compound, _ in sentiment.VADER_REFERENCE:
        assert published[text] == compound


def test_extremes_per_text(sentences):
    ext = sentiment.sentiment_extremes(sentiment.textstat_sentiment(sentences))
    assert ext.select("text_id", "which", "sentence_id", "compound").rows() == [
        ("petition", "lowest", "petition:s009", -0.6124),
        ("petition", "highest", "petition:s011", 0.7506),
        ("response", "lowest", "response:s001", -0.9186),
        ("response", "highest", "response:s004", 0.8442),
        ("letter", "lowest", "letter:s011", -0.9734),
        ("letter", "highest", "letter:s023", 0.9062),
    ]
