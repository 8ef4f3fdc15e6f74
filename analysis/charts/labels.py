"""Human-readable chart labels: one label map per code family, and label wrapping.

Charts show words, never codes: every code a measure returns (a demand type such as
``condemnation_recognition``, a responsiveness label such as ``partially_addressed``, a
transformation value, a response function, a modality category) is shown through the map of
its family here (framing and stance categories have theirs, ``framing.LABELS`` and
``stance.LABELS``). A code missing from its map is shown with its underscores as spaces, so a
codebook that grows never shows a raw code. Long labels are wrapped onto lines, never cut:
:func:`wrap` breaks a label into a ``\\n``-joined string and :data:`LINES_EXPR` (an axis
``labelExpr``) draws each part on its own line.
"""

from __future__ import annotations

import textwrap

#: Demand types of the demands codebook (``analysis.measures.demands.DEMAND_TYPES``).
DEMAND_TYPES = {
    "condemnation_recognition": "Condemnation or recognition",
    "commemoration": "Commemoration",
    "diplomacy_peace": "Diplomacy and peace",
    "sanctions": "Sanctions",
    "humanitarian_access": "Humanitarian access",
    "self_determination": "Self-determination",
    "protection_intervention": "Protection or intervention",
    "advocacy_coordination": "Advocacy coordination",
}
#: Responsiveness labels (``demands.RESPONSIVENESS``) and policy-overlap labels
#: (``demands.POLICY_OVERLAP``): two scales, two maps.
RESPONSIVENESS = {
    "addressed": "Addressed",
    "partially_addressed": "Partially addressed",
    "reframed": "Reframed",
    "not_addressed": "Not addressed",
}
POLICY_OVERLAP = {
    "overlap": "Overlap",
    "partial_overlap": "Partial overlap",
    "no_overlap": "No overlap",
}
#: The two label scales of a demand (``demands`` "scale" column), as tooltips name them.
SCALES = {"responsiveness": "Responsiveness", "policy_overlap": "Policy overlap"}
#: Transformation dimensions and values (``transformation_gold.DIMENSIONS``).
TRANSFORMATION_DIMENSIONS = {
    "label_substitution": "Label substitution",
    "spelling_change": "Spelling change",
    "agent_deletion": "Agent deletion",
    "scope_change": "Scope change",
    "commitment_strength": "Commitment strength",
    "deflection": "Deflection",
}
TRANSFORMATION_VALUES = {
    "substituted": "substituted",
    "retained": "retained",
    "omitted": "omitted",
    "changed": "changed",
    "same": "same",
    "deleted": "deleted",
    "generalised": "generalised",
    "narrowed": "narrowed",
    "act": "act",
    "undertake": "undertake",
    "encourage": "encourage",
    "acknowledge": "acknowledge",
    "process": "process",
    "third_party": "third party",
    "process_and_third_party": "process + third party",
    "none": "none",
}
#: Rule-based functions of response sentences (``demands.FUNCTIONS``).
FUNCTIONS = {
    "acknowledgement": "acknowledgement",
    "position": "position",
    "encouragement": "encouragement",
    "support": "support",
    "engagement_report": "engagement report",
    "commitment": "commitment",
}
#: Modality marker categories of the response-modality chart.
MODALITY = {
    "firm": "Firm commitment",
    "open_ended": "Open-ended commitment",
    "booster": "Booster",
    "deontic": "Deontic modal",
    "attitude": "Attitude marker",
    "hedge": "Hedge",
}

#: An axis or legend ``labelExpr`` drawing a label made by :func:`wrap` on several lines.
LINES_EXPR = "split(datum.label, '\\n')"


def lines_axis(**kwargs):
    """An ``alt.Axis`` whose labels (made by :func:`wrap`) are drawn whole on their lines:
    no label limit, :data:`LINES_EXPR`, :data:`LABEL_LINE_HEIGHT`; ``kwargs`` add to it."""
    import altair as alt

    return alt.Axis(labelLimit=0, labelExpr=LINES_EXPR, labelLineHeight=LABEL_LINE_HEIGHT, **kwargs)


def label(code: str | None, family: dict[str, str]) -> str:
    """The display label of ``code`` in its ``family`` map; an unknown code with its
    underscores as spaces ('' for None)."""
    if code is None:
        return ""
    return family.get(code, code.replace("_", " "))


def labels(codes, family: dict[str, str]) -> list[str]:
    """:func:`label` of each code, in order."""
    return [label(c, family) for c in codes]


def wrap(text: str, width: int = 40) -> str:
    """``text`` broken into lines of at most ``width`` characters (longer words kept whole),
    joined by ``\\n``; nothing is cut."""
    lines = textwrap.wrap(" ".join(text.split()), width, break_long_words=False)
    return "\n".join(lines) or text


def n_lines(texts) -> int:
    """The most lines any of ``texts`` (made by :func:`wrap`) has; at least 1."""
    return max([t.count("\n") + 1 for t in texts] or [1])


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2) of a ``#RRGGBB`` colour, 0 (black) to 1 (white)."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def is_dark(colour: str) -> bool:
    """True where white text reads better than black on ``colour`` (higher WCAG contrast)."""
    lum = luminance(colour)
    return (1.05 / (lum + 0.05)) > ((lum + 0.05) / 0.05)


def text_colour_expr(field: str, domain: list[str], colours: list[str]) -> str:
    """A Vega test: true where ``field`` holds a value whose fill (``colours``) is dark, so the
    text on it is drawn white."""
    dark = [v for v, c in zip(domain, colours, strict=True) if is_dark(c)]
    if not dark:
        return "false"
    from analysis.charts import vega_string

    values = ", ".join(vega_string(v) for v in dark)
    return f"indexof([{values}], datum[{vega_string(field)}]) >= 0"


def wrapped_label_expr(names, width: int = 16, *, lines: int | None = None) -> str:
    """An axis or legend ``labelExpr`` that draws each of ``names`` (the axis values) wrapped
    onto lines of about ``width`` characters (an array of lines); other values as they are.

    With ``lines``, every name is padded with blank lines above it to that many lines, so
    that labels of a top axis end on one baseline (see :func:`top_axis`).
    """
    from analysis.charts import vega_string

    cases = []
    for name in names:
        parts = wrap(name, width).split("\n")
        if lines is not None:
            parts = [""] * (lines - len(parts)) + parts
        if len(parts) > 1:
            items = ", ".join(vega_string(line) for line in parts)
            cases.append(f"datum.value === {vega_string(name)} ? [{items}]")
    return " : ".join([*cases, "datum.value"]) if cases else "datum.value"


#: Pixels per line of a wrapped axis label.
LABEL_LINE_HEIGHT = 13


def top_axis(names, width: int = 16, **kwargs) -> dict:
    """Keyword arguments of an ``alt.Axis`` at the top whose labels (``names``) are wrapped.

    Vega draws a label's first line at the axis and the others below it, into the plot; so
    every label gets the same number of lines (blank ones above) and the labels are moved up
    by the extra lines: all end just above the plot, none is cut.
    """
    names = list(names)
    n = n_lines([wrap(name, width) for name in names])
    return {
        "orient": "top",
        "labelAngle": 0,
        "labelLimit": 0,
        "labelExpr": wrapped_label_expr(names, width, lines=n),
        "labelLineHeight": LABEL_LINE_HEIGHT,
        "labelPadding": 2 + LABEL_LINE_HEIGHT * (n - 1),
        **kwargs,
    }


#: Where on d3's sequential "blues" scheme (0 to 1 of the scale's domain) a cell is dark
#: enough that white text has the higher contrast (WCAG); used by the heatmaps' count labels.
BLUES_DARK_FROM = 0.7
