"""Sentence splitting at scale: batches of segments on any executor give the same frame.

Synthetic segments only; the frames are compared with the serial run and with
:func:`analysis.bench.reference_tokens.tokens_sentences_reference` (the row-by-row version).
"""

from __future__ import annotations

from array import array

import polars as pl
import pytest

from analysis import executor, sentences, tokens
from analysis.bench.reference_tokens import tokens_sentences_reference

from .synthetic_texts import FIVE_TEXTS, segments_frame

#: Uneven segments: empty and blank ones (no sentence), one line break, abbreviations.
UNEVEN = {
    "v-empty": "",
    "w-blank": "   \t ",
    "x-long": " ".join(f"Sentence number {i} ends here." for i in range(1, 41)),
    "y-abbr": "Dr. Smith met Mr. Jones on 3 Oct. 2023. They spoke.\nA new line starts.",
    "z-short": "One.",
}


@pytest.fixture
def segments() -> pl.DataFrame:
    return segments_frame(
        {**FIVE_TEXTS, **UNEVEN}, extra={"a:comment": "A note. Another note.", "z-short:foot": "x"}
    )


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of about 60 characters, so every test input is cut into many of them."""
    monkeypatch.setattr(sentences, "SENTENCE_BATCH_CHARS", 60)


def test_sentence_spans_of_a_known_text():
    text = "Dr. Lee left. He came back!\nNew line here"
    assert sentences.sentence_spans(text) == [(0, 13), (14, 27), (28, 41)]
    assert sentences._spans_flat([text, ""]) == [
        array("q", [0, 13, 14, 27, 28, 41]),
        array("q"),
    ]


def test_batches_follow_the_character_budget(segments, small_batches, monkeypatch):
    seen: list[list[list[str]]] = []
    real = executor.map_chunks

    def spy(fn, items, **kwargs):
        items = list(items)
        seen.append(items)
        return real(fn, items, **kwargs)

    monkeypatch.setattr(executor, "map_chunks", spy)
    texts = segments["text"].to_list()
    sentences.all_spans(texts, executor.Serial())
    (batches,) = seen
    # consecutive, complete, and over budget only when one text alone is
    assert [t for b in batches for t in b] == texts
    for batch in batches:
        assert sum(map(len, batch)) <= 60 or len(batch) == 1
    assert len(batches) > 5
    # the long segment (over the budget) is a batch on its own
    assert [UNEVEN["x-long"]] in batches


def test_serial_and_two_processes_give_the_reference_frame(segments, small_batches):
    want = tokens_sentences_reference(segments)
    serial = tokens.tokens_sentences(segments, run_on=executor.Serial())
    parallel = tokens.tokens_sentences(segments, run_on=executor.Processes(2))
    assert serial.schema == want.schema == parallel.schema
    assert serial.equals(want)
    assert parallel.equals(want)
    # the long text's 40 sentences, numbered in order; empty segments give no rows
    long = parallel.filter(pl.col("text_id") == "x-long")
    assert long.height == 40
    assert long["sentence_id"][39] == "x-long:s040"
    assert long["text"][39] == "Sentence number 40 ends here."
    assert parallel.filter(pl.col("text_id").is_in(["v-empty", "w-blank"])).is_empty()
    abbr = parallel.filter(pl.col("text_id") == "y-abbr")["text"].to_list()
    assert abbr == ["Dr. Smith met Mr. Jones on 3 Oct. 2023.", "They spoke.", "A new line starts."]


def test_small_corpora_split_serially_large_ones_on_the_executor(segments, monkeypatch):
    used: list[str] = []

    class Recording(executor.Serial):
        def run(self, fn, chunks, bar):
            used.append("executor")
            return super().run(fn, chunks, bar)

    monkeypatch.setattr(executor, "current", Recording)
    want = tokens_sentences_reference(segments)
    assert tokens.tokens_sentences(segments).equals(want)
    assert used == []  # far below SENTENCES_MIN_PARALLEL characters
    monkeypatch.setattr(sentences, "SENTENCES_MIN_PARALLEL", 100)
    assert tokens.tokens_sentences(segments).equals(want)
    assert used == ["executor"]


def test_no_segments_and_no_sentences():
    empty = segments_frame({"q": ""})
    assert tokens.tokens_sentences(empty, run_on=executor.Processes(2)).is_empty()
    assert tokens.tokens_sentences(empty.head(0)).is_empty()
