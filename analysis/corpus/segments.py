"""Cut each raw source into segments with exact offsets, and list sources and documents.

A source of kind ``rules`` is cut by its ``[[segments]]`` rules in the manifest; a source of a
parsed kind (``e-petition``, ``paper-petition``, ``letter``, ``plain``) by
:func:`analysis.corpus.parsers.segment_parsed`. Either way every segment carries
``start``/``end`` character offsets into its raw source, so
``raw_text(source_id)[start:end] == text`` always holds, and nothing is dropped silently.

Building is linear in a source's size (byte offsets are counted in one pass, rules match a
normalised copy once each), sources over :data:`~analysis.corpus.manifest.MAX_SOURCE_MB` are
refused before they are read, and a source of :data:`PROGRESS_BYTES` or more reports its
progress on stderr (:data:`progress`). Rules see a byte-order mark and CRLF line ends as if
absent; their offsets still index the raw text as read.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

import polars as pl

from analysis import paths
from analysis.corpus.manifest import (
    Manifest,
    Rule,
    Source,
    manifest,
    raw_path,
    read_source,
    shown_path,
)
from analysis.corpus.texts import order_by_text
from analysis.io import DiscourseError

#: Sources at least this large (bytes) report their progress while they are segmented.
PROGRESS_BYTES = 8 * 2**20


def _stderr(message: str) -> None:
    print(f"[discourse] {message}", file=sys.stderr, flush=True)


#: Where progress lines go (a callable taking one line); tests and callers may replace it.
progress: Callable[[str], None] = _stderr


def byte_offsets(raw: str, offsets: Iterable[int]) -> list[int]:
    """UTF-8 byte offsets of character ``offsets`` into ``raw``, in one pass over the text.

    Equals ``[len(raw[:o].encode("utf-8")) for o in offsets]``, without re-encoding the prefix
    for each offset (which made building quadratic in a source's size).
    """
    offsets = list(offsets)
    if raw.isascii():
        return offsets
    at: dict[int, int] = {}
    done, count = 0, 0
    for o in sorted(set(offsets)):
        count += len(raw[done:o].encode("utf-8"))
        at[o], done = count, o
    return [at[o] for o in offsets]


class _Normalised:
    """A rules view of ``raw`` without its byte-order mark and with CRLF read as LF.

    ``text`` is what the rules match; :meth:`raw` maps an offset into it back to the raw text.
    An offset at a line break maps to before its CR, so a span keeps whole ``\\r\\n`` pairs.
    """

    def __init__(self, raw: str) -> None:
        self.bom = 1 if raw.startswith("\ufeff") else 0
        body = raw[self.bom :]
        if "\r\n" in body:
            # The k-th removed CR sat just before index (its raw position - bom - k) of text.
            self.removed = [m.start() - k for k, m in enumerate(re.finditer("\r\n", body))]
            self.text = body.replace("\r\n", "\n")
        else:
            self.removed, self.text = [], body

    def raw(self, i: int) -> int:
        return i + self.bom + (bisect_left(self.removed, i) if self.removed else 0)


def _lone_cr_note(text: str) -> str:
    n = text.count("\r")
    if not n:
        return ""
    return (
        f" The file has {n} lone carriage return(s) (\\r without \\n), which rules do not "
        f"read as line ends: save a copy with \\n line ends as a new source."
    )


def source_segments(source: Source, raw: str, m: Manifest) -> list[dict]:
    """Segment records of one source, by its rules or its page parser, sorted by offset."""
    if source.kind == "rules":
        return segment_source(source.id, raw, m)
    from analysis.corpus import parsers  # parsers import this module's helpers

    return parsers.segment_parsed(source, raw, m)


def _rule_region(rule: Rule, raw: str, m: Manifest) -> tuple[int, int]:
    start, end = 0, len(raw)
    if rule.after is not None:
        i = raw.find(rule.after)
        if i < 0:
            raise DiscourseError(
                f"{m.path}, line {rule.line}: anchor after={rule.after!r} not found in {rule.source}."
            )
        start = i + len(rule.after)
    if rule.before is not None:
        j = raw.find(rule.before, start)
        if j < 0:
            raise DiscourseError(
                f"{m.path}, line {rule.line}: anchor before={rule.before!r} not found in {rule.source}."
            )
        end = j
    return start, end


def segment_source(source_id: str, raw: str, m: Manifest) -> list[dict]:
    """Apply the manifest's rules to one raw source; return segment records sorted by offset.

    Raises:
        DiscourseError: a rule matched a different number of times than it expects, two rules
            claim the same characters, or some non-blank text is claimed by no rule.
    """
    docs = {d.id: d for d in m.documents}
    view = _Normalised(raw)
    text = view.text
    claims: list[tuple[int, int, Rule]] = []
    records = []
    for rule in (r for r in m.rules if r.source == source_id):
        lo, hi = _rule_region(rule, text, m)
        pattern = re.compile(rule.pattern, re.M)
        matches = list(pattern.finditer(text, lo, hi))
        if len(matches) != rule.expect:
            raise DiscourseError(
                f"{m.path}, line {rule.line}: rule for role {rule.role!r} matched {len(matches)} "
                f"time(s) in {source_id}, expected {rule.expect}. Has the raw file changed, or "
                f"does the pattern need updating?{_lone_cr_note(text)}"
            )
        for match in matches:
            claims.append((match.start(), match.end(), rule))
            s, e = view.raw(match.start("text")), view.raw(match.end("text"))
            records.append(
                {
                    "source_id": source_id,
                    "doc_id": rule.document,
                    "role": rule.role,
                    "speaker": rule.speaker or docs[rule.document].speaker,
                    "start": s,
                    "end": e,
                    "text": raw[s:e],
                }
            )
    claims.sort(key=lambda c: (c[0], c[1]))
    for (_, e1, r1), (s2, _, r2) in zip(claims, claims[1:], strict=False):
        if s2 < e1:
            line = text.count("\n", 0, s2) + 1
            raise DiscourseError(
                f"{m.path}: rules at lines {r1.line} and {r2.line} both claim {source_id} line {line}; "
                f"narrow one of the patterns."
            )
    cursor = 0
    claims.append((len(text), len(text), None))
    for s, e, _ in claims:
        gap = text[cursor:s]
        if gap.strip():
            offset = cursor + (len(gap) - len(gap.lstrip()))
            line = text.count("\n", 0, offset) + 1
            snippet = gap.strip().splitlines()[0][:60]
            raise DiscourseError(
                f"{m.path}: text in {source_id} at line {line} (char {view.raw(offset)}) "
                f"belongs to no segment rule: {snippet!r}. Add a [[segments]] rule for it."
            )
        cursor = max(cursor, e)
    records.sort(key=lambda r: r["start"])
    return records


_SCHEMA = {
    "source_id": pl.String,
    "doc_id": pl.String,
    "role": pl.String,
    "speaker": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,
    "order": pl.Int64,
    "text_id": pl.String,
    "start_byte": pl.Int64,
    "end_byte": pl.Int64,
}


def _source_frame(source: Source, m: Manifest, text_of: dict) -> pl.DataFrame:
    """One source's segments as columns (its records are dropped as soon as they are read)."""
    path = raw_path(source, m)
    size = path.stat().st_size if path.is_file() else 0
    say = progress if size >= PROGRESS_BYTES else None
    if say:
        say(f"segments: {source.id} ({size / 2**20:.1f} MB): reading and checking")
    raw = read_source(source.id, m)
    if say:
        say(f"segments: {source.id}: cutting into segments (kind {source.kind})")
    recs = source_segments(source, raw, m)
    n = len(recs)
    if say:
        say(f"segments: {source.id}: {n:,} segments; counting byte offsets")
    columns = {key: [r[key] for r in recs] for key in ("doc_id", "role", "speaker", "text")}
    starts, ends = [r["start"] for r in recs], [r["end"] for r in recs]
    del recs
    at = byte_offsets(raw, starts + ends)
    frame = pl.DataFrame(
        {
            "source_id": [source.id] * n,
            "doc_id": columns["doc_id"],
            "role": columns["role"],
            "speaker": columns["speaker"],
            "start": starts,
            "end": ends,
            "text": columns["text"],
            "order": range(1, n + 1),
            "text_id": [
                text_of.get(k) for k in zip(columns["doc_id"], columns["role"], strict=True)
            ],
            "start_byte": at[:n],
            "end_byte": at[n:],
        },
        schema=_SCHEMA,
    )
    if say:
        say(f"segments: {source.id}: done")
    return frame


def _segments_frame(m: Manifest) -> pl.DataFrame:
    text_of = {(t.document, role): t.id for t in m.texts for role in t.roles}
    frame = pl.concat([_source_frame(source, m, text_of) for source in m.sources])
    frame = frame.with_columns(
        (pl.col("role").cum_count().over(["doc_id", "role"])).alias("_k")
    ).with_columns(
        pl.format("{}:{}:{}", "doc_id", "role", "_k").alias("segment_id"),
    )
    return frame.select(
        "source_id",
        "doc_id",
        "segment_id",
        "order",
        "role",
        "speaker",
        "text_id",
        "start",
        "end",
        "start_byte",
        "end_byte",
        "text",
    )  # rows are already in manifest source order, then raw-file order


@lru_cache(maxsize=4)
def _segments_cached(manifest_path: Path) -> pl.DataFrame:
    return _segments_frame(manifest(manifest_path))


def corpus_segments(*, primary: bool = False, manifest_path: Path | None = None) -> pl.DataFrame:
    """Every segment of every source, in source order.

    Args:
        primary: if true, keep only the segments of the compared texts (``[[texts]]``), in
            the manifest's text order.
        manifest_path: another manifest (tests use this); default the project's.

    Returns:
        One row per segment: ``source_id, doc_id, segment_id, order, role, speaker, text_id``
        (null outside the primary texts), ``start, end`` (character offsets into the raw
        source), ``start_byte, end_byte`` (the same span in UTF-8 bytes) and ``text``.
    """
    frame = _segments_cached(Path(manifest_path) if manifest_path else paths.MANIFEST)
    if primary:
        frame = order_by_text(
            frame.filter(pl.col("text_id").is_not_null()), "order", manifest_path=manifest_path
        )
    return frame


def corpus_sources(manifest_path: Path | None = None) -> pl.DataFrame:
    """The manifest's sources with their verified size: one row per raw file."""
    m = manifest(manifest_path)
    rows = []
    for s in m.sources:
        raw = read_source(s.id, m)
        rows.append(
            {
                "source_id": s.id,
                "file": shown_path(s, m),
                "title": s.title,
                "publisher": s.publisher,
                "origin": s.origin,
                "captured": s.captured,
                "sha256": s.sha256,
                "n_chars": len(raw),
                "n_bytes": len(raw.encode("utf-8")),
            }
        )
    return pl.DataFrame(rows)


def corpus_documents(manifest_path: Path | None = None) -> pl.DataFrame:
    """The manifest's documents: id, source, title, speaker, date, note, primary text if any."""
    m = manifest(manifest_path)
    primary = {t.document: t.id for t in m.texts}
    return pl.DataFrame(
        [
            {
                "doc_id": d.id,
                "source_id": d.source,
                "title": d.title,
                "speaker": d.speaker,
                "date": d.date,
                "date_note": d.date_note,
                "text_id": primary.get(d.id),
            }
            for d in m.documents
        ],
        schema_overrides={"text_id": pl.String},
    )
