"""The corpus manifest (``data/corpus.toml``): sources, documents, texts, pairs, rules.

The manifest is the single statement of what the suite analyses. It lists the raw files with
their SHA-256 (``[[sources]]``), the documents inside them (``[[documents]]``), the texts that are
compared, in display order, with their label, prose name, genre and colour (``[[texts]]``),
declared pairs of an advocacy text and a response (``[[pairs]]``), and, for sources segmented by
hand-written rules, the regex rules (``[[segments]]``). Sources of a parsed kind (``e-petition``,
``paper-petition``, ``letter``, ``plain``) are segmented by :mod:`analysis.corpus.parsers`; their
documents say which ``part`` of the parsed page they take.

Raw files and sidecars are read only from the ``raw/`` directory beside the manifest
(``data/raw/`` for the default corpus): a path that resolves elsewhere, through ``..``, an
absolute path or a symlink, is refused before it is read, and a source over the size limits
is refused before it is parsed (:mod:`analysis.corpus.rawfiles`).

Every problem is reported as a :class:`~analysis.io.DiscourseError` naming the file, the line
and the fix.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis import paths
from analysis.io import DiscourseError

#: How a source is cut into segments: by its ``[[segments]]`` rules, or by a page parser.
SOURCE_KINDS = ("rules", "e-petition", "paper-petition", "letter", "plain")
#: The genre of a text that answers another; also a petition page's response part and the pair
#: relation "the response answers the advocacy text".
RESPONSE = "response"
#: What a text is: advocacy texts (everything but ``response``) are searched for demands.
GENRES = ("petition", RESPONSE, "letter", "statement")
#: How a paired response relates to the advocacy text (see docs/METHODS.md, "pair").
RELATIONS = (RESPONSE, "overlap")

_SOURCE_KEYS = {
    "id",
    "file",
    "sha256",
    "title",
    "publisher",
    "origin",
    "captured",
    "kind",
    "sidecar",
}
_SOURCE_REQUIRED = {"id", "file", "sha256", "title", "publisher", "origin", "captured"}
_DOCUMENT_KEYS = {"id", "source", "title", "speaker", "date", "date_note", "part"}
_DOCUMENT_REQUIRED = {"id", "source", "title", "speaker", "date", "date_note"}
_TEXT_KEYS = {"id", "label", "document", "roles", "genre", "name", "colour"}
_TEXT_REQUIRED = {"id", "label", "document", "roles"}
_PAIR_KEYS = {"advocacy", "response", "relation", "note"}
_PAIR_REQUIRED = {"advocacy", "response"}
_RULE_KEYS = {"source", "document", "role", "pattern", "expect", "after", "before", "speaker"}
_RULE_REQUIRED = {"source", "document", "role", "pattern", "expect"}
_TABLES = ("sources", "documents", "texts", "pairs", "segments")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Source:
    id: str
    file: str
    sha256: str
    title: str
    publisher: str
    origin: str
    captured: str
    kind: str = "rules"
    sidecar: str | None = None


@dataclass(frozen=True)
class Document:
    id: str
    source: str
    title: str
    speaker: str
    date: str
    date_note: str
    part: str | None = None


@dataclass(frozen=True)
class Text:
    """A text that is compared: a document's segments of the given roles."""

    id: str
    label: str
    document: str
    roles: tuple[str, ...]
    genre: str = "statement"
    name: str = ""
    colour: str | None = None

    @property
    def is_advocacy(self) -> bool:
        """Advocacy texts ask for something; responses answer. Demands are sought in the former."""
        return self.genre != RESPONSE


@dataclass(frozen=True)
class Pair:
    """An advocacy text and a response compared with it (declared in ``[[pairs]]``)."""

    advocacy: str
    response: str
    relation: str = RESPONSE
    note: str = ""


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
    pairs: tuple[Pair, ...] = ()
    version: int = 2
    #: Line of each source's ``[[sources]]`` table, for messages about a source.
    source_lines: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

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

    def text(self, text_id: str) -> Text:
        for t in self.texts:
            if t.id == text_id:
                return t
        known = ", ".join(t.id for t in self.texts)
        raise DiscourseError(f"{self.path}: no text {text_id!r} (known: {known})")


# --- manifest -------------------------------------------------------------------------------


def _table_lines(text: str, table: str) -> list[int]:
    """Line numbers (1-based) of each ``[[table]]`` header, in order."""
    header = re.compile(rf"^[ \t]*\[\[[ \t]*{re.escape(table)}[ \t]*\]\]", re.M)
    return [text.count("\n", 0, m.start()) + 1 for m in header.finditer(text)]


def load_manifest(path: Path | None = None) -> Manifest:
    """Read and validate the corpus manifest.

    Args:
        path: the manifest file; defaults to the manifest in force (``paths.MANIFEST``).

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
    return parse_manifest(text, path)


def parse_manifest(text: str, path: Path) -> Manifest:
    """Validate manifest ``text`` (read from, or about to be written to, ``path``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DiscourseError(f"{path}: malformed TOML: {exc}. Fix the syntax there.") from exc

    unknown_tables = set(data) - {"version", *_TABLES}
    if unknown_tables:
        raise DiscourseError(
            f"{path}: unknown top-level key(s) {sorted(unknown_tables)}; the manifest holds "
            f"version, [[sources]], [[documents]], [[texts]], [[pairs]] and [[segments]]."
        )
    version = data.get("version", 1)
    if version not in (1, 2):
        raise DiscourseError(f"{path}: version = {version!r}; this suite reads versions 1 and 2.")

    def entries(
        table: str, keys: set[str], required: set[str], *, optional_table: bool = False
    ) -> list[tuple[dict, int]]:
        items = data.get(table)
        if items is None and optional_table:
            return []
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
    source_lines: dict[str, int] = {}
    for item, line in entries("sources", _SOURCE_KEYS, _SOURCE_REQUIRED):
        where = f"{path}, line {line}"
        if not re.fullmatch(r"[0-9a-f]{64}", item["sha256"]):
            raise DiscourseError(
                f"{where}: sha256 of {item['id']!r} is not 64 lowercase hex digits."
            )
        if item.get("kind", "rules") not in SOURCE_KINDS:
            raise DiscourseError(
                f"{where}: source {item['id']!r} has kind {item['kind']!r}; use one of "
                f"{', '.join(SOURCE_KINDS)}."
            )
        sources.append(Source(**item))
        source_lines.setdefault(item["id"], line)
    source_ids = _unique(path, "sources", [s.id for s in sources], text)

    documents = []
    parts: dict[tuple[str, str], tuple[str, int]] = {}
    for item, line in entries("documents", _DOCUMENT_KEYS, _DOCUMENT_REQUIRED):
        if item["source"] not in source_ids:
            raise DiscourseError(
                f"{path}, line {line}: document {item['id']!r} names unknown source {item['source']!r}."
            )
        part = item.get("part")
        if part is not None and (item["source"], part) in parts:
            # One part of a page is one document; a second would silently never get text.
            other, other_line = parts[item["source"], part]
            raise DiscourseError(
                f"{path}, line {line}: document {item['id']!r} takes part {part!r} of source "
                f"{item['source']!r}, as document {other!r} (line {other_line}) already does; "
                f"each part of a source is one document: remove one or give it another part."
            )
        if part is not None:
            parts[item["source"], part] = (item["id"], line)
        documents.append(Document(**item))
    doc_ids = _unique(path, "documents", [d.id for d in documents], text)

    texts = []
    colour_count = 0
    for item, line in entries("texts", _TEXT_KEYS, _TEXT_REQUIRED):
        where = f"{path}, line {line}"
        roles = item["roles"]
        if not isinstance(roles, list) or not roles or not all(isinstance(r, str) for r in roles):
            raise DiscourseError(
                f"{where}: text {item['id']!r}: roles must be a non-empty list of strings."
            )
        if not _ID.match(item["id"]):
            raise DiscourseError(
                f"{where}: text id {item['id']!r} must be lower-case letters, digits and "
                f"hyphens (it names files and figure names)."
            )
        if item["document"] not in doc_ids:
            raise DiscourseError(
                f"{where}: text {item['id']!r} names unknown document {item['document']!r}."
            )
        genre = item.get("genre", "statement")
        if genre not in GENRES:
            raise DiscourseError(
                f"{where}: text {item['id']!r} has genre {genre!r}; use one of {', '.join(GENRES)}."
            )
        colour = item.get("colour")
        if colour is not None:
            if not _COLOUR.match(colour):
                raise DiscourseError(
                    f"{where}: colour {colour!r} of text {item['id']!r} is not a #RRGGBB hex colour."
                )
            colour_count += 1
        texts.append(
            Text(
                id=item["id"],
                label=item["label"],
                document=item["document"],
                roles=tuple(roles),
                genre=genre,
                name=item.get("name", item["label"]),
                colour=colour,
            )
        )
    text_ids = _unique(path, "texts", [t.id for t in texts], text)
    genre_of = {t.id: t.genre for t in texts}

    pairs = []
    for item, line in entries("pairs", _PAIR_KEYS, _PAIR_REQUIRED, optional_table=True):
        where = f"{path}, line {line}"
        for key in ("advocacy", "response"):
            if item[key] not in text_ids:
                raise DiscourseError(
                    f"{where}: pair names unknown text {item[key]!r} as {key}; list it in [[texts]]."
                )
        if genre_of[item["response"]] != RESPONSE:
            raise DiscourseError(
                f"{where}: pair response {item['response']!r} is not a text of genre 'response'."
            )
        if genre_of[item["advocacy"]] == RESPONSE:
            raise DiscourseError(
                f"{where}: pair advocacy text {item['advocacy']!r} is itself a response."
            )
        relation = item.get("relation", RESPONSE)
        if relation not in RELATIONS:
            raise DiscourseError(
                f"{where}: pair relation {relation!r}; use one of {', '.join(RELATIONS)}."
            )
        pairs.append(Pair(item["advocacy"], item["response"], relation, item.get("note", "")))

    rules = []
    for item, line in entries("segments", _RULE_KEYS, _RULE_REQUIRED, optional_table=True):
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
    return Manifest(
        path,
        tuple(sources),
        tuple(documents),
        tuple(texts),
        tuple(rules),
        tuple(pairs),
        version,
        source_lines,
    )


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


# --- raw sources: in analysis.corpus.rawfiles, re-exported here for existing imports ----------

from analysis.corpus.rawfiles import (  # noqa: E402  (rawfiles needs the classes above)
    MAX_SOURCE_LINES,
    MAX_SOURCE_MB,
    confined,
    max_source_bytes,
    max_source_lines,
    raw_dir,
    raw_path,
    raw_text,
    read_source,
    sha256_file,
    shown_path,
)

__all__ = [
    "GENRES",
    "MAX_SOURCE_LINES",
    "MAX_SOURCE_MB",
    "RELATIONS",
    "RESPONSE",
    "SOURCE_KINDS",
    "Document",
    "Manifest",
    "Pair",
    "Rule",
    "Source",
    "Text",
    "confined",
    "load_manifest",
    "manifest",
    "max_source_bytes",
    "max_source_lines",
    "parse_manifest",
    "raw_dir",
    "raw_path",
    "raw_text",
    "read_source",
    "sha256_file",
    "shown_path",
]
