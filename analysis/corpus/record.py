"""The petition record printed on a House of Commons petition page: one record per petition.

Fields are read from the page's metadata segments (never typed in by hand), each with its
offsets into the raw source.
"""

from __future__ import annotations

import re
from pathlib import Path

import polars as pl

from analysis import paths
from analysis.corpus.segments import corpus_segments
from analysis.io import DiscourseError

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
