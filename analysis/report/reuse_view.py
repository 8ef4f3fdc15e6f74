"""The side-by-side reuse view: an advocacy text beside the response to it, reused spans linked.

:func:`reuse_view_html` returns a self-contained HTML fragment (inline CSS only: no script, no
external URL) that a notebook shows with ``IPython.display.HTML`` and the exported report keeps
as it is. The advocacy text is on the left and the response on the right, one line per
sentence with its id. Each reused span (a tile of :func:`analysis.measures.reuse.textstat_reuse`)
is highlighted in both texts with the same number and colour, and each side's span is a link to
its counterpart (``id`` and ``href="#..."`` anchors). When per-demand profiles are given, each
demand is listed under the view with its profile rows, and the evidence spans of its rows are
marked (underlined) in both texts and linked from the list. All text is HTML-escaped.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import polars as pl

from analysis import corpus, tokens
from analysis.charts import labels as chart_labels
from analysis.corpus import Pair
from analysis.io import DiscourseError
from analysis.measures.reuse import pair_id as reuse_pair_id

#: Tile colours (light, so the text stays readable), used in turn.
TILE_COLOURS = (
    "#fde68a",
    "#bfdbfe",
    "#bbf7d0",
    "#fbcfe8",
    "#ddd6fe",
    "#fed7aa",
    "#a5f3fc",
    "#e5e7eb",
)

PROFILE_COLUMNS = (
    "demand_id",
    "dimension",
    "value",
    "a_start",
    "a_end",
    "r_start",
    "r_end",
    "evidence_a",
    "evidence_r",
)

_STYLE = (
    "<style>"
    ".rv{font-family:sans-serif;font-size:13px;line-height:1.5}"
    ".rv .rv-cols{display:grid;grid-template-columns:1fr 1fr;gap:16px}"
    ".rv .rv-sent{margin:0 0 4px 0}"
    ".rv .rv-sid{color:#6b7280;font-size:11px;margin-right:6px}"
    ".rv a.rv-tile{color:inherit;text-decoration:none;border-radius:2px}"
    ".rv a.rv-tile:target{outline:2px solid #111827}"
    ".rv .rv-num{font-size:10px;vertical-align:super;color:#111827;margin-right:1px}"
    ".rv .rv-ev{border-bottom:2px solid #b91c1c}"
    ".rv table{border-collapse:collapse;margin:4px 0 10px 0}"
    ".rv td,.rv th{border:1px solid #d1d5db;padding:2px 6px;text-align:left;vertical-align:top}"
    "</style>"
)

_ID_SAFE = re.compile(r"[^A-Za-z0-9_-]+")


def _anchor(*parts: object) -> str:
    """An HTML id made of ``parts`` (characters outside ``[A-Za-z0-9_-]`` become ``_``)."""
    return "-".join(_ID_SAFE.sub("_", str(p)) for p in parts)


def _esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _profiles_for(pair: Pair, profiles: pl.DataFrame) -> pl.DataFrame:
    """The profile rows of ``pair``, by whichever of ``pair_id``, ``advocacy``/``text_id`` and
    ``response``/``response_id`` the frame has (all rows if none)."""
    keep = pl.lit(True)
    if "pair_id" in profiles.columns:
        keep &= pl.col("pair_id") == reuse_pair_id(pair)
    for columns, text in (
        (("advocacy", "text_id"), pair.advocacy),
        (("response", "response_id"), pair.response),
    ):
        column = next((c for c in columns if c in profiles.columns), None)
        if column is not None:
            keep &= pl.col(column) == text
    return profiles.filter(keep)


def _evidence(profiles: pl.DataFrame, side: str) -> list[tuple[int, int, str]]:
    """Distinct evidence spans ``(start, end, demand_id)`` of one text (``a`` or ``r``)."""
    seen: dict[tuple[int, int, str], None] = {}
    for row in profiles.iter_rows(named=True):
        start, end = row[f"{side}_start"], row[f"{side}_end"]
        if start is not None and end is not None and end > start:
            seen[(int(start), int(end), str(row["demand_id"]))] = None
    return list(seen)


def _side_html(
    sentences: pl.DataFrame,
    tiles: list[tuple[int, int, int]],
    evidence: list[tuple[int, int, str]],
    *,
    prefix: str,
    side: str,
    other: str,
    emitted: set[str],
) -> str:
    """One column: each sentence with its id, tiles as linked anchors, evidence underlined."""
    out = []
    first_tile: set[int] = set()
    first_ev: set[tuple[int, int, str]] = set()
    for row in sentences.iter_rows(named=True):
        s_start, text = row["start"], row["text"]
        s_end = s_start + len(text)
        cuts = {s_start, s_end}
        for start, end, *_ in [*tiles, *evidence]:
            cuts |= {min(max(start, s_start), s_end), min(max(end, s_start), s_end)}
        points = sorted(cuts)
        pieces = []
        for lo, hi in zip(points, points[1:], strict=False):
            if lo >= hi:
                continue
            piece = _esc(text[lo - s_start : hi - s_start])
            marks = []
            for ev in evidence:
                if ev[0] <= lo and hi <= ev[1]:
                    if ev not in first_ev:
                        first_ev.add(ev)
                        ev_id = _anchor(prefix, "ev", ev[2], side, ev[0])
                        emitted.add(ev_id)
                        marks.append(f'<span id="{ev_id}"></span>')
                    piece = f'<span class="rv-ev" title="{_esc(ev[2])}">{piece}</span>'
            for start, end, k in tiles:
                if start <= lo and hi <= end:
                    colour = TILE_COLOURS[(k - 1) % len(TILE_COLOURS)]
                    attrs = ""
                    if k not in first_tile:
                        first_tile.add(k)
                        here = _anchor(prefix, side, k)
                        emitted.add(here)
                        attrs = f' id="{here}"'
                        piece = f'<span class="rv-num">{k}</span>{piece}'
                    piece = (
                        f'<a class="rv-tile"{attrs} href="#{_anchor(prefix, other, k)}" '
                        f'title="reused span {k}" style="background:{colour}">{piece}</a>'
                    )
                    break
            pieces.append("".join(marks) + piece)
        out.append(
            f'<p class="rv-sent"><span class="rv-sid">{_esc(row["sentence_id"])}</span>'
            f"{''.join(pieces)}</p>"
        )
    return "".join(out)


def _profile_html(profiles: pl.DataFrame, prefix: str, emitted: set[str]) -> str:
    """Each demand with its profile rows, linked to its evidence spans where they are shown."""
    if profiles.is_empty():
        return ""
    parts = ["<h4>Demands and their profiles</h4>"]
    for (demand,), rows in profiles.group_by("demand_id", maintain_order=True):
        body = []
        for row in rows.iter_rows(named=True):
            cells = [
                _esc(chart_labels.label(row["dimension"], chart_labels.TRANSFORMATION_DIMENSIONS)),
                _esc(chart_labels.label(row["value"], chart_labels.TRANSFORMATION_VALUES)),
            ]
            for side, label in (("a", "evidence_a"), ("r", "evidence_r")):
                text, start = row[label], row[f"{side}_start"]
                target = None if start is None else _anchor(prefix, "ev", demand, side, start)
                if target in emitted:
                    cells.append(f'<a href="#{target}">{_esc(text)}</a>')
                else:
                    cells.append(_esc(text) if text is not None else "")
            body.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        said = rows["demand_text"][0] if "demand_text" in rows.columns else None
        quoted = f" “{_esc(said)}”" if said else ""
        parts.append(
            f"<p><strong>{_esc(demand)}</strong>{quoted}</p><table><tr><th>Dimension</th><th>Value</th>"
            "<th>Evidence (advocacy text)</th><th>Evidence (response)</th></tr>"
            + "".join(body)
            + "</table>"
        )
    return "".join(parts)


def reuse_view_html(
    pair: Pair,
    reuse: pl.DataFrame,
    profiles: pl.DataFrame | None = None,
    *,
    sentences: pl.DataFrame | None = None,
    labels: dict[str, str] | None = None,
    manifest_path: Path | None = None,
) -> str:
    """A self-contained HTML fragment: the advocacy text beside its response, reuse linked.

    Args:
        pair: the pair shown (advocacy text left, response right).
        reuse: tiles from :func:`analysis.measures.reuse.textstat_reuse` (rows of other pairs
            are ignored).
        profiles: optional per-demand profiles (columns :data:`PROFILE_COLUMNS`, offsets into
            the raw source, null where a side has no evidence); rows of other pairs are left out
            by ``pair_id``, ``advocacy``/``text_id`` and ``response``/``response_id`` columns
            when the frame has them.
        sentences: sentences (``text_id, sentence_id, source_id, start, text``; default: the
            corpus of ``manifest_path``).
        labels: how each text is headed (default: the manifest's labels, else the id).
        manifest_path: the manifest (default: the one in force).

    Returns:
        The HTML: a ``<div class="rv">`` with an inline ``<style>``, the two columns and, with
        profiles, the list of demands.
    """
    if sentences is None:
        sentences = tokens.corpus_sentences(manifest_path=manifest_path)
    if labels is None:
        labels = corpus.text_labels(manifest_path)
    pid = reuse_pair_id(pair)
    prefix = _anchor("rv", pid)
    tiles = reuse.filter(pl.col("pair_id") == pid)
    side_tiles = {
        side: list(
            zip(
                tiles[f"{side}_start"].to_list(),
                tiles[f"{side}_end"].to_list(),
                tiles["tile"].to_list(),
                strict=True,
            )
        )
        for side in ("a", "r")
    }
    mine = None
    if profiles is not None:
        missing = [c for c in PROFILE_COLUMNS if c not in profiles.columns]
        if missing:
            raise DiscourseError(
                f"reuse_view_html: the profiles frame lacks {', '.join(missing)}; pass the frame "
                "of per-demand profiles with the columns of PROFILE_COLUMNS."
            )
        mine = _profiles_for(pair, profiles)
    emitted: set[str] = set()
    columns = []
    for side, other, text in (("a", "r", pair.advocacy), ("r", "a", pair.response)):
        shown = sentences.filter(pl.col("text_id") == text)
        body = _side_html(
            shown,
            side_tiles[side],
            _evidence(mine, side) if mine is not None else [],
            prefix=prefix,
            side=side,
            other=other,
            emitted=emitted,
        )
        columns.append(f"<div><h4>{_esc(labels.get(text, text))}</h4>{body}</div>")
    n = tiles.height
    summary = (
        f"<p>{n} reused span{'s' if n != 1 else ''}: each is numbered and coloured alike on "
        "both texts; click one to jump to its counterpart.</p>"
    )
    extra = _profile_html(mine, prefix, emitted) if mine is not None else ""
    return (
        f'<div class="rv" id="{prefix}">{_STYLE}{summary}'
        f'<div class="rv-cols">{"".join(columns)}</div>{extra}</div>'
    )
