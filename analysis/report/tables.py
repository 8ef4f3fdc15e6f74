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
from collections import Counter
from collections.abc import Mapping

import polars as pl

from analysis.measures.keyness_stats import format_p

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

# Labels that do not follow from the column name by the default rule (underscores to spaces,
# first letter capitalised).
LABELS: dict[str, str] = {
    "text_id": "Text",
    "n": "n",
    "ci_low": "95% CI low",
    "ci_high": "95% CI high",
    "sentence_id": "Sentence",
    "segment_id": "Segment",
    "source_id": "Source",
    "demand_id": "Demand",
    "doc_id": "Document",
    "n_chars": "Characters",
    "n_word_tokens": "Word tokens",
    "n_tokens": "Tokens",
    "n_sentences": "Sentences",
    "n_texts": "Texts",
    "sha256": "SHA-256",
    "kappa": "κ",
    "f1": "F1",
    "p": "p",
    "q": "q",
    "pre": "Left context",
    "post": "Right context",
    "url": "URL",
    "tp": "TP",
    "fp": "FP",
    "fn": "FN",
    "tn": "TN",
    "g2": "G²",
    "dp": "DP",
    "dp_norm": "DP (normalised)",
    "mattr": "MATTR",
    "ttr": "TTR",
    "mi": "MI",
    "vader": "VADER",
    # keyness (analysis.measures.keyness): the four-cell counts and the effect sizes
    "a": "Target freq.",
    "b": "Reference freq.",
    "p_fisher": "p (Fisher)",
    "chi2": "χ²",
    "chi2_yates": "χ² (Yates)",
    "log_ratio": "Log Ratio",
    "log_ratio_95ci": "Log Ratio 95% CI",
    "log_ratio_low": "Log Ratio 95% CI low",
    "log_ratio_high": "Log Ratio 95% CI high",
    "pct_diff": "%DIFF",
    "low_expected": "Expected count < 5",
    "expected_min": "Smallest expected count",
    "z": "z",
    "one_part": "In one part only",
    "n_parts": "Parts (n)",
    # agreement bands
    "kappa_below_0_2": "κ < 0.2",
    "kappa_0_6_or_more": "κ ≥ 0.6",
    "kappa_undefined": "κ undefined",
    # readability and lexical diversity (analysis.measures.style)
    "flesch_kincaid_grade": "Flesch–Kincaid grade",
    "flesch_reading_ease": "Flesch reading ease",
    "coleman_liau_index": "Coleman–Liau index",
    "dale_chall": "Dale–Chall score",
    "gunning_fog": "Gunning fog index",
    "fk_check": "Flesch–Kincaid check",
    "mattr_is_ttr": "MATTR equals TTR",
    "mtld_forward": "MTLD (forward)",
    "mtld_backward": "MTLD (backward)",
    # collocations (analysis.measures.collocations)
    "f_node": "Node freq.",
    "f_collocate": "Collocate freq.",
    "log_dice": "logDice",
    "mi3": "MI³",
    "ll": "LL (G²)",
    "t": "t",
    "freq": "Frequency",
    # a pair's advocacy text (a) and response (r)
    "a_text": "Advocacy text",
    "r_text": "Response text",
    "evidence_a": "Evidence (advocacy text)",
    "evidence_r": "Evidence (response text)",
    "pair_id": "Pair",
    "sd": "SD",
    # dispersion (analysis.measures.dispersion)
    "f": "f",
    "parts": "Parts",
    "range_rel": "Range (share of parts)",
    "juilland_d": "Juilland's D",
    "keyword": "Match",
    "functions_all": "All functions",
}

# Words of a column name that read as a symbol or an acronym in the default rule.
WORDS: dict[str, str] = {
    "vader": "VADER",
    "afinn": "AFINN",
    "smog": "SMOG",
    "mattr": "MATTR",
    "ttr": "TTR",
    "mtld": "MTLD",
    "kappa": "κ",
    "ci": "CI",
    "id": "ID",
    "sd": "SD",
    "dp": "DP",
    "f1": "F1",
    "mi": "MI",
    "mi3": "MI³",
    "ll": "LL",
    "g2": "G²",
    "chi2": "χ²",
    "fk": "Flesch–Kincaid",
    "pct": "%",
}

# Suffixes naming a part of another column: "gold_ci_low" reads "Gold 95% CI low".
_SUFFIXES = (
    ("_ci_low", "95% CI low"),
    ("_ci_high", "95% CI high"),
    ("_v1", "(v1)"),
    ("_textstat", "(textstat)"),
)
# A pair's two sides in a column name's prefix ("a_start", "r_end").
_PAIR_SIDES = {"a_": "advocacy text", "r_": "response text"}
# "0_6" in a column name is the number 0.6.
_DECIMAL = re.compile(r"(?<![a-z])(\d+)_(\d+)(?![a-z])")

TEXT_COLUMNS = frozenset(
    {"text_id", "text_a", "text_b", "advocacy", "response", "advocacy_id", "response_id"}
)
"""Columns that may hold text ids; shown as the texts' labels when every value is one."""

HUMANISED_COLUMNS = frozenset({"role", "roles", "field", "part"})
"""Columns of codes the manifest writes (segment roles, metadata fields): shown as words."""

UNIT_COLUMNS = frozenset({"unit"})
"""Columns of counting units: a text id, or ``document:role`` for a part outside the texts."""


def _unit_words(unit: str, text_labels: Mapping[str, str]) -> str:
    """A counting unit as words: a text's label, or "role (document)"."""
    if unit in text_labels:
        return text_labels[unit]
    document, _, role = unit.partition(":")
    return f"{humanise(role)} ({document})" if role else unit


EVIDENCE_COLUMNS = frozenset({"evidence", "cues", "matched"})
"""Columns listing ``code: words`` pairs; each code is shown by its framing label."""

# "health_safety: " at the start of a cell or after "; ".
_CODED = re.compile(r"(^|; )([a-z][a-z_]*): ")


def _evidence_words(value: str | None) -> str | None:
    from analysis.measures import framing

    if value is None:
        return None
    return _CODED.sub(
        lambda m: m.group(1) + framing.LABELS.get(m.group(2), m.group(2)) + ": ", value
    )


ALL_TEXTS = {"all": "All texts", "all texts": "All texts", "overall": "All texts"}
"""Pooled rows in a text column."""

_TABLE_CSS = """<style>
.discourse-itable td { white-space: normal; overflow-wrap: break-word; vertical-align: top; }
.discourse-itable td.discourse-wrap { overflow-wrap: anywhere; }
.discourse-itable td.discourse-long { min-width: 12em; max-width: 36em; }
.discourse-itable caption { text-align: left; font-weight: 600; padding: 0.4em 0; }
.discourse-itable-wrap { max-width: 100%; overflow-x: auto; }
</style>"""

# itables' fallback messages link to its website; a report keeps their text, not the links.
_LINK = re.compile(r"<a href=[\"']?https?://[^>]*>(.*?)</a>", re.S)

# Tables are numbered in the order a kernel shows them, so a report's HTML is reproducible
# (great_tables and itables would otherwise draw random element ids).
_ids = itertools.count(1)
_bundle_sent = False


def code_families() -> list[dict[str, str]]:
    """The label maps of the codebook families a table may show codes of, most specific first."""
    from analysis.charts import labels as chart_labels
    from analysis.measures import framing, stance

    demand_types = {**chart_labels.DEMAND_TYPES, "other": "Other"}
    # The coding layers and measure scales a table's "layer" or "scale" column names.
    layers = {
        "frame": "Frames",
        "frames": "Frames",
        "entman": "Entman functions",
        "domain": "Domain families",
        "demand_type": "Demand type",
        "reported_type": "Reported demand type",
        "label": "Label",
        "responsiveness": "Responsiveness",
        "policy_overlap": "Policy overlap",
        "function": "Function",
        "commitment_strength": "Commitment strength",
    }
    from analysis.measures import terminology

    # The categories of the terminology lexicons ("mass_violence", "peace_process").
    categories = {
        c: humanise(c).capitalize()
        for _, allowed in terminology.LEXICONS.values()
        for c in sorted(allowed)
    }
    return [
        layers,
        categories,
        chart_labels.RESPONSIVENESS,
        chart_labels.POLICY_OVERLAP,
        # a demand's label column holds either scale, by the relation of its pair
        {**chart_labels.RESPONSIVENESS, **chart_labels.POLICY_OVERLAP},
        demand_types,
        chart_labels.TRANSFORMATION_DIMENSIONS,
        chart_labels.FUNCTIONS,
        chart_labels.MODALITY,
        dict(framing.LABELS),
        dict(stance.LABELS),
        chart_labels.TRANSFORMATION_VALUES,
    ]


def code_label(code: str, families: list[dict[str, str]] | None = None) -> str:
    """A code as prose reads it: its label in the first family (:func:`code_families`) that
    has it ("commitment_strength" -> "Commitment strength", "partially_addressed" ->
    "Partially addressed"), else the code with underscores as spaces."""
    families = code_families() if families is None else families
    return next((f[code] for f in families if code in f), humanise(code))


def humanise(code: str) -> str:
    """A code the manifest or a lexicon writes (a role, a metadata field) as words:
    underscores as spaces ("petition_preamble" -> "petition preamble")."""
    return code.replace("_", " ").strip()


def column_families() -> dict[str, dict[str, str]]:
    """Label maps that apply by a column's name, whatever its values look like (codes of the
    framing layers in a column named for the layer, where plain words are codes too)."""
    from analysis.measures import framing

    return {
        layer: {c: framing.LABELS[c] for c in framing.LAYERS[layer]} for layer in framing.LAYERS
    } | {
        column: {c: framing.LABELS[c] for c in framing.LAYERS[layer]}
        for layer, column in framing.GOLD_COLUMNS.items()
    }


def _default_text_labels() -> dict[str, str]:
    from analysis import corpus

    try:
        return corpus.text_labels()
    except Exception:  # a table still shows (with ids) where no manifest can be read
        return {}


def _family_of(values: set[str], families: list[dict[str, str]]) -> dict[str, str] | None:
    """The first family whose codes include every value, where some value is a code written
    with an underscore (a plain word such as "sanctions" alone says nothing of its family)."""
    if not values or not any("_" in v for v in values):
        return None
    return next((f for f in families if values <= f.keys()), None)


def _listed_codes(col: pl.Expr, family: Mapping[str, str]) -> pl.Expr:
    """Codes listed in one cell, each shown by its label, joined by "; "."""
    item = pl.element().str.strip_chars()
    return col.str.split(";").list.eval(item.replace_strict(family, default=item)).list.join("; ")


def display_values(
    frame: pl.DataFrame,
    *,
    text_labels: Mapping[str, str] | None = None,
    families: list[dict[str, str]] | None = None,
) -> pl.DataFrame:
    """The frame with its values as a reader reads them (rows and columns kept).

    * A text column (:data:`TEXT_COLUMNS`) whose every value is a text id (or a pooled row,
      :data:`ALL_TEXTS`) shows the texts' labels (``text_labels``, by default the manifest's).
    * A text column whose every value is a code of one family (:func:`code_families`) and
      some value is written with an underscore shows the family's labels; so does a column
      of codes joined by ``;`` (shown joined by ``"; "``).
    * A boolean column shows "yes" and "no".
    """
    labels_of_texts = dict(_default_text_labels() if text_labels is None else text_labels)
    families = code_families() if families is None else families
    by_column = column_families()
    exprs = []
    for name, dtype in frame.schema.items():
        col = pl.col(name)
        if dtype == pl.Boolean:
            exprs.append(pl.when(col).then(pl.lit("yes")).when(~col).then(pl.lit("no")).alias(name))
            continue
        if dtype != pl.String:
            continue
        values = set(frame[name].drop_nulls().unique().to_list())
        # codes listed in one cell, "crime;identity" or "support; encouragement"
        items = {i.strip() for v in values for i in v.split(";") if i.strip()}
        if name in HUMANISED_COLUMNS:  # the manifest's own codes: roles, fields, parts
            exprs.append(col.str.replace_all("_", " ", literal=True).alias(name))
            continue
        if name in by_column and items and items <= by_column[name].keys():
            family = by_column[name]
            exprs.append(_listed_codes(col, family).alias(name))
            continue
        if name in UNIT_COLUMNS and any(":" in v for v in values):
            units = {v: _unit_words(v, labels_of_texts) for v in values}
            exprs.append(col.replace_strict(units, default=col, return_dtype=pl.String))
            continue
        if name in EVIDENCE_COLUMNS and any(_CODED.search(v) for v in values):
            exprs.append(col.map_elements(_evidence_words, return_dtype=pl.String).alias(name))
            continue
        if name in TEXT_COLUMNS and values and values <= labels_of_texts.keys() | ALL_TEXTS.keys():
            mapping = {**ALL_TEXTS, **labels_of_texts}
        elif mapping := _family_of(values, families):
            pass
        else:  # codes listed in one cell ("crime;identity"): each shown by its family
            family = _family_of(items, families) if any(";" in v for v in values) else None
            if family:
                exprs.append(_listed_codes(col, family).alias(name))
            continue
        exprs.append(col.replace_strict(mapping, default=col, return_dtype=pl.String))
    return frame.with_columns(exprs) if exprs else frame


def quoted_terms(terms: str | list[str] | tuple[str, ...]) -> str:
    """Search terms for a caption or a sentence: each in curly quotes, joined as prose
    (``["a", "b", "c"]`` -> "“a”, “b” and “c”"), never a Python list."""
    from analysis.prose import join_words

    items = [terms] if isinstance(terms, str) else list(terms)
    return join_words((f"\u201c{t}\u201d" for t in items), empty="no term")


def column_label(name: str, labels: Mapping[str, str] | None = None) -> str:
    """The human-readable label of a column: from ``labels``, :data:`LABELS`, else the name
    with underscores as spaces, acronyms and symbols as :data:`WORDS` writes them, ``0_6`` as
    0.6 and its first letter capitalised (a count ``n_x`` as "X (n)", an interval bound
    ``x_ci_low`` as "X 95% CI low")."""
    if labels and name in labels:
        return labels[name]
    if name in LABELS:
        return LABELS[name]
    for suffix, words in _SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return f"{column_label(name[: -len(suffix)])} {words}"
    side = _PAIR_SIDES.get(name[:2])
    if side and len(name) > 2:  # a pair's side: "a_start" reads "Start (advocacy text)"
        return f"{column_label(name[2:])} ({side})"
    if name.startswith("n_") and len(name) > 2:  # a count: "n_gold" reads "Gold (n)"
        return f"{column_label(name[2:])} (n)"
    return _default_label(name)


def column_labels(columns: list[str], labels: Mapping[str, str] | None = None) -> dict[str, str]:
    """Column -> label for a table. Two columns that would share a label take the default
    rule's labels ("text_id" and "text": "Text ID" and "Text"), except a label given in
    ``labels``; if they still share one, the names."""
    wanted = {c: column_label(c, labels) for c in columns}
    counts = Counter(wanted.values())
    clashing = [c for c, label in wanted.items() if counts[label] > 1]
    if clashing:
        # a label the table asked for stays; the others give way
        plain = {c: wanted[c] if labels and c in labels else _default_label(c) for c in clashing}
        shared = Counter(plain.values())
        wanted |= {c: plain[c] if shared[plain[c]] == 1 else c for c in clashing}
        counts = Counter(wanted.values())
    return {c: label if counts[label] == 1 else c for c, label in wanted.items()}


def _default_label(name: str) -> str:
    words = " ".join(WORDS.get(w, w) for w in _DECIMAL.sub(r"\1.\2", name).split("_") if w)
    return words[:1].upper() + words[1:]


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
    return (
        f'{bundle}{_TABLE_CSS}<div class="discourse-itable-wrap" id="{table_id}-wrap" '
        f'aria-label="{html.escape(caption)}">{body}</div>'
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

    Long text columns are wrapped; the table scrolls sideways inside the page rather than
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
