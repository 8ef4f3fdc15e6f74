"""Page parsers: cut a raw source of a parsed kind into segments without hand-written rules.

A source's ``kind`` in the manifest chooses the parser: ``e-petition`` and ``paper-petition``
(:mod:`~analysis.corpus.parsers.petition`, the House of Commons petition page), ``letter`` and
``plain`` (:mod:`~analysis.corpus.parsers.letter`). A parser returns *parsed segments*: dicts
with ``part``, ``role``, ``start``, ``end``, ``text`` and optionally ``speaker``; an optional
sidecar file (:mod:`~analysis.corpus.parsers.sidecar`) then overrides ranges of them, and
:func:`segment_parsed` hands each segment to the manifest document whose ``part`` matches.

Offsets are character offsets into the decoded raw text (a byte-order mark, if any, is
character 0 and belongs to no segment); CRLF line ends and a missing or extra final newline
are accepted. Anything a parser cannot place becomes an ``unclassified`` segment of part
``page`` and a :class:`UnclassifiedTextWarning`, so nothing is dropped silently.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import NamedTuple

from analysis.io import DiscourseError

#: Parsed kinds and the parts their segments may belong to.
PARTS = {
    "e-petition": ("petition", "response", "page"),
    "paper-petition": ("petition", "response", "page"),
    "letter": ("letter", "page"),
    "plain": ("text", "page"),
}


class UnclassifiedTextWarning(UserWarning):
    """A parser met text it could not place; it is kept as an ``unclassified`` segment."""


class Line(NamedTuple):
    """One line of a raw text: ``start``/``end`` bound its content without surrounding blanks.

    A named tuple, not a dataclass: a large source has millions of lines, and a tuple is both
    smaller and quicker to make.
    """

    number: int  # 1-based line number, as an editor shows it
    start: int
    end: int
    text: str

    @property
    def blank(self) -> bool:
        return self.start == self.end


def split_lines(raw: str) -> list[Line]:
    """The lines of ``raw`` with exact offsets; BOM, CR and surrounding blanks excluded.

    One pass with C-level splitting and stripping (``str.strip`` strips exactly the characters
    for which ``str.isspace`` is true), so it stays linear and quick on large sources.
    """
    lines = []
    pos = 1 if raw.startswith("\ufeff") else 0
    for number, piece in enumerate(raw[pos:].split("\n"), start=1):
        text = piece.strip()
        if text:
            s = pos + len(piece) - len(piece.lstrip())
            lines.append(Line(number, s, s + len(text), text))
        else:  # a blank line sits at its end, where the old character loop left it
            lines.append(Line(number, pos + len(piece), pos + len(piece), ""))
        pos += len(piece) + 1
    return lines


def paragraphs(lines: list[Line]) -> list[list[Line]]:
    """Runs of consecutive non-blank lines."""
    out: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            if current:
                out.append(current)
            current = []
        else:
            current.append(line)
    if current:
        out.append(current)
    return out


def seg(raw: str, part: str, role: str, start: int, end: int, **extra) -> dict:
    """A parsed segment spanning ``raw[start:end]``."""
    return {"part": part, "role": role, "start": start, "end": end, "text": raw[start:end], **extra}


def unclassified(raw: str, line: Line, end: int, where: str) -> dict:
    """An ``unclassified`` page segment from ``line`` to ``end``, announced by a warning."""
    snippet = raw[line.start : end].splitlines()[0][:60]
    warnings.warn(
        f"{where}, line {line.number}: could not place {snippet!r}; kept as an 'unclassified' "
        f"segment of part 'page'. Check the page, or assign it a role in a sidecar file.",
        UnclassifiedTextWarning,
        stacklevel=3,
    )
    return seg(raw, "page", "unclassified", line.start, end)


def _parser(kind: str) -> Callable[[str, str], list[dict]]:
    if kind in ("e-petition", "paper-petition"):
        from analysis.corpus.parsers import petition

        return lambda raw, where: petition.parse_petition(raw, where, kind=kind)
    if kind == "letter":
        from analysis.corpus.parsers import letter

        return letter.parse_letter
    if kind == "plain":
        from analysis.corpus.parsers import letter

        return letter.parse_plain
    raise DiscourseError(f"unknown page kind {kind!r}; use one of {', '.join(PARTS)}.")


def parse(raw: str, kind: str, where: str = "<text>") -> list[dict]:
    """Parsed segments of ``raw`` read as a page of ``kind``, sorted by offset.

    Args:
        raw: the decoded raw text.
        kind: ``e-petition``, ``paper-petition``, ``letter`` or ``plain``.
        where: how messages name the text (its file).
    """
    found = _parser(kind)(raw, where)
    found.sort(key=lambda r: r["start"])
    return found


def segment_parsed(source, raw: str, manifest) -> list[dict]:
    """Segment records of a parsed source, each given to the document of its ``part``.

    Args:
        source: the manifest :class:`~analysis.corpus.manifest.Source` (its ``kind`` names the
            parser, its optional ``sidecar`` overrides ranges).
        raw: the source's decoded text.
        manifest: the :class:`~analysis.corpus.manifest.Manifest` listing its documents.

    Returns:
        Records like :func:`analysis.corpus.segments.segment_source` returns, sorted by offset.

    Raises:
        DiscourseError: the page has no structure of its kind, the sidecar is invalid, or a part
            the parser found has no document with that ``part`` in the manifest.
    """
    from analysis.corpus.manifest import confined
    from analysis.corpus.parsers import sidecar

    where = str(manifest.path.parent / source.file)
    found = parse(raw, source.kind, where)
    if source.sidecar:
        found = sidecar.apply(found, raw, confined(source, manifest, source.sidecar, "sidecar"))
    docs = {d.part: d for d in manifest.documents if d.source == source.id and d.part}
    records = []
    for rec in found:
        doc = docs.get(rec["part"])
        if doc is None:
            line = _source_line(manifest, source.id)
            raise DiscourseError(
                f"{manifest.path}, line {line}: source {source.id!r} (kind {source.kind!r}) has "
                f"{rec['role']!r} text in part {rec['part']!r} (at char {rec['start']}), but no "
                f"[[documents]] entry with source = {source.id!r} and part = {rec['part']!r}. "
                f"Add one."
            )
        records.append(
            {
                "source_id": source.id,
                "doc_id": doc.id,
                "role": rec["role"],
                "speaker": rec.get("speaker") or doc.speaker,
                "start": rec["start"],
                "end": rec["end"],
                "text": rec["text"],
            }
        )
    found.clear()  # a large source's parsed dicts are no longer needed
    return records


def _source_line(manifest, source_id: str) -> int | str:
    """The manifest line of a source's ``[[sources]]`` table (``?`` if not known)."""
    return manifest.source_lines.get(source_id, "?")
