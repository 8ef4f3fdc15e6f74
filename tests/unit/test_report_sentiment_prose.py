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
    assert sp.describe_label_counting([]).count("(0 names, e.g. ) does not.") == 1


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
        "few sentences, one sentence can move a text's mean visibly, and no difference here is "
        "tested for significance.\n"
        "- **Opposite signs net out.** Formal texts mix evaluative words of opposite sign in one "
        'sentence, which VADER sums into one score (for example "war" and "hope" in one '
        "sentence of the statement)."
    )
    one = sp.describe_sentiment_caveats(summary.head(1), None, NAMES)
    assert "The text has 5 sentences;" in one
    assert one.endswith("which VADER sums into one score.")
