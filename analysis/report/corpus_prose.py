"""Prose for the corpus report (notebook 00): pairs, petition records, segment roles, caveats.

Each function takes the corpus frames it describes (with the corpus in force as the default)
and returns Markdown for ``display(Markdown(...))``. Document text (labels, names, speakers,
field values, roles) is quoted with :func:`analysis.prose.escape_markdown`, so it is shown as
written, never as formatting or markup. Every sentence is built alike for every text, whatever the number of texts, pairs or petition pages.
"""

from __future__ import annotations

import polars as pl

from analysis import corpus
from analysis.corpus.manifest import RESPONSE, Pair
from analysis.measures.naming import capitalise
from analysis.prose import count_words, join_words
from analysis.report.render import escape_markdown as esc


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def describe_pairs(texts: pl.DataFrame | None = None, pairs: tuple[Pair, ...] | None = None) -> str:
    """The pairs compared in notebook 03, one bullet each, and the advocacy texts left unpaired.

    A pair in which the response answers the text (the first pair of relation ``response`` for
    that text, as :func:`analysis.corpus.response_for` picks it) reads "X answers Y"; any other
    pair reads "X, compared with Y: <note>".

    Args:
        texts: :func:`analysis.corpus.corpus_texts` (text_id, label, name, genre).
        pairs: :func:`analysis.corpus.text_pairs`.
    """
    texts = corpus.corpus_texts() if texts is None else texts
    pairs = corpus.text_pairs() if pairs is None else pairs
    rows = {r["text_id"]: r for r in texts.iter_rows(named=True)}

    def name(text_id: str) -> str:
        row = rows.get(text_id, {})
        return esc(row.get("name") or row.get("label") or text_id)

    answering: dict[str, Pair] = {}
    for p in pairs:
        if p.relation == RESPONSE:
            answering.setdefault(p.advocacy, p)
    lines = [
        f"- {capitalise(name(p.response))} answers {name(p.advocacy)}."
        if answering.get(p.advocacy) == p
        else f"- {capitalise(name(p.advocacy))}, compared with {name(p.response)}: {esc(p.note)}."
        for p in pairs
    ]
    paired = {p.advocacy for p in pairs}
    unpaired = [
        r["text_id"]
        for r in texts.iter_rows(named=True)
        if r["genre"] != RESPONSE and r["text_id"] not in paired
    ]
    if unpaired:
        lines.append(
            "- No response is paired with "
            + join_words(esc(rows[t]["label"]) for t in unpaired)
            + f"; {'its' if len(unpaired) == 1 else 'their'} demands are described, never "
            "scored against an unrelated response."
        )
    return "**Pairs compared in notebook 03.**\n\n" + ("\n".join(lines) or "- none")


def record_sentence(fields: dict[str, str]) -> str:
    """One sentence from the fields of one petition record (``field -> value``); each clause
    appears only when the page printed its fields."""
    number = esc(fields.get("petition_number", "(number not printed)"))
    parts = [f"The page records petition {number}"]
    if "subject" in fields:
        parts[0] += f" ({esc(fields['subject'])})"
    if "open_for_signature" in fields and "closed_for_signature" in fields:
        parts.append(
            f"open for signature from {esc(fields['open_for_signature'])} "
            f"to {esc(fields['closed_for_signature'])}"
        )
    if "presented_on" in fields:
        house = fields.get("house_petition_number")
        parts.append(
            f"presented to the House of Commons on {esc(fields['presented_on'])}"
            + (f" (Petition No. {esc(house)})" if house else "")
        )
    first = ", ".join(parts) + "."
    if "response_tabled" not in fields:
        return first
    # the response is its own sentence (one subject per sentence, no comma splice)
    signer = fields.get("response_signed_by")
    return (
        f"{first} The government response"
        + (f", signed by {esc(signer)}," if signer else "")
        + f" was tabled on {esc(fields['response_tabled'])}."
    )


def describe_petition_records(record: pl.DataFrame | None) -> str:
    """One bullet per petition in a :func:`analysis.corpus.petition_record` frame (long form:
    field, value, grouped by petition_id or source_id when present); ``""`` for no record."""
    if record is None or record.is_empty():
        return ""
    key = next((c for c in ("petition_id", "source_id") if c in record.columns), None)
    groups = record.partition_by(key, maintain_order=True) if key else [record]
    return "\n".join(
        "- " + record_sentence(dict(g.select("field", "value").iter_rows())) for g in groups
    )


def describe_text_roles(
    segments: pl.DataFrame | None = None,
    labels: dict[str, str] | None = None,
) -> str:
    """One bullet per primary text: how many segments of each role it is made of, roles in
    order of first appearance.

    Args:
        segments: :func:`analysis.corpus.corpus_segments` (text_id, role).
        labels: text id to label, in display order (default :func:`analysis.corpus.text_labels`);
            every text listed gets a bullet, one without segments says so.
    """
    segments = corpus.corpus_segments() if segments is None else segments
    labels = corpus.text_labels() if labels is None else labels
    roles = (
        segments.filter(pl.col("text_id").is_not_null())
        .group_by("text_id", "role", maintain_order=True)
        .len()
    )
    lines = []
    for text_id, label in labels.items():
        counts = roles.filter(pl.col("text_id") == text_id).select("role", "len").iter_rows()
        found = ", ".join(
            f"{_plural(n, esc(role.replace('_', ' ')) + ' segment')}" for role, n in counts
        )
        lines.append(f"- **{esc(label)}**: {found or 'no segments'}")
    return "\n".join(lines)


def describe_outside_roles(segments: pl.DataFrame | None = None) -> str:
    """What the sources hold outside the primary texts: segment count and roles."""
    segments = corpus.corpus_segments() if segments is None else segments
    outside = segments.filter(pl.col("text_id").is_null()).group_by("role", maintain_order=True)
    outside = outside.len()
    if outside.is_empty():
        return "Every segment of the sources belongs to a primary text."
    return (
        f"Outside the primary texts: {outside['len'].sum()} segments in {outside.height} roles "
        f"({', '.join(esc(r.replace('_', ' ')) for r in outside['role'])}), kept as their own "
        "segment types."
    )


def describe_corpus_caveats(
    summary: pl.DataFrame, sources: pl.DataFrame | None = None, texts: pl.DataFrame | None = None
) -> str:
    """The caveats of notebook 00 as Markdown bullets: sources with unknown provenance, the
    range of text sizes and genres, and how segmentation is checked.

    Args:
        summary: :func:`analysis.tokens.textstat_summary` (text_id, n_word_tokens).
        sources: :func:`analysis.corpus.corpus_sources` (source_id, captured, publisher, origin).
        texts: :func:`analysis.corpus.corpus_texts` (genre).
    """
    sources = corpus.corpus_sources() if sources is None else sources
    texts = corpus.corpus_texts() if texts is None else texts
    sizes = summary["n_word_tokens"].to_list()
    unknown = sources.filter(
        pl.any_horizontal(pl.col("captured", "publisher", "origin").str.starts_with("unknown"))
    )["source_id"].to_list()
    genres = sorted(set(texts["genre"]))
    provenance = (
        f"- Not recorded for {', '.join(f'`{s}`' for s in unknown)}: capture date, publisher or "
        "origin; these are marked unknown rather than guessed.\n"
        if unknown
        else ""
    )
    # One text has a size, not a range.
    size = (
        "no"
        if not sizes
        else f"{min(sizes):,}"
        if len(sizes) == 1
        else f"{min(sizes):,} to {max(sizes):,}"
    )
    these = "The text is" if texts.height == 1 else f"The {texts.height} texts are"
    return (
        provenance + f"- {these} short ({size} word tokens) and of "
        f"{count_words(len(genres), 'genre')} ({', '.join(genres)}). Every comparison in the later notebooks "
        "describes these texts, not the communities or governments behind them.\n"
        "- Segmentation is specific to each source's layout; `discourse check` fails if a raw "
        "file changes or a segment stops matching as expected."
    )
