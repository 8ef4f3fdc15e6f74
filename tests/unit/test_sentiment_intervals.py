"""95% intervals of the sentiment means and shares, on synthetic sentences of five texts."""

from __future__ import annotations

import math

import numpy as np
import polars as pl
import pytest

from analysis.measures import sentiment, sentiment_intervals, sentiment_methods

IDS = ["e-1234", "r-1234", "note-a", "note-b", "stmt-c"]


@pytest.fixture(scope="module")
def scores(sents):
    return sentiment.textstat_sentiment(sents)


@pytest.fixture(scope="module")
def means(scores):
    return sentiment_intervals.textstat_sentiment_means(scores)


def _row(frame: pl.DataFrame, text_id: str, key: str, value: str) -> dict:
    return frame.filter((pl.col("text_id") == text_id) & (pl.col(key) == value)).row(0, named=True)


def test_every_text_and_measure_in_order_with_the_interval_around_the_mean(means):
    measures = [m for m, _ in sentiment_intervals.SENTENCE_MEASURES]
    assert means.select("text_id", "measure").rows() == [(t, m) for t in IDS for m in measures]
    assert means.columns == ["text_id", "measure", "n", "mean", "ci_low", "ci_high"]
    assert (means["ci_low"] <= means["mean"] + 1e-12).all()
    assert (means["mean"] <= means["ci_high"] + 1e-12).all()
    assert means.filter(pl.col("measure") == "mean compound")["n"].to_list() == [3, 2, 2, 2, 1]


def test_means_and_shares_by_hand(means):
    # e-1234: compounds -0.5574 ("illegal"), 0 ("massacre" is no VADER entry), -0.296 ("stop")
    e = _row(means, "e-1234", "measure", "mean compound")
    assert e["mean"] == pytest.approx((-0.5574 + 0 - 0.296) / 3)
    assert _row(means, "e-1234", "measure", "share negative")["mean"] == pytest.approx(2 / 3)
    # r-1234: -0.25 and +0.6808, one negative and one positive sentence
    r = _row(means, "r-1234", "measure", "mean compound")
    assert r["mean"] == pytest.approx((-0.25 + 0.6808) / 2)
    assert _row(means, "r-1234", "measure", "share positive")["mean"] == 0.5


def test_small_texts_reach_their_extreme_resamples(means):
    # With n sentences, a resample made of one sentence n times has probability n / n**n
    # (1/27 for n = 3, 1/4 for n = 2), above 2.5%: the percentile interval runs from the lowest
    # to the highest sentence score.
    e = _row(means, "e-1234", "measure", "mean compound")
    assert (e["ci_low"], e["ci_high"]) == (-0.5574, 0.0)
    r = _row(means, "r-1234", "measure", "mean compound")
    assert (r["ci_low"], r["ci_high"]) == (-0.25, 0.6808)
    neg = _row(means, "e-1234", "measure", "share negative")
    assert (neg["ci_low"], neg["ci_high"]) == (0.0, 1.0)


def test_a_text_whose_sentences_all_score_alike_has_a_zero_width_interval(means):
    for text_id in ("note-a", "note-b", "stmt-c"):
        for measure in ("mean compound", "share neutral", "share negative"):
            row = _row(means, text_id, "measure", measure)
            assert row["ci_low"] == row["mean"] == row["ci_high"]
    assert _row(means, "note-a", "measure", "share neutral")["mean"] == 1.0


def test_intervals_are_reproducible(scores, means):
    again = sentiment_intervals.textstat_sentiment_means(scores)
    assert again.equals(means)


def test_a_long_text_interval_matches_the_normal_approximation():
    # 400 sentences alternating -0.5 and +0.5 (and a third text of 0.2s): the bootstrap interval
    # of the mean is close to mean +- 1.96 sd / sqrt(n), an independent computation.
    values = [(-0.5 if i % 2 else 0.5) + 0.001 * (i % 7) for i in range(400)]
    frame = pl.DataFrame(
        {
            "text_id": ["long-1"] * 400 + ["long-2"] * 50,
            "compound": values + [0.2] * 50,
        }
    ).with_columns(
        pl.when(pl.col("compound") >= 0.05)
        .then(pl.lit("positive"))
        .when(pl.col("compound") <= -0.05)
        .then(pl.lit("negative"))
        .otherwise(pl.lit("neutral"))
        .alias("label")
    )
    got = sentiment_intervals.textstat_sentiment_means(frame)
    long = _row(got, "long-1", "measure", "mean compound")
    x = np.array(values)
    half = 1.96 * x.std(ddof=1) / math.sqrt(x.size)
    assert long["mean"] == pytest.approx(x.mean())
    assert long["ci_low"] == pytest.approx(x.mean() - half, abs=0.006)
    assert long["ci_high"] == pytest.approx(x.mean() + half, abs=0.006)
    share = _row(got, "long-1", "measure", "share positive")
    p_half = 1.96 * math.sqrt(0.25 / 400)
    assert share["ci_low"] == pytest.approx(0.5 - p_half, abs=0.01)
    assert share["ci_high"] == pytest.approx(0.5 + p_half, abs=0.01)
    flat = _row(got, "long-2", "measure", "mean compound")
    assert flat["ci_low"] == flat["ci_high"] == pytest.approx(0.2)


def test_summary_carries_the_mean_compound_interval(scores, means):
    summary = sentiment.textstat_sentiment_summary(scores)
    assert summary.columns[:5] == ["text_id", "n_sentences", "mean_compound", "ci_low", "ci_high"]
    expected = means.filter(pl.col("measure") == "mean compound")
    assert summary.select("text_id", "mean_compound", "ci_low", "ci_high").rows() == (
        expected.select("text_id", "mean", "ci_low", "ci_high").rows()
    )
    assert sentiment.sentiment_mean_intervals(scores).rows() == (
        expected.select("text_id", "ci_low", "ci_high").rows()
    )


def test_method_means_for_every_text_and_method(sents):
    got = sentiment_intervals.textstat_method_means(sents)
    assert got.select("text_id", "method").rows() == [
        (t, m) for t in IDS for m in sentiment_intervals.METHODS
    ]
    afinn = sentiment_methods.textstat_afinn(sents)
    by_hand = dict(afinn.group_by("text_id").agg(pl.col("afinn").mean()).iter_rows())
    for text_id in IDS:
        assert _row(got, text_id, "method", "AFINN")["mean"] == pytest.approx(by_hand[text_id])
    # e-1234: "illegal" -3; "stop" -1 and "blockade" -2 -> (-3 + 0 - 3) / 3
    assert by_hand["e-1234"] == -2.0
    ext = _row(got, "e-1234", "method", "VADER + extension")
    sens = sentiment_methods.textstat_sentiment_sensitivity(sents)
    assert ext["mean"] == pytest.approx(sens["mean_extended"][0])
    assert (got["ci_low"] <= got["mean"] + 1e-12).all()
    assert (got["mean"] <= got["ci_high"] + 1e-12).all()


def test_sensitivity_intervals_pair_the_change_by_sentence(sents):
    compare = sentiment_methods.sentiment_compare(sents)
    got = sentiment_intervals.textstat_sensitivity_intervals(compare)
    assert got["text_id"].unique(maintain_order=True).to_list() == IDS
    assert got.height == 5 * 2 * 3
    sens = {
        r["text_id"]: r
        for r in sentiment_methods.textstat_sentiment_sensitivity(sents).iter_rows(named=True)
    }
    for text_id in IDS:
        part = got.filter((pl.col("text_id") == text_id) & (pl.col("measure") == "Mean compound"))
        values = dict(zip(part["lexicon"], part["mean"], strict=True))
        assert values["change"] == pytest.approx(sens[text_id]["delta_mean"])
    # r-1234: no sentence moves, so the paired change is exactly 0 with a zero-width interval,
    # although each side's own interval is wide
    r = got.filter((pl.col("text_id") == "r-1234") & (pl.col("measure") == "Mean compound"))
    change = r.filter(pl.col("lexicon") == "change").row(0, named=True)
    assert change["ci_low"] == change["ci_high"] == 0.0
    base = r.filter(pl.col("lexicon") == "VADER").row(0, named=True)
    assert base["ci_high"] - base["ci_low"] == pytest.approx(0.6808 + 0.25)


def test_pearson_interval_is_the_fisher_z_interval():
    # r = 0.8, n = 5: tanh(atanh(0.8) -+ 1.959964 / sqrt(2)) = (-0.2796, 0.9862)
    x, y = [1, 2, 3, 4, 5], [2, 1, 4, 3, 5]
    assert sentiment_methods.pearson(x, y) == pytest.approx(0.8)
    z, half = math.atanh(0.8), 1.959964 / math.sqrt(5 - 3)
    low, high = sentiment_methods.pearson_interval(x, y)
    assert (low, high) == pytest.approx((math.tanh(z - half), math.tanh(z + half)), abs=1e-6)
    assert (round(low, 4), round(high, 4)) == (-0.2796, 0.9862)
    assert all(math.isnan(v) for v in sentiment_methods.pearson_interval([1, 2, 3], [1, 2, 4]))
    assert all(math.isnan(v) for v in sentiment_methods.pearson_interval([1] * 5, x))


def test_agreement_carries_intervals(sents):
    agreement = sentiment_methods.textstat_method_agreement(sents)
    assert agreement["text_id"].to_list() == [*IDS, "all"]
    pooled = agreement.filter(pl.col("text_id") == "all").row(0, named=True)
    assert pooled["label_agreement_ci_low"] <= pooled["label_agreement"]
    assert pooled["label_agreement"] <= pooled["label_agreement_ci_high"]
    share = agreement["label_agreement"].to_list()
    assert share[IDS.index("note-a")] == 1.0  # VADER 0 and AFINN 0 on both: neutral twice
    # two-sentence texts: too few for a Fisher interval
    r = agreement.filter(pl.col("text_id") == "r-1234").row(0, named=True)
    assert math.isnan(r["pearson_ci_low"]) and math.isnan(r["pearson_ci_high"])


def test_intervals_overlap():
    assert sentiment_intervals.intervals_overlap((0.0, 0.2), (0.2, 0.5))
    assert sentiment_intervals.intervals_overlap((-0.3, 0.4), (0.0, 0.1))
    assert not sentiment_intervals.intervals_overlap((-0.3, -0.1), (0.0, 0.1))


# --- style means ----------------------------------------------------------------------------------


def test_sentence_length_means_for_every_text(toks):
    from analysis.measures import style

    lengths = style.textstat_sentence_lengths(toks)
    got = sentiment_intervals.textstat_sentence_length_means(lengths)
    assert got["text_id"].to_list() == IDS
    summary = style.textstat_sentence_length_summary(lengths)
    assert got["mean"].to_list() == pytest.approx(summary["mean"].to_list())
    # stmt-c has one sentence: a zero-width interval at its length
    s = got.filter(pl.col("text_id") == "stmt-c").row(0, named=True)
    assert s["ci_low"] == s["ci_high"] == s["mean"] == 5
    assert (got["ci_low"] <= got["mean"]).all() and (got["mean"] <= got["ci_high"]).all()


def test_ratio_intervals_resample_clusters():
    frame = pl.DataFrame(
        {
            "text_id": ["a", "a", "b", "b", "b"],
            "num": [2, 6, 1, 2, 3],
            "den": [2, 3, 1, 2, 3],
        }
    )
    got = {
        r["text_id"]: r
        for r in sentiment_intervals.ratio_intervals(frame, "num", "den").rows(named=True)
    }
    # a: (2 + 6) / (2 + 3); two clusters with ratios 1 and 2, each alone in a resample with
    # probability 1/4, so the interval runs from 1 to 2
    assert got["a"]["value"] == pytest.approx(8 / 5)
    assert (got["a"]["ci_low"], got["a"]["ci_high"]) == (1.0, 2.0)
    # b: every cluster has ratio 1, so every resample does
    assert got["b"]["value"] == got["b"]["ci_low"] == got["b"]["ci_high"] == 1.0


def test_word_length_means_equal_the_style_table_and_carry_intervals(toks):
    from analysis.measures import style

    got = sentiment_intervals.textstat_word_length_means(toks)
    table = style.textstat_word_lengths(toks)
    for measure, column in (
        ("mean syllables", "mean_syllables"),
        ("share polysyllabic", "share_polysyllabic"),
        ("mean characters", "mean_characters"),
    ):
        part = got.filter(pl.col("measure") == measure)
        assert part["text_id"].to_list() == table["text_id"].to_list()
        assert part["value"].to_list() == pytest.approx(table[column].to_list())
    assert (got["ci_low"] <= got["value"] + 1e-12).all()
    assert (got["value"] <= got["ci_high"] + 1e-12).all()
    # note-a: "The cat sat on the mat. The dog ran." -- one syllable each, in both sentences
    a = got.filter((pl.col("text_id") == "note-a") & (pl.col("measure") == "mean syllables"))
    assert a.row(0, named=True)["ci_low"] == a.row(0, named=True)["ci_high"] == 1.0


def test_coverage_shares_with_intervals_for_every_text(toks):
    for extension in (False, True):
        got = sentiment_intervals.textstat_coverage_intervals(toks, extension=extension)
        cov = sentiment.textstat_lexicon_coverage(toks, extension=extension)
        words = got.filter(pl.col("measure") == "word tokens")
        assert words["text_id"].to_list() == IDS == cov["text_id"].to_list()
        assert words["share"].to_list() == pytest.approx(cov["share_scored"].to_list())
        content = got.filter(pl.col("measure") == "content words")
        assert content["share"].to_list() == pytest.approx(
            cov["share_content_scored"].to_list(), nan_ok=True
        )
    base = sentiment_intervals.textstat_coverage_intervals(toks)
    # note-a ("The cat sat on the mat. The dog ran."): no VADER entry in either sentence
    a = base.filter((pl.col("text_id") == "note-a") & (pl.col("measure") == "word tokens"))
    assert a.row(0, named=True)["share"] == a.row(0, named=True)["ci_high"] == 0.0
    # e-1234: scored words "illegal" (sentence 1 of 4 words) and "stop" (sentence 3 of 4), none
    # in sentence 2 (5 words): 2 / 13; a resample of sentence 2 alone (1/27) gives 0, one of
    # sentences 1 and 3 only (8/27) gives 1/4, the highest any resample reaches
    e = base.filter((pl.col("text_id") == "e-1234") & (pl.col("measure") == "word tokens"))
    row = e.row(0, named=True)
    assert row["share"] == pytest.approx(2 / 13)
    assert (row["ci_low"], row["ci_high"]) == (0.0, 0.25)
    comparison = sentiment.textstat_coverage_comparison(toks)
    assert {"ci_low", "ci_high"} <= set(comparison.columns)
    assert (comparison["ci_low"] <= comparison["share"] + 1e-12).all()
