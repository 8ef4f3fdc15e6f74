"""Gold files for the demands measures: reading and validating them, and which gold rows apply.

The gold files (``data/annotations/demands-gold.csv``, ``response-functions-gold.csv``,
``responsiveness-gold.csv``; codebook ``data/annotations/demands-codebook.md``) name sentences by
id. A gold row applies only where the corpus sentence with that id is the sentence the gold
coded (its text in ``units-sentences.csv`` beside the gold files): a manifest may reuse the
gold's text ids for other texts, and then the rows are gold for a different text, left out and
listed by :func:`gold_different_text`. Comparisons with the gold are in
:mod:`analysis.evaluation.demands_gold`, which re-exports these names.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import paths
from analysis.io import DiscourseError
from analysis.lexicons import read_commented_csv
from analysis.measures.demands.common import (
    DEMAND_TYPES,
    FUNCTIONS,
    POLICY_OVERLAP,
    RESPONSIVENESS,
    STRENGTHS,
    units,
)

GOLD_FILES = {
    "demands": (
        "demands-gold.csv",
        (
            "demand_id",
            "text_id",
            "sentence_id",
            "addressee",
            "action",
            "object",
            "demand_type",
            "cue",
            "quote",
            "reported",
            "note",
        ),
    ),
    "response-functions": (
        "response-functions-gold.csv",
        ("sentence_id", "function", "modality", "commitment_strength", "actor", "note"),
    ),
    "responsiveness": (
        "responsiveness-gold.csv",
        ("demand_id", "label", "evidence", "rationale"),
    ),
}
_GOLD_HEADER = ("purpose", "source", "version", "date", "coder")
_OPTIONAL = {"note", "evidence", "object", "addressee", "cue", "modality", "actor"}


UNITS_FILE = "units-sentences.csv"
#: Why a gold row is not used although the corpus has its ids (coverage ``note``).
DIFFERENT_TEXT = "gold for a different text"


def _unit_texts(directory: Path) -> dict[str, str] | None:
    """The sentence text each gold unit was coded on (``units-sentences.csv`` beside the gold),
    or None where the directory records no units (then ids alone identify a sentence)."""
    path = directory / UNITS_FILE
    if not path.is_file():
        return None
    return dict(pl.read_csv(path, infer_schema_length=0).select("sentence_id", "text").iter_rows())


def _gold_demand_sentences(directory: Path) -> dict[str, str]:
    """Gold demand id -> its sentence id (the responsiveness gold names demands, not sentences)."""
    path = directory / GOLD_FILES["demands"][0]
    if not path.is_file():
        return {}
    table = read_commented_csv(path, required_header=_GOLD_HEADER)
    return {row["demand_id"]: row.get("sentence_id", "") for _, row in table.rows}


def _read_gold(
    name: str, directory: Path | None, sentences: pl.DataFrame | None, strict: bool
) -> tuple[pl.DataFrame, list[dict]]:
    """The validated gold rows that apply to ``sentences``, and the rows left out because the
    corpus sentence with their id is not the sentence the gold coded (gold for a different
    text)."""
    if name not in GOLD_FILES:
        raise DiscourseError(f"unknown gold file {name!r}; known: {sorted(GOLD_FILES)}")
    filename, columns = GOLD_FILES[name]
    folder = Path(directory) if directory else paths.ANNOTATIONS
    path = folder / filename
    if not path.is_file():
        raise DiscourseError(f"{path}: gold file not found; code it from demands-codebook.md.")
    table = read_commented_csv(
        path,
        required_header=_GOLD_HEADER,
        required_columns=tuple(c for c in columns if c not in _OPTIONAL),
    )
    cols = table.columns
    frame = units(sentences).sentences
    sents = {r["sentence_id"]: r["text"] for r in frame.iter_rows(named=True)}
    text_of = dict(frame.select("sentence_id", "text_id").iter_rows())
    texts = set(frame["text_id"].to_list())
    coded = _unit_texts(folder)
    demand_sentence = _gold_demand_sentences(folder) if name == "responsiveness" else {}
    allowed = {
        "demand_type": set(DEMAND_TYPES),
        "reported": {"yes", "no"},
        "function": set(FUNCTIONS),
        "commitment_strength": set(STRENGTHS),
        "label": set(RESPONSIVENESS) | set(POLICY_OVERLAP),
    }
    rows, seen, different = [], {}, []
    for line_no, row in table.rows:
        for c, ok in allowed.items():
            if c in row and row[c] not in ok:
                raise DiscourseError(
                    f"{path}, line {line_no}: unknown {c} {row[c]!r}; allowed {sorted(ok)}."
                )
        sid = row.get("sentence_id")
        text = row.get("text_id") or row[cols[0]].rsplit(":", 1)[0]
        evidence = [e.strip() for e in row.get("evidence", "").split(";") if e.strip()]
        refs = [r for r in (sid, demand_sentence.get(row[cols[0]]), *evidence) if r]
        missing = [r for r in refs if r not in sents]
        if not strict:
            # about a text this corpus does not hold: not used, not counted
            if any(r.rsplit(":", 1)[0] not in texts for r in missing) or (
                text not in texts and name != "response-functions"
            ):
                continue
        if "text_id" in row and row["text_id"] not in texts:
            raise DiscourseError(
                f"{path}, line {line_no}: unknown text_id {row['text_id']!r}; "
                f"texts: {sorted(texts)}."
            )
        if strict and sid is not None and sid not in sents:
            raise DiscourseError(
                f"{path}, line {line_no}: unknown sentence_id {sid!r} (see units-sentences.csv)."
            )
        # the gold applies only where the corpus sentence is the sentence it coded: a sentence of
        # a text the corpus holds that is missing, or has another text, is a different text
        changed = missing + [
            r
            for r in refs
            if r in sents and coded is not None and r in coded and coded[r] != sents[r]
        ]
        if name == "demands" and not changed and row["quote"] not in sents[sid] and not strict:
            changed = [sid]  # no units recorded, but the quote shows another sentence
        if changed and (not strict or len(changed) > len(missing)):
            if strict:
                raise DiscourseError(
                    f"{path}, line {line_no}: sentence {changed[len(missing)]!r} of this corpus "
                    f"is not the sentence the gold coded ({UNITS_FILE}): {DIFFERENT_TEXT}."
                )
            holder = text_of.get(sid) if sid else None
            different.append(
                {"id": row[cols[0]], "text_id": holder or text, "sentence_id": changed[0]}
            )
            continue
        if name == "demands" and row["quote"] not in sents[sid]:
            raise DiscourseError(f"{path}, line {line_no}: quote {row['quote']!r} is not in {sid}.")
        for ev in evidence:
            if ev not in sents:
                raise DiscourseError(f"{path}, line {line_no}: unknown evidence sentence {ev!r}.")
        key = row[cols[0]]
        if key in seen:
            raise DiscourseError(
                f"{path}, line {line_no}: duplicate {cols[0]} {key!r} (first at line {seen[key]})."
            )
        seen[key] = line_no
        row["line"] = line_no
        rows.append(row)
    if not rows and strict:
        raise DiscourseError(f"{path}: no rows.")
    frame = pl.DataFrame(rows, schema={**{c: pl.String for c in cols}, "line": pl.Int64})
    return frame, different


def gold_load(
    name: str,
    *,
    directory: Path | None = None,
    sentences: pl.DataFrame | None = None,
    strict: bool = True,
) -> pl.DataFrame:
    """Load and validate a gold file from ``data/annotations/``.

    A gold row applies only where the corpus sentence with its id is the sentence the gold
    coded: the same text as in ``units-sentences.csv`` beside the gold file (for a
    responsiveness row: the demand's sentence and every evidence sentence). A manifest may reuse
    the gold's text ids for other texts; their sentences then differ and the rows are not used
    (:func:`gold_different_text` lists them).

    Args:
        name: ``"demands"``, ``"response-functions"`` or ``"responsiveness"``.
        directory: another directory (tests use this).
        sentences: the sentences the ids refer to (default: the corpus's primary texts).
        strict: if False, rows about sentences or texts the corpus does not hold, or about
            sentences whose text differs from the coded one, are left out instead of raising
            (the comparisons run on what the gold covers).

    Raises:
        DiscourseError: naming the file and line of a missing header field, missing column,
            wrong number of fields, empty required cell, unknown category or sentence id,
            a sentence whose text is not the coded one, a quote that is not in its sentence,
            or a duplicate id.
    """
    return _read_gold(name, directory, sentences, strict)[0]


def gold_different_text(
    name: str, *, directory: Path | None = None, sentences: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The gold rows left out because the corpus sentence with their id has another text.

    Returns:
        ``id`` (the row's first column: demand id or sentence id), ``text_id`` (the corpus text
        holding that sentence id) and ``sentence_id`` (the first sentence that differs); empty
        if the gold file does not exist.
    """
    schema = {"id": pl.String, "text_id": pl.String, "sentence_id": pl.String}
    folder = Path(directory) if directory else paths.ANNOTATIONS
    if not (folder / GOLD_FILES[name][0]).is_file():
        return pl.DataFrame(schema=schema)
    return pl.DataFrame(_read_gold(name, directory, sentences, False)[1], schema=schema)


def gold_or_none(
    name: str, sentences: pl.DataFrame | None = None, *, strict: bool | None = None
) -> pl.DataFrame | None:
    """The gold rows that apply to the corpus, or None if the file does not exist.

    Args:
        name: a gold file (:data:`GOLD_FILES`).
        sentences: the sentences the ids refer to (default: the corpus's primary texts).
        strict: as for :func:`gold_load`; default: strict only for the default manifest, whose
            gold must match it exactly (any other corpus gets the rows that apply).
    """
    filename = GOLD_FILES[name][0]
    if not (paths.ANNOTATIONS / filename).is_file():
        return None
    strict = paths.is_default_manifest() if strict is None else strict
    return gold_load(name, sentences=sentences, strict=strict)
