"""Gold labels for framing: loading them and saying what they cover.

The gold file (``data/annotations/framing-gold.csv``, format in ``framing-codebook.md``) codes
the sentences listed in ``units-sentences.csv``; :func:`gold_load` validates it.

Agreement (in total and per text, kappa with bootstrap intervals), confusion tables,
disagreements and false positives are in :mod:`analysis.evaluation.framing_agreement`; the
comparison of dictionary versions is in :mod:`analysis.evaluation.framing_versions`; the
gold coding's profiles beside the dictionary's are in :mod:`analysis.evaluation.framing_profiles`.

The gold need not cover every text compared. Every comparison runs on the *covered units*
(:func:`covered_units`: the sentences both gold-coded and present in the dictionary coding), and
:func:`textstat_gold_coverage` / :func:`describe_gold_coverage` say, per text, how many of its
sentences the gold coding covers and which texts have none. A text without gold labels is left
out of the comparison, never an error.

The gold was written by an automated coder (a language model given only the codebook), as
the gold files' headers say: agreement with it is agreement between the dictionary and an
automated reading of the same codebook, not validation by people.
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from analysis import corpus, paths, tokens
from analysis.io import DiscourseError
from analysis.lexicons import read_commented_csv
from analysis.measures.framing import (
    GOLD_COLUMNS,
    LAYERS,
    _check_layer,
)
from analysis.prose import escape_markdown, join_words, md_name, number_word

GOLD_HEADER: tuple[str, ...] = ("sentence_id", "text_id", "frames", "entman", "domain", "note")
GOLD_META: tuple[str, ...] = ("purpose", "source", "version", "date", "coder")
#: Gold columns that must be non-empty in every row (the code columns may be empty).
GOLD_KEY: tuple[str, ...] = ("sentence_id", "text_id")
GOLD_PATH: Path = paths.ANNOTATIONS / "framing-gold.csv"
UNITS_PATH: Path = paths.ANNOTATIONS / "units-sentences.csv"
#: The gold column holding the sentence text a unit was coded on.
UNIT_TEXT = "unit_text"
#: Why gold rows of a text the corpus holds are not used.
DIFFERENT_TEXT = "gold for a different text"


# --- the gold labels --------------------------------------------------------------------------


def units_load(path: Path | None = None) -> pl.DataFrame:
    """The coding units (``units-sentences.csv``): sentence_id, text_id, segment_id, offsets,
    text."""
    path = UNITS_PATH if path is None else Path(path)
    if not path.is_file():
        raise DiscourseError(f"{path}: coding units not found; restore it from git.")
    return pl.read_csv(path, infer_schema_length=0).with_columns(
        pl.col("start").cast(pl.Int64), pl.col("end").cast(pl.Int64)
    )


def gold_load(path: Path | None = None, *, units: pl.DataFrame | None = None) -> pl.DataFrame:
    """Load and validate the gold labels.

    The file opens with ``# purpose/# source/# version/# date/# coder`` lines, then the header
    ``sentence_id,text_id,frames,entman,domain,note`` and one row per coding unit, in the units'
    order; codes are separated by ``;`` and must belong to their layer.

    Args:
        path: the gold file (default ``data/annotations/framing-gold.csv``).
        units: the coding units (default :func:`units_load`).

    Returns:
        sentence_id, text_id, frames, entman, domain, note (codes normalised: stripped, in
        codebook order), ``line``, ``coder`` (from the header; the other header fields
        come from :func:`gold_header`) and ``unit_text`` (the sentence as it was coded, from
        the units; a corpus sentence with the same id but another text is not this unit).

    Raises:
        DiscourseError: naming the file and line of a missing header field, a wrong column
            header, a wrong field count, an unknown, misplaced or duplicate code, an unknown,
            duplicate or out-of-order sentence, a text_id that does not match the unit, or
            missing units.
    """
    path = GOLD_PATH if path is None else Path(path)
    units = units_load() if units is None else units
    if not path.is_file():
        raise DiscourseError(
            f"{path}: gold labels not found; the gold coder writes this file "
            f"(format in data/annotations/framing-codebook.md)."
        )
    table = read_commented_csv(path, required_header=GOLD_META, required_columns=GOLD_KEY)
    if tuple(table.columns) != GOLD_HEADER:
        raise DiscourseError(
            f"{path}, line {_header_line(path)}: header is {table.columns}; expected "
            f"{','.join(GOLD_HEADER)}."
        )
    expected = units.select("sentence_id", "text_id").rows()
    rows = []
    for line, row in table.rows:
        i = len(rows)
        if i >= len(expected):
            raise DiscourseError(
                f"{path}, line {line}: sentence {row['sentence_id']!r} is beyond the "
                f"{len(expected)} coding units; remove it."
            )
        want_id, want_text = expected[i]
        if row["sentence_id"] != want_id:
            seen = [r["sentence_id"] for r in rows]
            why = "duplicate" if row["sentence_id"] in seen else "unexpected or out of order"
            raise DiscourseError(
                f"{path}, line {line}: sentence {row['sentence_id']!r} is {why}; expected "
                f"{want_id!r} (rows follow units-sentences.csv)."
            )
        if row["text_id"] != want_text:
            raise DiscourseError(
                f"{path}, line {line}: text_id {row['text_id']!r} does not match sentence "
                f"{want_id!r} (expected {want_text!r})."
            )
        for layer, column in GOLD_COLUMNS.items():
            row[column] = _parse_codes(path, line, column, row[column], LAYERS[layer])
        rows.append({**row, "line": line})
    if len(rows) < len(expected):
        last = table.rows[-1][0] if table.rows else _header_line(path)
        raise DiscourseError(
            f"{path}, line {last}: {len(rows)} of {len(expected)} units coded; first "
            f"missing: {expected[len(rows)][0]!r}; add a row for every unit in "
            f"units-sentences.csv."
        )
    frame = pl.DataFrame(rows, schema={**{c: pl.String for c in GOLD_HEADER}, "line": pl.Int64})
    unit_text = units["text"] if "text" in units.columns else [None] * frame.height
    return frame.with_columns(
        pl.lit(table.header.get("coder")).alias("coder"),
        pl.Series(UNIT_TEXT, list(unit_text)[: frame.height], dtype=pl.String),
    )


def gold_header(path: Path | None = None) -> dict[str, str]:
    """The gold file's comment header (purpose, source, version, date, coder, …)."""
    path = GOLD_PATH if path is None else Path(path)
    return read_commented_csv(path, required_header=GOLD_META, required_columns=GOLD_KEY).header


def _header_line(path: Path) -> int:
    """Line number of the CSV column header (the first line after the ``#`` comments)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next((i for i, ln in enumerate(lines, start=1) if not ln.startswith("#")), len(lines))


def _parse_codes(path: Path, line: int, column: str, cell: str, allowed: tuple[str, ...]) -> str:
    codes = [c.strip() for c in cell.split(";") if c.strip()]
    for code in codes:
        if code not in allowed:
            raise DiscourseError(
                f"{path}, line {line}: unknown code {code!r} in column {column!r}; "
                f"allowed: {list(allowed)}."
            )
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise DiscourseError(f"{path}, line {line}: code(s) {dupes} repeated in column {column!r}.")
    return ";".join(c for c in allowed if c in codes)


def labels_long(wide: pl.DataFrame, layer: str) -> pl.DataFrame:
    """Long form of a gold-shaped frame for one layer: sentence_id, category (null if none)."""
    _check_layer(layer, "labels_long")
    column = GOLD_COLUMNS[layer]
    rows = []
    for sid, cell in wide.select("sentence_id", column).iter_rows():
        codes = [c for c in (cell or "").split(";") if c]
        rows.extend({"sentence_id": sid, "category": c} for c in codes)
        if not codes:
            rows.append({"sentence_id": sid, "category": None})
    return pl.DataFrame(rows, schema={"sentence_id": pl.String, "category": pl.String})


# --- what the gold covers ---------------------------------------------------------------------


def _applies(gold: pl.DataFrame, sentences: pl.DataFrame) -> tuple[pl.Series, pl.Series]:
    """Per gold row: whether it applies to ``sentences`` (the corpus has a sentence with its id
    and, where both record it, the same text), and whether it is gold for a different text
    (a text the corpus holds, but not the sentence the gold coded)."""
    if "text" in sentences.columns:
        text_of = dict(sentences.select("sentence_id", "text").iter_rows())
    else:
        text_of = dict.fromkeys(sentences["sentence_id"].to_list())
    coded = gold[UNIT_TEXT].to_list() if UNIT_TEXT in gold.columns else [None] * gold.height
    held = set(sentences["text_id"])
    ids = gold["sentence_id"].to_list()
    applies = [
        sid in text_of and (c is None or text_of[sid] is None or c == text_of[sid])
        for sid, c in zip(ids, coded, strict=True)
    ]
    different = [
        t in held and not a for t, a in zip(gold["text_id"].to_list(), applies, strict=True)
    ]
    return pl.Series(applies, dtype=pl.Boolean), pl.Series(different, dtype=pl.Boolean)


def covered_units(
    gold: pl.DataFrame, auto: pl.DataFrame, *, strict: bool | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The gold rows and dictionary rows of the sentences both cover, in the gold's order.

    A gold row covers a sentence only where the coding has a sentence with its id and the same
    text as the coded unit (``unit_text``, where the gold carries it). Gold rows of texts the
    coding does not hold are left out. Gold rows of a text the coding holds whose sentence is
    missing or has another text are gold for a different text (a manifest that reuses the
    gold's text ids): left out, or, when ``strict``, an error (the sentence split or the text
    changed since the gold coding).

    Args:
        gold: from :func:`gold_load`.
        auto: the dictionary coding per sentence (sentence_id, text_id, text, codes).
        strict: raise on gold for a different text (default: only for the default manifest,
            whose gold must match exactly).

    Raises:
        DiscourseError: when strict, listing such sentences, with the fix.
    """
    strict = paths.is_default_manifest() if strict is None else strict
    applies, different = _applies(gold, auto)
    stale = gold.filter(different)["sentence_id"].to_list()
    if stale and strict:
        raise DiscourseError(
            f"gold labels and dictionary coding cover different sentences: only in gold "
            f"{stale[:5]} (texts the coding holds); rebuild units-sentences.csv or the gold file."
        )
    g = gold.filter(applies)
    order = g.select("sentence_id")
    a = order.join(auto, on="sentence_id", how="left", maintain_order="left")
    return g, a


def textstat_gold_coverage(
    gold: pl.DataFrame | None = None, sentences: pl.DataFrame | None = None
) -> pl.DataFrame:
    """How much of each text the gold coding covers.

    Args:
        gold: from :func:`gold_load` (default: the committed gold file).
        sentences: the sentences compared (default: the corpus in force).

    Returns:
        One row per text in ``sentences`` (display order), then per text only the gold holds:
        text_id, n_sentences (in the corpus; 0 for a text not in it), gold_sentences (gold
        coded and in the corpus; for a text not in it, the gold rows), coverage
        (gold_sentences / n_sentences, null for a text not in the corpus), in_corpus and
        different_text (gold rows with this text's ids whose sentence is missing or not the
        one the gold coded: gold for a different text, not used).
    """
    gold = gold_load() if gold is None else gold
    sentences = tokens.corpus_sentences() if sentences is None else sentences
    applies, different = _applies(gold, sentences)
    gold = gold.with_columns(applies.alias("_applies"), different.alias("_different"))
    n_sent = dict(sentences.group_by("text_id").agg(pl.len()).iter_rows())
    rows = []
    for text_id in corpus.texts_in(sentences):
        mine = gold.filter(pl.col("text_id") == text_id)
        k = mine["_applies"].sum()
        n = n_sent[text_id]
        rows.append(
            {
                "text_id": text_id,
                "n_sentences": n,
                "gold_sentences": k,
                "coverage": k / n,
                "in_corpus": True,
                "different_text": mine["_different"].sum(),
            }
        )
    for text_id in corpus.texts_in(gold.filter(~pl.col("text_id").is_in(sorted(n_sent)))):
        k = gold.filter(pl.col("text_id") == text_id).height
        rows.append(
            {
                "text_id": text_id,
                "n_sentences": 0,
                "gold_sentences": k,
                "coverage": None,
                "in_corpus": False,
                "different_text": 0,
            }
        )
    schema = {
        "text_id": pl.String,
        "n_sentences": pl.Int64,
        "gold_sentences": pl.Int64,
        "coverage": pl.Float64,
        "in_corpus": pl.Boolean,
        "different_text": pl.Int64,
    }
    return pl.DataFrame(rows, schema=schema)


def describe_gold_coverage(coverage: pl.DataFrame, names: dict[str, str] | None = None) -> str:
    """What the gold coding covers, in words, from :func:`textstat_gold_coverage`: sentences
    coded of each text, the texts without gold labels (left out of every comparison with the
    gold) and gold rows for texts not in the corpus (not used)."""
    inside = coverage.filter(pl.col("in_corpus"))
    covered = inside.filter(pl.col("gold_sentences") > 0)
    missing = inside.filter(pl.col("gold_sentences") == 0)
    k, n = covered["gold_sentences"].sum(), inside["n_sentences"].sum()
    if covered.height == 0:
        out = (
            f"The gold coding covers none of the {n} sentences of the "
            f"{_texts(inside.height)} compared: no comparison with it is possible."
        )
    else:
        per = ", ".join(
            f"{md_name(r['text_id'], names)} {r['gold_sentences']} of {r['n_sentences']}"
            for r in covered.iter_rows(named=True)
        )
        out = f"The gold coding covers {k} of the {n} sentences compared ({per})."
        if missing.height:
            out += (
                f" It does not cover {join_words(md_name(t, names) for t in missing['text_id'])}"
                f" ({missing['n_sentences'].sum()} sentences): the comparisons with the gold "
                f"coding below leave {'it' if missing.height == 1 else 'them'} out."
            )
        else:
            out += " Every text compared has gold labels."
    other = (
        inside.filter(pl.col("different_text") > 0)
        if "different_text" in inside
        else inside.clear()
    )
    if other.height:
        k_other = other["different_text"].sum()
        out += (
            f" {k_other} {'row' if k_other == 1 else 'rows'} of the gold coding "
            f"{'is' if k_other == 1 else 'are'} {DIFFERENT_TEXT} with the same ids "
            f"({join_words(md_name(t, names) for t in other['text_id'])}: the sentences "
            "here are not the ones the gold coded) and not used."
        )
    outside = coverage.filter(~pl.col("in_corpus"))
    if outside.height:
        out += (
            f" {outside['gold_sentences'].sum()} gold-coded sentences belong to texts not in "
            f"this corpus ({', '.join(escape_markdown(t) for t in outside['text_id'])}) and are not used."
        )
    return out


def _texts(n: int) -> str:
    return "text" if n == 1 else f"{number_word(n, most=10, zero=None)} texts"
