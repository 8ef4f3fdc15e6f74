"""Key findings for the index page, on a synthetic corpus of five texts (no default ids)."""

from __future__ import annotations

import polars as pl
import pytest

from analysis import tokens
from analysis.measures import keyness, sentiment, sentiment_intervals
from analysis.measures.framing import share_interval
from analysis.report import findings

from .synthetic_texts import FIVE_TEXTS, token_frames

ORDER = list(FIVE_TEXTS)
NAMES = {t: f"text {t}" for t in ORDER}


@pytest.fixture(scope="module")
def frames():
    _, sentences, toks = token_frames(FIVE_TEXTS)
    return sentences, toks


def test_sizes_name_the_longest_and_shortest_text(frames):
    sentences, toks = frames
    summary = tokens.textstat_summary(toks, sentences)
    # Word tokens counted by hand: c "Territorial integrity matters. The river is wide and the
    # bridge is new." = 12 in 2 sentences; d "The river and the grain." = 5 in 1.
    assert findings.size_findings(summary, NAMES, ORDER) == [
        "Text c is the longest text (12 word tokens in 2 sentences).",
        "Text d is the shortest (5 word tokens in 1 sentence).",
    ]
    assert findings.size_findings(summary.head(0), NAMES) == [
        "No text has tokens yet, so nothing is measured."
    ]


def test_keyness_names_the_new_texts_key_term_and_the_texts_without(frames):
    _, toks = frames
    table = keyness.textstat_keyness_all(toks=toks)
    key = table.filter((pl.col("q") < 0.05) & (pl.col("g2") > 0))
    # Independently: only "harbour", five times in e-1234 and nowhere else, reaches q < 0.05.
    assert key.select("target", "term", "a", "b").rows() == [("e-1234", "harbour", 5, 0)]
    q = key["q"][0]
    assert findings.keyness_findings(table, NAMES, ORDER) == [
        f"Text e-1234 uses \u201charbour\u201d (5\u00d7, q = {q:.3f}) more than the other texts "
        "do (q < 0.05).",
        "Text a, text b, text c and text d have no term reaching q < 0.05 against the others.",
    ]
    # A stricter level leaves no text with a key term.
    strict = findings.keyness_findings(table, NAMES, ORDER, level=q / 2)
    assert strict == [
        f"Text a, text b, text c, text d and text e-1234 have no term reaching q < {q / 2:g} "
        "against the others."
    ]


def test_keyness_counts_further_terms_beyond_those_named():
    table = pl.DataFrame(
        {
            "target": ["x"] * 4 + ["y"],
            "term": ["w1", "w2", "w3", "w4", "z"],
            "a": [9, 8, 7, 6, 1],
            "g2": [9.0, 8.0, 7.0, 6.0, -1.0],
            "q": [0.0004, 0.002, 0.003, 0.04, 0.5],
        }
    )
    out = findings.keyness_findings(table, {"x": "the new note", "y": "the reply"}, n=2)
    assert out[0] == (
        "The new note uses \u201cw1\u201d (9\u00d7, q < 0.001) and \u201cw2\u201d (8\u00d7, "
        "q = 0.002) more than the other texts do, among four key terms (q < 0.05)."
    )
    assert out[1] == "The reply has no term reaching q < 0.05 against the others."


def test_sentiment_names_highest_and_lowest_with_intervals_and_ties(frames):
    sentences, _ = frames
    means = sentiment_intervals.textstat_sentiment_means(sentiment.textstat_sentiment(sentences))
    rows = {
        r["text_id"]: r
        for r in means.filter(pl.col("measure") == "mean compound").iter_rows(named=True)
    }
    c = rows["c"]
    assert c["mean"] == max(r["mean"] for r in rows.values()) > 0
    assert {t for t, r in rows.items() if r["mean"] == 0} == {"a", "b", "d", "e-1234"}
    out = findings.sentiment_findings(means, NAMES, ORDER)
    assert out[0] == (
        f"The mean VADER compound score of the sentences is highest in text c, "
        f"{c['mean']:+.3f} (95% interval {c['ci_low']:+.3f} to {c['ci_high']:+.3f})."
    )
    zero = "+0.000 (95% interval +0.000 to +0.000)"
    assert out[1] == (
        f"It is lowest in text a, {zero}, text b, {zero}, text d, {zero} and text e-1234, "
        f"{zero}; the score describes word choice, not the events."
    )
    alike = findings.sentiment_findings(means.filter(pl.col("text_id") != "c"), NAMES, ORDER)
    assert alike == [
        "The mean VADER compound score of the sentences is +0.000 in every text; the score "
        "describes word choice, not the events."
    ]


def test_framing_names_the_largest_gap_and_the_texts_without_gold():
    by_text = pl.DataFrame(
        {
            "text_id": ["a", "a", "e-1234"],
            "label": ["Rights", "Security", "Rights"],
            "gold_yes": [4, 6, 5],
            "auto_yes": [4, 2, 9],
            "both_yes": [4, 1, 5],
        }
    )
    low, high = share_interval(1, 6)
    out = findings.framing_findings(by_text, NAMES, ORDER)
    assert out == [
        "The framing dictionary's largest gap against the gold labels is \u201cSecurity\u201d in "
        f"text a: it finds 1 of the 6 sentences the gold codes so (recall 0.17, 95% bootstrap interval "
        f"{low:.2f} to {high:.2f}).",
        "No gold framing labels cover text b, text c and text d; the comparison leaves them out.",
    ]
    assert findings.framing_findings(by_text.head(0), NAMES, ["b"]) == [
        "No text has gold framing labels, so the dictionary is not checked.",
        "No gold framing labels cover text b; the comparison leaves it out.",
    ]


def test_timeline_orders_dated_texts_then_undated_ones_with_their_notes():
    texts = pl.DataFrame(
        {
            "text_id": ["n1", "n2", "n3"],
            "label": ["Note one", "Note two", "Note three"],
            "name": ["note one", "note two", "note three"],
            "doc_id": ["d1", "d2", "d3"],
            "date": ["2025-05-01", "unknown", "2024-01-31"],
        }
    )
    documents = pl.DataFrame(
        {
            "doc_id": ["d3", "d2", "d1"],
            "date": ["2024-01-31", "unknown", "2025-05-01"],
            "date_note": ["dated in the text", "not dated", "page footer"],
        }
    )
    frame = findings.timeline(texts, documents)
    assert frame.select("date", "text_id", "date_note").rows() == [
        ("2024-01-31", "n3", "dated in the text"),
        ("2025-05-01", "n1", "page footer"),
        ("unknown", "n2", "not dated"),
    ]


def test_demands_count_each_pairs_labels():
    resp = pl.DataFrame(
        {
            "text_id": ["a", "a", "a", "e-1234", "e-1234"],
            "response_id": ["b", "b", "b", "b", "d"],
            "demand_id": ["a:d1", "a:d2", "a:d3", "e:d1", "e:d1"],
            "label": ["addressed", "not_addressed", "addressed", "partial_overlap", "reframed"],
        }
    )
    assert findings.demands_findings(resp, NAMES) == [
        "The automatic labels of the 3 demands extracted from text a, against text b: "
        "2 \u201caddressed\u201d and 1 \u201cnot addressed\u201d.",
        "The automatic labels of the 1 demand extracted from text e-1234, against text b: "
        "1 \u201cpartial overlap\u201d.",
        "The automatic labels of the 1 demand extracted from text e-1234, against text d: "
        "1 \u201creframed\u201d.",
    ]
    assert findings.demands_findings(resp.head(0), NAMES) == [
        "No demand is extracted from a compared text, so nothing is labelled."
    ]


def test_reuse_gives_each_sides_share_with_its_interval():
    shares = pl.DataFrame(
        {
            "pair_id": ["c--e-1234", "c--e-1234"],
            "text_id": ["c", "e-1234"],
            "n_words": [12, 11],
            "n_reused": [3, 0],
            "n_sentences": [4, 2],
            "share": [0.25, 0.0],
            "ci_low": [0.089, 0.0],
            "ci_high": [0.532, 0.0],
        }
    )
    assert findings.reuse_findings(shares, NAMES) == [
        "3 of the 12 word tokens of text c (25.0%, 95% bootstrap interval over its four sentences, "
        "8.9% to 53.2%) and 0 of the 11 word tokens of text e-1234 (0.0%; none of its two "
        "sentences holds a shared span, so resampling its sentences gives no interval) lie "
        "inside word sequences the pair shares."
    ]
    assert findings.reuse_findings(shares.head(0)) == ["No pair of texts is compared for reuse."]


def test_referents_name_the_one_whose_forms_differ_most():
    found = pl.DataFrame(
        {
            "text_id": ["e-1234", "e-1234", "a", "c", "a", "c", "d"],
            "concept": ["Harbour", "Harbour", "Harbour", "Harbour", "River", "River", "Bridge"],
            "form": ["haven", "port", "port", "harbour", "river", "river", "bridge"],
        }
    )
    assert findings.referent_findings(found, NAMES, ORDER) == [
        "The referent \u201cHarbour\u201d of the referent lexicon is named by three texts: "
        "text a as \u201cport\u201d (1\u00d7); text c as \u201charbour\u201d (1\u00d7); text "
        "e-1234 as \u201chaven\u201d (1\u00d7) and \u201cport\u201d (1\u00d7)."
    ]
    assert findings.referent_findings(found.filter(pl.col("text_id") == "a"), NAMES) == [
        "No referent of the referent lexicon occurs in two or more texts."
    ]
