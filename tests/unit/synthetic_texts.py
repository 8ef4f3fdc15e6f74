"""Tiny synthetic corpora for unit tests of tokens, lexicons, keyness and terminology.

Nothing here reads the project's corpus: each text is one source with one segment, built into
segment, sentence and token frames with the suite's own (pure) tokenizer functions.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from . import synthetic

#: Five texts with ids the default manifest does not use (the last one like a new petition).
FIVE_TEXTS: dict[str, str] = {
    "a": "The river bridge carries grain. The Khojaly valley holds grain.",
    "b": "Grain moves by river. The bridge is old.",
    "c": "Territorial integrity matters. The river is wide and the bridge is new.",
    "d": "The river and the grain.",
    "e-1234": "Harbour harbour harbour. The Khojali harbour and the river.\nKarabakh harbour.",
}


def segments_frame(texts: dict[str, str], *, extra: dict[str, str] | None = None) -> pl.DataFrame:
    """One source (``src-<id>``) and one segment per text; ``extra`` adds non-text segments.

    An ``extra`` entry ``{"<text_id>:<role>": text}`` becomes a segment outside the primary
    texts (``text_id`` null) on that text's page, after the text; its counting unit is
    ``<text_id>-page:<role>``.
    """
    rows = []
    for text_id, text in texts.items():
        rows.append(
            {
                "source_id": f"src-{text_id}",
                "doc_id": f"{text_id}-page",
                "segment_id": f"{text_id}-page:body:1",
                "order": 1,
                "role": "body",
                "speaker": f"Speaker {text_id.upper()}",
                "text_id": text_id,
                "start": 0,
                "end": len(text),
                "text": text,
            }
        )
    for key, text in (extra or {}).items():
        owner, role = key.split(":")
        base = next(r for r in rows if r["text_id"] == owner)
        start = base["end"] + 2  # "\n\n" between the text and the extra part
        rows.append(
            {
                **base,
                "segment_id": f"{owner}-page:{role}:1",
                "order": 2,
                "role": role,
                "speaker": "publisher",
                "text_id": None,
                "start": start,
                "end": start + len(text),
                "text": text,
            }
        )
    return pl.DataFrame(rows, schema_overrides={"text_id": pl.String})


def token_frames(
    texts: dict[str, str], *, extra: dict[str, str] | None = None
) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """``(segments, sentences, tokens)`` for the texts, tokens normalised (``norm``)."""
    segments = segments_frame(texts, extra=extra)
    return segments, *synthetic.frames(segments)


#: Raw pages of the tiny manifest: a text page with an introduction, and a second text.
TINY_RAW = {
    "page-one.txt": "Intro: Republic of Artsakh news.\nThe Republic  of Artsakh and the river.\n",
    "page-two.txt": "Harbour  bridge. The harbour of Karabakh.\n",
}


def write_tiny_manifest(root: Path) -> Path:
    """A valid two-source, two-text manifest with its raw files under ``root``; returns its path.

    Page one holds an introduction (outside the texts) and text ``t-one``; page two holds text
    ``t-two``. The raw texts have runs of spaces, so a slice of the wrong file would show.
    """
    sources = [synthetic.raw_source(root, name[:-4], name, text) for name, text in TINY_RAW.items()]
    documents = [
        synthetic.entry(
            "documents",
            id=doc,
            source=src,
            title=doc,
            speaker=who,
            date="2026-01-01",
            date_note="test",
        )
        for doc, src, who in [
            ("doc-one", "page-one", "writer one"),
            ("intro-one", "page-one", "publisher"),
            ("doc-two", "page-two", "writer two"),
        ]
    ]
    texts = [
        synthetic.entry(
            "texts",
            id=tid,
            label=label,
            document=doc,
            roles=["body"],
            genre="statement",
            name=name,
        )
        for tid, label, doc, name in [
            ("t-one", "Text one", "doc-one", "text one"),
            ("t-two", "Text two", "doc-two", "text two"),
        ]
    ]
    segments = [
        synthetic.entry("segments", source=src, document=doc, role=role, pattern=pattern, expect=1)
        for src, doc, role, pattern in [
            ("page-one", "intro-one", "intro", r"^(?P<text>Intro: .*)$"),
            ("page-one", "doc-one", "body", r"^(?P<text>The .*)$"),
            ("page-two", "doc-two", "body", r"^(?P<text>Harbour .*)$"),
        ]
    ]
    return synthetic.write_manifest(root, sources + documents + texts + segments)
