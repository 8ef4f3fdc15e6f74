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
proper name). One rule for words inside names (:data:`NAME_RULE`, :mod:`analysis.measures.names`)
holds for every lexicon and ad hoc pattern: :func:`tokens_lookup` matches the label lexicon's
names too, so the ``Genocide`` of "Genocide Watch" is no label, dispersion tick or KWIC line.

Counting units: by default the primary texts (``unit`` = ``text_id``), however many the
manifest lists; with ``primary=False`` every segment of every page is counted too, each
non-primary part as its own unit ``<doc_id>:<role>`` (e.g. ``<doc_id>:publisher_intro``), so a
form's presence outside the texts (a page's introduction, a reader comment) can be shown.
Rates are per 1,000 word tokens of the unit (docs/METHODS.md).

Inputs: every function takes ``toks`` (a token frame from :func:`analysis.tokens.corpus_tokens`,
or the unit table of :func:`tokens_units`) and ``segments`` (the segments those tokens were made
from, :func:`analysis.corpus.corpus_segments`); both default to the corpus in force. Matched
surface text is sliced from ``segments`` when given, so synthetic frames need no files.

Naming choices (which variant each text uses, where a form occurs across pages) live in
:mod:`analysis.measures.naming`, first mentions, concordances and dispersion in
:mod:`analysis.measures.concordance`; their functions can still be reached from here
(``terminology.kwic`` …).

Typical use::

    from analysis.measures import terminology as tm
    tm.textstat_terms("referent-variants")           # counts and rates per text and form
    tm.textstat_naming_table()                        # which variant each text uses
    tm.kwic("territorial integrity", window=5)        # concordance
"""

from __future__ import annotations

import importlib
from functools import lru_cache
from pathlib import Path

import polars as pl

from analysis import corpus, lexicons, paths, tokens
from analysis.io import DiscourseError
from analysis.measures import keyness
from analysis.measures.names import (  # noqa: F401  (the rule's names, re-exported here)
    NAME_CATEGORIES,
    NAME_RULE,
    name_terms,
    tokens_outside_names,
    with_names,
)

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


def units_table(
    primary: bool, toks: pl.DataFrame | None = None, segments: pl.DataFrame | None = None
) -> pl.DataFrame:
    """The unit table for the given frames (default: the corpus in force, cached).

    Used by every measure here and in :mod:`analysis.measures.naming` and
    :mod:`analysis.measures.concordance`; a frame that already has ``unit`` and
    ``word_index`` is returned as it is (filtered to the texts when ``primary``).
    """
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
    return units_table(primary, toks, segments)


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
    table = units_table(primary, toks, segments)
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
    return order_units(frame, table)


def order_units(frame: pl.DataFrame, table: pl.DataFrame, *then: str) -> pl.DataFrame:
    """Sort a frame by unit, then by ``then``; ties keep their order.

    Units that are texts come first, in display order, then the other units (e.g. a page's
    part outside the texts) in the order they appear in ``table``
    (:func:`analysis.corpus.order_by_text` on the ``unit`` column).
    """
    if table is None or table.height == 0:
        return frame
    order = corpus.texts_in(table, "unit", order=corpus.texts_in(table))
    return corpus.order_by_text(frame, *then, column="unit", order=order)


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
    table = units_table(primary, toks, segments)
    # NAME_RULE: the names are matched with the patterns (after them, so a pattern as long as a
    # name wins the tie) and claim their words; the matches of the names added are then dropped
    # (a lexicon's own name rows stay: callers that count labels drop NAME_CATEGORIES)
    patterns = with_names(terms)
    found = lexicons.match_patterns(table, patterns, pattern_column="form", segments=segments)
    found = found.filter(~pl.col("_added")).drop(
        [c for c in patterns.columns if c not in terms.columns]
    )
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
    return order_units(found, table, "token_index")


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
    table = units_table(primary, toks, segments)
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
    return order_units(out, table, *keys)


def textstat_names(
    *,
    primary: bool = True,
    complete: bool = False,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Each proper name of the label lexicon counted once per occurrence, as a name.

    The counterpart of :data:`NAME_RULE`: the words these names claim are counted here and not
    as labels. Columns as :func:`textstat_terms` at ``level="form"``; only names that occur
    unless ``complete``.
    """
    return textstat_terms(
        name_terms(),
        include_names=True,
        complete=complete,
        primary=primary,
        toks=toks,
        segments=segments,
    )


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
    table = units_table(primary, toks, segments)
    found = tokens_lookup(patterns, primary=primary, toks=table, segments=segments)
    out = found.group_by("form", "unit").agg(
        pl.col("text_id").first(), pl.col("source_id").first(), pl.len().cast(pl.Int64).alias("n")
    )
    return order_units(out, table, "form")


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
    table = units_table(primary, toks, segments)
    terms = textstat_terms(lexicon, level=level, primary=primary, toks=table, segments=segments)
    units = textstat_units(primary=primary, toks=table, segments=segments)["unit"].to_list()
    wide = terms.pivot(on="unit", index=keys, values="n").fill_null(0)
    wide = wide.select(*keys, *[u for u in units if u in wide.columns])
    if used_only:
        wide = wide.filter(pl.sum_horizontal(*[pl.col(u) for u in units if u in wide.columns]) > 0)
    return wide.sort(keys)


# --- functions kept in the sibling modules ----------------------------------------------------

#: Functions that moved to :mod:`analysis.measures.naming` and :mod:`analysis.measures.concordance`
#: (they import this module, so they are looked up on first use rather than imported here).
_SIBLINGS = {
    "source_labels": "naming",
    "presence_sentences": "naming",
    "textstat_naming": "naming",
    "textstat_naming_table": "naming",
    "naming_sentence": "naming",
    "mapping_sentences": "naming",
    "textstat_first_mention": "concordance",
    "kwic": "concordance",
    "textstat_dispersion": "concordance",
}


def __getattr__(name: str):
    if name in _SIBLINGS:
        return getattr(importlib.import_module(f"analysis.measures.{_SIBLINGS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_SIBLINGS])
