"""Curated lexicons: loading with validation, and matching (multi-word) patterns on tokens.

Every lexicon in ``data/lexicons/`` is a CSV file that opens with ``#`` header lines giving at
least ``purpose``, ``source``, ``version`` and ``date``, followed by a CSV header row and data.
:func:`lexicon_load` checks the header, the columns, empty cells, duplicate keys, unknown
categories and the grammar of every pattern, and names the file and line of any problem.

Pattern grammar. A pattern is one or more words separated by spaces. A word is letters and
digits, optionally joined inside by hyphens (``self-determination``), apostrophes, straight or
curly (``Canada’s``) or dots (``Armenophobia.org``), or an initialism of dotted letters
(``U.S.``), or a number cited with a number sign (``#822``, two tokens as in the text).
A word of letters and digits may end in one ``*``: a prefix match, so at least
one letter or digit comes before it (``condemn*``, ``19*``). Nothing else is a pattern word:
punctuation alone (``(``), a bare or leading ``*`` (``.*``), ``**`` or a regular expression
would silently match punctuation tokens, so :func:`pattern_tokens` refuses it.

Patterns are matched on normalised tokens (see :func:`analysis.tokens.normalise`), so a
pattern is written the way it is tokenized: ``Nagorno-Karabakh`` is one token, ``Republic of
Artsakh`` three, ``Canada’s`` two (``canada`` ``'s``). A trailing ``*`` on a pattern word matches
any token starting with it (``condemn*``). Matching is greedy and longest-first: where
``Republic of Artsakh`` matches, ``Artsakh`` alone is not counted again.

:func:`match_patterns` finds candidates through an index (each pattern's first token looked up
among the distinct tokens, exactly or by prefix) instead of trying every pattern at every
position; the earlier pattern-by-pattern version is kept in
:mod:`analysis.bench.reference_lexicons`, and both return identical frames.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from analysis import paths
from analysis.io import DiscourseError
from analysis.tokens import normalise, tokenize

REQUIRED_HEADER = ("purpose", "source", "version", "date")

#: Columns that hold patterns when :func:`lexicon_load` is not told which ones do.
PATTERN_COLUMNS = ("pattern", "form", "cue", "marker")

_JOINED = r"[^\W_]+(?:[-\u2010\u2011'\u2019.][^\W_]+)*"
#: One pattern word: an initialism (U.S.), a cited number (#822), or joined letters/digits
#: with an optional final ``*``.
PATTERN_WORD = re.compile(rf"(?:[^\W\d_]\.){{2,}}|#\d+|{_JOINED}\*?")


@dataclass(frozen=True)
class Lexicon:
    """A validated lexicon: its header fields and its rows as a polars frame."""

    name: str
    path: Path
    header: dict[str, str]
    table: pl.DataFrame


@dataclass(frozen=True)
class CommentedCsv:
    """A CSV file's ``# field: value`` header, its columns, and its rows with line numbers."""

    path: Path
    header: dict[str, str]
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]]


def read_commented_csv(
    path: Path,
    *,
    required_header: tuple[str, ...] = REQUIRED_HEADER,
    required_columns: tuple[str, ...] = (),
) -> CommentedCsv:
    """Read a curated CSV (lexicon, codebook labels) that opens with ``# field: value`` lines.

    Every row is checked to have as many fields as the header row and non-empty
    ``required_columns``; cells are stripped; blank lines are skipped. Line numbers are the
    file's own (quoted cells spanning lines are accounted for).

    Raises:
        DiscourseError: naming the file and line for a missing header field, missing column,
            wrong field count or empty required cell.
    """
    path = Path(path)
    if not path.is_file():
        raise DiscourseError(f"{path}: file not found. Restore it from git.")
    lines = path.read_text(encoding="utf-8").splitlines()
    header: dict[str, str] = {}
    body_start = len(lines)
    for i, line in enumerate(lines):
        if not line.startswith("#"):
            body_start = i
            break
        field, sep, value = line[1:].partition(":")
        if sep:
            header[field.strip().lower()] = value.strip()
    missing = [f for f in required_header if not header.get(f)]
    if missing:
        raise DiscourseError(
            f"{path}, line 1: header lacks {missing}; start the file with "
            + ", ".join(f"'# {f}: …'" for f in required_header)
            + " lines."
        )
    reader = csv.reader(io.StringIO("\n".join(lines[body_start:])))
    try:
        columns = [c.strip() for c in next(reader)]
    except StopIteration:
        raise DiscourseError(f"{path}: no CSV header row after the comment header.") from None
    absent = [c for c in required_columns if c not in columns]
    if absent:
        raise DiscourseError(
            f"{path}, line {body_start + 1}: missing column(s) {absent}; found {columns}."
        )
    rows = []
    for values in reader:
        line_no = body_start + reader.line_num
        if not values or all(not v.strip() for v in values):
            continue
        if len(values) != len(columns):
            raise DiscourseError(
                f"{path}, line {line_no}: {len(values)} fields, expected {len(columns)} "
                f"({columns}); quote cells that contain commas."
            )
        row = {c: v.strip() for c, v in zip(columns, values, strict=True)}
        for c in required_columns:
            if not row[c]:
                raise DiscourseError(f"{path}, line {line_no}: empty {c!r}; every row needs one.")
        rows.append((line_no, row))
    return CommentedCsv(path=path, header=header, columns=columns, rows=rows)


def lexicon_load(
    name: str,
    *,
    required: tuple[str, ...],
    key: tuple[str, ...] | None = None,
    categories: dict[str, set[str]] | None = None,
    directory: Path | None = None,
    patterns: tuple[str, ...] | None = None,
) -> Lexicon:
    """Load and validate ``<directory>/<name>.csv`` (default ``data/lexicons/``).

    Args:
        name: the file name without ``.csv``.
        required: columns that must exist and be non-empty in every row.
        key: columns whose combination must be unique (e.g. ``("form",)``); compared after
            normalising pattern text, so ``Khojali`` and ``khojali`` are duplicates.
        categories: for a column, the set of values it may take.
        directory: another directory (tests use this).
        patterns: columns holding patterns, each checked against the pattern grammar (see
            the module); default: the columns of :data:`PATTERN_COLUMNS` the file has.

    Raises:
        DiscourseError: naming the file and line for a missing header field, missing column,
            empty cell, duplicate key, unknown category or a pattern breaking the grammar.
    """
    path = (Path(directory) if directory else paths.LEXICONS) / f"{name}.csv"
    if not path.is_file():
        raise DiscourseError(f"{path}: lexicon not found. Restore it from git or create it.")
    table_csv = read_commented_csv(path, required_columns=required)
    if patterns is None:
        patterns = tuple(c for c in PATTERN_COLUMNS if c in table_csv.columns)
    rows = []
    seen: dict[tuple, int] = {}
    for line_no, row in table_csv.rows:
        for column in patterns:
            problem = pattern_problem(row.get(column, ""))
            if problem:
                raise DiscourseError(f"{path}, line {line_no}: {column} {problem}")
        for column, allowed in (categories or {}).items():
            if row.get(column) not in allowed:
                raise DiscourseError(
                    f"{path}, line {line_no}: unknown {column} {row.get(column)!r}; "
                    f"allowed: {sorted(allowed)}."
                )
        if key:
            # other key columns (layer, category) compare case-folded like patterns
            k = tuple(" ".join(_tokens(row[c])) for c in key)
            if k in seen:
                raise DiscourseError(
                    f"{path}, line {line_no}: duplicate {'/'.join(key)} {row[key[0]]!r} "
                    f"(first at line {seen[k]})."
                )
            seen[k] = line_no
        row["line"] = line_no
        rows.append(row)
    if not rows:
        raise DiscourseError(f"{path}: no entries.")
    columns = table_csv.columns
    table = pl.DataFrame(rows, schema={**{c: pl.String for c in columns}, "line": pl.Int64})
    return Lexicon(name=name, path=path, header=table_csv.header, table=table)


def pattern_problem(pattern: str) -> str | None:
    """Why ``pattern`` breaks the pattern grammar (see the module), or None when it is valid."""
    words = pattern.split()
    if not words:
        return f"pattern {pattern!r} has no words; write at least one word."
    for word in words:
        if not PATTERN_WORD.fullmatch(word):
            return (
                f"pattern {pattern!r}: {word!r} is not a pattern word; write letters and digits "
                "(inner hyphens, apostrophes or dots allowed: self-determination, Canada’s, U.S.), "
                "with at most one final * for a prefix match (condemn*)."
            )
    return None


def _tokens(pattern: str) -> tuple[str, ...]:
    out = []
    for word in pattern.split():
        star = word.endswith("*") and len(word) > 1
        base = word[:-1] if star else word
        toks = [normalise(t) for t in tokenize(base)]
        if star and toks:
            toks[-1] += "*"
        out.extend(toks)
    return tuple(out)


def pattern_tokens(pattern: str) -> tuple[str, ...]:
    """Tokenize and normalise a pattern the way corpus text is (``*`` wildcards kept).

    Raises:
        DiscourseError: when the pattern breaks the grammar of the module docstring.
    """
    problem = pattern_problem(pattern)
    if problem:
        raise DiscourseError(problem)
    return _tokens(pattern)


def pattern_key(pattern: str) -> str:
    """A pattern's normalised tokens joined by spaces: equal keys match the same text."""
    return " ".join(pattern_tokens(pattern))


def token_matches(pattern_tok: str, token: str) -> bool:
    """Whether a normalised token matches one pattern token (``word*`` is a prefix match)."""
    if pattern_tok.endswith("*"):
        return token.startswith(pattern_tok[:-1])
    return token == pattern_tok


def surface_text(
    segments: pl.DataFrame | None = None, manifest_path: Path | None = None
) -> Callable[[str, str | None, int, int], str]:
    """A function ``(source_id, segment_id, start, end) -> text`` slicing the matched surface.

    From the segments frame the tokens were made from when given (no file is read), else from
    the raw source of ``manifest_path`` (default: the manifest in force).
    """
    if segments is None:
        from analysis import corpus  # local: corpus is heavy only on first load

        return lambda source_id, _seg, start, end: corpus.raw_text(source_id, manifest_path)[
            start:end
        ]
    # built from whole columns (no per-row tuples): this runs once per match_patterns call
    columns = [
        segments.get_column(c).to_list() for c in ("segment_id", "source_id", "start", "text")
    ]
    spans = dict(zip(columns[0], zip(*columns[1:], strict=True), strict=True))
    by_source: dict[str, list[tuple[int, str]]] = {}

    def text_of(source_id: str, segment_id: str | None, start: int, end: int) -> str:
        if segment_id in spans:
            candidates = [spans[segment_id][1:]]
        else:
            if not by_source:  # needed only for tokens without a known segment
                for source, seg_start, text in spans.values():
                    by_source.setdefault(source, []).append((seg_start, text))
            candidates = by_source.get(source_id, [])
        for seg_start, text in candidates:
            if seg_start <= start and end <= seg_start + len(text):
                return text[start - seg_start : end - seg_start]
        raise DiscourseError(
            f"no segment of {source_id!r} holds characters {start}-{end}; pass the segments "
            "frame the tokens were made from."
        )

    return text_of


def match_patterns(
    tokens: pl.DataFrame,
    patterns: pl.DataFrame,
    *,
    pattern_column: str = "pattern",
    segments: pl.DataFrame | None = None,
    manifest_path: Path | None = None,
    source_text: Callable[[str], str] | None = None,
) -> pl.DataFrame:
    """Find every occurrence of each pattern in the tokens.

    Args:
        tokens: normalised tokens (``norm`` column) with ``text_id``, ``sentence_id``,
            ``token_index``, ``source_id``, ``start``, ``end`` (and ``segment_id`` if
            ``segments`` is given), in document order.
        patterns: a frame with ``pattern_column`` plus any columns to carry along.
        segments: the segments frame the tokens were made from (``segment_id, source_id,
            start, text``); ``matched`` is sliced from it, so tokens of any corpus work
            without reading files.
        manifest_path: without ``segments``, ``matched`` is sliced from the raw sources of
            this manifest (default: the manifest in force).
        source_text: instead of either, a function giving the text of a source id.

    Returns:
        One row per match: the pattern row's columns, ``text_id``, ``sentence_id``,
        ``source_id``, ``token_index`` (first token), ``n_tokens``, ``start``/``end`` (character
        offsets into the raw source) and ``matched`` (the surface text). Longest patterns win
        where matches overlap (then the earlier pattern row, then the earlier position);
        matches never cross sentence boundaries. In text order, then ``token_index``.

    Raises:
        DiscourseError: a pattern breaking the grammar (see the module).
    """
    compiled = [pattern_tokens(p) for p in patterns[pattern_column].to_list()]
    # priority: longest first, file order within a length (a stable sort, as before)
    by_priority = sorted(range(len(compiled)), key=lambda k: -len(compiled[k]))
    if source_text is not None:
        surface = lambda source_id, _segment, start, end: source_text(source_id)[start:end]  # noqa: E731
    else:
        surface = surface_text(segments, manifest_path)
    toks, starts = _contiguous(tokens)
    found = _accepted(toks, starts, [compiled[k] for k in by_priority])
    if found.is_empty():
        return pl.DataFrame(schema=dict(patterns.schema) | _MATCH_SCHEMA)
    seg_col = pl.col("segment_id") if "segment_id" in toks.columns else pl.lit(None, pl.String)
    first = toks.select(
        "text_id", "sentence_id", "source_id", "token_index", "start", seg_col.alias("_seg")
    )[found["_i"]]
    last = toks["end"].gather(found["_i"] + found["_n"] - 1)
    rows = pl.Series([by_priority[p] for p in found["_p"].to_list()], dtype=pl.Int64)
    matched = [
        surface(source, segment, start, end)
        for source, segment, start, end in zip(
            first["source_id"].to_list(),
            first["_seg"].to_list(),
            first["start"].to_list(),
            last.to_list(),
            strict=True,
        )
    ]
    frame = pl.concat(
        [
            patterns[rows],
            first.select(
                "text_id",
                "sentence_id",
                "source_id",
                "token_index",
                found["_n"].alias("n_tokens"),
                "start",
                last.alias("end"),
                pl.Series("matched", matched, dtype=pl.String),
            ),
        ],
        how="horizontal",
    )
    # the dtypes the earlier row-by-row frame had: Python values read back, all-null as Null
    frame = frame.with_columns(
        pl.col(c).cast(pl.Null if frame[c].null_count() == frame.height else dtype)
        for c, dtype in _MATCH_SCHEMA.items()
    )
    from analysis import corpus

    # texts in display order, then ids the manifest lacks as they occur, then other segments
    order = corpus.texts_in(tokens, manifest_path=manifest_path)
    return corpus.order_by_text(frame, "token_index", order=order)


_MATCH_SCHEMA = {
    "text_id": pl.String,
    "sentence_id": pl.String,
    "source_id": pl.String,
    "token_index": pl.Int64,
    "n_tokens": pl.Int64,
    "start": pl.Int64,
    "end": pl.Int64,
    "matched": pl.String,
}


def _contiguous(tokens: pl.DataFrame) -> tuple[pl.DataFrame, pl.Series]:
    """The tokens with each sentence's tokens together, and where each sentence starts.

    Tokens in document order already are; otherwise they are regrouped the way matching
    always grouped them (by ``sentence_id``, in order of first appearance).
    """
    sid = tokens["sentence_id"]
    starts = _runs(sid)
    # together when no id heads two runs (distinct ids among run heads only: far fewer rows)
    if tokens.height == 0 or starts.sum() == sid.filter(starts).n_unique():
        return tokens, starts
    rows = (
        tokens.select("sentence_id")
        .with_row_index("_r")
        .group_by("sentence_id", maintain_order=True)
        .agg("_r")
        .explode("_r")["_r"]
    )
    regrouped = tokens[rows]
    return regrouped, _runs(regrouped["sentence_id"])


def _runs(sid: pl.Series) -> pl.Series:
    """True where a token starts a new sentence (a run of equal ``sentence_id``)."""
    starts = sid.ne_missing(sid.shift(1)).fill_null(True)
    return starts.scatter(0, True) if len(starts) else starts


def _accepted(
    toks: pl.DataFrame, starts: pl.Series, compiled: list[tuple[str, ...]]
) -> pl.DataFrame:
    """Accepted matches ``_p`` (priority), ``_i`` (first token's row), ``_n`` (length).

    Ordered as matching always ran: by sentence, then priority, then position. Candidates
    come from the index (every pattern whose first token matches a distinct token, then its
    other tokens checked on the rows that follow within the sentence); where candidates in a
    sentence overlap, the greedy choice (priority, then position; no token taken twice) is
    made in Python for that sentence only.
    """
    empty = pl.DataFrame(schema={"_p": pl.Int64, "_i": pl.Int64, "_n": pl.Int64})
    if not compiled or toks.height == 0:
        return empty
    norm = toks["norm"]
    run = starts.cum_sum().alias("_run")
    idx = pl.int_range(toks.height, dtype=pl.Int64, eager=True)
    # the end (exclusive) of each token's sentence
    run_end = idx.filter(starts).append(pl.Series([toks.height], dtype=pl.Int64)).slice(1)
    ends = run_end.gather(run - 1).alias("_end")
    hits = _first_token_hits(norm, compiled)
    if hits.is_empty():
        return empty
    n_of = pl.Series("_n", [len(c) for c in compiled], dtype=pl.Int64)
    cand = (
        pl.DataFrame({"norm": norm, "_i": idx, "_run": run, "_end": ends})
        .join(hits, on="norm", how="inner")
        .with_columns(_n=pl.lit(n_of).gather(pl.col("_p")))
        .filter(pl.col("_i") + pl.col("_n") <= pl.col("_end"))
        .select("_p", "_i", "_n", "_run")
    )
    need, got = pl.col("_need"), pl.col("_got")
    for j in range(1, max(len(c) for c in compiled)):
        word = pl.Series([c[j] if len(c) > j else None for c in compiled], dtype=pl.String)
        cand = cand.with_columns(
            _need=word.gather(cand["_p"]),
            _got=norm.gather((cand["_i"] + j).clip(upper_bound=toks.height - 1)),
        ).filter(
            need.is_null()
            | pl.when(need.str.ends_with("*"))
            .then(got.str.starts_with(need.str.strip_suffix("*")))
            .otherwise(got == need)
        )
    cand = cand.select("_p", "_i", "_n", "_run")
    cand = cand.sort("_i", "_p")
    # spans never cross sentences, so an overlap shows as a start before an earlier end
    span_end = cand["_i"] + cand["_n"]
    overlap = cand["_i"] < span_end.cum_max().shift(1).fill_null(0)
    clash = set(cand["_run"].filter(overlap).to_list())
    keep = ~cand["_run"].is_in(list(clash))
    if clash:
        chosen = []
        taken: set[int] = set()
        contested = cand.filter(~keep).sort("_run", "_p", "_i")
        last_run = None
        for _p, i, n, r in contested.iter_rows():
            if r != last_run:
                taken, last_run = set(), r
            if taken.isdisjoint(range(i, i + n)):
                taken.update(range(i, i + n))
                chosen.append(True)
            else:
                chosen.append(False)
        cand = pl.concat([cand.filter(keep), contested.filter(pl.Series(chosen))])
    return cand.sort("_run", "_p", "_i").select("_p", "_i", "_n")


def _first_token_hits(norm: pl.Series, compiled: list[tuple[str, ...]]) -> pl.DataFrame:
    """Pairs (``norm``, ``_p``): each distinct token and every pattern it can start."""
    exact: dict[str, list[int]] = {}
    prefix: dict[int, dict[str, list[int]]] = {}
    for p, ptoks in enumerate(compiled):
        head = ptoks[0]
        if head.endswith("*"):
            stem = head[:-1]
            prefix.setdefault(len(stem), {}).setdefault(stem, []).append(p)
        else:
            exact.setdefault(head, []).append(p)
    pairs_norm: list[str] = []
    pairs_p: list[int] = []
    for word in norm.unique().drop_nulls().to_list():
        for p in exact.get(word, ()):
            pairs_norm.append(word)
            pairs_p.append(p)
        for length, stems in prefix.items():
            for p in stems.get(word[:length], ()):
                pairs_norm.append(word)
                pairs_p.append(p)
    return pl.DataFrame(
        {"norm": pairs_norm, "_p": pairs_p}, schema={"norm": norm.dtype, "_p": pl.Int64}
    )
