"""Coding sheets: export one for a coder, read a filled one back with validation, import it.

``discourse code export`` writes two files for a coder: a CSV sheet (one row per unit, empty
code columns, a commented header naming the scheme, the coder and the codebook) and an offline
HTML page showing each unit between its preceding and following sentence, with the codebook's
definition of every category at the top. ``discourse code import`` reads the filled sheet,
checks it against the scheme (every unit once, its text unchanged, only the scheme's categories)
and writes it into ``data/annotations/coders/<scheme>-<coder>.csv``, where
:func:`analysis.evaluation.coding.coders_load` finds it.

A sheet's header must say who or what coded it (``# coder_description:``): agreement between
coders is only interpretable when the reader knows whether a coder was a trained person, an
untrained one or an automated coder.
"""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis import paths
from analysis.evaluation.coding import (
    GOLD_CODER,
    Scheme,
    codebook_definitions,
    codebook_version,
    scheme_load,
    sha256,
)
from analysis.io import DiscourseError, write_atomic

#: Header fields every sheet carries, in order.
HEADER = ("scheme", "coder", "coder_description", "codebook", "instructions")
_CODER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
INSTRUCTIONS = (
    "write each unit's codes in the code columns; separate several categories with ';' and "
    "leave a multi-label cell empty when no category applies; a single-label column takes "
    "exactly one label of the unit's scale; do not change unit_id or text_id or unit_text or "
    "sha256; fill in coder_description (who or what coded this sheet: a person and their "
    "training or an automated coder and what it was given); the HTML page beside this file "
    "shows each unit in context with the codebook's definitions"
)


@dataclass(frozen=True)
class Sheet:
    """A read and validated sheet: its coder, their description and the codes (wide)."""

    scheme: str
    coder: str
    description: str
    codes: pl.DataFrame  # unit_id, one column per layer (codes joined by ";"), note


def check_coder(name: str, where: str = "--coder") -> str:
    """A coder's name as a file-name part; the gold coder's name is reserved."""
    if not _CODER.match(name or "") or name == GOLD_CODER:
        raise DiscourseError(
            f"{where}: coder name {name!r} is not usable; use letters, digits, '-' or '_' "
            f"(not {GOLD_CODER!r}, the gold file's coder)."
        )
    return name


def _columns(scheme: Scheme) -> list[str]:
    scale = ["scale"] if scheme.units["scale"].drop_nulls().len() else []
    return ["unit_id", "text_id", *scale, "unit_text", "sha256", *scheme.columns, "note"]


def sheet_text(
    scheme: Scheme, coder: str, description: str = "", codes: pl.DataFrame | None = None
) -> str:
    """The CSV sheet: the commented header, then one row per unit (codes from ``codes``)."""
    filled = {} if codes is None else {r["unit_id"]: r for r in codes.iter_rows(named=True)}
    buf = io.StringIO()
    version = codebook_version(scheme.codebook)
    head = {
        "scheme": scheme.name,
        "coder": coder,
        "coder_description": description,
        "codebook": f"{scheme.codebook.name} v{version}",
        "instructions": INSTRUCTIONS,
    }
    for key, value in head.items():
        buf.write(f"# {key}: {value}".rstrip() + "\n")
    for layer in scheme.layers:
        kind = "several or none" if layer.multi else "exactly one"
        buf.write(f"# categories {layer.column} ({kind}): {';'.join(layer.categories)}\n")
    writer = csv.writer(buf, lineterminator="\n")
    columns = _columns(scheme)
    writer.writerow(columns)
    for unit in scheme.units.iter_rows(named=True):
        row = filled.get(unit["unit_id"], {})
        writer.writerow([row.get(c) or unit.get(c) or "" for c in columns])
    return buf.getvalue()


def export_sheet(
    scheme: Scheme | str, coder: str, out_dir: Path | None = None
) -> tuple[Path, Path]:
    """Write a coder's empty CSV sheet and its HTML page; return both paths.

    Args:
        scheme: a scheme or its name (:func:`analysis.evaluation.coding.scheme_load`).
        coder: the coder's name (letters, digits, ``-``, ``_``).
        out_dir: where to write (default ``reports/coding/`` of the corpus in force).
    """
    scheme = scheme_load(scheme) if isinstance(scheme, str) else scheme
    check_coder(coder)
    if scheme.units.is_empty():
        raise DiscourseError(
            f"scheme {scheme.name!r} has no units to code; its gold files define them "
            f"(see {scheme.codebook.name})."
        )
    out_dir = paths.REPORTS / "coding" if out_dir is None else Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{scheme.name}-{coder}"
    sheet = write_atomic(out_dir / f"{stem}.csv", sheet_text(scheme, coder))
    page = write_atomic(out_dir / f"{stem}.html", sheet_html(scheme, coder, sheet.name))
    return sheet, page


# --- the HTML page ----------------------------------------------------------------------------

_STYLE = """
body{font-family:Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
table{border-collapse:collapse;margin:0 0 1.5rem}td,th{border:1px solid #bbb;padding:.3rem .5rem;
vertical-align:top;text-align:left}code{font-size:.95em}section{border-top:1px solid #ccc;
padding:.5rem 0}.ctx{color:#666;font-size:.92em}.unit{font-weight:bold}.id{font-family:monospace}
"""


def _e(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def sheet_html(scheme: Scheme, coder: str, sheet_name: str) -> str:
    """The offline page for a sheet: codebook definitions, then every unit in its context.

    Self-contained (inline style, no script, no external address); every text is escaped.
    """
    version = codebook_version(scheme.codebook)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Coding sheet: {_e(scheme.name)} ({_e(coder)})</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Coding sheet: {_e(scheme.name)}</h1>",
        f"<p>Coder: <span class=id>{_e(coder)}</span>. Codebook: {_e(scheme.codebook.name)} "
        f"version {_e(version)}. Write the codes into <span class=id>{_e(sheet_name)}</span>, "
        "one row per unit below; read the codebook's definitions first.</p>",
        f"<p>{_e(INSTRUCTIONS[0].upper() + INSTRUCTIONS[1:])}.</p>",
        "<h2>Categories</h2>",
    ]
    for layer in scheme.layers:
        defs = codebook_definitions(scheme.codebook, layer.categories)
        kind = "several categories or none" if layer.multi else "exactly one label"
        out.append(f"<h3>Column <code>{_e(layer.column)}</code> ({kind})</h3>")
        out.append("<table><tr><th>code</th><th>definition (from the codebook)</th></tr>")
        out += [
            f"<tr><td><code>{_e(c)}</code></td><td>{_e(defs[c] or 'see the codebook')}</td></tr>"
            for c in layer.categories
        ]
        out.append("</table>")
    if scheme.reference is not None and scheme.reference.height:
        out.append("<h2>Texts the units are judged against</h2>")
        for text_id, part in scheme.reference.group_by("text_id", maintain_order=True):
            out.append(f"<h3 class=id>{_e(text_id[0])}</h3><ol>")
            out += [
                f"<li><span class=id>{_e(s)}</span> {_e(t)}</li>"
                for s, t in part.select("sentence_id", "text").iter_rows()
            ]
            out.append("</ol>")
    out.append(f"<h2>Units ({scheme.units.height})</h2>")
    for u in scheme.units.iter_rows(named=True):
        out.append(
            f"<section><h3 class=id>{_e(u['unit_id'])} ({_e(u['text_id'])})</h3>"
            f"<p class=ctx>{_e(u['before'] or '(start of text)')}</p>"
        )
        if u["sentence"] and u["sentence"] != u["unit_text"]:
            out.append(f"<p>In the sentence: {_e(u['sentence'])}</p>")
        out.append(f"<p class=unit>{_e(u['unit_text'])}</p>")
        if u["scale"]:
            labels = "; ".join(scheme.allowed(scheme.layers[0], u["scale"]))
            out.append(f"<p>Scale: {_e(u['scale'])} (one of: {_e(labels)})</p>")
        out.append(f"<p class=ctx>{_e(u['after'] or '(end of text)')}</p></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


# --- reading and importing --------------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    if not path.is_file():
        raise DiscourseError(f"{path}: no such sheet; give the CSV `discourse code export` wrote.")
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise DiscourseError(f"{path}, line 1: not UTF-8; save the sheet as UTF-8 CSV.") from None


def _header(path: Path, lines: list[str]) -> tuple[dict[str, tuple[int, str]], int]:
    """Comment fields -> (line, value), tolerating a spreadsheet's quotes and trailing commas;
    and the index of the column header line."""
    fields: dict[str, tuple[int, str]] = {}
    for i, line in enumerate(lines):
        clean = line.rstrip(",").strip()
        if clean.startswith('"') and clean.endswith('"'):
            clean = clean[1:-1].replace('""', '"')
        if not clean.startswith("#"):
            return fields, i
        key, sep, value = clean[1:].partition(":")
        if sep:
            fields[key.strip().lower()] = (i + 1, value.strip())
    raise DiscourseError(f"{path}: no column header after the '#' lines; export a fresh sheet.")


def sheet_read(path: Path, scheme: Scheme | None = None) -> Sheet:
    """Read a filled sheet (or an imported coder file) and validate it against its scheme.

    Raises:
        DiscourseError: one line naming the file, line and column, and the fix: a missing
            ``# scheme:``, ``# coder:`` or ``# coder_description:`` header, another scheme
            than expected, wrong columns, an unknown, duplicate or missing unit, a text_id or
            unit text that differs from the unit's, an unknown or repeated category, or a
            single-label cell without exactly one label.
    """
    path = Path(path)
    lines = _lines(path)
    fields, start = _header(path, lines)
    for key in ("scheme", "coder", "coder_description"):
        if not fields.get(key, (0, ""))[1]:
            at = fields.get(key, (1, ""))[0]
            fix = (
                "say who or what coded it, e.g. 'a person trained on the codebook' or "
                "'an automated coder (a language model given only the codebook)'"
                if key == "coder_description"
                else "keep the header `discourse code export` wrote"
            )
            raise DiscourseError(
                f"{path}, line {at}: the '# {key}:' header is missing or empty; {fix}."
            )
    name = fields["scheme"][1]
    if scheme is None:
        scheme = scheme_load(name)
    elif name != scheme.name:
        raise DiscourseError(
            f"{path}, line {fields['scheme'][0]}: sheet of scheme {name!r}, expected {scheme.name!r}."
        )
    coder = check_coder(fields["coder"][1], f"{path}, line {fields['coder'][0]}")
    reader = csv.reader(io.StringIO("\n".join(lines[start:])))
    columns = [c.strip() for c in next(reader)]
    want = _columns(scheme)
    if sorted(columns) != sorted(want):
        raise DiscourseError(
            f"{path}, line {start + 1}: columns {columns}; expected {want} (export a fresh sheet "
            "and copy the codes over)."
        )
    units = {u["unit_id"]: u for u in scheme.units.iter_rows(named=True)}
    seen: dict[str, int] = {}
    rows = []
    last = start + 1
    for values in reader:
        line = start + reader.line_num
        if not any(v.strip() for v in values):
            continue
        last = line
        if len(values) != len(columns):
            raise DiscourseError(
                f"{path}, line {line}: {len(values)} fields, expected {len(columns)}; quote "
                "cells that contain commas."
            )
        row = {c: v.strip() for c, v in zip(columns, values, strict=True)}
        rows.append(_check_row(path, line, row, scheme, units, seen))
    missing = [u for u in units if u not in seen]
    if missing:
        raise DiscourseError(
            f"{path}, line {last}: {len(missing)} of {len(units)} units missing, first "
            f"{missing[0]!r}; add a row for every unit (export a fresh sheet)."
        )
    schema = dict.fromkeys(("unit_id", *scheme.columns, "note"), pl.String)
    order = {u: i for i, u in enumerate(units)}
    rows.sort(key=lambda r: order[r["unit_id"]])
    codes = pl.DataFrame(rows, schema=schema)
    return Sheet(scheme.name, coder, fields["coder_description"][1], codes)


def _check_row(path, line, row, scheme, units, seen) -> dict:
    def fail(column: str, message: str) -> DiscourseError:
        return DiscourseError(f"{path}, line {line}, column {column}: {message}")

    uid = row["unit_id"]
    if uid not in units:
        raise fail("unit_id", f"unknown unit {uid!r}; keep the unit ids the export wrote.")
    if uid in seen:
        raise fail("unit_id", f"unit {uid!r} repeated (first at line {seen[uid]}); keep one row.")
    seen[uid] = line
    unit = units[uid]
    if row["text_id"] != unit["text_id"]:
        raise fail("text_id", f"{row['text_id']!r} for unit {uid!r}; expected {unit['text_id']!r}.")
    if sha256(row["unit_text"]) != unit["sha256"] or row["sha256"] != unit["sha256"]:
        raise fail(
            "unit_text",
            f"the text of unit {uid!r} is not the text coded in this scheme (changed in the "
            "sheet, or the units changed since the export); restore it from a fresh export.",
        )
    out = {"unit_id": uid, "note": row.get("note", "")}
    for layer in scheme.layers:
        allowed = scheme.allowed(layer, unit["scale"])
        codes = [c.strip() for c in row[layer.column].split(";") if c.strip()]
        for c in codes:
            if c not in allowed:
                raise fail(
                    layer.column,
                    f"unknown category {c!r}; allowed: {', '.join(allowed)} (separate "
                    "several with ';').",
                )
        if len(set(codes)) != len(codes):
            raise fail(layer.column, f"category repeated in {row[layer.column]!r}.")
        if not layer.multi and len(codes) != 1:
            raise fail(
                layer.column,
                f"{len(codes)} labels for unit {uid!r}; give exactly one of {', '.join(allowed)}.",
            )
        out[layer.column] = ";".join(c for c in allowed if c in codes)
    return out


def import_sheet(
    path: Path,
    *,
    replace: bool = False,
    coders_dir: Path | None = None,
    scheme: Scheme | None = None,
) -> Path:
    """Validate a filled sheet and write it to ``<coders_dir>/<scheme>-<coder>.csv``.

    Args:
        path: the filled CSV sheet.
        replace: overwrite an earlier import of the same coder and scheme.
        coders_dir: default ``data/annotations/coders``.
        scheme: the scheme (default: the one the sheet's header names).

    Raises:
        DiscourseError: from :func:`sheet_read`, or when the coder's file exists and not
            ``replace``.
    """
    path = Path(path)
    sheet = sheet_read(path, scheme)
    scheme = scheme_load(sheet.scheme) if scheme is None else scheme
    folder = paths.CODERS if coders_dir is None else Path(coders_dir)
    target = folder / f"{sheet.scheme}-{sheet.coder}.csv"
    if target.exists() and not replace:
        raise DiscourseError(
            f"{path}: coder {sheet.coder!r} already has an imported {sheet.scheme} sheet "
            f"({target}); pass --replace to overwrite it, or use another coder name."
        )
    folder.mkdir(parents=True, exist_ok=True)
    return write_atomic(target, sheet_text(scheme, sheet.coder, sheet.description, sheet.codes))
