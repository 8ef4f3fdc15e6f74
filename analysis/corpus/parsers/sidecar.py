"""Sidecar files: hand-given roles for line or character ranges, overriding a parser.

A source may name a sidecar (``sidecar = "raw/<file>.segments.toml"``) beside its raw file::

    [[ranges]]
    lines = "12-15"          # 1-based, inclusive; or chars = "100-250" (0-based, end exclusive)
    role = "letter_body"
    part = "letter"

Each range becomes one segment (its text without surrounding blanks) of that role and part;
what the parser found inside a range is replaced, and a parser segment cut by a range keeps
only its text outside the range. Ranges may not overlap.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from analysis.corpus.parsers import split_lines
from analysis.io import DiscourseError

_KEYS = {"lines", "chars", "role", "part"}
_RANGE = re.compile(r"^\s*(\d+)\s*-\s*(\d+)\s*$")


def load(path: Path, raw: str) -> list[tuple[int, int, str, str, int]]:
    """The validated ranges of a sidecar as ``(start, end, role, part, line)`` in raw offsets.

    Raises:
        DiscourseError: the file is missing or malformed, or a range is invalid; the message
            names the file and the line of the ``[[ranges]]`` entry.
    """
    if not path.is_file():
        raise DiscourseError(
            f"{path}: sidecar file not found. Create it or drop `sidecar` from the source."
        )
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DiscourseError(f"{path}: malformed TOML: {exc}. Fix the syntax there.") from exc
    if set(data) - {"ranges"}:
        raise DiscourseError(
            f"{path}: unknown key(s) {sorted(set(data) - {'ranges'})}; a sidecar holds [[ranges]] only."
        )
    items = data.get("ranges", [])
    headers = [
        text.count("\n", 0, m.start()) + 1
        for m in re.finditer(r"(?m)^[ \t]*\[\[[ \t]*ranges[ \t]*\]\]", text)
    ]
    lines = split_lines(raw)
    out = []
    for n, item in enumerate(items):
        where = f"{path}, line {headers[n] if n < len(headers) else '?'} ([[ranges]] entry {n + 1})"
        if not isinstance(item, dict):
            raise DiscourseError(f"{where}: write each range as its own [[ranges]] table.")
        unknown = set(item) - _KEYS
        if unknown:
            raise DiscourseError(
                f"{where}: unknown key(s) {sorted(unknown)}; allowed: {sorted(_KEYS)}."
            )
        for key in ("role", "part"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise DiscourseError(f"{where}: {key!r} must be a non-empty string.")
        if ("lines" in item) == ("chars" in item):
            raise DiscourseError(f'{where}: give exactly one of lines = "A-B" or chars = "A-B".')
        key = "lines" if "lines" in item else "chars"
        match = _RANGE.match(str(item[key]))
        if not match:
            raise DiscourseError(
                f'{where}: {key} = {item[key]!r} is not a range "A-B" of whole numbers.'
            )
        a, b = int(match[1]), int(match[2])
        if key == "lines":
            if not 1 <= a <= b <= len(lines):
                raise DiscourseError(
                    f"{where}: lines {a}-{b} outside the file (lines 1-{len(lines)}), or reversed."
                )
            start, end = lines[a - 1].start, lines[b - 1].end
            # Leading blank lines: start at the first non-blank line in the range.
            first = next((ln for ln in lines[a - 1 : b] if not ln.blank), None)
            last = next((ln for ln in reversed(lines[a - 1 : b]) if not ln.blank), None)
            if first is None:
                raise DiscourseError(f"{where}: lines {a}-{b} are blank.")
            start, end = first.start, last.end
        else:
            if not 0 <= a < b <= len(raw):
                raise DiscourseError(
                    f"{where}: chars {a}-{b} outside the text (0-{len(raw)}), empty or reversed."
                )
            start, end = a, b
            while start < end and raw[start].isspace():
                start += 1
            while end > start and raw[end - 1].isspace():
                end -= 1
            if start == end:
                raise DiscourseError(f"{where}: chars {a}-{b} are blank.")
        out.append((start, end, item["role"], item["part"], headers[n] if n < len(headers) else 0))
    out.sort()
    for r1, r2 in zip(out, out[1:], strict=False):
        if r2[0] < r1[1]:
            raise DiscourseError(
                f"{path}: ranges at lines {r1[4]} and {r2[4]} overlap; make them disjoint."
            )
    return out


def apply(found: list[dict], raw: str, path: Path) -> list[dict]:
    """``found`` with every sidecar range of ``path`` imposed (see the module docstring)."""
    ranges = load(path, raw)
    out = []
    for rec in found:
        pieces = [(rec["start"], rec["end"])]
        for s, e, *_ in ranges:
            pieces = [p for a, b in pieces for p in ((a, min(b, s)), (max(a, e), b)) if p[0] < p[1]]
        for a, b in pieces:
            while a < b and raw[a].isspace():
                a += 1
            while b > a and raw[b - 1].isspace():
                b -= 1
            if a < b:
                out.append({**rec, "start": a, "end": b, "text": raw[a:b]})
    for s, e, role, part, _ in ranges:
        out.append({"part": part, "role": role, "start": s, "end": e, "text": raw[s:e]})
    out.sort(key=lambda r: r["start"])
    return out
