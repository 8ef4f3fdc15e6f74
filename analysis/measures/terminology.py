"""Terminology: which words each text chooses for the same referents, events and principles.

Three curated lexicons in ``data/lexicons/`` (documented in ``data/lexicons/README.md``) list
surface forms and what they stand for:

- ``referent-variants.csv``: form -> *concept* (``Khojali`` and ``Khojaly`` -> the town;
  ``Artsakh``, ``Karabakh``, ``Nagorno-Karabakh`` -> the region; states, governments, forces,
  leaders, international bodies, communities);
- ``event-labels.csv``: form -> *label* (``massacre*``, ``genocid*``, ``tragedy`` …), the texts'
  own words for events, acts and actors;
- ``principles.csv``: form -> *principle* (``territorial integrity``, ``self-determination`` …).

Forms are matched on normalised tokens with :func:`analysis.lexicons.match_patterns`
(multi-word forms, ``*`` wildcards, longest match wins within one lexicon; each lexicon is
matched separately, so ``Genocide Convention`` can be a referent and, in the label lexicon, a
proper name that keeps its ``Genocide`` from counting as a label).

Counting units: by default the primary texts (``unit`` = ``text_id``), however many the
manifest lists; with ``primary=False`` every segment of every page is counted too, each
non-primary part as its own unit ``<doc_id>:<role>`` (e.g. ``<doc_id>:publisher_intro``), so a
form's presence outside the texts (a page's introduction, a reader comment) can be shown.
Rates are per 1,000 word tokens of the unit (METHODS.md).

Inputs: every function takes ``toks`` (a token frame from :func:`analysis.tokens.corpus_tokens`,
or the unit table of :func:`tokens_units`) and ``segments`` (the segments those tokens were made
from, :func:`analysis.corpus.corpus_segments`); both default to the corpus in force. Matched
surface text is sliced from ``segments`` when given, so synthetic frames need no files.

Typical use::

    from analysis.measures import terminology as tm
    tm.textstat_terms("referent-variants")           # counts and rates per text and form
    tm.textstat_naming_table()                        # which variant each text uses
    tm.kwic("territorial integrity", window=5)        # concordance
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl

from analysis import corpus, lexicons, paths, tokens
from analysis.io import DiscourseError
from analysis.measures import keyness

#: Lexicon name -> (column naming what a form stands for, allowed categories).
LEXICONS: dict[str, tuple[str, frozenset[str]]] = {
    "referent-variants": (
        "concept",
        frozenset(
            {
                "place",
                "state",
                "government",
                "armed_forces",
                "leader",
                "organisation",
                "legal_instrument",
                "community",
                "people",
            }
        ),
    ),
    "event-labels": (
        "label",
        frozenset(
            {
                "mass_violence",
                "tragedy_loss",
                "territorial_control",
                "political_violence",
                "rights_violation",
                "actor_label",
                "legal_qualifier",
                "proper_name",
            }
        ),
    ),
    "principles": (
        "principle",
        frozenset(
            {
                "sovereignty",
                "self_determination",
                "protection",
                "international_law",
                "sanctions",
                "agreements",
                "peace_process",
            }
        ),
    ),
}

#: Label categories that are names, not the text's own labels (excluded from label counts
#: unless asked for).
NAME_CATEGORIES = frozenset({"proper_name"})

_TERM_COLUMNS = ("lexicon", "category", "concept", "form", "note")


# --- lexicons -------------------------------------------------------------------------------


def lexicon_terms(name: str) -> pl.DataFrame:
    """Load one terminology lexicon, validated, with uniform column names.

    Args:
        name: ``"referent-variants"``, ``"event-labels"`` or ``"principles"``.

    Returns:
        One row per form: ``lexicon, category, concept, form, note, line`` (``concept`` holds
        the file's ``concept``/``label``/``principle`` column; ``line`` is the file line).

    Raises:
        DiscourseError: unknown lexicon name, or any validation error (file and line named).
    """
    if name not in LEXICONS:
        raise DiscourseError(f"unknown terminology lexicon {name!r}; known: {sorted(LEXICONS)}.")
    column, categories = LEXICONS[name]
    lex = lexicons.lexicon_load(
        name,
        required=("form", column, "category", "note"),
        key=("form",),
        categories={"category": set(categories)},
    )
    return lex.table.select(
        pl.lit(name).alias("lexicon"),
        "category",
        pl.col(column).alias("concept"),
        "form",
        "note",
        "line",
    )


def lexicon_header(name: str) -> dict[str, str]:
    """The ``# purpose/source/version/date`` header of a terminology lexicon."""
    column, categories = LEXICONS[name]
    return lexicons.lexicon_load(
        name, required=("form", column), key=("form",), categories={"category": set(categories)}
    ).header


def lexicon_summary() -> pl.DataFrame:
    """One row per terminology lexicon: version, date, number of forms, concepts, categories.

    ``version`` is the version number only; the header's note on what changed (after the
    number, e.g. ``2 (v1 notes …)``) stays in the file and in ``data/lexicons/README.md``.
    """
    rows = []
    for name in LEXICONS:
        terms = lexicon_terms(name)
        header = lexicon_header(name)
        rows.append(
            {
                "lexicon": name,
                "version": header["version"].split(" ", 1)[0],
                "date": header["date"],
                "n_forms": terms.height,
                "n_concepts": terms["concept"].n_unique(),
                "n_categories": terms["category"].n_unique(),
            }
        )
    return pl.DataFrame(rows)


# --- tokens and units -----------------------------------------------------------------------


def _with_units(toks: pl.DataFrame, segs: pl.DataFrame) -> pl.DataFrame:
    """Add ``role, speaker`` (from the segments), ``unit`` and ``word_index`` to tokens."""
    segs = segs.select("segment_id", "role", "speaker")
    toks = toks.drop([c for c in ("role", "speaker") if c in toks.columns])
    toks = toks.join(segs, on="segment_id", how="left", maintain_order="left")
    toks = toks.with_columns(pl.col("sentence_id").str.replace(r":s\d+$", "").alias("unit"))
    # word_index counts in token order within the unit, whatever the row order of the frame
    return toks.with_columns(
        pl.col("is_word")
        .cast(pl.Int64)
        .cum_sum()
        .over("unit", order_by="token_index")
        .alias("word_index")
    )


@lru_cache(maxsize=4)
def _token_table(primary: bool, manifest_path: Path | None = None) -> pl.DataFrame:
    manifest_path = manifest_path or paths.MANIFEST
    toks = tokens.corpus_tokens(primary=primary, manifest_path=manifest_path)
    return _with_units(toks, corpus.corpus_segments(manifest_path=manifest_path))


def _units_table(
    primary: bool, toks: pl.DataFrame | None, segments: pl.DataFrame | None
) -> pl.DataFrame:
    """The unit table for the given frames (default: the corpus in force, cached)."""
    if toks is None and segments is None:
        return _token_table(primary, paths.MANIFEST)
    if toks is None:
        toks = tokens.tokens_normalise(tokens.tokens_words(tokens.tokens_sentences(segments)))
    if primary:
        toks = toks.filter(pl.col("text_id").is_not_null())
    if "unit" in toks.columns and "word_index" in toks.columns:
        return toks
    if segments is None:
        segments = corpus.corpus_segments()
    return _with_units(toks, segments)


def tokens_units(
    *,
    primary: bool = True,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Normalised tokens with their counting ``unit``, ``role``, ``speaker`` and ``word_index``.

    ``unit`` is the primary text id, or ``<doc_id>:<role>`` outside the primary texts;
    ``word_index`` counts word tokens from 1 within the unit (a punctuation token carries the
    index of the word before it).

    Args:
        primary: the primary texts only (default) or every segment.
        toks: a token frame (:func:`analysis.tokens.corpus_tokens` shape); default: the
            corpus in force. Made from ``segments`` when only those are given.
        segments: the segments the tokens come from (for ``role``/``speaker``).
    """
    return _units_table(primary, toks, segments)


def textstat_units(
    *,
    primary: bool = True,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """One row per counting unit: ``unit, text_id, source_id, speaker, roles, n_words``.

    ``n_words`` is :func:`analysis.keyness.word_token_counts` by unit (word tokens only).
    Units are ordered: the texts in display order, then other units as they occur.
    """
    table = _units_table(primary, toks, segments)
    frame = table.group_by("unit", maintain_order=True).agg(
        pl.col("text_id").first(),
        pl.col("source_id").first(),
        pl.col("speaker").unique(maintain_order=True).str.join("; "),
        pl.col("role").unique(maintain_order=True).str.join(", ").alias("roles"),
    )
    sizes = keyness.word_token_counts(table, by="unit")
    frame = frame.join(sizes, on="unit", how="left", maintain_order="left").with_columns(
        pl.col("n_words").fill_null(0)
    )
    return _order_units(frame, table)


def _unit_rank(table: pl.DataFrame) -> dict[str, int]:
    """Texts first in display order, then the other units in order of appearance."""
    texts = keyness.text_ids_of(table)
    units = table["unit"].unique(maintain_order=True).to_list()
    return {u: i for i, u in enumerate(texts + [u for u in units if u not in texts])}


def _order_units(frame: pl.DataFrame, table: pl.DataFrame, *then: str) -> pl.DataFrame:
    """Sort a frame by unit (see :func:`_unit_rank`), then by ``then``; ties keep their order."""
    if table is None or table.height == 0:
        return frame
    rank = _unit_rank(table)
    return (
        frame.with_columns(
            pl.col("unit")
            .replace_strict(rank, default=len(rank), return_dtype=pl.Int64)
            .alias("_r")
        )
        .sort("_r", *then, maintain_order=True)
        .drop("_r")
    )


# --- matching and counting ------------------------------------------------------------------


def tokens_lookup(
    lexicon: str | pl.DataFrame,
    *,
    primary: bool = True,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Every occurrence of every form of a lexicon.

    Args:
        lexicon: a lexicon name (see :data:`LEXICONS`) or a frame shaped like
            :func:`lexicon_terms` (at least ``form``).
        primary: count in the primary texts only (default) or in every segment.
        toks, segments: the frames to search (default: the corpus in force; see the module).

    Returns:
        One row per match: the lexicon columns, ``unit, text_id, speaker, role, sentence_id,
        source_id, token_index, word_index, n_tokens, start, end, matched`` and ``position``
        (the share of the unit's word tokens before the match: ``(word_index - 1) / n_words``
        when the match starts on a word, ``word_index / n_words`` when it starts on punctuation
        such as ``#``; 0 for the first word, below 1 for the last; for dispersion plots).
    """
    terms = lexicon_terms(lexicon) if isinstance(lexicon, str) else lexicon
    table = _units_table(primary, toks, segments)
    found = lexicons.match_patterns(table, terms, pattern_column="form", segments=segments)
    info = table.select(
        "sentence_id",
        "token_index",
        "unit",
        "speaker",
        "role",
        "word_index",
        pl.col("is_word").cast(pl.Int64).alias("_word"),
    )
    sizes = textstat_units(primary=primary, toks=table, segments=segments).select("unit", "n_words")
    found = (
        found.join(info, on=["sentence_id", "token_index"], how="left", maintain_order="left")
        .join(sizes, on="unit", how="left", maintain_order="left")
        .with_columns(
            ((pl.col("word_index") - pl.col("_word")) / pl.col("n_words")).alias("position")
        )
        .drop("n_words", "_word")
    )
    return _order_units(found, table, "token_index")


def textstat_terms(
    lexicon: str | pl.DataFrame,
    *,
    level: str = "form",
    primary: bool = True,
    include_names: bool = False,
    complete: bool = True,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Counts and rates per 1,000 word tokens of each form (or concept) in each unit.

    Args:
        lexicon: a lexicon name or a frame like :func:`lexicon_terms`.
        level: ``"form"`` (each variant) or ``"concept"`` (forms pooled by what they name).
        primary: the primary texts (default) or every segment.
        include_names: keep ``proper_name`` rows of the label lexicon (names such as
            "Genocide Watch"); off by default, because they are not the text's own labels.
        complete: add zero rows so every unit has every form/concept.
        toks, segments: the frames to count in (default: the corpus in force).

    Returns:
        ``unit, text_id, speaker, lexicon, category, concept, [form,] n, n_words, rate``
        ordered by unit, category, concept (and form).
    """
    if level not in ("form", "concept"):
        raise DiscourseError(f"level must be 'form' or 'concept', not {level!r}.")
    terms = lexicon_terms(lexicon) if isinstance(lexicon, str) else lexicon
    keys = ["lexicon", "category", "concept"] + (["form"] if level == "form" else [])
    # Match with every form (names included), so a name such as "Genocide Watch" claims its
    # tokens before the bare label can; then drop the names unless asked for.
    table = _units_table(primary, toks, segments)
    found = tokens_lookup(terms, primary=primary, toks=table, segments=segments)
    if not include_names:
        terms = terms.filter(~pl.col("category").is_in(list(NAME_CATEGORIES)))
        found = found.filter(~pl.col("category").is_in(list(NAME_CATEGORIES)))
    counts = found.group_by(["unit", *keys]).agg(pl.len().cast(pl.Int64).alias("n"))
    units = textstat_units(primary=primary, toks=table, segments=segments).select(
        "unit", "text_id", "speaker", "n_words"
    )
    if complete:
        grid = units.select("unit").join(
            terms.select(keys).unique(maintain_order=True), how="cross", maintain_order="left"
        )
        counts = grid.join(
            counts, on=["unit", *keys], how="left", maintain_order="left"
        ).with_columns(pl.col("n").fill_null(0))
    out = counts.join(units, on="unit", how="left", maintain_order="left").with_columns(
        (1000 * pl.col("n") / pl.col("n_words")).alias("rate")
    )
    out = out.select("unit", "text_id", "speaker", *keys, "n", "n_words", "rate")
    return _order_units(out, table, *keys)


def textstat_term_presence(
    forms: list[str],
    *,
    primary: bool = False,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Which units contain each of some forms (from any terminology lexicon or ad hoc).

    Args:
        forms: patterns such as ``["Artsakh", "territorial integrity"]``.
        primary: count in every segment (default here) or the primary texts only.

    Returns:
        ``form, unit, text_id, source_id, n`` for every unit where the form occurs, in unit
        order (``source_id`` is the raw page the unit is on).
    """
    patterns = pl.DataFrame({"form": forms})
    table = _units_table(primary, toks, segments)
    found = tokens_lookup(patterns, primary=primary, toks=table, segments=segments)
    out = found.group_by("form", "unit").agg(
        pl.col("text_id").first(), pl.col("source_id").first(), pl.len().cast(pl.Int64).alias("n")
    )
    return _order_units(out, table, "form")


def _text_name(text_id: str) -> str:
    """How prose names a text (``corpus.text_names()``; an id the manifest lacks: itself)."""
    return corpus.text_names().get(text_id, text_id)


def source_labels(
    *, toks: pl.DataFrame | None = None, segments: pl.DataFrame | None = None
) -> dict[str, str]:
    """Each raw page named by the texts it holds (``the page of <name> and <name>``).

    A page that holds no text is named by its source id (``the page <source_id>``).
    """
    table = _units_table(False, toks, segments)
    labels = {}
    for source in table["source_id"].unique(maintain_order=True).to_list():
        held = table.filter(pl.col("source_id") == source)
        texts = keyness.text_ids_of(held)
        labels[source] = (
            "the page of " + " and ".join(_text_name(t) for t in texts)
            if texts
            else f"the page {source}"
        )
    return labels


def _all_pages(n: int) -> str:
    return {1: "on its only page", 2: "on both pages"}.get(
        n, f"on all {keyness.number_word(n)} pages"
    )


def _no_page(n: int) -> str:
    return {1: "on no page", 2: "on neither page"}.get(
        n, f"on none of the {keyness.number_word(n)} pages"
    )


def presence_sentences(
    forms: list[str], *, toks: pl.DataFrame | None = None, segments: pl.DataFrame | None = None
) -> list[str]:
    """One sentence per form on where it occurs across every segment of every page.

    The same sentence is built for every form, so no name is singled out: its total, the
    units that use it (with counts), and which page(s) it is on or absent from, e.g.
    ``“X” occurs 2 times, only on the page of text one and text two: `t-two` (2×); none on
    the page of text three.`` (pages named by :func:`source_labels`).
    """
    table = _units_table(False, toks, segments)
    presence = textstat_term_presence(forms, toks=table, segments=segments)
    pages = source_labels(toks=table, segments=segments)
    out = []
    for form in forms:
        rows = presence.filter(pl.col("form") == form)
        total = int(rows["n"].sum())
        if total == 0:
            out.append(f"“{form}” occurs {_no_page(len(pages))}.")
            continue
        times = "once" if total == 1 else f"{total} times"
        on = [p for p in pages if p in set(rows["source_id"].to_list())]
        units = ", ".join(f"`{u}` ({n}×)" for u, n in rows.select("unit", "n").iter_rows())
        if len(on) == len(pages):
            out.append(f"“{form}” occurs {times}, {_all_pages(len(pages))}: {units}.")
            continue
        absent = "; ".join(f"none on {pages[p]}" for p in pages if p not in on)
        where = " and ".join(pages[p] for p in on)
        out.append(f"“{form}” occurs {times}, only on {where}: {units}; {absent}.")
    return out


def textstat_naming(
    *,
    primary: bool = True,
    min_forms: int = 2,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Which variant each text (speaker) uses for a referent that has competing names.

    A referent (concept of ``referent-variants``) counts as having competing names when at
    least ``min_forms`` of its forms occur in the counted units.

    Returns:
        ``unit, text_id, speaker, concept, form, n, share`` (share of the concept's
        mentions in that unit), for units that mention the concept; zero rows are kept for
        the other variants so each unit's choice is explicit.
    """
    table = _units_table(primary, toks, segments)
    counts = textstat_terms(
        "referent-variants", primary=primary, complete=True, toks=table, segments=segments
    )
    used = counts.filter(pl.col("n") > 0)
    competing = (
        used.group_by("concept")
        .agg(pl.col("form").n_unique().alias("k"))
        .filter(pl.col("k") >= min_forms)["concept"]
    )
    forms_used = (
        used.filter(pl.col("concept").is_in(competing.implode())).select("concept", "form").unique()
    )
    frame = counts.join(forms_used, on=["concept", "form"], how="inner", maintain_order="left")
    frame = frame.with_columns(pl.col("n").sum().over("unit", "concept").alias("_total"))
    frame = frame.filter(pl.col("_total") > 0).with_columns(
        (pl.col("n") / pl.col("_total")).alias("share")
    )
    return _order_units(
        frame.select("unit", "text_id", "speaker", "concept", "form", "n", "share"),
        table,
        "concept",
        "form",
    )


def textstat_naming_table(
    *,
    primary: bool = True,
    min_forms: int = 2,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """A wide summary of :func:`textstat_naming`: one row per referent, one column per unit.

    Each cell lists the variants the unit uses with their counts, e.g. ``Khojali ×5``; an
    empty string means the unit does not mention the referent.
    """
    table = _units_table(primary, toks, segments)
    naming = textstat_naming(
        primary=primary, min_forms=min_forms, toks=table, segments=segments
    ).filter(pl.col("n") > 0)
    cells = (
        naming.sort("unit", "concept", "n", "form", descending=[False, False, True, False])
        .with_columns(pl.format("{} ×{}", "form", "n").alias("cell"))
        .group_by("unit", "concept", maintain_order=True)
        .agg(pl.col("cell").str.join("; "))
    )
    units = textstat_units(primary=primary, toks=table, segments=segments)["unit"].to_list()
    if cells.height == 0:  # no referent named in more than one way
        return pl.DataFrame(schema={"concept": pl.String, **{u: pl.String for u in units}})
    wide = cells.pivot(on="unit", index="concept", values="cell").sort("concept")
    for u in units:
        if u not in wide.columns:
            wide = wide.with_columns(pl.lit(None, dtype=pl.String).alias(u))
    return wide.select("concept", *units).fill_null("")


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
    table = _units_table(primary, toks, segments)
    found = tokens_lookup(lexicon, primary=primary, toks=table, segments=segments)
    if isinstance(lexicon, str) and lexicon == "event-labels":
        found = found.filter(~pl.col("category").is_in(list(NAME_CATEGORIES)))
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
    return _order_units(first.select(*cols, "position", "matched", "n"), table, "word_index")


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
    toks = _units_table(primary, toks, segments)
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

    Args:
        forms: patterns to plot, or a mapping ``{pattern: display label}`` to group several
            patterns under one row (e.g. ``{"Khojali": "Khojali/Khojaly", "Khojaly": …}``).
        primary: the primary texts (default) or every segment.

    Returns:
        ``unit, text_id, term, form, word_index, n_words, position, matched, sentence_id``.
    """
    mapping = {f: f for f in forms} if isinstance(forms, list) else dict(forms)
    patterns = pl.DataFrame({"form": list(mapping), "term": list(mapping.values())})
    table = _units_table(primary, toks, segments)
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
    return _order_units(out, table, "term", "word_index")


# --- summaries for the notebook ---------------------------------------------------------------


def textstat_terms_wide(
    lexicon: str | pl.DataFrame,
    *,
    level: str = "concept",
    primary: bool = True,
    used_only: bool = True,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Counts as a table: one row per concept (or form), one count column per unit.

    Args:
        lexicon: a lexicon name or a frame like :func:`lexicon_terms`.
        level: ``"concept"`` or ``"form"``.
        primary: the primary texts (default) or every segment.
        used_only: drop rows that no unit uses.
        toks, segments: the frames to count in (default: the corpus in force).
    """
    keys = ["category", "concept"] + (["form"] if level == "form" else [])
    table = _units_table(primary, toks, segments)
    terms = textstat_terms(lexicon, level=level, primary=primary, toks=table, segments=segments)
    units = textstat_units(primary=primary, toks=table, segments=segments)["unit"].to_list()
    wide = terms.pivot(on="unit", index=keys, values="n").fill_null(0)
    wide = wide.select(*keys, *[u for u in units if u in wide.columns])
    if used_only:
        wide = wide.filter(pl.sum_horizontal(*[pl.col(u) for u in units if u in wide.columns]) > 0)
    return wide.sort(keys)


def naming_sentence(
    concept: str,
    *,
    primary: bool = True,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> str:
    """One attributive sentence fragment per unit on how it names a referent, from the counts.

    Every text is listed (``no mention`` where it names none of the forms); other units only
    where they mention it. Texts are named as prose names them (``corpus.text_names()``).
    Example: ``text one: “Khojali” (5); text two: “Khojaly” (2); text three: no mention``.
    """
    table = _units_table(primary, toks, segments)
    counts = textstat_terms(
        "referent-variants", primary=primary, toks=table, segments=segments
    ).filter(pl.col("concept") == concept)
    if counts.height == 0:
        raise DiscourseError(f"no referent concept {concept!r} in referent-variants.csv.")
    units = textstat_units(primary=primary, toks=table, segments=segments)
    texts = set(units["text_id"].drop_nulls().to_list())
    parts = []
    for unit in units["unit"].to_list():
        used = counts.filter((pl.col("unit") == unit) & (pl.col("n") > 0)).sort(
            ["n", "form"], descending=[True, False]
        )
        name = _text_name(unit) if unit in texts else unit
        if used.height == 0:
            if unit in texts:
                parts.append(f"{name}: no mention")
            continue
        forms = ", ".join(f"“{f}” ({n})" for f, n in used.select("form", "n").iter_rows())
        parts.append(f"{name}: {forms}")
    return "; ".join(parts)
