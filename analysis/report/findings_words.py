"""Key findings on how the texts word a shared referent: its names (report 01) and its
collocates (report 05), for the index page.

Plain sentences (the index page escapes them), each attributed to the text it describes; a form
the suite maps onto a referent keeps the suite's mark, as the reports show it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

import polars as pl

from analysis.prose import count_words, join_words, text_name

#: How many tied collocates are named per text.
N_TERMS = 3


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _order(frame: pl.DataFrame, order: Sequence[str] | None) -> list[str]:
    seen = list(dict.fromkeys(frame["text_id"].to_list())) if "text_id" in frame.columns else []
    if order is None:
        return seen
    return [t for t in order if t in seen] + [t for t in seen if t not in order]


def referent_findings(
    found: pl.DataFrame,
    names: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    mapped: Collection[str] = (),
) -> list[str]:
    """How the texts word the shared referent whose forms differ most between them.

    A form in ``mapped`` is one the suite files under a referent it names in its own words (a
    wider or narrower entity, a description); it keeps the suite's mark, as report 01 shows it.

    Args:
        found: matches of the referent-variant lexicon (``text_id, concept, form``, one row per
            occurrence; :func:`analysis.lexicons.match_patterns`).
        names: display names per text id (default: the manifest's).
        order: the texts in display order (default: as they appear in ``found``).
        mapped: the mapped forms (:func:`analysis.measures.naming.variant_kinds`).
    """
    from analysis.measures.naming import MAPPED_LABEL, MAPPED_MARK

    shared = found.group_by("concept").agg(
        pl.col("text_id").n_unique().alias("n_texts"),
        pl.col("form").n_unique().alias("n_forms"),
        pl.len().alias("n"),
    )
    shared = shared.filter(pl.col("n_texts") >= 2).sort(
        ["n_forms", "n_texts", "n", "concept"], descending=[True, True, True, False]
    )
    if shared.is_empty():
        return ["No referent of the referent lexicon occurs in two or more texts."]
    concept = shared["concept"][0]
    mine = found.filter(pl.col("concept") == concept)
    parts, marked = [], False
    for t in _order(mine, order):
        forms = (
            mine.filter(pl.col("text_id") == t)
            .group_by("form", maintain_order=True)
            .len()
            .sort(["len", "form"], descending=[True, False])
        )
        marked = marked or any(f in mapped for f in forms["form"])
        used = join_words(
            f"\u201c{f}{MAPPED_MARK if f in mapped else ''}\u201d ({n}\u00d7)"
            for f, n in forms.iter_rows()
        )
        parts.append(f"{text_name(t, names)} as {used}")
    note = (
        f" {MAPPED_MARK} {_cap(MAPPED_LABEL)}: the text's word names something wider or "
        "narrower, which the suite files under this referent."
        if marked
        else ""
    )
    return [
        f"The referent \u201c{concept}\u201d of the referent lexicon is named by "
        f"{count_words(mine['text_id'].n_unique(), 'text')}: {'; '.join(parts)}.{note}"
    ]


def collocation_findings(
    frame: pl.DataFrame,
    focus: Mapping | None,
    names: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    *,
    span: tuple[int, int] = (5, 5),
    min_freq: int = 2,
    n: int = N_TERMS,
) -> list[str]:
    """Per text, the collocates ranked first by logDice around report 05's referent.

    Args:
        frame: the referent's collocates
            (:func:`analysis.charts.collocations.collocates_data`: ``text_id, collocate, freq,
            log_dice``).
        focus: the referent (:func:`analysis.charts.collocations.default_node`: ``concept``,
            ``n``, ``n_texts``), or None when no referent occurs in two texts.
        names: display names per text id (default: the manifest's).
        order: every compared text in display order; those without a collocate are named.
        span, min_freq: the window and threshold ``frame`` was computed with.
        n: at most this many tied collocates are named per text.
    """
    if focus is None:
        return ["No referent of the referent lexicon occurs in two or more texts."]
    where = (
        f"around the referent \u201c{focus['concept']}\u201d ({focus['n']} occurrences in "
        f"{count_words(focus['n_texts'], 'text')}; {span[0]} words left and {span[1]} right, "
        f"pairs seen at least {min_freq} times)"
    )
    seen = _order(frame, None)
    ids = [*order, *(t for t in seen if t not in order)] if order is not None else seen
    parts, none = [], []
    for t in ids:
        rows = frame.filter(pl.col("text_id") == t)
        if rows.is_empty():
            none.append(text_name(t, names))
            continue
        best = rows["log_dice"].max()
        top = rows.filter(pl.col("log_dice") == best).sort("collocate")
        shown = [
            f"\u201c{r['collocate']}\u201d ({r['freq']}\u00d7)"
            for r in top.head(n).iter_rows(named=True)
        ]
        if top.height > n:
            shown.append(f"{top.height - n} more")
        parts.append(f"in {text_name(t, names)} {join_words(shown)}, logDice {best:.2f}")
    if not parts:
        return [f"{_cap(where)}, no text has a collocate."]
    out = [
        f"{_cap(where)}, the collocates ranked first by logDice are: {'; '.join(parts)} "
        "(logDice ranks association strength; no significance is claimed)."
    ]
    if none:
        out.append(
            f"{_cap(join_words(none))} has no collocate there."
            if len(none) == 1
            else f"{_cap(join_words(none))} have no collocate there."
        )
    return out
