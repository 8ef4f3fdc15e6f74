"""How a report table names its columns and shows its values: words, not codes.

:func:`column_label` gives a column's human-readable label (:data:`LABELS`, else a default rule
that writes acronyms and symbols as :data:`WORDS` says, ``0_6`` as 0.6, ``x_ci_low`` as
"X 95% CI low", ``a_``/``r_`` as a pair's advocacy text and response text, ``n_x`` as
"X (n)"); :func:`display_values` shows text ids as the texts' labels and codes of a codebook
family (:func:`code_families`), of the manifest (roles, fields) or of a counting unit as
words; :func:`code_label` and :func:`quoted_terms` do the same for prose and captions.
Used by :mod:`analysis.report.tables`, which re-exports these names.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

import polars as pl

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
    # Wilson 95% intervals of a share (analysis.evaluation)
    "agreement_low": "Agreement 95% CI low",
    "agreement_high": "Agreement 95% CI high",
    "precision_low": "Precision 95% CI low",
    "precision_high": "Precision 95% CI high",
    "recall_low": "Recall 95% CI low",
    "recall_high": "Recall 95% CI high",
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
# A pair's two texts in a column name's prefix ("a_start", "r_end").
_PAIR_ROLES = {"a_": "advocacy text", "r_": "response text"}
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


NOTE_COLUMNS = frozenset({"justification", "note", "rule"})
"""Free-text columns that may name a code ("category mass_violence"): the code is shown as words."""

_CODE_WORD = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


def _note_words(value: str | None, families: list[dict[str, str]]) -> str | None:
    if value is None:
        return None
    return _CODE_WORD.sub(
        lambda m: (
            f"“{code_label(m.group(0), families).lower()}”"
            if any(m.group(0) in f for f in families)
            else m.group(0)
        ),
        value,
    )


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
        if name in NOTE_COLUMNS and any(_CODE_WORD.search(v) for v in values):
            exprs.append(
                col.map_elements(lambda v: _note_words(v, families), return_dtype=pl.String).alias(
                    name
                )
            )
            continue
        if name in EVIDENCE_COLUMNS and any(_CODED.search(v) for v in values):
            exprs.append(col.map_elements(_evidence_words, return_dtype=pl.String).alias(name))
            continue
        if name in TEXT_COLUMNS and values and values <= labels_of_texts.keys() | ALL_TEXTS.keys():
            mapping = {**ALL_TEXTS, **labels_of_texts}
        elif family := _family_of(values - ALL_TEXTS.keys(), families):
            # a pooled row ("all") beside the codes reads "All"
            mapping = {**family, **{k: "All" for k in ALL_TEXTS if k in values}}
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
    role = _PAIR_ROLES.get(name[:2])
    if role and len(name) > 2:  # a pair's text: "a_start" reads "Start (advocacy text)"
        return f"{column_label(name[2:])} ({role})"
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
