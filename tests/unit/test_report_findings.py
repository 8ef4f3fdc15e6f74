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


def test_sentiment_gives_every_mean_and_does_not_rank_overlapping_intervals(frames):
    sentences, _ = frames
    means = sentiment_intervals.textstat_sentiment_means(sentiment.textstat_sentiment(sentences))
    rows = {
        r["text_id"]: r
        for r in means.filter(pl.col("measure") == "mean compound").iter_rows(named=True)
    }
    c = rows["c"]
    assert c["mean"] == max(r["mean"] for r in rows.values()) > 0
    assert {t for t, r in rows.items() if r["mean"] == 0} == {"a", "b", "d", "e-1234"}
    # Text c's interval starts at 0, where the four others' degenerate intervals lie: all overlap.
    assert c["ci_low"] == 0.0
    out = findings.sentiment_findings(means, NAMES, ORDER)
    zero = "(95% interval +0.000 to +0.000)"
    assert out == [
        f"The mean VADER compound score of the sentences is +0.000 in text a {zero}, +0.000 in "
        f"text b {zero}, {c['mean']:+.3f} in text c (95% interval +0.000 to "
        f"{c['ci_high']:+.3f}), +0.000 in text d {zero} and +0.000 in text e-1234 {zero}.",
        "Every pair of intervals overlaps, so the texts are not ranked.",
        "The score describes word choice, not the events.",
    ]
    assert "highest" not in " ".join(out) and "lowest" not in " ".join(out)


def _means(values: dict[str, tuple[float, float | None, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "text_id": list(values),
            "measure": ["mean compound"] * len(values),
            "mean": [v[0] for v in values.values()],
            "ci_low": [v[1] for v in values.values()],
            "ci_high": [v[2] for v in values.values()],
        }
    )


def test_sentiment_ranks_only_pairs_whose_intervals_do_not_overlap():
    means = _means(
        {
            "a": (0.1, -0.2, 0.4),
            "b": (0.6, 0.45, 0.8),
            "c": (0.3, 0.0, 0.5),
            "e-1234": (-0.5, -0.7, -0.3),
        }
    )
    coverage = pl.DataFrame(
        {"text_id": ["a", "b", "c", "e-1234"], "share_scored": [0.08, 0.2, 0.05, 0.125]}
    )
    out = findings.sentiment_findings(means, NAMES, ORDER, coverage=coverage)
    # Overlap by hand: a-b no (0.4 < 0.45), a-c yes, a-e no (-0.3 < -0.2), b-c yes (0.45 <=
    # 0.5), b-e no, c-e no: four of the six pairs are ordered.
    assert out[1] == (
        "Text b's interval lies above text a's, text a's interval lies above text e-1234's, "
        "text b's interval lies above text e-1234's and text c's interval lies above text "
        "e-1234's; the other pairs' intervals overlap."
    )
    assert out[2] == (
        "The score describes word choice, not the events; VADER's lexicon scores between 5.0% "
        "(text c) and 20.0% (text b) of a text's word tokens."
    )
    two = findings.sentiment_findings(_means({"a": (0.1, -0.2, 0.4), "b": (0.2, 0.0, 0.5)}), NAMES)
    assert two[1] == "The two intervals overlap, so the texts are not ranked."
    # A mean without an interval is given, and never ranked.
    bare = findings.sentiment_findings(_means({"a": (0.9, None, None), "b": (0.1, 0.0, 0.2)}))
    assert bare[0].endswith("+0.900 in a and +0.100 in b (95% interval +0.000 to +0.200).")
    assert bare[1] == (
        "The texts are not ranked: a has no interval, and no two intervals are apart."
    )
    assert findings.sentiment_findings(means.head(0)) == [
        "No text has scored sentences, so no sentiment is reported."
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
        "The framing dictionary's largest gap against the gold labels, counted as gold-coded "
        "sentences missed (report 02's per-text agreement), is \u201cSecurity\u201d in "
        f"text a: it finds 1 of the 6 sentences the gold codes so (recall 0.17, 95% bootstrap interval "
        f"{low:.2f} to {high:.2f}).",
        "No gold framing labels cover text b, text c and text d; the comparison leaves them out.",
    ]
    assert findings.framing_findings(by_text.head(0), NAMES, ["b"]) == [
        "No text has gold framing labels, so the dictionary is not checked.",
        "No gold framing labels cover text b; the comparison leaves it out.",
    ]
    # with the dictionary's version, the gap sentence says whether its agreement is tuned
    from analysis.report.framing_prose import CueVersion

    tuned = CueVersion(version="7", date="2030-01-01", revised_with_gold=True, path="x.csv")
    out = findings.framing_findings(by_text, NAMES, ORDER, version=tuned)
    assert out[0].endswith(
        f"{low:.2f} to {high:.2f}). These figures come from dictionary version 7, revised with "
        "the gold labels open: in-sample agreement, tuned on the labels it is scored against."
    )


def test_framing_gap_is_the_one_report_02_names_not_the_lowest_recall():
    from analysis.report import framing_prose

    # e-1234 "Rights" misses 3 of 10 (recall 0.70); a "Security" misses 2 of 2 (recall 0.00):
    # report 02 counts sentences missed, so both name e-1234's "Rights".
    by_text = pl.DataFrame(
        {
            "text_id": ["a", "e-1234"],
            "label": ["Security", "Rights"],
            "gold_yes": [2, 10],
            "auto_yes": [0, 7],
            "both_yes": [0, 7],
        }
    )
    report = framing_prose.describe_largest_gap(by_text, NAMES)
    index = findings.framing_findings(by_text, NAMES, ["a", "e-1234"])[0]
    assert report.startswith("The largest gap is for Rights in text e-1234:")
    assert "\u201cRights\u201d in text e-1234: it finds 7 of the 10 sentences" in index
    assert "(recall 0.70, 95% bootstrap interval" in index


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
    unchecked = "; no gold label covers them, so these labels are unchecked."
    assert findings.demands_findings(resp, NAMES) == [
        "The automatic labels of the 3 demands extracted from text a, against text b: "
        f"2 \u201caddressed\u201d and 1 \u201cnot addressed\u201d{unchecked}",
        "The automatic labels of the 1 demand extracted from text e-1234, against text b: "
        f"1 \u201cpartial overlap\u201d{unchecked}",
        "The automatic labels of the 1 demand extracted from text e-1234, against text d: "
        f"1 \u201creframed\u201d{unchecked}",
    ]
    assert findings.demands_findings(resp.head(0), NAMES) == [
        "No demand is extracted from a compared text, so nothing is labelled."
    ]


def test_demands_give_the_gold_coders_labels_and_agreement_beside_the_automatic_ones():
    # e-1234's five demands against b are on the policy-overlap scale; the gold covers four.
    auto = ["no_overlap"] * 5
    gold = ["no_overlap", "partial_overlap", "no_overlap", "partial_overlap", None]
    resp = pl.DataFrame(
        {
            "text_id": ["e-1234"] * 5 + ["a"],
            "response_id": ["b"] * 5 + ["b"],
            "scale": ["policy_overlap"] * 5 + ["responsiveness"],
            "label": [*auto, "addressed"],
        }
    )
    table = pl.DataFrame(
        {
            "text_id": ["e-1234"] * 5 + ["a"],
            "response_id": ["b"] * 6,
            "auto_label": [*auto, "addressed"],
            "gold_label": [*gold, "not_addressed"],
        }
    )
    out = findings.demands_findings(resp, NAMES, table)
    # Agreement 2 of 4 = 0.50; kappa: p_o 0.5, p_e = 1.0 * 0.5 = 0.5, so kappa (0.5-0.5)/0.5 = 0.
    assert out[0] == (
        "The automatic labels of the 5 demands extracted from text e-1234, against text b: "
        "5 \u201cno overlap\u201d; the gold coder's labels of 4 of them: 2 \u201cno overlap\u201d "
        "and 2 \u201cpartial overlap\u201d (raw agreement 0.50, Cohen's kappa 0.00); the "
        "automatic policy-overlap label is a floor, not a judgement."
    )
    # One unit with different labels: kappa is undefined (p_e = 1 is impossible here: 0/0).
    assert out[1].startswith(
        "The automatic labels of the 1 demand extracted from text a, against text b: "
        "1 \u201caddressed\u201d; the gold coder's labels of 1 of them: 1 \u201cnot "
        "addressed\u201d (raw agreement 0.00, Cohen's kappa "
    )
    assert "floor" not in out[1]


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


def test_referents_keep_the_suites_mark_on_mapped_forms():
    found = pl.DataFrame(
        {
            "text_id": ["e-1234", "a", "a"],
            "concept": ["Harbour"] * 3,
            "form": ["the coast", "port", "port"],
        }
    )
    assert findings.referent_findings(found, NAMES, ORDER, mapped={"the coast"}) == [
        "The referent \u201cHarbour\u201d of the referent lexicon is named by two texts: "
        "text a as \u201cport\u201d (2\u00d7); text e-1234 as \u201cthe coast\u2020\u201d "
        "(1\u00d7). \u2020 Mapped by the suite: the text's word names something wider or "
        "narrower, which the suite files under this referent."
    ]


def _collocates(rows: list[tuple[str, str, int, float]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=["text_id", "collocate", "freq", "log_dice"], orient="row")


def test_collocations_name_each_texts_top_collocates_by_logdice():
    frame = _collocates(
        [
            ("e-1234", "quay", 3, 13.1),
            ("e-1234", "ships", 2, 12.0),
            ("a", "old", 2, 12.5),
            ("a", "new", 4, 12.5),
            ("a", "the", 5, 11.0),
            ("c", "port", 2, 12.9),
        ]
    )
    focus = {"concept": "Harbour", "n": 9, "n_texts": 4}
    out = findings.collocation_findings(frame, focus, NAMES, ORDER, span=(4, 3), min_freq=2)
    # Ties share the first rank (a's "new" and "old"), named alphabetically; b and d list none.
    assert out == [
        "Around the referent \u201cHarbour\u201d (9 occurrences in four texts; 4 words left and "
        "3 right, pairs seen at least 2 times), the collocates ranked first by logDice are: in "
        "text a \u201cnew\u201d (4\u00d7) and \u201cold\u201d (2\u00d7), logDice 12.50; in "
        "text c \u201cport\u201d (2\u00d7), logDice 12.90; in text e-1234 \u201cquay\u201d "
        "(3\u00d7), logDice 13.10 (logDice ranks association strength; no significance is "
        "claimed).",
        "Text b and text d have no collocate there.",
    ]
    one = findings.collocation_findings(frame, focus, NAMES, ORDER, n=1)
    assert "in text a \u201cnew\u201d (4\u00d7) and 1 more, logDice 12.50" in one[0]
    assert findings.collocation_findings(frame, None, NAMES) == [
        "No referent of the referent lexicon occurs in two or more texts."
    ]
    assert findings.collocation_findings(frame.head(0), focus, NAMES, ORDER)[0].endswith(
        "pairs seen at least 2 times), no text has a collocate."
    )


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
