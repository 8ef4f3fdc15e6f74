"""Adding a document to the corpus and removing it again (``discourse add`` / ``discourse remove``).

:func:`add_document` copies a file byte for byte into the manifest's ``raw/`` folder, reads it
with the page parser of its kind, and appends its ``[[sources]]``, ``[[documents]]`` and
``[[texts]]`` entries to the manifest as TOML text (so the file's comments survive), in a block
that starts with a ``# --- added by discourse add: ...`` line. :func:`remove_document` removes
that marker line and exactly the tables that belong to the source (its source, documents, rules
and texts, plus declared pairs naming its texts), wherever they are, and nothing else: entries
written after an added block stay, and removing what was just added restores the manifest byte
for byte.

Edits are atomic: the new manifest text is validated and the new source segmented before
anything is written; if anything fails (including rebuilding the processed data), the manifest
and ``raw/`` are left exactly as they were, and a rebuild that failed part way is run again on
the restored manifest, so ``processed/`` never mixes tables of the two.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import tomllib
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from analysis import paths
from analysis.corpus import entries as entries_mod
from analysis.corpus import parsers
from analysis.corpus.manifest import (
    _ID,
    load_manifest,
    parse_manifest,
)
from analysis.corpus.parsers.petition import page_facts
from analysis.corpus.rawfiles import read_within_limits
from analysis.corpus.record import record_fields
from analysis.io import DiscourseError, write_atomic

#: ``--kind`` values; ``auto`` reads the page to choose one of the others.
KINDS = ("auto", "e-petition", "paper-petition", "letter", "plain")
_MARKER = "# --- added by discourse add: source "
#: ``--kind auto`` looks for a "Dear ..." salutation in this many first non-blank lines.
_SALUTATION_LINES = 15
_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*(\w+)[ \t]*\]\][ \t]*$")


@dataclass
class Added:
    """What :func:`add_document` did: the source id, its kind, a summary and any warnings."""

    source_id: str
    kind: str
    summary: str
    text_ids: list[str]
    warnings: list[str] = field(default_factory=list)


def detect_kind(raw: str) -> str:
    """The kind of a page: e-petition, paper-petition, letter or plain (see ``--kind auto``).

    A petition header in the first 40 non-blank lines makes a petition; a line starting "Dear"
    in the first 15 a letter; anything else is plain.
    """
    lines = [ln.text for ln in parsers.split_lines(raw) if not ln.blank]
    if any(re.match(r"^e-\d+ \(", t) for t in lines[:40]):
        return "e-petition"
    if any(re.match(r"^\d{3}-\d{5} \(", t) or t == "Paper petition" for t in lines[:40]):
        return "paper-petition"
    # A letter's salutation comes early; "Dear ..." quoted further down is not one.
    if any(re.match(r"^Dear\b", t) for t in lines[:_SALUTATION_LINES]):
        return "letter"
    return "plain"


def _q(value: str) -> str:
    """A TOML basic string (JSON string escapes are valid TOML)."""
    return json.dumps(value, ensure_ascii=False)


def _table(name: str, entries: dict) -> str:
    body = "".join(
        f"{k} = {_q(v) if isinstance(v, str) else json.dumps(v, ensure_ascii=False)}\n"
        for k, v in entries.items()
    )
    return f"[[{name}]]\n{body}"


def _read_new_file(src: Path) -> tuple[bytes, str]:
    if not src.is_file():
        raise DiscourseError(f"{src}: no such file. Give the path of a UTF-8 text file to add.")
    data = read_within_limits(src)
    if not data.strip():
        raise DiscourseError(f"{src}: the file is empty; nothing to add.")
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DiscourseError(
            f"{src}: not valid UTF-8 at byte offset {exc.start} ({exc.reason}). Save it as UTF-8 "
            f"first (keep the original as delivered)."
        ) from exc


def _check_date(date: str | None) -> str | None:
    if date is None:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
            raise ValueError
        dt.date.fromisoformat(date)
    except ValueError:
        raise DiscourseError(
            f"--date {date!r}: not a date; write it as YYYY-MM-DD (e.g. 2025-09-22)."
        ) from None
    return date


def add_document(
    file: str | Path,
    *,
    kind: str = "auto",
    ident: str | None = None,
    title: str | None = None,
    speaker: str | None = None,
    date: str | None = None,
    primary: bool = True,
    manifest_path: Path | None = None,
    rebuild: Callable[[], object] | None = None,
) -> Added:
    """Add ``file`` to the corpus: copy, checksum, manifest entries, segments, rebuild.

    Args:
        file: the text file to add (copied byte for byte into the manifest's ``raw/``).
        kind: ``auto`` or one of e-petition, paper-petition, letter, plain.
        ident: the id of the new source and its main text (default: from the page).
        title, speaker, date: override what is read from the page (date as YYYY-MM-DD).
        primary: if false, documents only: no ``[[texts]]`` entries.
        manifest_path: the manifest to edit (default: the one in force).
        rebuild: called after the manifest is written (``discourse build``'s function); if it
            fails, the manifest and raw file are restored and ``rebuild`` runs again, so the
            processed data match the restored manifest.

    Raises:
        DiscourseError: on any bad input; nothing is changed then.
    """
    path = Path(manifest_path) if manifest_path else paths.MANIFEST
    if kind not in KINDS:
        raise DiscourseError(f"--kind {kind!r}: unknown kind; use one of {', '.join(KINDS)}.")
    date = _check_date(date)
    src = Path(file).expanduser()
    data, raw = _read_new_file(src)
    kind = detect_kind(raw) if kind == "auto" else kind
    raw_dir = (path.parent / "raw").resolve()
    dest = (raw_dir / src.name).resolve()
    if dest.parent != raw_dir or src.name.startswith("."):
        raise DiscourseError(f"{src}: unusable file name for {raw_dir}/; rename the file.")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", parsers.UnclassifiedTextWarning)
        found = parsers.parse(raw, kind, str(dest))
    notes = [
        str(w.message) for w in caught if issubclass(w.category, parsers.UnclassifiedTextWarning)
    ]
    facts = page_facts(found) if kind in ("e-petition", "paper-petition") else {}
    base = ident or entries_mod.slug(facts.get("number") or src.stem)
    if not _ID.match(base):
        raise DiscourseError(
            f"--id {base!r}: ids are lower-case letters, digits and hyphens, starting with a "
            f"letter or digit (e.g. e-1234)."
        )
    old_text = path.read_text(encoding="utf-8") if path.is_file() else None
    if old_text is None:
        raise DiscourseError(f"{path}: corpus manifest not found; nothing to add to.")
    m = load_manifest(path)
    used = {s.file: s.id for s in m.sources}
    if f"raw/{src.name}" in used:
        raise DiscourseError(
            f"{src}: raw/{src.name} is already source {used[f'raw/{src.name}']!r} in {path}; "
            f"remove it first (discourse remove {used[f'raw/{src.name}']})."
        )
    if dest.exists() and dest.read_bytes() != data:
        raise DiscourseError(
            f"{dest}: a different file of that name is already in raw/; raw files are never "
            f"overwritten. Rename the new file."
        )
    args = {"title": title, "speaker": speaker, "date": date}
    if kind in ("e-petition", "paper-petition"):
        record = {r["field"]: r["value"] for r in record_fields(found)}
        entries, text_ids, summary = entries_mod.petition_entries(
            base, kind, found, facts, record, args
        )
        noun = kind.replace("-", " ")
        default_title = f"House of Commons of Canada {noun} {facts.get('number', base)}"
        if facts.get("subject"):
            default_title += f" ({facts['subject']})"
        publisher = "House of Commons of Canada"
    else:
        entries, text_ids, summary = entries_mod.other_entries(base, kind, found, raw, args)
        default_title, publisher = src.stem, "unknown (not recorded)"
    source = {
        "id": base,
        "file": f"raw/{src.name}",
        "sha256": hashlib.sha256(data).hexdigest(),
        "title": title or default_title,
        "publisher": publisher,
        "origin": f"unknown (added from the file {src.name}; where it came from was not recorded)",
        "captured": "unknown",
        "kind": kind,
    }
    if not primary:
        entries = [e for e in entries if e[0] != "texts"]
        text_ids = []
    taken = {t.id: "text" for t in m.texts}
    taken |= {d.id: "document" for d in m.documents} | {s.id: "source" for s in m.sources}
    for table, entry in [("sources", source), *entries]:
        if entry["id"] in taken:
            raise DiscourseError(
                f"{path}: id {entry['id']!r} (new {table[:-1]}) is already a "
                f"{taken[entry['id']]} id in the manifest; choose another with --id."
            )
    copied = not dest.exists()
    how = f"copied raw/{src.name}" if copied else f"raw/{src.name} was already there"
    block = f"\n{_MARKER}{base} ({how}) ---\n\n" + "\n".join(
        _table(t, e) for t, e in [("sources", source), *entries]
    )
    new_text = (old_text if old_text.endswith("\n") else old_text + "\n") + block
    new_m = parse_manifest(new_text, path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", parsers.UnclassifiedTextWarning)
        from analysis.corpus.segments import source_segments

        source_segments(new_m.source(base), raw, new_m)
    _commit(path, old_text, new_text, rebuild, write=(dest, data) if copied else None)
    unclassified = sum(r["role"] == "unclassified" for r in found)
    if unclassified:
        summary += f"; {unclassified} unclassified"
    return Added(base, kind, summary, text_ids, notes)


def _commit(path, old_text, new_text, rebuild, *, write=None, delete=None) -> None:
    """Write the manifest (and a raw file), rebuild; undo everything if any step fails."""
    from analysis import corpus

    if write is not None:
        write_atomic(*write)
    rebuilding = False
    try:
        write_atomic(path, new_text)
        corpus.clear_caches()
        if rebuild is not None:
            rebuilding = True
            rebuild()
    except BaseException as exc:
        write_atomic(path, old_text)
        if write is not None:
            write[0].unlink(missing_ok=True)
        corpus.clear_caches()
        if rebuilding:
            # A rebuild that failed part way leaves some processed tables new and some old:
            # rebuild them all from the restored manifest.
            try:
                rebuild()
            except Exception as again:
                exc.add_note(
                    f"Rebuilding the processed data from the restored manifest failed too "
                    f"({again}); run `discourse build` once the cause is fixed."
                )
            finally:
                corpus.clear_caches()
        raise
    if delete is not None:
        delete.unlink(missing_ok=True)


def _entries(text: str) -> list[tuple[int, int, str, dict]]:
    """Each table entry of a manifest text: (first line, end line exclusive, table, values)."""
    lines = text.splitlines(keepends=True)
    heads = [i for i, ln in enumerate(lines) if _HEADER.match(ln)]
    out = []
    for k, h in enumerate(heads):
        stop = heads[k + 1] if k + 1 < len(heads) else len(lines)
        end = h + 1
        for j in range(h + 1, stop):
            if lines[j].strip() and not lines[j].lstrip().startswith("#"):
                end = j + 1
        values = tomllib.loads("".join(lines[h + 1 : end]))
        out.append((h, end, _HEADER.match(lines[h])[1], values))
    return out


def remove_document(
    ident: str,
    *,
    manifest_path: Path | None = None,
    rebuild: Callable[[], object] | None = None,
) -> str:
    """Remove a source (by source id or by one of its text ids) and all that names it.

    Given a text id, the whole source holding that text goes: removing a petition page's
    response text removes the petition too.

    Its documents, texts, rules and declared pairs naming its texts go; so does the raw file
    ``discourse add`` copied, unless another source uses it. Returns a one-line summary.

    Raises:
        DiscourseError: unknown id, or the manifest would be invalid without it (e.g. no text
            left); nothing is changed then.
    """
    path = Path(manifest_path) if manifest_path else paths.MANIFEST
    m = load_manifest(path)
    text = path.read_text(encoding="utf-8")
    source_ids = {s.id for s in m.sources}
    if ident in source_ids:
        sid = ident
    elif ident in {t.id for t in m.texts}:
        sid = m.document(m.text(ident).document).source
    else:
        known = ", ".join(sorted(source_ids | {t.id for t in m.texts}))
        raise DiscourseError(f"{path}: no source or text {ident!r} to remove (known: {known}).")
    source = m.source(sid)
    docs = {d.id for d in m.documents if d.source == sid}
    texts = {t.id for t in m.texts if t.document in docs}
    lines = text.splitlines(keepends=True)
    drop: set[int] = set()
    copied = False
    marker = re.search(rf"(?m)^{re.escape(_MARKER + sid)} \((copied|raw/)", text)
    if marker:
        # Only the marker line goes (with the blank line add wrote before it); what follows
        # the block, hand-written or added later, is not the removed source's.
        copied = marker[1] == "copied"
        at = text.count("\n", 0, marker.start())
        drop.update(range(at - 1, at + 1) if at > 0 and not lines[at - 1].strip() else [at])

    def doomed(table: str, v: dict) -> bool:
        return (
            (table == "sources" and v.get("id") == sid)
            or (table in ("documents", "segments") and v.get("source") == sid)
            or (table == "texts" and v.get("document") in docs)
            or (table == "pairs" and (v.get("advocacy") in texts or v.get("response") in texts))
        )

    for h, end, table, values in _entries(text):
        if doomed(table, values):
            # With the blank line that separates it: before it (as add writes tables), else after.
            if h > 0 and not lines[h - 1].strip():
                drop.update(range(h - 1, end))
            else:
                drop.update(
                    range(h, end + 1 if end < len(lines) and not lines[end].strip() else end)
                )
    text = "".join(ln for i, ln in enumerate(lines) if i not in drop)
    parse_manifest(text, path)
    raw_file = (path.parent / source.file).resolve()
    others = any(s.file == source.file for s in m.sources if s.id != sid)
    # Only a file inside raw/ is ever deleted, whatever the manifest names.
    inside = raw_file.is_relative_to((path.parent / "raw").resolve())
    delete = raw_file if copied and not others and inside else None
    _commit(path, path.read_text(encoding="utf-8"), text, rebuild, delete=delete)
    removed = [f"source {sid}", f"{len(docs)} documents", f"{len(texts)} texts"]
    if delete is not None:
        removed.append(f"raw/{raw_file.name}")
    return "removed " + ", ".join(removed)
