"""The petition record printed on a House of Commons petition page: one record per petition.

Fields are read from each page's metadata segments (never typed in by hand), each with its
offsets into the raw source. A page that omits a field (no response yet, not yet presented)
simply lacks it. :func:`petition_record` gives the long form (one row per field),
:func:`petition_records` the wide form (one row per petition, with ISO dates).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from analysis.corpus.segments import corpus_segments

_NL = r"\r?\n"
_LINE = r"[^\r\n]"
_RECORD_FIELDS = {
    "petition_number": r"^(e-\d+|\d{3}-\d{5}) \(",
    "subject": r"^(?:e-\d+|\d{3}-\d{5}) \(([^)\r\n]+)\)",
    "initiator_place": rf"^Initiated by {_LINE}+? from ({_LINE}+?)\r?$",
    "original_language": rf"^Original language of petition: ({_LINE}+?)\r?$",
    "open_for_signature": rf"^Open for signature{_NL}({_LINE}+?)\r?$",
    "closed_for_signature": rf"^Closed for signature{_NL}({_LINE}+?)\r?$",
    "presented_by": rf"^Presented to the House of Commons{_NL}({_LINE}+?)\r?$",
    "presented_on": (
        rf"^Presented to the House of Commons{_NL}{_LINE}+{_NL}([^\r\n(]+?) \(Petition No\."
    ),
    "house_petition_number": r"\(Petition No\. ([\d-]+)\)",
    "response_tabled": rf"^Government response tabled{_NL}({_LINE}+?)\r?$",
    "response_signed_by": rf"^Signed by \(Minister or Parliamentary Secretary\): ({_LINE}+?)\r?$",
    "response_by": rf"^Response by ({_LINE}+?)\r?$",
}
#: ISO dates of the wide record, from the long record's fields.
DATE_FIELDS = {
    "open_date": "open_for_signature",
    "closed_date": "closed_for_signature",
    "presented_date": "presented_on",
    "response_tabled_date": "response_tabled",
}
_MONTHS = {
    m: i
    for i, m in enumerate(
        "January February March April May June July August September October November December".split(),
        start=1,
    )
}
_DATE = re.compile(r"\b(" + "|".join(_MONTHS) + r") (\d{1,2}),? (\d{4})\b")
_SCHEMA = {
    "field": pl.String,
    "value": pl.String,
    "source_id": pl.String,
    "start": pl.Int64,
    "end": pl.Int64,
    "petition_kind": pl.String,
}


def iso_date(value: str | None) -> str | None:
    """``"January 12, 2022, at 8:56 a.m. (EDT)"`` -> ``"2022-01-12"``; None if no date."""
    match = _DATE.search(value or "")
    if not match:
        return None
    month, day, year = _MONTHS[match[1]], int(match[2]), int(match[3])
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def record_fields(segments: Iterable[dict]) -> list[dict]:
    """The record fields found in one page's segments (dicts with role, text, start).

    Returns:
        Rows ``field, value, start, end`` in field order; fields the page omits are absent.
        An empty list if the segments hold no petition header.
    """
    meta = [s for s in segments if s["role"] in ("petition_metadata", "response_metadata")]
    rows = []
    for name, pattern in _RECORD_FIELDS.items():
        for s in meta:
            match = re.search(pattern, s["text"], re.M)
            if match:
                a, b = match.span(1)
                rows.append(
                    {
                        "field": name,
                        "value": match.group(1),
                        "start": s["start"] + a,
                        "end": s["start"] + b,
                    }
                )
                break
    if not rows or rows[0]["field"] != "petition_number":
        return []
    return rows


def petition_kind(number: str) -> str:
    """``e-petition`` for an ``e-NNNN`` number, ``paper-petition`` for a ``NNN-NNNNN`` one.

    The same words as the source kinds, ``--kind`` and the manifest.
    """
    return "e-petition" if number.startswith("e-") else "paper-petition"


def petition_record(manifest_path: Path | None = None) -> pl.DataFrame:
    """Every petition page's record as printed, one row per field, with raw offsets.

    Columns ``field, value, source_id, start, end, petition_kind``; rows grouped by source in
    manifest order, fields in a fixed order (petition number, subject, initiator's place,
    language, signature period, presentation, House petition number, response tabling,
    signatory, responding minister). ``value == raw[start:end]`` for every row.
    """
    segs = corpus_segments(manifest_path=manifest_path).filter(
        pl.col("role").is_in(["petition_metadata", "response_metadata"])
    )
    rows = []
    for source_id in segs["source_id"].unique(maintain_order=True):
        fields = record_fields(segs.filter(pl.col("source_id") == source_id).iter_rows(named=True))
        if fields:
            kind = petition_kind(fields[0]["value"])
            rows += [{**f, "source_id": source_id, "petition_kind": kind} for f in fields]
    return pl.DataFrame(rows, schema=_SCHEMA)


def petition_records(manifest_path: Path | None = None) -> pl.DataFrame:
    """One row per petition page: its record fields (null where the page omits them) and
    ISO dates ``open_date``, ``closed_date``, ``presented_date``, ``response_tabled_date``."""
    long = petition_record(manifest_path)
    rows = []
    for source_id in long["source_id"].unique(maintain_order=True):
        part = long.filter(pl.col("source_id") == source_id)
        values = dict(part.select("field", "value").iter_rows())
        row = {"source_id": source_id, "petition_kind": part["petition_kind"][0]}
        row |= {name: values.get(name) for name in _RECORD_FIELDS}
        row |= {iso: iso_date(values.get(name)) for iso, name in DATE_FIELDS.items()}
        rows.append(row)
    schema = {"source_id": pl.String, "petition_kind": pl.String}
    schema |= {name: pl.String for name in (*_RECORD_FIELDS, *DATE_FIELDS)}
    return pl.DataFrame(rows, schema=schema)
