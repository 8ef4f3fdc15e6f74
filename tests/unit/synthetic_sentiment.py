"""Synthetic texts for the unit tests of sentiment and style: frames built like the corpus's.

The texts are written for the tests (none is read from ``data/``). :func:`frames` cuts them
into sentences and tokens with the suite's own tokenizer, so the frames have every column the
measures read; :func:`write_manifest` writes a manifest listing the same ids (labels, genres,
prose names) for the tests that need labels and colours.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import polars as pl

from analysis import paths, tokens

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
    rows = []
    for text_id, parts in texts.items():
        start = 0
        for i, (role, text) in enumerate(parts, start=1):
            rows.append(
                {
                    "source_id": f"src-{text_id}",
                    "doc_id": text_id,
                    "text_id": text_id,
                    "segment_id": f"{text_id}:{i:03d}",
                    "role": role,
                    "speaker": "someone",
                    "start": start,
                    "text": text,
                }
            )
            start += len(text) + 1
    return pl.DataFrame(rows)


def frames(
    texts: dict[str, list[tuple[str, str]]] = TEXTS,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``(sentences, tokens)`` of the texts, as :mod:`analysis.tokens` makes them."""
    sentences = tokens.tokens_sentences(segments(texts))
    return sentences, tokens.tokens_normalise(tokens.tokens_words(sentences))


def write_manifest(folder: Path, ids: list[str], *, labels: dict[str, str] | None = None) -> Path:
    """A manifest listing ``ids`` as texts (no raw file is read for labels and colours)."""
    labels = labels or {}
    parts = [
        "version = 2\n",
        "[[sources]]\n"
        'id = "src"\nfile = "raw/src.txt"\nsha256 = "' + "0" * 64 + '"\n'
        'title = "t"\npublisher = "p"\norigin = "o"\ncaptured = "unknown"\n',
    ]
    for t in ids:
        parts.append(
            f'[[documents]]\nid = "{t}"\nsource = "src"\ntitle = "t"\nspeaker = "s"\n'
            'date = "unknown"\ndate_note = "n"\n'
        )
    for t in ids:
        parts.append(
            f'[[texts]]\nid = "{t}"\nlabel = "{labels.get(t, LABELS.get(t, t.upper()))}"\n'
            f'document = "{t}"\nroles = ["r"]\ngenre = "{GENRES.get(t, "statement")}"\n'
            f'name = "the {t} text"\n'
        )
    path = folder / "corpus.toml"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


@contextmanager
def manifest_in_force(path: Path) -> Iterator[Path]:
    """Make ``path`` the manifest in force, then restore the manifest and environment before."""
    before, env = paths.MANIFEST, os.environ.get("DISCOURSE_MANIFEST")
    try:
        yield paths.use_manifest(path)
    finally:
        paths.use_manifest(before)
        if env is None:
            os.environ.pop("DISCOURSE_MANIFEST", None)
        else:
            os.environ["DISCOURSE_MANIFEST"] = env
