"""Naming choices: which variant each text uses for a referent, and where a form occurs.

Built on the counts of :mod:`analysis.measures.terminology` (same units, same frames: every
function takes ``toks`` and ``segments``, default the corpus in force). Prose names the texts
as the manifest does (``corpus.text_names()``) and builds the same sentence for every text and
every form, whatever the number of texts or pages.
"""

from __future__ import annotations

import re

import polars as pl

from analysis import corpus, lexicons
from analysis.io import DiscourseError
from analysis.measures.terminology import (
    order_units,
    textstat_term_presence,
    textstat_terms,
    textstat_units,
    units_table,
)
from analysis.prose import code_span, escape_markdown, md_name, number_word, text_name

#: The ``kind`` column of ``referent-variants.csv``: ``name`` (a name or spelling of the
#: referent) or ``mapped`` (the text's word is filed by the suite under a referent it names in
#: its own words: a wider or narrower entity, a description, an office or an organisation).
VARIANT_KINDS = frozenset({"name", "mapped"})

#: The mark that flags a mapped variant wherever a variant is shown (charts and tables).
MAPPED_MARK = "†"

#: The legend entry and caption of that mark.
MAPPED_LABEL = "mapped by the suite"


#: The one rule for glosses, for every text alike.
GLOSS_RULE = (
    "The suite adds no gloss to any text's words: quotations, spellings and names are shown as "
    "the text writes them, with no “(sic)”, no correction and no remark on what a name “was”; "
    "where a text quotes another document, the quotation is attributed to the text and not "
    "compared with the document. Mapped variants are flagged by data (the kind column), "
    "not by glosses."
)

#: What counts as a gloss (case-insensitive): a sic mark, a correction, a former or "real" name.
GLOSS_PATTERNS: tuple[str, ...] = (
    r"[(\[]\s*sic\s*!?\s*[)\]]",
    r"\bsic!",
    r"\b(?:mis-?spel\w*|typos?\b)",  # "typo", not "typology"
    r"\b(?:correctly|properly|rightly)\s+(?:spelt|spelled|written|called|named)\b",
    r"\b(?:the\s+)?(?:soviet|official|correct|proper|real|true|original)\s+(?:name|spelling)\s+"
    r"(?:was|is|would be)\b",
    r"\b(?:not|misquot\w*)\s+verbatim\b|\bmisquot\w*",
)
_GLOSS = re.compile("|".join(f"(?:{p})" for p in GLOSS_PATTERNS), re.IGNORECASE)


def glosses(text: str) -> list[str]:
    """Every gloss in ``text`` that :data:`GLOSS_RULE` rules out (the matched strings).

    Used on lexicon notes and notebook prose alike, whichever text the note is about.
    """
    return [m.group(0) for m in _GLOSS.finditer(text)]


def variant_kinds() -> pl.DataFrame:
    """``form, mapped`` (bool) for every form of ``referent-variants.csv``, from its ``kind``.

    Raises:
        DiscourseError: a missing ``kind`` column or a value other than :data:`VARIANT_KINDS`
            (file and line named).
    """
    table = lexicons.lexicon_load(
        "referent-variants",
        required=("form", "concept", "kind"),
        key=("form",),
        categories={"kind": set(VARIANT_KINDS)},
    ).table
    return table.select("form", (pl.col("kind") == "mapped").alias("mapped"))


def with_variant_kinds(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` (with a ``form`` column of referent variants) with ``mapped`` and ``shown``.

    ``shown`` is the form as charts and tables print it: followed by :data:`MAPPED_MARK` when
    the suite maps it. A form not in the lexicon (an ad hoc pattern) counts as a name.
    """
    frame = frame.join(variant_kinds(), on="form", how="left", maintain_order="left")
    frame = frame.with_columns(pl.col("mapped").fill_null(False))
    return frame.with_columns(
        pl.when(pl.col("mapped"))
        .then(pl.col("form") + MAPPED_MARK)
        .otherwise(pl.col("form"))
        .alias("shown")
    )


def mapping_sentences(
    *, primary: bool = True, toks: pl.DataFrame | None = None, segments: pl.DataFrame | None = None
) -> list[str]:
    """One sentence per text (then per other unit that uses one) on its mapped variants.

    Built alike for every text, e.g. ``text one: “Karabakh†” filed under “Nagorno-Karabakh”
    (1)`` or ``text two: no mapped variant``; a mapped variant is a text's word that the suite
    files under a referent it names in its own words (:func:`variant_kinds`).
    """
    table = units_table(primary, toks, segments)
    counts = textstat_terms(
        "referent-variants", primary=primary, complete=False, toks=table, segments=segments
    )
    used = with_variant_kinds(counts.filter(pl.col("n") > 0)).filter(pl.col("mapped"))
    units = textstat_units(primary=primary, toks=table, segments=segments)
    texts = set(units["text_id"].drop_nulls().to_list())
    out = []
    for unit in units["unit"].to_list():
        rows = used.filter(pl.col("unit") == unit)
        if rows.height == 0 and unit not in texts:
            continue
        name = md_name(unit) if unit in texts else escape_markdown(unit)
        found = "; ".join(
            f"“{escape_markdown(form)}{MAPPED_MARK}” filed under “{escape_markdown(concept)}” ({n})"
            for form, concept, n in rows.select("form", "concept", "n").iter_rows()
        )
        out.append(f"{name}: {found or 'no mapped variant'}")
    return out


def source_labels(
    *,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
    markdown: bool = False,
) -> dict[str, str]:
    """Each raw page named by the texts it holds (``the page of <name> and <name>``).

    A page that holds no text is named by its source id (``the page <source_id>``). With
    ``markdown``, the names are quoted for Markdown prose (:func:`analysis.prose.md_name`).
    """
    name = md_name if markdown else text_name
    table = units_table(False, toks, segments)
    labels = {}
    for source in table["source_id"].unique(maintain_order=True).to_list():
        held = table.filter(pl.col("source_id") == source)
        texts = corpus.texts_in(held)
        labels[source] = (
            "the page of " + " and ".join(name(t) for t in texts) if texts else f"the page {source}"
        )
    return labels


def _all_pages(n: int) -> str:
    return {1: "on its only page", 2: "on both pages"}.get(n, f"on all {number_word(n)} pages")


def _no_page(n: int) -> str:
    return {1: "on no page", 2: "on neither page"}.get(n, f"on none of the {number_word(n)} pages")


def presence_sentences(
    forms: list[str], *, toks: pl.DataFrame | None = None, segments: pl.DataFrame | None = None
) -> list[str]:
    """One sentence per form on where it occurs across every segment of every page.

    The same sentence is built for every form, so no name is singled out: its total, the
    units that use it (with counts), and which page(s) it is on or absent from, e.g.
    ``“X” occurs 2 times, only on the page of text one and text two: `t-two` (2×); none on
    the page of text three.`` (pages named by :func:`source_labels`).
    """
    table = units_table(False, toks, segments)
    presence = textstat_term_presence(forms, toks=table, segments=segments)
    pages = source_labels(toks=table, segments=segments, markdown=True)
    out = []
    for form in forms:
        rows = presence.filter(pl.col("form") == form)
        total = int(rows["n"].sum())
        if total == 0:
            out.append(f"“{form}” occurs {_no_page(len(pages))}.")
            continue
        times = "once" if total == 1 else f"{total} times"
        on = [p for p in pages if p in set(rows["source_id"].to_list())]
        units = ", ".join(f"{code_span(u)} ({n}×)" for u, n in rows.select("unit", "n").iter_rows())
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
        the other variants so each unit's choice is explicit; ``mapped`` is true where the
        suite files the text's word under a referent it names itself (:func:`variant_kinds`).
    """
    table = units_table(primary, toks, segments)
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
    frame = with_variant_kinds(frame)
    return order_units(
        frame.select("unit", "text_id", "speaker", "concept", "form", "n", "share", "mapped"),
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

    Each cell lists the variants the unit uses with their counts, e.g. ``Khojali ×5``, a
    mapped variant marked (``Karabakh† ×1``, :data:`MAPPED_MARK`); an empty string means the
    unit does not mention the referent.
    """
    table = units_table(primary, toks, segments)
    naming = textstat_naming(
        primary=primary, min_forms=min_forms, toks=table, segments=segments
    ).filter(pl.col("n") > 0)
    cells = (
        naming.sort("unit", "concept", "n", "form", descending=[False, False, True, False])
        .with_columns(pl.format("{} ×{}", *_shown(), "n").alias("cell"))
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


def _shown() -> list[pl.Expr]:
    """The form as printed: with :data:`MAPPED_MARK` when mapped."""
    return [pl.when(pl.col("mapped")).then(pl.col("form") + MAPPED_MARK).otherwise("form")]


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
    Example: ``text one: “Khojali” (5); text two: “Khojaly” (2); text three: no mention``; a
    mapped variant is marked (``“Karabakh†” (1)``, :data:`MAPPED_MARK`).
    """
    table = units_table(primary, toks, segments)
    counts = textstat_terms(
        "referent-variants", primary=primary, toks=table, segments=segments
    ).filter(pl.col("concept") == concept)
    if counts.height == 0:
        raise DiscourseError(f"no referent concept {concept!r} in referent-variants.csv.")
    units = textstat_units(primary=primary, toks=table, segments=segments)
    texts = set(units["text_id"].drop_nulls().to_list())
    mapped = dict(variant_kinds().iter_rows())
    parts = []
    for unit in units["unit"].to_list():
        used = counts.filter((pl.col("unit") == unit) & (pl.col("n") > 0)).sort(
            ["n", "form"], descending=[True, False]
        )
        name = md_name(unit) if unit in texts else escape_markdown(unit)
        if used.height == 0:
            if unit in texts:
                parts.append(f"{name}: no mention")
            continue
        forms = ", ".join(
            f"“{f}{MAPPED_MARK if mapped.get(f) else ''}” ({n})"
            for f, n in used.select("form", "n").iter_rows()
        )
        parts.append(f"{name}: {forms}")
    return "; ".join(parts)


def prose_name(text_id: str, capital: bool = False, names: dict[str, str] | None = None) -> str:
    """How Markdown prose names a text (``names``, default ``corpus.text_names()``; an unknown
    id names itself), with the first letter upper-cased when ``capital`` (a sentence start); the
    rest keeps its own capitals, so "the Government of Canada's response" stays as written.
    The name is quoted for Markdown (:func:`analysis.prose.escape_markdown`): shown as written,
    never as formatting."""
    names = corpus.text_names() if names is None else names
    text = names.get(text_id, text_id)
    return escape_markdown(capitalise(text) if capital else text)


def capitalise(text: str) -> str:
    """The first letter upper-cased and the rest as written (unlike ``str.capitalize``, which
    lower-cases the rest and so would change names such as "petition E-1234")."""
    return text[:1].upper() + text[1:]
