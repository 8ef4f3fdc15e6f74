"""Tiny synthetic corpora for unit tests of tokens, lexicons, keyness and terminology.

Nothing here reads the project's corpus: each text is one source with one segment, built into
segment, sentence and token frames with the suite's own (pure) tokenizer functions.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import polars as pl

from analysis import tokens

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
    sentences = tokens.tokens_sentences(segments)
    toks = tokens.tokens_normalise(tokens.tokens_words(sentences))
    return segments, sentences, toks


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
    raw = root / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    sources = []
    for name, text in TINY_RAW.items():
        (raw / name).write_bytes(text.encode("utf-8"))
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        sources.append(
            f'[[sources]]\nid = "{name[:-4]}"\nfile = "raw/{name}"\nsha256 = "{digest}"\n'
            f'title = "{name}"\npublisher = "test"\norigin = "test"\ncaptured = "unknown"\n'
        )
    documents = "".join(
        f'[[documents]]\nid = "{doc}"\nsource = "{src}"\ntitle = "{doc}"\nspeaker = "{who}"\n'
        f'date = "2026-01-01"\ndate_note = "test"\n'
        for doc, src, who in [
            ("doc-one", "page-one", "writer one"),
            ("intro-one", "page-one", "publisher"),
            ("doc-two", "page-two", "writer two"),
        ]
    )
    texts = "".join(
        f'[[texts]]\nid = "{tid}"\nlabel = "{label}"\ndocument = "{doc}"\nroles = ["body"]\n'
        f'genre = "statement"\nname = "{name}"\n'
        for tid, label, doc, name in [
            ("t-one", "Text one", "doc-one", "text one"),
            ("t-two", "Text two", "doc-two", "text two"),
        ]
    )
    segments = "".join(
        f'[[segments]]\nsource = "{src}"\ndocument = "{doc}"\nrole = "{role}"\n'
        f"pattern = '{pattern}'\nexpect = 1\n"
        for src, doc, role, pattern in [
            ("page-one", "intro-one", "intro", r"^(?P<text>Intro: .*)$"),
            ("page-one", "doc-one", "body", r"^(?P<text>The .*)$"),
            ("page-two", "doc-two", "body", r"^(?P<text>Harbour .*)$"),
        ]
    )
    path = root / "corpus.toml"
    path.write_text(
        "version = 2\n\n" + "\n".join(sources) + "\n" + documents + "\n" + texts + "\n" + segments,
        encoding="utf-8",
    )
    return path
