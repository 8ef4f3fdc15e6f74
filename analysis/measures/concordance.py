"""Where terms occur: first mentions, keyword in context (KWIC) and lexical dispersion.

Built on the matches of :func:`analysis.measures.terminology.tokens_lookup` (same units, same
frames: every function takes ``toks`` and ``segments``, default the corpus in force), so the
one rule for words inside names (:data:`~analysis.measures.terminology.NAME_RULE`) holds here
too: ``kwic("genocid*")`` does not list the "Genocide" of "Genocide Watch". Offsets
point into the raw sources; context is joined with the spacing of the source text.
"""

from __future__ import annotations

import polars as pl

from analysis import lexicons
from analysis.io import DiscourseError
from analysis.measures.terminology import (
    NAME_CATEGORIES,
    order_units,
    textstat_units,
    tokens_lookup,
    units_table,
)


def textstat_first_mention(
    lexicon: str | pl.DataFrame,
    *,
    level: str = "concept",
    primary: bool = True,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Where each concept (or form) is first mentioned in each unit.

    Returns:
        ``unit, text_id, concept, [form,] sentence_id, sentence_index, word_index`` (offset in
        word tokens from 1), ``start`` (character offset into the raw source), ``position``
        (share of the unit's word tokens before it), ``matched`` and ``n`` (mentions in all).
    """
    keys = ["concept"] + (["form"] if level == "form" else [])
    table = units_table(primary, toks, segments)
    found = tokens_lookup(lexicon, primary=primary, toks=table, segments=segments)
    if "category" in found.columns:  # a lexicon's own name rows are names, not its terms
        found = found.filter(~pl.col("category").is_in(list(NAME_CATEGORIES)).fill_null(False))
    first = (
        found.sort("unit", "token_index", maintain_order=True)
        .group_by("unit", *keys, maintain_order=True)
        .agg(
            pl.col("text_id").first(),
            pl.col("sentence_id").first(),
            pl.col("word_index").first(),
            pl.col("start").first(),
            pl.col("position").first(),
            pl.col("matched").first(),
            pl.len().cast(pl.Int64).alias("n"),
        )
        .with_columns(
            pl.col("sentence_id").str.extract(r":s(\d+)$").cast(pl.Int64).alias("sentence_index")
        )
    )
    cols = ["unit", "text_id", *keys, "sentence_id", "sentence_index", "word_index", "start"]
    return order_units(first.select(*cols, "position", "matched", "n"), table, "word_index")


# --- concordance ----------------------------------------------------------------------------


def _join_tokens(rows: list[tuple[int, int, str, str]], surface=None) -> str:
    """Join (start, end, token, source_id) rows, keeping single spaces where the raw has any.

    ``surface`` slices the source text (:func:`analysis.lexicons.surface_text`; default: the
    raw sources of the manifest in force).
    """
    surface = surface or lexicons.surface_text()
    out = ""
    prev = None
    for start, end, tok, source in rows:
        if prev is not None:
            p_end, p_source = prev
            try:
                gap = surface(source, None, p_end, start) if source == p_source else " "
            except DiscourseError:  # between two segments: whitespace or page furniture
                gap = " "
            out += ("" if gap == "" else " ") if not gap.strip() else " "
        out += tok
        prev = (end, source)
    return out


def kwic(
    pattern: str | list[str],
    window: int = 5,
    *,
    primary: bool = True,
    words_only: bool = False,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Keyword in context, as AntConc and quanteda's ``kwic()`` show it.

    Args:
        pattern: a term or multi-word pattern (``"territorial integrity"``, ``"genocid*"``),
            or a list of them; matched case-insensitively on normalised tokens.
        window: tokens of context on each side (within the unit; may cross sentences).
        primary: search the primary texts (default) or every segment.
        words_only: count only word tokens in the window (default: punctuation counts too,
            as in quanteda with punctuation kept).
        toks, segments: the frames to search (default: the corpus in force).

    Returns:
        ``unit, text_id, sentence_id, pre, keyword, post, start, end, pattern`` (``start``/
        ``end``: character offsets of the keyword in its raw source), in text order.
    """
    patterns = [pattern] if isinstance(pattern, str) else list(pattern)
    if window < 0:
        raise DiscourseError(f"window must be >= 0, not {window}.")
    toks = units_table(primary, toks, segments)
    surface = lexicons.surface_text(segments)
    found = tokens_lookup(
        pl.DataFrame({"form": patterns}), primary=primary, toks=toks, segments=segments
    )
    ctx = (toks.filter(pl.col("is_word")) if words_only else toks).sort(
        "unit", "token_index", maintain_order=True
    )
    by_unit = {
        unit: frame.select("token_index", "start", "end", "token", "source_id").rows()
        for (unit,), frame in ctx.group_by("unit", maintain_order=True)
    }
    rows = []
    for m in found.iter_rows(named=True):
        seq = by_unit[m["unit"]]
        first, last = m["token_index"], m["token_index"] + m["n_tokens"] - 1
        before = [r for r in seq if r[0] < first][-window:] if window else []
        after = [r for r in seq if r[0] > last][:window]
        rows.append(
            {
                "unit": m["unit"],
                "text_id": m["text_id"],
                "sentence_id": m["sentence_id"],
                "pre": _join_tokens([(s, e, t, src) for _, s, e, t, src in before], surface),
                "keyword": m["matched"],
                "post": _join_tokens([(s, e, t, src) for _, s, e, t, src in after], surface),
                "start": m["start"],
                "end": m["end"],
                "pattern": m["form"],
            }
        )
    schema = {
        "unit": pl.String,
        "text_id": pl.String,
        "sentence_id": pl.String,
        "pre": pl.String,
        "keyword": pl.String,
        "post": pl.String,
        "start": pl.Int64,
        "end": pl.Int64,
        "pattern": pl.String,
    }
    return pl.DataFrame(rows, schema=schema)


# --- dispersion -----------------------------------------------------------------------------


def textstat_dispersion(
    forms: dict[str, str] | list[str],
    *,
    primary: bool = True,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Token positions of chosen terms in each unit (data for a lexical dispersion plot).

    Positions only; the dispersion *statistics* (range, DP, DPnorm, Juilland's D) are
    :func:`analysis.measures.dispersion.textstat_dispersion_measures`.

    Args:
        forms: patterns to plot, or a mapping ``{pattern: display label}`` to group several
            patterns under one row (e.g. ``{"Khojali": "Khojali/Khojaly", "Khojaly": …}``).
        primary: the primary texts (default) or every segment.

    Returns:
        ``unit, text_id, term, form, word_index, n_words, position, matched, sentence_id``.
    """
    mapping = {f: f for f in forms} if isinstance(forms, list) else dict(forms)
    patterns = pl.DataFrame({"form": list(mapping), "term": list(mapping.values())})
    table = units_table(primary, toks, segments)
    found = tokens_lookup(patterns, primary=primary, toks=table, segments=segments)
    sizes = textstat_units(primary=primary, toks=table, segments=segments).select("unit", "n_words")
    out = found.join(sizes, on="unit", how="left", maintain_order="left").select(
        "unit",
        "text_id",
        "term",
        "form",
        "word_index",
        "n_words",
        "position",
        "matched",
        "sentence_id",
    )
    return order_units(out, table, "term", "word_index")
