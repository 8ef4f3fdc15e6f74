"""Synthetic texts for the unit tests of sentiment and style: frames built like the corpus's.

The texts are written for the tests (none is read from ``data/``). :func:`frames` cuts them
into sentences and tokens with the suite's own tokenizer, so the frames have every column the
measures read; :func:`write_manifest` writes a manifest listing the same ids (labels, genres,
prose names) for the tests that need labels and colours.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from . import synthetic

#: Five texts, none with a default-corpus id. Every word is one syllable except where a test
#: says otherwise, so readability counts can be checked by hand.
TEXTS: dict[str, list[tuple[str, str]]] = {
    "e-1234": [
        ("petition_preamble", "The plan is illegal;"),
        ("petition_preamble", "The town saw a massacre."),
        ("petition_demand", "Stop the blockade now."),
    ],
    "r-1234": [
        ("government_response", "We share your grief."),
        ("government_response", "We will help the good work."),
    ],
    "note-a": [
        ("letter_body", "The cat sat on the mat. The dog ran."),
    ],
    "note-b": [
        ("letter_body", "Genocide Watch wrote to us."),
        ("letter_body", "The land is occupied and the occupation goes on."),
    ],
    "stmt-c": [
        ("statement", "a b a b c"),
    ],
}

LABELS = {
    "e-1234": "Petition e-1234",
    "r-1234": "Response to e-1234",
    "note-a": "Note A",
    "note-b": "Note B",
    "stmt-c": "Statement C",
}
GENRES = {
    "e-1234": "petition",
    "r-1234": "response",
    "note-a": "letter",
    "note-b": "letter",
    "stmt-c": "statement",
}


def segments(texts: dict[str, list[tuple[str, str]]] = TEXTS) -> pl.DataFrame:
    """One segment per (role, text), offsets as if each text were its own raw file."""
    return pl.DataFrame(
        [
            row
            for text_id, parts in texts.items()
            for row in synthetic.segment_rows(text_id, parts, end=False)
        ]
    )


def frames(
    texts: dict[str, list[tuple[str, str]]] = TEXTS,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(sentences, tokens)`` of the texts, as :mod:`analysis.tokens` makes them."""
    return synthetic.frames(segments(texts))


def write_manifest(folder: Path, ids: list[str], *, labels: dict[str, str] | None = None) -> Path:
    """A manifest listing ``ids`` as texts (no raw file is read for labels and colours)."""
    labels = labels or {}
    source = synthetic.entry(
        "sources",
        id="src",
        file="raw/src.txt",
        sha256="0" * 64,
        title="t",
        publisher="p",
        origin="o",
        captured="unknown",
    )
    documents = [
        synthetic.entry(
            "documents", id=t, source="src", title="t", speaker="s", date="unknown", date_note="n"
        )
        for t in ids
    ]
    texts = [
        synthetic.entry(
            "texts",
            id=t,
            label=labels.get(t, LABELS.get(t, t.upper())),
            document=t,
            roles=["r"],
            genre=GENRES.get(t, "statement"),
            name=f"the {t} text",
        )
        for t in ids
    ]
    return synthetic.write_manifest(folder, [source, *documents, *texts])
