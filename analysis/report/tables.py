"""Tables for the reports: publication tables and interactive long tables.

A short result table is shown as a publication table (:func:`publication_table`, great_tables):
numbers formatted (integers with thousands separators, floats to a fixed number of decimals,
p/q values as ``"< 0.001"``), missing values as ``"–"``, text left-aligned, human-readable
column labels, a caption and an optional source note. A long table (segments, sentence coding,
KWIC lines, demands) is shown as an interactive, searchable and sortable table
(:func:`interactive_table`, itables in its offline mode: the DataTables code is inlined in the
page, nothing is fetched). :func:`report_table` picks one by a rule: more than
:data:`MAX_PUBLICATION_ROWS` rows, or a text column with values longer than
:data:`LONG_TEXT_CHARS` characters, makes a table interactive.

Tables only change how values are shown: the frame's rows and columns are kept, and a value is
shown as words where the suite has words for it (:func:`display_values`): a text id in a
text column as the text's label from the manifest, a code of a codebook family (demand types,
responsiveness, policy overlap, transformation, response functions, modality, frames, stance
markers) as its label, a boolean as "yes" or "no".
"""

from __future__ import annotations

import html
import itertools
import math
import re
from collections.abc import Mapping

import polars as pl

from analysis.measures.keyness_stats import format_p
from analysis.report.table_words import (  # noqa: F401 (re-exported)
    ALL_TEXTS,
    EVIDENCE_COLUMNS,
    HUMANISED_COLUMNS,
    LABELS,
    TEXT_COLUMNS,
    UNIT_COLUMNS,
    WORDS,
    code_families,
    code_label,
    column_families,
    column_label,
    column_labels,
    display_values,
    humanise,
    quoted_terms,
)

MAX_PUBLICATION_ROWS = 15
"""A frame with more rows than this is shown as an interactive table."""

LONG_TEXT_CHARS = 80
"""A text column with a value longer than this makes a table interactive (and is wrapped)."""

WRAP_CHARS = 30
"""A text column with a value longer than this may break inside a word in interactive tables."""

MISSING = "–"
"""How a missing value (null, NaN) reads in a publication table."""

DECIMALS = 3
"""Decimals for floats unless a table asks otherwise."""

P_COLUMNS = frozenset({"p", "q", "p_value", "q_value", "p_adj", "p_holm", "p_bh"})
"""Columns holding p (or q) values, formatted with :func:`~analysis.measures.keyness_stats.format_p`."""

_TABLE_CSS = """<style>
.discourse-itable td { white-space: normal; overflow-wrap: break-word; vertical-align: top; }
.discourse-itable td.discourse-wrap { overflow-wrap: anywhere; }
.discourse-itable td.discourse-long { min-width: 12em; max-width: 36em; }
.discourse-itable caption { text-align: left; font-weight: 600; padding: 0.4em 0; }
.discourse-itable-wrap { max-width: 100%; overflow-x: auto; }
.discourse-print-table { display: none; border-collapse: collapse; font-size: 11px; }
.discourse-print-table th, .discourse-print-table td { text-align: left; vertical-align: top;
  padding: 2px 6px; border-bottom: 1px solid #ddd; overflow-wrap: anywhere; }
.discourse-print-table td.num { text-align: right; white-space: nowrap; }
@media print {
  .discourse-itable-wrap { display: none; }
  .discourse-print-table { display: table; width: 100%; }
}
</style>"""

# itables' fallback messages link to its website; a report keeps their text, not the links.
_LINK = re.compile(r"<a href=[\"']?https?://[^>]*>(.*?)</a>", re.S)

# Tables are numbered in the order a kernel shows them, so a report's HTML is reproducible
# (great_tables and itables would otherwise draw random element ids).
_ids = itertools.count(1)
_bundle_sent = False


def _is_float(dtype: pl.DataType) -> bool:
    return dtype.is_float() or isinstance(dtype, pl.Decimal)


def _is_int(dtype: pl.DataType) -> bool:
    return dtype.is_integer()


def _flatten(frame: pl.DataFrame) -> pl.DataFrame:
    """Lists joined with ", ", structs and other nested or temporal values as plain text."""
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if isinstance(dtype, pl.List | pl.Array):
            exprs.append(col.cast(pl.List(pl.String)).list.join(", ").alias(name))
        elif isinstance(dtype, pl.Struct | pl.Object):
            exprs.append(col.map_elements(str, return_dtype=pl.String).alias(name))
        elif dtype.is_temporal() or isinstance(dtype, pl.Categorical | pl.Enum):
            exprs.append(col.cast(pl.String).alias(name))
    return frame.with_columns(exprs) if exprs else frame


def long_text_columns(frame: pl.DataFrame, limit: int = LONG_TEXT_CHARS) -> list[str]:
    """Text columns with a value longer than ``limit`` characters."""
    flat = _flatten(frame)
    return [
        name
        for name, dtype in flat.schema.items()
        if dtype == pl.String and (flat[name].str.len_chars().max() or 0) > limit
    ]


def is_long(frame: pl.DataFrame) -> bool:
    """Whether :func:`report_table` shows the frame as an interactive table."""
    return frame.height > MAX_PUBLICATION_ROWS or bool(long_text_columns(frame))


def _p_column(name: str) -> bool:
    return name.lower() in P_COLUMNS


def _format_p(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING
    shown = format_p(float(value))
    # three significant digits kept, trailing zeros too: "1.00" beside "0.989", not "1"
    return html.escape(shown if shown.startswith("<") else f"{float(value):#.3g}")


# How an interactive table displays numbers (sorting and searching read the raw value): the
# same forms as a publication table, thousands separators and the minus sign U+2212.
_RENDER_NUMBER = """function (data, type) {{
  if (type !== "display" || typeof data !== "number") return data;
  return data.toLocaleString("en-US", {{minimumFractionDigits: {d}, maximumFractionDigits: {d}}})
    .replace("-", "\u2212");
}}"""
_RENDER_P = """function (data, type) {
  if (type !== "display" || typeof data !== "number") return data;
  return data < 0.001 ? "< 0.001" : data.toPrecision(3);
}"""


def _column_renders(frame: pl.DataFrame, decimals: int) -> list[dict]:
    """DataTables renderers: integers with separators, floats to ``decimals``, p values as
    in :func:`publication_table`."""
    from itables.javascript import JavascriptFunction

    kinds: dict[str, list[int]] = {}
    for i, (name, dtype) in enumerate(frame.schema.items()):
        if dtype.is_float() and _p_column(name):
            kinds.setdefault(_RENDER_P, []).append(i)
        elif dtype.is_float():
            kinds.setdefault(_RENDER_NUMBER.format(d=decimals), []).append(i)
        elif dtype.is_integer():
            kinds.setdefault(_RENDER_NUMBER.format(d=0), []).append(i)
    return [
        {"targets": targets, "render": JavascriptFunction(code)} for code, targets in kinds.items()
    ]


def publication_table(
    frame: pl.DataFrame,
    *,
    caption: str,
    source_note: str | None = None,
    decimals: int | Mapping[str, int] = DECIMALS,
    labels: Mapping[str, str] | None = None,
    text_labels: Mapping[str, str] | None = None,
):
    """A publication table (a great_tables ``GT``) of a frame.

    Args:
        frame: the table; its rows, columns and values are kept.
        caption: the table's caption (its title).
        source_note: a note under the table (where the numbers come from), if any.
        decimals: decimals for float columns, one number or a map column -> decimals
            (columns not in the map get :data:`DECIMALS`).
        labels: column -> label, over :data:`LABELS` and the default rule.
        text_labels: text id -> label for text columns (default: the manifest's), see
            :func:`display_values`.

    Returns:
        A ``great_tables.GT``; it renders itself as HTML in a notebook.
    """
    from great_tables import GT

    flat = display_values(_flatten(frame), text_labels=text_labels).with_columns(
        # NaN reads as missing, like null.
        pl.col(name).fill_nan(None)
        for name, dtype in frame.schema.items()
        if dtype.is_float()
    )
    schema = flat.schema
    p_cols = [c for c in flat.columns if _p_column(c) and schema[c].is_numeric()]
    float_cols = [c for c in flat.columns if _is_float(schema[c]) and c not in p_cols]
    int_cols = [c for c in flat.columns if _is_int(schema[c]) and c not in p_cols]
    numeric = set(p_cols) | set(float_cols) | set(int_cols)
    text_cols = [c for c in flat.columns if c not in numeric]

    table = GT(flat).with_id(f"discourse-table-{next(_ids)}").tab_header(title=caption)
    if source_note:
        table = table.tab_source_note(source_note)
    if int_cols:
        table = table.fmt_integer(columns=int_cols, use_seps=True)
    for col in float_cols:
        digits = decimals.get(col, DECIMALS) if isinstance(decimals, Mapping) else decimals
        table = table.fmt_number(columns=col, decimals=digits, use_seps=True)
    if p_cols:
        table = table.fmt(_format_p, columns=p_cols)
    table = table.sub_missing(missing_text=MISSING)
    if text_cols:
        table = table.cols_align("left", columns=text_cols)
    if numeric:
        table = table.cols_align("right", columns=[c for c in flat.columns if c in numeric])
    table = table.cols_label(**column_labels(flat.columns, labels))
    return table.tab_options(
        container_overflow_x="auto",
        table_margin_left="0",
        heading_align="left",
        table_font_size="14px",
    )


def _column_classes(frame: pl.DataFrame, long_cols: list[str]) -> list[dict]:
    """DataTables column classes: numbers right, text left; long text gets a minimum width,
    and text that may hold long unbroken runs (joined ids) may break anywhere."""
    classes: dict[str, list[int]] = {}
    for i, (name, dtype) in enumerate(frame.schema.items()):
        if dtype.is_numeric():
            cls = "dt-right"
        elif name in long_cols:
            cls = "dt-left discourse-long discourse-wrap"
        elif dtype == pl.String and (frame[name].str.len_chars().max() or 0) > WRAP_CHARS:
            cls = "dt-left discourse-wrap"
        else:
            cls = "dt-left"
        classes.setdefault(cls, []).append(i)
    return [{"targets": targets, "className": cls} for cls, targets in classes.items()]


def _bundle_html() -> str:
    """itables' offline DataTables bundle (JavaScript and CSS inlined, base64)."""
    from itables import options
    from itables.javascript import generate_init_offline_itables_html

    options.display_logo_when_loading = False
    return generate_init_offline_itables_html(options.dt_bundle)


def _print_cell(value: object, dtype: pl.DataType, *, p: bool, decimals: int) -> tuple[str, bool]:
    """One value of a printed table as text, and whether it is a number (right-aligned)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING, False
    if p and dtype.is_numeric():
        return format_p(float(value)).replace("-", "\u2212"), True
    if dtype.is_integer():
        return f"{value:,}".replace("-", "\u2212"), True
    if dtype.is_float():
        return f"{value:,.{decimals}f}".replace("-", "\u2212"), True
    return str(value), False


def print_table_html(
    frame: pl.DataFrame, *, decimals: int = DECIMALS, labels: Mapping[str, str] | None = None
) -> str:
    """Every row of an interactive table as a plain HTML table, shown only when the page is
    printed (a PDF of a report holds the whole table, not the page of rows on screen).

    Args:
        frame: the table as :func:`display_values` shows it (flattened, codes as words).
        decimals: decimals for float columns.
        labels: column -> label, over :data:`LABELS` and the default rule.
    """
    heads = column_labels(frame.columns, labels)
    schema = frame.schema
    head = "".join(f"<th>{html.escape(heads[c])}</th>" for c in frame.columns)
    rows = []
    for row in frame.iter_rows(named=True):
        cells = []
        for c in frame.columns:
            text, number = _print_cell(row[c], schema[c], p=_p_column(c), decimals=decimals)
            cls = ' class="num"' if number else ""
            cells.append(f"<td{cls}>{html.escape(text)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return (
        f'<table class="discourse-print-table" aria-hidden="true"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def interactive_table_html(
    frame: pl.DataFrame,
    *,
    caption: str,
    decimals: int = DECIMALS,
    labels: Mapping[str, str] | None = None,
    include_bundle: bool | None = None,
    text_labels: Mapping[str, str] | None = None,
) -> str:
    """The HTML of :func:`interactive_table`.

    Args:
        frame: the table; its rows, columns and values are kept (floats rounded to
            ``decimals`` for display; sorting stays numeric).
        caption: the caption, above the table.
        decimals: decimals for float columns.
        labels: column -> label, over :data:`LABELS` and the default rule.
        include_bundle: inline itables' DataTables code; by default only in the first
            interactive table of the kernel (one copy per page).
        text_labels: text id -> label for text columns (default: the manifest's).
    """
    from itables import to_html_datatable

    global _bundle_sent
    flat = display_values(_flatten(frame), text_labels=text_labels)
    long_cols = long_text_columns(flat)
    shown = (
        flat.with_columns(
            # p values keep their digits (a tiny p must not read as 0).
            pl.col(name).fill_nan(None).round(decimals)
            for name, dtype in flat.schema.items()
            if dtype.is_float() and not _p_column(name)
        )
        .with_columns(pl.col(pl.String).fill_null(MISSING))
        .rename(column_labels(flat.columns, labels))
    )
    col_defs = _column_classes(flat, long_cols) + _column_renders(flat, decimals)
    table_id = f"discourse-itable-{next(_ids)}"
    body = to_html_datatable(
        shown,
        table_id=table_id,
        caption=html.escape(caption),  # DataTables sets the caption as HTML
        connected=False,
        classes="display compact discourse-itable",
        style={"caption-side": "top", "width": "100%", "table-layout": "auto"},
        columnDefs=col_defs,
        show_dtypes=False,
        showIndex=False,
        display_logo_when_loading=False,
        maxBytes=0,
        autoWidth=False,  # let the browser fit the columns to the page, wrapping long text
        lengthMenu=[10, 25, 50, 100, -1],
        pageLength=10 if flat.height > 10 else max(flat.height, 1),
        layout={"topStart": "pageLength", "topEnd": "search"},
        allow_html=False,
        # the whole header sorts (itables' default sorts on the arrows only)
        text_in_header_can_be_selected=False,
    )
    body = _LINK.sub(r"\1", body)
    if include_bundle is None:
        include_bundle = not _bundle_sent
    bundle = _bundle_html() if include_bundle else ""
    _bundle_sent = _bundle_sent or include_bundle
    printed = print_table_html(flat, decimals=decimals, labels=labels)
    return (
        f'{bundle}{_TABLE_CSS}<div class="discourse-itable-wrap" id="{table_id}-wrap" '
        f'aria-label="{html.escape(caption)}">{body}</div>{printed}'
    )


def interactive_table(
    frame: pl.DataFrame,
    *,
    caption: str,
    decimals: int = DECIMALS,
    labels: Mapping[str, str] | None = None,
    text_labels: Mapping[str, str] | None = None,
):
    """An interactive, searchable and sortable table (itables, offline) of a long frame.

    When the page is printed (``discourse report --pdf``), a plain table of every row
    (:func:`print_table_html`) takes its place. Long text columns are wrapped; the table scrolls sideways inside the page rather than
    widening it (its wrapper scrolls). The first interactive table of a kernel carries itables' DataTables code
    (inlined: the page fetches nothing).

    Returns:
        An ``IPython.display.HTML`` object.
    """
    from IPython.display import HTML

    return HTML(
        interactive_table_html(
            frame, caption=caption, decimals=decimals, labels=labels, text_labels=text_labels
        )
    )


def report_table(
    frame: pl.DataFrame,
    *,
    caption: str,
    source_note: str | None = None,
    decimals: int | Mapping[str, int] = DECIMALS,
    labels: Mapping[str, str] | None = None,
    text_labels: Mapping[str, str] | None = None,
):
    """A publication table, or an interactive one for a long frame (see :func:`is_long`)."""
    if is_long(frame):
        digits = decimals if isinstance(decimals, int) else max(decimals.values(), default=DECIMALS)
        return interactive_table(
            frame, caption=caption, decimals=digits, labels=labels, text_labels=text_labels
        )
    return publication_table(
        frame,
        caption=caption,
        source_note=source_note,
        decimals=decimals,
        labels=labels,
        text_labels=text_labels,
    )
