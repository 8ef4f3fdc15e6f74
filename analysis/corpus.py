"""Load the raw sources and cut them into documents and segments, with offsets.

The corpus is described by a manifest (``data/corpus.toml``): the raw files with their
SHA-256, the documents inside them, the three primary texts, and regex rules that cut each
source into segments. Every segment carries ``start``/``end`` character offsets into its raw
source, so ``raw_text(source_id)[start:end] == text`` always holds, and every non-blank
character of a source belongs to exactly one rule match, so nothing is dropped silently.

Typical use::

    from analysis import corpus
    segments = corpus.corpus_segments()             # every segment, primary or not
    primary = corpus.corpus_segments(primary=True)  # the three texts compared by default
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import polars as pl

from analysis import paths
from analysis.io import DiscourseError

#: The order the primary texts appear in every table and chart.
TEXT_ORDER = ("petition", "response", "letter")

_SOURCE_KEYS = {"id", "file", "sha256", "title", "publisher", "origin", "captured"}
_DOCUMENT_KEYS = {"id", "source", "title", "speaker", "date", "date_note"}
_TEXT_KEYS = {"id", "label", "document", "roles"}
_RULE_KEYS = {"source", "document", "role", "pattern", "expect", "after", "before", "speaker"}
_RULE_REQUIRED = {"source", "document", "role", "pattern", "expect"}


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    sha256: str
    title: str
    publisher: str
    origin: str
    captured: str


@dataclass(frozen=True)
class Document:
    id: str
    source: str
    title: str
    speaker: str
    date: str
    date_note: str


@dataclass(frozen=True)
class Text:
    id: str
    label: str
    document: str
    roles: tuple[str, ...]


@dataclass(frozen=True)
class Rule:
    source: str
    document: str
    role: str
    pattern: str
    expect: int
    line: int
    after: str | None = None
    before: str | None = None
    speaker: str | None = None


@dataclass(frozen=True)
class Manifest:
    """The parsed, validated corpus manifest."""

    path: Path
    sources: tuple[Source, ...]
    documents: tuple[Document, ...]
    texts: tuple[Text, ...]
    rules: tuple[Rule, ...] = field(repr=False)

    def source(self, source_id: str) -> Source:
        for s in self.sources:
            if s.id == source_id:
                return s
        known = ", ".join(s.id for s in self.sources)
        raise DiscourseError(f"{self.path}: no source {source_id!r} (known: {known})")

    def document(self, doc_id: str) -> Document:
        for d in self.documents:
            if d.id == doc_id:
                return d
        raise DiscourseError(f"{self.path}: no document {doc_id!r}")


# --- manifest -------------------------------------------------------------------------------


def _table_lines(text: str, table: str) -> list[int]:
    """Line numbers (1-based) of each ``[[table]]`` header, in order."""
    header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(table)}[ \t]*\]\]", re.M)
    return [text.count("\n", 0, m.start()) + 1 for m in header.finditer(text)]


def load_manifest(path: Path | None = None) -> Manifest:
    """Read and validate the corpus manifest.

    Args:
        path: the manifest file; defaults to ``data/corpus.toml``.

    Returns:
        The validated :class:`Manifest`.

    Raises:
        DiscourseError: the file is missing or malformed; the message names the line.
    """
    path = Path(path) if path is not None else paths.MANIFEST
    if not path.is_file():
        raise DiscourseError(
            f"{path}: corpus manifest not found. Restore it from git (git checkout -- {path.name})."
        )
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DiscourseError(f"{path}: malformed TOML: {exc}. Fix the syntax there.") from exc

    unknown_tables = set(data) - {"version", "sources", "documents", "texts", "segments"}
    if unknown_tables:
        raise DiscourseError(
            f"{path}: unknown top-level key(s) {sorted(unknown_tables)}; the manifest holds "
            f"version, [[sources]], [[documents]], [[texts]] and [[segments]]."
        )

    def entries(table: str, keys: set[str], required: set[str]) -> list[tuple[dict, int]]:
        items = data.get(table)
        if not isinstance(items, list) or not items:
            raise DiscourseError(
                f"{path}: no [[{table}]] entries; the manifest needs at least one."
            )
        lines = _table_lines(text, table)
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict) or i >= len(lines):
                raise DiscourseError(
                    f"{path}: write each {table} entry as its own [[{table}]] table "
                    f"(entry {i + 1} is not); inline arrays of tables are not supported."
                )
            line = lines[i]
            where = f"{path}, line {line} ([[{table}]] entry {i + 1})"
            unknown = set(item) - keys
            if unknown:
                raise DiscourseError(
                    f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(keys)}."
                )
            missing = required - set(item)
            if missing:
                raise DiscourseError(f"{where}: missing key(s) {sorted(missing)}.")
            for key, value in item.items():
                if key in ("roles", "expect"):
                    continue
                if not isinstance(value, str) or not value.strip():
                    raise DiscourseError(f"{where}: {key!r} must be a non-empty string.")
            out.append((item, line))
        return out

    sources = []
    for item, line in entries("sources", _SOURCE_KEYS, _SOURCE_KEYS):
        if not re.fullmatch(r"[0-9a-f]{64}", item["sha256"]):
            raise DiscourseError(
                f"{path}, line {line}: sha256 of {item['id']!r} is not 64 lowercase hex digits."
            )
        sources.append(Source(**item))
    source_ids = _unique(path, "sources", [s.id for s in sources], text)

    documents = []
    for item, line in entries("documents", _DOCUMENT_KEYS, _DOCUMENT_KEYS):
        if item["source"] not in source_ids:
            raise DiscourseError(
                f"{path}, line {line}: document {item['id']!r} names unknown source {item['source']!r}."
            )
        documents.append(Document(**item))
    doc_ids = _unique(path, "documents", [d.id for d in documents], text)

    texts = []
    for item, line in entries("texts", _TEXT_KEYS, _TEXT_KEYS):
        roles = item["roles"]
        if not isinstance(roles, list) or not roles or not all(isinstance(r, str) for r in roles):
            raise DiscourseError(
                f"{path}, line {line}: text {item['id']!r}: roles must be a non-empty list of strings."
            )
        if item["document"] not in doc_ids:
            raise DiscourseError(
                f"{path}, line {line}: text {item['id']!r} names unknown document {item['document']!r}."
            )
        texts.append(
            Text(id=item["id"], label=item["label"], document=item["document"], roles=tuple(roles))
        )
    _unique(path, "texts", [t.id for t in texts], text)

    rules = []
    for item, line in entries("segments", _RULE_KEYS, _RULE_REQUIRED):
        where = f"{path}, line {line}"
        if item["source"] not in source_ids:
            raise DiscourseError(f"{where}: rule names unknown source {item['source']!r}.")
        if item["document"] not in doc_ids:
            raise DiscourseError(f"{where}: rule names unknown document {item['document']!r}.")
        if not isinstance(item["expect"], int) or item["expect"] < 1:
            raise DiscourseError(f"{where}: 'expect' must be a positive whole number.")
        try:
            compiled = re.compile(item["pattern"], re.M)
        except re.error as exc:
            raise DiscourseError(f"{where}: pattern is not a valid regex: {exc}.") from exc
        if "text" not in compiled.groupindex:
            raise DiscourseError(
                f"{where}: pattern needs a named group (?P<text>...) for the segment text."
            )
        rules.append(Rule(line=line, **item))
    return Manifest(path, tuple(sources), tuple(documents), tuple(texts), tuple(rules))


def _unique(path: Path, table: str, ids: list[str], text: str) -> set[str]:
    seen: set[str] = set()
    lines = _table_lines(text, table)
    for i, ident in enumerate(ids):
        if ident in seen:
            raise DiscourseError(f"{path}, line {lines[i]}: duplicate {table} id {ident!r}.")
        seen.add(ident)
    return seen


@lru_cache(maxsize=4)
def _default_manifest(path: Path) -> Manifest:
    return load_manifest(path)


def manifest(path: Path | None = None) -> Manifest:
    """The manifest at ``path`` (default: the project's), parsed once per process."""
    return _default_manifest(Path(path) if path is not None else paths.MANIFEST)


# --- raw sources ----------------------------------------------------------------------------


def sha256_file(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def raw_path(source: Source, m: Manifest) -> Path:
    return (m.path.parent / source.file).resolve()


def read_source(source_id: str, m: Manifest | None = None, *, verify: bool = True) -> str:
    """Return a raw source's text, after checking it exists, is UTF-8 and matches its SHA-256.

    Raises:
        DiscourseError: naming the file and what to do, on any of those failures.
    """
    m = m or manifest()
    source = m.source(source_id)
    path = raw_path(source, m)
    if not path.is_file():
        raise DiscourseError(
            f"{path}: raw source {source_id!r} is missing. Copy it unchanged from the corpus "
            f"delivery (../shared/corpus/) into data/raw/."
        )
    data = path.read_bytes()
    if not data.strip():
        raise DiscourseError(
            f"{path}: raw source {source_id!r} is empty. Restore the original file."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DiscourseError(
            f"{path}: not valid UTF-8 at byte offset {exc.start} ({exc.reason}). Raw files must be "
            f"UTF-8: re-save the original as UTF-8 and record the conversion in the manifest."
        ) from exc
    if verify:
        actual = hashlib.sha256(data).hexdigest()
        if actual != source.sha256:
            raise DiscourseError(
                f"{path}: checksum mismatch for {source_id!r}: manifest says {source.sha256}, "
                f"file is {actual}. Raw data is never edited: restore the original (git checkout -- "
                f"data/raw/), or, for a deliberately new capture, add it as a new source."
            )
    return text


def raw_text(source_id: str) -> str:
    """The verified text of a raw source (cached per process)."""
    return _raw_text_cached(source_id, paths.MANIFEST)


@lru_cache(maxsize=16)
def _raw_text_cached(source_id: str, manifest_path: Path) -> str:
    return read_source(source_id, manifest(manifest_path))


# --- segmentation ---------------------------------------------------------------------------


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
    claims: list[tuple[int, int, Rule]] = []
    records = []
    for rule in (r for r in m.rules if r.source == source_id):
        lo, hi = _rule_region(rule, raw, m)
        pattern = re.compile(rule.pattern, re.M)
        matches = list(pattern.finditer(raw, lo, hi))
        if len(matches) != rule.expect:
            raise DiscourseError(
                f"{m.path}, line {rule.line}: rule for role {rule.role!r} matched {len(matches)} "
                f"time(s) in {source_id}, expected {rule.expect}. Has the raw file changed, or "
                f"does the pattern need updating?"
            )
        for match in matches:
            claims.append((match.start(), match.end(), rule))
            s, e = match.span("text")
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
            line = raw.count("\n", 0, s2) + 1
            raise DiscourseError(
                f"{m.path}: rules at lines {r1.line} and {r2.line} both claim {source_id} line {line}; "
                f"narrow one of the patterns."
            )
    cursor = 0
    for s, e, _ in claims + [(len(raw), len(raw), None)]:
        gap = raw[cursor:s]
        if gap.strip():
            offset = cursor + (len(gap) - len(gap.lstrip()))
            line = raw.count("\n", 0, offset) + 1
            snippet = gap.strip().splitlines()[0][:60]
            raise DiscourseError(
                f"{m.path}: text in {source_id} at line {line} (char {offset}) belongs to no "
                f"segment rule: {snippet!r}. Add a [[segments]] rule for it."
            )
        cursor = max(cursor, e)
    records.sort(key=lambda r: r["start"])
    return records


def _segments_frame(m: Manifest) -> pl.DataFrame:
    text_of = {(t.document, role): t.id for t in m.texts for role in t.roles}
    rows = []
    for source in m.sources:
        raw = read_source(source.id, m)
        for order, rec in enumerate(segment_source(source.id, raw, m), start=1):
            rec["order"] = order
            rec["text_id"] = text_of.get((rec["doc_id"], rec["role"]))
            rec["start_byte"] = len(raw[: rec["start"]].encode("utf-8"))
            rec["end_byte"] = rec["start_byte"] + len(rec["text"].encode("utf-8"))
            rows.append(rec)
    frame = pl.DataFrame(
        rows,
        schema={
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
        },
    )
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
        primary: if true, keep only the segments of the three primary texts, ordered
            petition, response, letter.
        manifest_path: another manifest (tests use this); default the project's.

    Returns:
        One row per segment: ``source_id, doc_id, segment_id, order, role, speaker, text_id``
        (null outside the primary texts), ``start, end`` (character offsets into the raw
        source), ``start_byte, end_byte`` (the same span in UTF-8 bytes) and ``text``.
    """
    frame = _segments_cached(Path(manifest_path) if manifest_path else paths.MANIFEST)
    if primary:
        frame = order_by_text(frame.filter(pl.col("text_id").is_not_null()), "order")
    return frame


def order_by_text(frame: pl.DataFrame, *then: str) -> pl.DataFrame:
    """Sort a frame with a ``text_id`` column in the canonical text order, then by ``then``."""
    rank = {t: i for i, t in enumerate(TEXT_ORDER)}
    return (
        frame.with_columns(pl.col("text_id").replace_strict(rank, default=len(rank)).alias("_rank"))
        .sort("_rank", *then, maintain_order=True)  # ties keep their input order: deterministic
        .drop("_rank")
    )


def corpus_sources(manifest_path: Path | None = None) -> pl.DataFrame:
    """The manifest's sources with their verified size: one row per raw file."""
    m = manifest(manifest_path)
    rows = []
    for s in m.sources:
        raw = read_source(s.id, m)
        rows.append(
            {
                "source_id": s.id,
                "file": f"data/{s.file}",
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


def corpus_texts(manifest_path: Path | None = None) -> pl.DataFrame:
    """The three primary texts: id, label, document, speaker, date, and the roles they include."""
    m = manifest(manifest_path)
    return pl.DataFrame(
        [
            {
                "text_id": t.id,
                "label": t.label,
                "doc_id": t.document,
                "speaker": m.document(t.document).speaker,
                "date": m.document(t.document).date,
                "roles": ", ".join(t.roles),
            }
            for t in m.texts
        ]
    )


def text_labels(manifest_path: Path | None = None) -> dict[str, str]:
    """Map primary text id to its display label."""
    return dict(corpus_texts(manifest_path).select("text_id", "label").iter_rows())


_RECORD_FIELDS = {
    "petition_number": r"^(e-\d+) \(",
    "subject": r"^e-\d+ \(([^)]+)\)",
    "initiator_place": r"^Initiated by .+? from ([^\n]+)$",
    "original_language": r"^Original language of petition: ([^\n]+)$",
    "open_for_signature": r"^Open for signature\n([^\n]+)$",
    "closed_for_signature": r"^Closed for signature\n([^\n]+)$",
    "presented_by": r"^Presented to the House of Commons\n([^\n]+)$",
    "presented_on": r"^Presented to the House of Commons\n[^\n]+\n([^\n(]+?) \(Petition No\.",
    "house_petition_number": r"\(Petition No\. ([\d-]+)\)",
    "response_tabled": r"^Government response tabled\n([^\n]+)$",
    "response_signed_by": r"^Signed by \(Minister or Parliamentary Secretary\): ([^\n]+)$",
}


def petition_record(manifest_path: Path | None = None) -> pl.DataFrame:
    """The petition's record as printed on its page, one row per field, with raw offsets.

    Fields are read from the metadata segments (never typed in by hand): petition number,
    subject, signature period, presentation, House petition number, response tabling and
    signatory. ``value == raw[start:end]`` for every row.
    """
    segs = corpus_segments(manifest_path=manifest_path).filter(
        pl.col("role").is_in(["petition_metadata", "response_metadata"])
    )
    rows = []
    for name, pattern in _RECORD_FIELDS.items():
        for seg in segs.iter_rows(named=True):
            match = re.search(pattern, seg["text"], re.M)
            if match:
                s, e = match.span(1)
                rows.append(
                    {
                        "field": name,
                        "value": match.group(1),
                        "source_id": seg["source_id"],
                        "start": seg["start"] + s,
                        "end": seg["start"] + e,
                    }
                )
                break
        else:
            raise DiscourseError(
                f"{paths.MANIFEST}: petition record field {name!r} not found in the petition "
                f"page's metadata segments; check the petition_metadata rules against the raw page."
            )
    return pl.DataFrame(rows)
