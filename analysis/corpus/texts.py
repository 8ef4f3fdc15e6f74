"""The texts compared, their order, labels, prose names, colours and pairs: all from the manifest.

Nothing in the suite names a text: every table, chart and notebook iterates over
:func:`text_ids` in manifest order and takes labels (:func:`text_labels`), the name used in
prose (:func:`text_names`, e.g. "the petition") and colours (:func:`text_colours`) from here.

**Colours.** A text's ``colour`` in the manifest wins. Otherwise texts take, in order, the
Okabe & Ito (2008) palette (eight colour-blind-safe colours, black last), then Paul Tol's
"muted" palette (nine more, also colour-blind safe); past 17 texts colours repeat, and
:func:`text_colours` says so in :data:`PALETTE_NOTE`.

**Pairs.** An advocacy text and a response compared with it. A petition page yields a pair by
itself: its ``part = "petition"`` document and its ``part = "response"`` document, when both
are texts (relation ``response``: the response answers the petition). Other pairs are declared
in ``[[pairs]]``; relation ``overlap`` marks a response that does not answer the text (e.g. it
came earlier) and is compared for policy overlap only.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polars as pl

from analysis.corpus.manifest import RESPONSE, Manifest, Pair, Text, manifest

#: Okabe & Ito (2008), ordered so the first three texts keep their historical colours.
OKABE_ITO = (
    "#E69F00",  # orange
    "#0072B2",  # blue
    "#009E73",  # bluish green
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#D55E00",  # vermillion
    "#F0E442",  # yellow
    "#000000",  # black
)
#: Paul Tol's "muted" qualitative palette (colour-blind safe), used after Okabe & Ito.
TOL_MUTED = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
)
PALETTE = OKABE_ITO + TOL_MUTED
PALETTE_NOTE = (
    f"Texts without a manifest colour take the Okabe & Ito palette, then Paul Tol's muted "
    f"palette ({len(PALETTE)} colour-blind-safe colours); beyond that colours repeat."
)


def corpus_manifest(manifest_path: Path | None = None) -> Manifest:
    """The manifest in force (or at ``manifest_path``), parsed once per process."""
    return manifest(manifest_path)


def texts(manifest_path: Path | None = None) -> tuple[Text, ...]:
    """The compared texts, in manifest order."""
    return corpus_manifest(manifest_path).texts


def text_ids(manifest_path: Path | None = None) -> list[str]:
    """Text ids in display order (the manifest's ``[[texts]]`` order)."""
    return [t.id for t in texts(manifest_path)]


def text_labels(manifest_path: Path | None = None) -> dict[str, str]:
    """Map text id to its display label, in display order."""
    return {t.id: t.label for t in texts(manifest_path)}


def text_names(manifest_path: Path | None = None) -> dict[str, str]:
    """Map text id to how prose names it (e.g. "the petition"), in display order."""
    return {t.id: t.name for t in texts(manifest_path)}


def text_colours(manifest_path: Path | None = None) -> dict[str, str]:
    """Map text id to its chart colour: the manifest's, else the next palette colour."""
    out = {}
    for i, t in enumerate(texts(manifest_path)):
        out[t.id] = t.colour or PALETTE[i % len(PALETTE)]
    return out


def advocacy_text_ids(manifest_path: Path | None = None) -> list[str]:
    """Texts searched for demands: every text whose genre is not ``response``."""
    return [t.id for t in texts(manifest_path) if t.is_advocacy]


def response_text_ids(manifest_path: Path | None = None) -> list[str]:
    """Texts of genre ``response``."""
    return [t.id for t in texts(manifest_path) if not t.is_advocacy]


def text_pairs(manifest_path: Path | None = None) -> tuple[Pair, ...]:
    """Every pair: automatic ones (a petition page's petition and response) then declared ones."""
    m = corpus_manifest(manifest_path)
    by_doc = {t.document: t for t in m.texts}
    found: list[Pair] = []
    for source in m.sources:
        parts = {d.part: d.id for d in m.documents if d.source == source.id and d.part}
        petition, response = by_doc.get(parts.get("petition")), by_doc.get(parts.get(RESPONSE))
        if petition is not None and response is not None and not response.is_advocacy:
            found.append(Pair(petition.id, response.id, RESPONSE, "printed on the same page"))
    seen = {(p.advocacy, p.response) for p in found}
    found += [p for p in m.pairs if (p.advocacy, p.response) not in seen]
    return tuple(found)


def corpus_pairs(manifest_path: Path | None = None) -> pl.DataFrame:
    """The pairs as a frame: ``advocacy, response, relation, note``."""
    return pl.DataFrame(
        [vars(p) for p in text_pairs(manifest_path)],
        schema={
            "advocacy": pl.String,
            "response": pl.String,
            "relation": pl.String,
            "note": pl.String,
        },
    )


def response_for(advocacy_id: str, manifest_path: Path | None = None) -> Pair | None:
    """The pair in which ``advocacy_id`` is answered (relation ``response``), if any."""
    for p in text_pairs(manifest_path):
        if p.advocacy == advocacy_id and p.relation == RESPONSE:
            return p
    return None


def corpus_texts(manifest_path: Path | None = None) -> pl.DataFrame:
    """The compared texts: id, label, prose name, genre, colour, document, speaker, date, roles."""
    m = corpus_manifest(manifest_path)
    colours = text_colours(manifest_path)
    return pl.DataFrame(
        [
            {
                "text_id": t.id,
                "label": t.label,
                "name": t.name,
                "genre": t.genre,
                "colour": colours[t.id],
                "doc_id": t.document,
                "speaker": m.document(t.document).speaker,
                "date": m.document(t.document).date,
                "roles": ", ".join(t.roles),
            }
            for t in m.texts
        ],
        schema={
            c: pl.String
            for c in (
                "text_id",
                "label",
                "name",
                "genre",
                "colour",
                "doc_id",
                "speaker",
                "date",
                "roles",
            )
        },
    )


def texts_in(
    frame: pl.DataFrame,
    column: str = "text_id",
    *,
    order: Sequence[str] | None = None,
    manifest_path: Path | None = None,
) -> list[str]:
    """The text ids a frame holds, in display order.

    Ids of ``order`` (default: :func:`text_ids`, the manifest's order) come first, in that
    order; ids it does not list follow in the order they first appear. Nulls (segments outside
    the compared texts) are left out. ``order=()`` gives plain order of appearance.
    """
    present = frame[column].drop_nulls().unique(maintain_order=True).to_list()
    return list(_ranks(present, order, manifest_path))


def _ranks(
    present: list[str], order: Sequence[str] | None, manifest_path: Path | None
) -> dict[str, int]:
    known = text_ids(manifest_path) if order is None else list(order)
    listed = set(known)
    wanted = set(present)
    ids = [t for t in known if t in wanted] + [t for t in present if t not in listed]
    return {t: i for i, t in enumerate(ids)}


def order_by_text(
    frame: pl.DataFrame,
    *then: str,
    column: str = "text_id",
    order: Sequence[str] | None = None,
    manifest_path: Path | None = None,
) -> pl.DataFrame:
    """Sort a frame by text in display order (:func:`texts_in`), then by ``then``.

    Ids ``order`` (default: the manifest's order) does not list keep apart, each after the
    listed ones in the order it first appears; nulls come last. Ties keep their input order.
    """
    present = frame[column].drop_nulls().unique(maintain_order=True).to_list()
    rank = _ranks(present, order, manifest_path)
    return (
        frame.with_columns(
            pl.col(column)
            .replace_strict(rank, default=len(rank), return_dtype=pl.Int64)
            .alias("_rank")
        )
        .sort("_rank", *then, maintain_order=True)  # ties keep their input order: deterministic
        .drop("_rank")
    )
