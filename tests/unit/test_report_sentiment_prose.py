"""The sentiment and style report's prose (notebook 04) on frames written for the test; the
real corpus and lexicons are not read."""

from __future__ import annotations

import polars as pl

from analysis.report import sentiment_prose as sp

TEXTS = pl.DataFrame(
    {
        "text_id": ["p-7", "s-8"],
        "label": ["Petition e-7", "Statement"],
        "name": ["petition e-7", "the statement"],
        "genre": ["petition", "statement"],
        "speaker": ["petitioners", "a council"],
        "date": ["2024-02-02", "unknown"],
    }
)
LABELS = {"p-7": "Petition e-7", "s-8": "Statement"}
NAMES = {"p-7": "petition e-7", "s-8": "the statement"}


def test_texts_measured():
    assert sp.describe_texts_measured(TEXTS) == (
        "The corpus in force lists 2 texts; every measure below is applied to each of them "
        "alike:\n\n"
        "- **Petition e-7** (petition e-7; petition; petitioners, 2024-02-02)\n"
        "- **Statement** (the statement; statement; a council, unknown)"
    )
    assert sp.describe_texts_measured(TEXTS.head(1)).startswith("The corpus in force lists 1 text;")


def test_event_label_names_and_counting():
    terms = pl.DataFrame(
        {
            "form": ["massacre", "Genocide Watch", "occup*", "Treaty of X", "Y Convention"],
            "category": ["event", "proper_name", "act", "proper_name", "proper_name"],
        }
    )
    forms = sp.event_label_names(terms)
    assert forms == ["Genocide Watch", "Treaty of X", "Y Convention"]
    out = sp.describe_label_counting(forms)
    assert '(3 names, e.g. "Genocide Watch", "Treaty of X") does not.' in out
    assert "(the lexicon lists none) does not." in sp.describe_label_counting([])
    assert '(1 name, e.g. "Genocide Watch") does not.' in sp.describe_label_counting(forms[:1])
    # columns named as the table heads them, not as variables
    assert "label_count" not in out and "Label count follows" in out


def test_smog_short_texts_and_sentence_splits():
    readability = pl.DataFrame(
        {"text_id": ["p-7", "s-8"], "n_sentences": [12, 40], "smog_reliable": [False, True]}
    )
    splits = pl.DataFrame(
        {"sentence_id": ["p-7:s003", "s-8:s010"], "inner_stops": ["Mr.; St.", ""]}
    )
    assert sp.describe_smog(readability, splits, LABELS) == (
        "SMOG was normed on 30-sentence samples (McLaughlin 1969); Petition e-7 (12 sentences) "
        "is shorter, so its SMOG is indicative only. textstat splits 2 of the suite's sentences "
        "(p-7:s003, s-8:s010), ending a sentence at 'Mr.', 'St.'."
    )
    both_short = readability.with_columns(pl.lit(False).alias("smog_reliable"))
    assert sp.describe_smog(both_short, splits.clear(), LABELS) == (
        "SMOG was normed on 30-sentence samples (McLaughlin 1969); Petition e-7, Statement "
        "(12, 40 sentences) are shorter, so their SMOG is indicative only."
    )
    assert sp.describe_smog(readability.tail(1), splits.clear(), LABELS).endswith(
        "every text has at least 30 sentences."
    )


def test_first_mixed_sentence():
    lexicon = {"sad": -1.5, "hope": 1.2, "good": 1.9, "war": -2.9}
    scores = pl.DataFrame(
        {
            "text_id": ["p-7", "p-7", "s-8"],
            "text": ["A good day.", "We HOPE, after the war; sad.", "War is sad, good hope."],
        }
    )
    # The first sentence has only a positive word; the second mixes: first negative "war",
    # first positive "hope" (lower-cased, punctuation stripped).
    assert sp.first_mixed_sentence(scores, lexicon) == ("war", "hope", "p-7")
    assert sp.first_mixed_sentence(scores.head(1), lexicon) is None


def test_sentiment_caveats():
    summary = pl.DataFrame({"text_id": ["p-7", "s-8"], "n_sentences": [5, 9]})
    assert sp.describe_sentiment_caveats(summary, ("war", "hope", "s-8"), NAMES) == (
        "## Caveats\n\n"
        "- **Short texts.** The 2 texts have between 5 and 9 sentences; shares and means rest on "
        "few sentences, one sentence can move a text's mean visibly, and each compared mean "
        "and share carries a 95% interval (bootstrap over the text's sentences) that shows how "
        "far. Whether two texts' intervals overlap is a rough guide, not a significance test.\n"
        "- **Opposite signs net out.** Formal texts mix evaluative words of opposite sign in one "
        'sentence, which VADER sums into one score (for example "war" and "hope" in one '
        "sentence of the statement)."
    )
    one = sp.describe_sentiment_caveats(summary.head(1), None, NAMES)
    assert "The text has 5 sentences;" in one
    assert one.endswith("which VADER sums into one score.")


# --- means with intervals -----------------------------------------------------------------------

FOUR = {"p-7": "petition e-7", "s-8": "the statement", "n-9": "the note", "r-10": "the reply"}


def _means() -> pl.DataFrame:
    rows = [
        ("p-7", "mean compound", 5, -0.4, -0.6, -0.2),
        ("p-7", "share negative", 5, 0.8, 0.4, 1.0),
        ("p-7", "share positive", 5, 0.0, 0.0, 0.0),
        ("s-8", "mean compound", 9, 0.1, -0.15, 0.35),
        ("s-8", "share negative", 9, 0.3333, 0.1111, 0.6667),
        ("s-8", "share positive", 9, 0.4444, 0.1111, 0.7778),
        ("n-9", "mean compound", 4, 0.5, 0.3, 0.7),
        ("n-9", "share negative", 4, 0.0, 0.0, 0.0),
        ("n-9", "share positive", 4, 1.0, 1.0, 1.0),
        ("r-10", "mean compound", 2, 0.2, 0.2, 0.2),
        ("r-10", "share negative", 2, 0.0, 0.0, 0.0),
        ("r-10", "share positive", 2, 1.0, 1.0, 1.0),
    ]
    return pl.DataFrame(
        rows, schema=["text_id", "measure", "n", "mean", "ci_low", "ci_high"], orient="row"
    )


def test_a_comparison_gives_both_intervals_and_says_whether_they_overlap():
    means = _means()
    assert sp.describe_mean_comparison(means, "p-7", "s-8", names=FOUR) == (
        "Mean compound: -0.400 [-0.60, -0.20] for petition e-7 (5 sentences) and 0.100 "
        "[-0.15, 0.35] for the statement (9 sentences); the two intervals do not overlap."
    )
    assert sp.describe_mean_comparison(means, "s-8", "r-10", names=FOUR).endswith(
        "0.200 [0.20, 0.20] for the reply (2 sentences); the two intervals overlap."
    )
    shares = sp.describe_mean_comparison(
        means, "p-7", "n-9", measure="share negative", names=FOUR, digits=2
    )
    assert shares.startswith("Share negative: 0.80 [0.40, 1.00] for petition e-7")
    assert sp.describe_mean_comparison(means, "p-7", "x-1", names=FOUR) == (
        "No mean compound to compare for x-1 (no sentences)."
    )


def test_pairs_compared_are_the_corpus_pairs_then_lowest_and_highest():
    means = _means()
    # a pair whose texts are both present, one with a text absent (left out), then the lowest
    # (p-7, -0.4) against the highest (n-9, 0.5) mean
    assert sp.comparison_pairs(means, [("s-8", "r-10"), ("s-8", "gone")]) == [
        ("s-8", "r-10"),
        ("p-7", "n-9"),
    ]
    assert sp.comparison_pairs(means, [("n-9", "p-7")]) == [("n-9", "p-7")]
    assert sp.comparison_pairs(means.filter(pl.col("text_id") == "p-7"), []) == []


def test_means_prose_for_every_text_with_intervals_and_the_note():
    text = sp.describe_sentiment_means(_means(), [("s-8", "r-10")], names=FOUR)
    assert text.startswith("VADER (without extension), per text:\n\n")
    for line in (
        "- **Petition e-7** (5 sentences): mean compound -0.400 [-0.60, -0.20]; share of "
        "sentences negative 0.80 [0.40, 1.00]; positive 0.00 [0.00, 0.00].",
        "- **The note** (4 sentences): mean compound 0.500 [0.30, 0.70]; share of sentences "
        "negative 0.00 [0.00, 0.00]; positive 1.00 [1.00, 1.00].",
        "- **The reply** (2 sentences): mean compound 0.200 [0.20, 0.20];",
        "not a significance test",
        "for the statement (9 sentences) and 0.200 [0.20, 0.20] for the reply",
        "for petition e-7 (5 sentences) and 0.500 [0.30, 0.70] for the note (4 sentences); the "
        "two intervals do not overlap.",
    ):
        assert line in text
    assert text.endswith(
        "\n\n95% intervals: percentile bootstrap over sentences (2,000 resamples, fixed seed), "
        "resampling within each text."
    )


def _sensitivity(rows):
    columns = [
        "text_id", "n_sentences", "mean_base", "mean_extended", "delta_mean",
        "share_negative_base", "share_negative_extended", "n_sentences_changed",
        "n_labels_changed", "mean_base_ci_low", "mean_base_ci_high", "mean_extended_ci_low",
        "mean_extended_ci_high", "delta_mean_ci_low", "delta_mean_ci_high",
    ]  # fmt: skip
    return pl.DataFrame(rows, schema=columns, orient="row")


def test_sensitivity_bullets_for_every_text_with_intervals_and_the_note():
    labels = {"p-7": "Petition e-7", "s-8": "Statement", "n-9": "Note *b*", "r-10": "Reply"}
    table = _sensitivity(
        [
            ("p-7", 5, -0.4, -0.45, -0.05, 0.8, 1.0, 2, 1, -0.6, -0.2, -0.7, -0.25, -0.1, -0.01),
            ("s-8", 9, 0.1234, 0.1234, 0.0, 0.25, 0.25, 0, 0, 0.0, 0.25, 0.0, 0.25, 0.0, 0.0),
            ("n-9", 4, 0.5, 0.3, -0.2, 0.0, 0.5, 3, 2, 0.3, 0.7, 0.1, 0.5, -0.4, -0.05),
            ("r-10", 1, 0.2, 0.2, 0.0, 0.0, 0.0, 0, 0, None, None, None, None, None, None),
        ]
    )
    assert sp.describe_sensitivity(table, labels) == (
        "- **Petition e-7**: mean compound -0.400 [-0.60, -0.20] → -0.450 [-0.70, -0.25] "
        "(change -0.050 [-0.100, -0.010], paired over sentences); negative sentences 80% → "
        "100%; 2 of 5 sentence scores move, 1 change label.\n"
        "- **Statement**: mean compound 0.123 [0.00, 0.25] → 0.123 [0.00, 0.25] (change +0.000 "
        "[0.000, 0.000], paired over sentences); negative sentences 25% → 25%; 0 of 9 sentence "
        "scores move, 0 change label.\n"
        r"- **Note \*b\***: mean compound 0.500 [0.30, 0.70] → 0.300 [0.10, 0.50] (change "
        "-0.200 [-0.400, -0.050], paired over sentences); negative sentences 0% → 50%; 3 of 4 "
        "sentence scores move, 2 change label.\n"
        "- **Reply**: mean compound 0.200 [n/a] → 0.200 [n/a] (change +0.000 [n/a], paired "
        "over sentences); negative sentences 0% → 0%; 0 of 1 sentence scores move, 0 change "
        "label.\n\n"
        "95% intervals: percentile bootstrap over sentences (2,000 resamples, fixed seed), "
        "resampling within each text."
    )
