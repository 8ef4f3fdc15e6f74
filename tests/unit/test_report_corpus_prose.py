"""The corpus report's prose (notebook 00) on frames written for the test.

Five texts with ids that are not the default ones: two petitions (one answered by a response,
one without any pair), a response, a letter compared with that response for overlap only, and a
statement. Expected sentences are written out by hand from these frames.
"""

from __future__ import annotations

import polars as pl

from analysis.corpus import Pair
from analysis.report import corpus_prose as cp

TEXTS = pl.DataFrame(
    [
        ("p-1", "Petition e-1 (2024)", "petition e-1", "petition"),
        ("r-1", "Response to e-1", "the Government of Canada's response", "response"),
        ("p-2", "Petition *e-2*", "petition e-2", "petition"),
        ("l-3", "Open letter", "", "letter"),
        ("s-4", "Statement", "the statement", "statement"),
    ],
    schema=["text_id", "label", "name", "genre"],
    orient="row",
)
PAIRS = (
    Pair("p-1", "r-1", "response", "printed on the same page"),
    Pair("l-3", "r-1", "overlap", "policy overlap only"),
    Pair("s-4", "r-1", "overlap", "a later statement"),
)


def test_pairs_answered_compared_and_unpaired():
    assert cp.describe_pairs(TEXTS, PAIRS) == (
        "**Pairs compared in notebook 03.**\n\n"
        "- The Government of Canada's response answers petition e-1.\n"
        # l-3 has no prose name: its label stands in.
        "- Open letter, compared with the Government of Canada's response: policy overlap only.\n"
        "- The statement, compared with the Government of Canada's response: a later statement.\n"
        # p-2 is in no pair; its label's asterisks are shown literally.
        "- No response is paired with Petition \\*e-2\\*; its demands are described, never "
        "scored against an unrelated response."
    )


def test_a_second_response_pair_for_the_same_text_reads_as_a_comparison():
    # Only the first pair of relation "response" for a text answers it (corpus.response_for).
    pairs = (Pair("p-1", "r-1", "response", "page"), Pair("p-1", "r-1", "response", "again"))
    lines = cp.describe_pairs(TEXTS.head(2), pairs).split("\n")[2:]
    assert lines == [
        "- The Government of Canada's response answers petition e-1.",
        "- Petition e-1, compared with the Government of Canada's response: again.",
    ]


def test_no_pairs_and_no_advocacy_text():
    only_response = TEXTS.filter(pl.col("genre") == "response")
    assert cp.describe_pairs(only_response, ()) == "**Pairs compared in notebook 03.**\n\n- none"


def test_record_sentence_full_and_minimal():
    full = {
        "petition_number": "e-1",
        "subject": "Foreign affairs",
        "open_for_signature": "2024-01-01",
        "closed_for_signature": "2024-05-01",
        "presented_on": "2024-06-01",
        "house_petition_number": "441-00001",
        "response_tabled": "2024-07-15",
        "response_signed_by": "The Minister",
    }
    assert cp.record_sentence(full) == (
        "The page records petition e-1 (Foreign affairs), open for signature from 2024-01-01 "
        "to 2024-05-01, presented to the House of Commons on 2024-06-01 (Petition No. "
        "441-00001). The government response, signed by The Minister, was tabled on "
        "2024-07-15."
    )
    # Only an opening date: no signature clause; no number printed (the placeholder is
    # escaped like any value, so Markdown shows its parentheses).
    assert cp.record_sentence(
        {"open_for_signature": "2024-01-01", "presented_on": "2024-02-02"}
    ) == (
        "The page records petition \\(number not printed\\), presented to the House of Commons "
        "on 2024-02-02."
    )


def test_petition_records_one_bullet_per_petition():
    record = pl.DataFrame(
        [
            ("e-1", "petition_number", "e-1"),
            ("e-1", "response_tabled", "2024-07-15"),
            ("451-2", "petition_number", "451-2"),
            ("451-2", "subject", "Human rights"),
        ],
        schema=["petition_id", "field", "value"],
        orient="row",
    )
    assert cp.describe_petition_records(record) == (
        "- The page records petition e-1. The government response was tabled on 2024-07-15.\n"
        "- The page records petition 451-2 (Human rights)."
    )
    assert cp.describe_petition_records(None) == ""
    assert cp.describe_petition_records(record.clear()) == ""


SEGMENTS = pl.DataFrame(
    [
        ("p-1", "preamble_item"),
        ("p-1", "preamble_item"),
        ("p-1", "demand"),
        (None, "site_furniture"),
        ("r-1", "response_paragraph"),
        (None, "petition_record"),
        (None, "site_furniture"),
    ],
    schema={"text_id": pl.String, "role": pl.String},
    orient="row",
)


def test_text_roles_count_every_role_of_every_text():
    labels = {"p-1": "Petition e-1", "r-1": "Response", "s-4": "Statement"}
    assert cp.describe_text_roles(SEGMENTS, labels) == (
        "- **Petition e-1**: 2 preamble item segments, 1 demand segment\n"
        "- **Response**: 1 response paragraph segment\n"
        "- **Statement**: no segments"
    )


def test_outside_roles():
    assert cp.describe_outside_roles(SEGMENTS) == (
        "Outside the primary texts: 3 segments in 2 roles (site furniture, petition record), "
        "kept as their own segment types."
    )
    inside = SEGMENTS.filter(pl.col("text_id").is_not_null())
    assert cp.describe_outside_roles(inside) == (
        "Every segment of the sources belongs to a primary text."
    )


def test_corpus_caveats():
    summary = pl.DataFrame({"text_id": ["p-1", "r-1", "s-4"], "n_word_tokens": [120, 45, 300]})
    sources = pl.DataFrame(
        {
            "source_id": ["src-a", "src-b", "src-c"],
            "captured": ["2024-01-01", "unknown", "2024-01-02"],
            "publisher": ["House", "House", "unknown (no imprint)"],
            "origin": ["url", "url", "url"],
        }
    )
    texts = TEXTS.filter(pl.col("text_id").is_in(["p-1", "r-1", "s-4"]))
    assert cp.describe_corpus_caveats(summary, sources, texts) == (
        "- Not recorded for `src-b`, `src-c`: capture date, publisher or origin; these are "
        "marked unknown rather than guessed.\n"
        "- The 3 texts are short (45 to 300 word tokens) and of three genres (petition, "
        "response, statement). Every comparison in the later notebooks describes these texts, "
        "not the communities or governments behind them.\n"
        "- Segmentation is specific to each source's layout; `discourse check` fails if a raw "
        "file changes or a segment stops matching as expected."
    )
    # One text, every source fully recorded: no provenance bullet.
    one = cp.describe_corpus_caveats(summary.head(1), sources.head(1), texts.head(1))
    assert one.startswith("- The text is short (120 word tokens) and of one genre (petition).")
    # Thousands separators in sizes.
    big = summary.with_columns(pl.col("n_word_tokens") * 100)
    assert "(4,500 to 30,000 word tokens)" in cp.describe_corpus_caveats(big, sources, texts)


def test_two_unpaired_texts_are_joined_and_take_their():
    # Only l-3's overlap pair: p-1 and p-2 are unpaired.
    lines = cp.describe_pairs(TEXTS, (PAIRS[1],)).split("\n")
    assert lines[-1] == (
        "- No response is paired with Petition e-1 \\(2024\\), Petition \\*e-2\\* and Statement; "
        "their demands are described, never scored against an unrelated response."
    )
