"""Sentiment: VADER against its published reference scores, coverage, extension, AFINN."""

from __future__ import annotations

import math
import re

import polars as pl
import pytest

from analysis.measures import sentiment


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


# --- AFINN and agreement ------------------------------------------------------------------------


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


def test_key_term_counts_agree_with_the_terminology_counts(toks):
    # key_term_counts matches the token frame itself; notebook 01's label counts
    # (terminology.textstat_terms, level "concept") are the independent reference.
    from analysis.measures import terminology

    terms = terminology.textstat_terms("event-labels", level="concept")
    reference = {
        (t, c): n
        for t, c, n in terms.select("text_id", "concept", "n").iter_rows()
        if c in sentiment.KEY_TERMS
    }
    ours = sentiment.key_term_counts(toks)
    assert ours["text_id"].unique(maintain_order=True).to_list() == [
        "petition",
        "response",
        "letter",
    ]
    assert {(t, w): n for t, w, n in ours.iter_rows()} == reference
    assert sentiment.key_term_counts().equals(ours)


def test_proper_name_spans_agree_with_the_terminology_lookup(toks):
    from analysis.measures import terminology

    names = terminology.lexicon_terms("event-labels").filter(
        pl.col("category").is_in(list(terminology.NAME_CATEGORIES))
    )
    reference = terminology.tokens_lookup(names).select(
        "source_id", "sentence_id", "start", "end", "matched"
    )
    assert sentiment.proper_name_spans(toks).rows() == reference.rows()
    # found from the sentences alone (as textstat_sentiment does), the same spans
    from analysis.measures.sentiment_lexicons import _sentence_tokens
    from analysis.tokens import corpus_sentences

    from_sentences = sentiment.proper_name_spans(_sentence_tokens(corpus_sentences()))
    assert from_sentences.rows() == reference.rows()


# --- 95% intervals (sentence-level percentile bootstrap, fixed seed) ------------------------------


def test_vader_means_with_their_intervals(sentences):
    # each text's mean compound over its sentences, with the percentile-bootstrap 95% interval
    # (2,000 resamples of the text's sentences, stats.SEED); pinned to 4 decimals
    means = sentiment.textstat_sentiment_means(sentiment.textstat_sentiment(sentences))
    got = {
        r["text_id"]: (r["n"], round(r["mean"], 4), round(r["ci_low"], 4), round(r["ci_high"], 4))
        for r in means.filter(pl.col("measure") == "mean compound").iter_rows(named=True)
    }
    assert got == {
        "petition": (11, 0.0348, -0.2177, 0.2959),
        "response": (8, 0.3322, -0.1328, 0.7326),
        "letter": (30, 0.1513, -0.0279, 0.3237),
    }
    # the means are those of the summary; the intervals are the summary's ci_low / ci_high
    summary = sentiment.textstat_sentiment_summary(sentiment.textstat_sentiment(sentences))
    for r in summary.iter_rows(named=True):
        assert (round(r["mean_compound"], 4), round(r["ci_low"], 4)) == got[r["text_id"]][1:3]
    # shares are means of 0/1 over sentences: the response has no neutral sentence, so its
    # interval has zero width; the letter's share of negative sentences is 9/30
    shares = {
        (r["text_id"], r["measure"]): (r["mean"], r["ci_low"], r["ci_high"])
        for r in means.iter_rows(named=True)
    }
    assert shares[("response", "share neutral")] == (0.0, 0.0, 0.0)
    low, high = shares[("letter", "share negative")][1:]
    assert shares[("letter", "share negative")][0] == pytest.approx(9 / 30)
    assert (round(low, 4), round(high, 4)) == (round(4 / 30, 4), round(14 / 30, 4))


def test_method_means_and_the_paired_change(sentences):
    got = sentiment.textstat_method_means(sentences)
    rows = {(r["text_id"], r["method"]): r for r in got.iter_rows(named=True)}
    # AFINN: the petition's 11 sentences sum to -9; interval [-2.6364, 1.3636] (= -29/11, 15/11)
    afinn = rows[("petition", "AFINN")]
    assert afinn["mean"] == pytest.approx(-9 / 11)
    assert (round(afinn["ci_low"], 4), round(afinn["ci_high"], 4)) == (-2.6364, 1.3636)
    ext = rows[("letter", "VADER + extension")]
    assert (round(ext["mean"], 4), round(ext["ci_low"], 4), round(ext["ci_high"], 4)) == (
        -0.1576,
        -0.3559,
        0.0431,
    )
    # the extension's change, paired over sentences: clear of zero for the petition and the
    # letter, not for the response
    sens = sentiment.textstat_sentiment_sensitivity(sentences)
    change = {
        r["text_id"]: (
            round(r["delta_mean"], 4),
            round(r["delta_mean_ci_low"], 4),
            round(r["delta_mean_ci_high"], 4),
        )
        for r in sens.iter_rows(named=True)
    }
    assert change == {
        "petition": (-0.4192, -0.6472, -0.1836),
        "response": (-0.032, -0.1197, 0.0272),
        "letter": (-0.3089, -0.4521, -0.1797),
    }


def test_agreement_intervals(sentences):
    agree = sentiment.textstat_method_agreement(sentences)
    pooled = agree.filter(pl.col("text_id") == "all").row(0, named=True)
    # Fisher z: tanh(atanh(r) +- 1.959964 / sqrt(49 - 3))
    r, half = pooled["pearson"], 1.959964 / math.sqrt(46)
    assert pooled["pearson_ci_low"] == pytest.approx(math.tanh(math.atanh(r) - half), abs=1e-6)
    assert pooled["pearson_ci_high"] == pytest.approx(math.tanh(math.atanh(r) + half), abs=1e-6)
    assert (round(pooled["pearson_ci_low"], 4), round(pooled["pearson_ci_high"], 4)) == (
        0.735,
        0.9083,
    )
    assert (pooled["label_agreement_ci_low"], pooled["label_agreement_ci_high"]) == (
        pytest.approx(34 / 49),
        pytest.approx(45 / 49),
    )


def test_coverage_and_sentence_length_intervals(toks):
    cov = sentiment.textstat_coverage_intervals(toks)
    words = {
        r["text_id"]: (round(r["share"], 4), round(r["ci_low"], 4), round(r["ci_high"], 4))
        for r in cov.filter(pl.col("measure") == "word tokens").iter_rows(named=True)
    }
    # shares as in test_coverage_per_text (petition 14 / 269); intervals resample sentences
    assert words == {
        "petition": (round(14 / 269, 4), 0.0259, 0.0782),
        "response": (round(29 / 229, 4), 0.0632, 0.2023),
        "letter": (round(74 / 861, 4), 0.0686, 0.1042),
    }
    from analysis.measures import style

    lengths = sentiment.textstat_sentence_length_means(style.textstat_sentence_lengths(toks))
    assert [
        (r["text_id"], r["n"], round(r["mean"], 4), round(r["ci_low"], 4), round(r["ci_high"], 4))
        for r in lengths.iter_rows(named=True)
    ] == [
        ("petition", 11, 24.4545, 20.9068, 27.9091),
        ("response", 8, 28.625, 20.125, 41.0094),
        ("letter", 30, 28.7, 24.7658, 32.9667),
    ]
