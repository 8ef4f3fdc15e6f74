"""A synthetic corpus of five short texts for the framing, stance and chart unit tests.

Written for the tests: a tiny manifest (five texts, none with a default id) and one raw file per
text in a temporary folder, made the corpus in force for the test; sentences, tokens, a small
cue dictionary, stance markers and gold labels are built here as frames. Nothing of the real
corpus is read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from . import synthetic

#: id, label, genre, name and the sentences of each text, in display order.
TEXTS: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "p-101",
        "Petition e-101 (2024)",
        "petition",
        "petition e-101",
        ("The law protects victims.", "Canada may act clearly.", "Trade continues."),
    ),
    (
        "r-101",
        "Government response (2024)",
        "response",
        "the response to e-101",
        ("Canada supports dialogue.", "The law is clearly applied."),
    ),
    (
        "p-202",
        "Petition e-202",
        "petition",
        "petition e-202",
        (
            "Victims of the massacre deserve justice.",
            "It was illegal and a massacre.",
            "Canada must act.",
            "Nothing follows here.",
        ),
    ),
    (
        "l-303",
        "Open letter (2025)",
        "letter",
        "the letter of 2025",
        ("Regrettably, trade with them clearly grows.",),
    ),
    (
        "s-404",
        "Community statement",
        "statement",
        "the statement",
        ("We may hope.", "The victims remember the law."),
    ),
)
TEXT_IDS = [t[0] for t in TEXTS]
NAMES = {t[0]: t[3] for t in TEXTS}

#: A small dictionary: layer, category, cue (the real one is not read in unit tests).
CUES = pl.DataFrame(
    [
        ("frame", "legality", "law"),
        ("frame", "legality", "illegal*"),
        ("frame", "crime", "massacre"),
        ("frame", "economic", "trade"),
        ("entman", "remedy", "must"),
        ("entman", "remedy", "act"),
        ("domain", "victimhood", "victims"),
        ("domain", "canada", "canada"),
    ],
    schema=["layer", "category", "cue"],
    orient="row",
).with_columns(pl.lit("test cue").alias("rationale"))

MARKERS = pl.DataFrame(
    [
        ("hedge", "may"),
        ("booster", "clearly"),
        ("attitude", "regrettably"),
        ("directive", "must"),
        ("excluded", "may hope"),
    ],
    schema=["category", "marker"],
    orient="row",
)


@dataclass(frozen=True)
class Corpus:
    manifest: Path
    sentences: pl.DataFrame
    toks: pl.DataFrame


def write_manifest(folder: Path) -> Path:
    """Write the raw files and a manifest listing the five texts; return the manifest path."""
    sources = [
        synthetic.raw_source(
            folder, f"src-{text_id}", f"{text_id}.txt", " ".join(sents), title=label, kind="plain"
        )
        for text_id, label, _genre, _name, sents in TEXTS
    ]
    documents = [
        synthetic.entry(
            "documents",
            id=f"doc-{text_id}",
            source=f"src-{text_id}",
            title=label,
            speaker="test",
            date="2024-01-01",
            date_note="test",
        )
        for text_id, label, *_ in TEXTS
    ]
    texts = [
        synthetic.entry(
            "texts",
            id=text_id,
            label=label,
            document=f"doc-{text_id}",
            roles=["text"],
            genre=genre,
            name=name,
        )
        for text_id, label, genre, name, _ in TEXTS
    ]
    return synthetic.write_manifest(folder, sources + documents + texts)


def frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Sentences and normalised tokens of the five texts, offsets into their raw files."""
    rows = []
    for text_id, *_, sents in TEXTS:
        start = 0
        for i, sent in enumerate(sents, start=1):
            rows.append(
                {
                    "source_id": f"src-{text_id}",
                    "doc_id": f"doc-{text_id}",
                    "text_id": text_id,
                    "segment_id": f"{text_id}:text:1",
                    "role": "text",
                    "speaker": "test",
                    "sentence_id": f"{text_id}:s{i:03d}",
                    "sentence_index": i,
                    "start": start,
                    "end": start + len(sent),
                    "text": sent,
                }
            )
            start += len(sent) + 1
    sentences = pl.DataFrame(rows)
    return sentences, synthetic.tokens_of(sentences)


@contextmanager
def in_force(folder: Path) -> Iterator[Corpus]:
    """Write the synthetic corpus under ``folder`` and make it the one in force while in use."""
    with synthetic.manifest_in_force(write_manifest(folder)) as manifest:
        sentences, toks = frames()
        yield Corpus(manifest, sentences, toks)


def gold(rows: list[tuple[str, str, str, str, str]] | None = None) -> pl.DataFrame:
    """Gold labels as :func:`framing.gold_load` returns them (sentence_id, text_id, frames,
    entman, domain, note). Default: all of p-101, two of the four sentences of p-202, and one
    row for a text not in the corpus; r-101, l-303 and s-404 have none."""
    rows = (
        [
            ("p-101:s001", "p-101", "legality", "", "victimhood"),
            ("p-101:s002", "p-101", "", "remedy", ""),
            ("p-101:s003", "p-101", "economic", "", ""),
            ("p-202:s001", "p-202", "crime", "", "victimhood"),
            ("p-202:s002", "p-202", "legality;crime", "", "victimhood"),
            ("x-999:s001", "x-999", "crime", "", ""),
        ]
        if rows is None
        else rows
    )
    return pl.DataFrame(
        [(*r, "") for r in rows],
        schema={
            c: pl.String for c in ("sentence_id", "text_id", "frames", "entman", "domain", "note")
        },
        orient="row",
    )
