"""Label grids of notebook 03: responsiveness (pairs a response answers) and, in an appendix,
policy overlap (declared comparisons), each with the automatic and the gold coder's label.

The two scales answer different questions, so each has its own chart, label scale and colours.
Shared helpers of the demand charts (demand labels, one panel per response text) live here too;
:mod:`analysis.charts.demands` re-exports the builders and registers the figures.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus, prose
from analysis.charts import labels as chart_labels
from analysis.measures import demands

_LABEL_ORDER = list(demands.RESPONSIVENESS)
# Blues for taken up, orange for reframed, grey for absent (colour-blind safe, ordered).
_LABEL_COLOURS = ["#0072B2", "#56B4E9", "#E69F00", "#BBBBBB"]
#: Policy overlap is a different question (shared language with positions stated earlier), so
#: it has its own scale and colours: greens to purple, none of them a responsiveness colour.
_OVERLAP_ORDER = list(demands.POLICY_OVERLAP)
_OVERLAP_COLOURS = ["#1B7837", "#A6DBA0", "#C2A5CF"]
_NO_GOLD = "(no gold demand)"
#: The swatch of "(no gold demand)": a pale grey outlined cell, drawn in the legend too.
_NO_GOLD_COLOUR = "#EEEEEE"
#: Pixels per line of a wrapped demand label (a grid row grows with its longest label).
_LINE_STEP = 13
#: Characters per line of a wrapped demand label.
_WRAP = 70
#: The scale of the pairs whose response answers the text (the responsiveness chart's rows).
_ANSWERED_SCALE = demands.SCALES[demands.ANSWERS]


def _row_step(labels: list[str]) -> int:
    """The height of a grid row: room for the most lines a (wrapped) label has."""
    return max(18, _LINE_STEP * chart_labels.n_lines(labels) + 10)  # a gap between rows


def _and(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'; 'no text' if empty."""
    return prose.join_words(parts, empty="no text")


def _bare(text_id: str) -> str:
    """A text's prose name without its article: 'the petition' -> 'petition'."""
    name = prose.text_name(text_id)
    return name[4:] if name.startswith("the ") else name


def _demand_label(frame: pl.DataFrame) -> pl.DataFrame:
    """Adds ``demand``: the id and the whole demand text, wrapped onto lines (never cut)."""
    return frame.with_columns(
        pl.format("{} {}", "demand_id", "demand_text")
        .map_elements(lambda t: chart_labels.wrap(t, _WRAP), return_dtype=pl.String)
        .alias("demand")
    )


def _demand_sort(frame: pl.DataFrame) -> list[str]:
    """Demand labels in text order, then by the id's number (t:d2 before t:d10)."""
    return list(dict.fromkeys(demands.order_demands(frame)["demand"].to_list()))


def _by_response(frame: pl.DataFrame) -> list[tuple[str | None, pl.DataFrame]]:
    """(response id, rows) per response text in first-appearance order; one group if none."""
    if "response_id" not in frame.columns:
        return [(None, frame)]
    ids = list(dict.fromkeys(frame["response_id"].to_list()))
    return [(r, frame.filter(pl.col("response_id") == r)) for r in ids] or [(None, frame)]


def _stack(panels: list[tuple[str | None, alt.TopLevelMixin]]) -> alt.TopLevelMixin:
    """One panel as is; several stacked, each titled with its response text's label."""
    if len(panels) == 1:
        return panels[0][1]
    labels = corpus.text_labels()
    return alt.vconcat(*[p.properties(title=labels.get(r, r or "")) for r, p in panels])


def _year(date: str | None) -> str:
    return date[:4] if date else "undated"


def responsiveness_subtitle(timeline: pl.DataFrame, answered: set[str]) -> str:
    """One clause per pair: what scale its demands use and the years that decide it."""
    parts = []
    for p in timeline.iter_rows(named=True):
        name = _bare(p["advocacy"])
        name = name[:1].upper() + name[1:]
        response_year = _year(p["response_date"])
        if p["relation"] == demands.ANSWERS:
            parts.append(f"{name}: responsiveness of the {response_year} response")
        else:
            note = "" if p["advocacy"] in answered else ", no response in the corpus"
            parts.append(
                f"{name} ({_year(p['advocacy_date'])}{note}): overlap with the {response_year} "
                "stated positions, not responsiveness"
            )
    return ". ".join(parts)


def _label_grid(
    table: pl.DataFrame,
    when: pl.DataFrame,
    *,
    domain: list[str],
    colours: list[str],
    names: dict[str, str],
    title: str,
    subtitle,
) -> tuple[list, list[str]]:
    """One automatic/gold label grid per response text, and each panel's subtitle.

    ``domain`` holds the scale's codes, shown through ``names`` (their label map); the legend
    lists every label of the scale in its own ``colours`` and the "(no gold demand)" swatch.
    """
    shown = [*chart_labels.labels(domain, names), _NO_GOLD]
    fills = [*colours, _NO_GOLD_COLOUR]
    panels, subtitles = [], []
    for r_id, part in _by_response(table):
        frame = _demand_label(part)
        order = _demand_sort(frame)
        long = (
            frame.unpivot(
                index=["demand", "demand_id", "text_id", "scale", "best_score"],
                on=["auto_label", "gold_label"],
                variable_name="coder",
                value_name="label",
            )
            .with_columns(
                pl.col("coder").replace({"auto_label": "automatic", "gold_label": "gold"}),
                pl.col("scale").replace_strict(
                    chart_labels.SCALES, default=pl.col("scale").str.replace_all("_", " ")
                ),
                pl.col("label")
                .map_elements(lambda c: chart_labels.label(c, names), return_dtype=pl.String)
                .fill_null(_NO_GOLD),
            )
            .pipe(demands.order_demands, "coder")
        )
        y = alt.Y(
            "demand:N",
            title=None,
            sort=order,
            axis=chart_labels.lines_axis(),
        )
        x = alt.X(
            "coder:N",
            title=None,
            sort=["automatic", "gold"],
            axis=alt.Axis(orient="top", labelAngle=0),
        )
        base = alt.Chart(alt.Data(values=long.to_dicts()))
        rect = base.mark_rect(stroke="white").encode(
            x=x,
            y=y,
            color=alt.Color(
                "label:N",
                title=title,
                scale=alt.Scale(domain=shown, range=fills),
                legend=alt.Legend(symbolStrokeColor="#999999", symbolStrokeWidth=1),
            ),
            tooltip=[
                alt.Tooltip("demand_id:N", title="Demand"),
                alt.Tooltip("scale:N", title="Scale"),
                alt.Tooltip("coder:N", title="Coder"),
                alt.Tooltip("label:N", title="Label"),
                alt.Tooltip("best_score:Q", title="Best alignment score", format=".3f"),
            ],
        )
        # white text on the dark fills, black on the others
        text = base.mark_text(fontSize=10).encode(
            x=x,
            y=y,
            text="label:N",
            color=alt.condition(
                chart_labels.text_colour_expr("label", shown, fills),
                alt.value("white"),
                alt.value("black"),
            ),
        )
        panels.append(
            (r_id, alt.layer(rect, text).properties(width=320, height=alt.Step(_row_step(order))))
        )
        rows = when if r_id is None else when.filter(pl.col("response") == r_id)
        subtitles.append(subtitle(rows))
    return panels, subtitles


def textplot_responsiveness(
    table: pl.DataFrame, timeline: pl.DataFrame | None = None
) -> alt.TopLevelMixin:
    """Automatic and gold responsiveness labels per demand, for the pairs a response answers.

    Only pairs whose relation is a response to the text (``demands.ANSWERS``: a text and the
    response to it) are shown; a declared comparison with a response that does not answer the
    text (policy overlap) is left out here and drawn by :func:`textplot_policy_overlap`.

    Args:
        table: from :func:`analysis.evaluation.demands_gold.textstat_responsiveness`.
        timeline: from :func:`analysis.measures.demands.demands_timeline` (read from the
            corpus if None); the subtitle's years come from it.
    """
    when = demands.demands_timeline() if timeline is None else timeline
    when = when.filter(pl.col("relation") == demands.ANSWERS)
    table = table.filter(pl.col("scale") == _ANSWERED_SCALE)
    answered = set(when["advocacy"].to_list())
    panels, subtitles = _label_grid(
        table,
        when,
        domain=_LABEL_ORDER,
        colours=_LABEL_COLOURS,
        names=chart_labels.RESPONSIVENESS,
        title="Responsiveness",
        subtitle=lambda rows: responsiveness_subtitle(rows, answered),
    )
    texts = corpus.texts_in(table, order=())
    return charts.finish(
        _stack(panels),
        title=("How each response treats" if len(panels) > 1 else "How the response treats")
        + " each demand of the text it answers: automatic label and gold label",
        subtitle=". ".join(s for s in subtitles if s) or None,
        description=(
            "Grid with one row per extracted demand and two columns, the automatic label from "
            "the alignment and the gold label (automated gold coder), for the pairs in which a "
            f"response answers its text: {_and([_bare(t) for t in texts])} demands on the "
            "responsiveness scale."
        ),
    )


def policy_overlap_note(timeline: pl.DataFrame, *, markdown: bool = False) -> str:
    """One dated sentence per overlap pair: why its comparison is overlap, not an answer.

    Args:
        timeline: from :func:`analysis.measures.demands.demands_timeline` (overlap rows used).
        markdown: escape the texts' names for Markdown (notebook prose); plain text for chart
            subtitles.
    """
    name = prose.escape_markdown if markdown else str
    parts = []
    for p in timeline.filter(pl.col("relation") != demands.ANSWERS).iter_rows(named=True):
        response, text = name(_bare(p["response"])), name(_bare(p["advocacy"]))
        r_date = p["response_date"] or "undated"
        a_date = p["advocacy_date"] or "undated"
        if p["response_first"] is True:
            order = "later"
        elif p["response_first"] is False:
            order = "not later; the pair is declared a comparison, not an answer"
        else:
            order = "order unknown"
        parts.append(
            f"The {response} is dated {r_date}; the {text} is dated {a_date} ({order}): "
            "overlap describes shared policy language, not an answer."
        )
    return " ".join(parts)


def textplot_policy_overlap(
    table: pl.DataFrame, timeline: pl.DataFrame | None = None
) -> alt.TopLevelMixin:
    """Appendix: automatic and gold policy-overlap labels for the declared comparisons.

    A comparison pair (relation ``overlap``) sets a text beside a response that does not answer
    it (e.g. one dated before it). The chart has its own label scale and colours (not the
    responsiveness palette) and a dated subtitle from :func:`policy_overlap_note`.

    Args:
        table: from :func:`analysis.evaluation.demands_gold.textstat_responsiveness`.
        timeline: from :func:`analysis.measures.demands.demands_timeline` (corpus if None).
    """
    when = demands.demands_timeline() if timeline is None else timeline
    when = when.filter(pl.col("relation") != demands.ANSWERS)
    table = table.filter(pl.col("scale") != _ANSWERED_SCALE)
    panels, subtitles = _label_grid(
        table,
        when,
        domain=_OVERLAP_ORDER,
        colours=_OVERLAP_COLOURS,
        names=chart_labels.POLICY_OVERLAP,
        title="Policy overlap",
        subtitle=policy_overlap_note,
    )
    texts = corpus.texts_in(table, order=())
    return charts.finish(
        _stack(panels),
        title="Appendix: overlap of each demand with positions a response states, "
        "automatic label and gold label",
        subtitle=" ".join(s for s in subtitles if s) or None,
        description=(
            "Grid with one row per extracted demand of "
            f"{_and([_bare(t) for t in texts])} and two columns, the automatic and the gold "
            "policy-overlap label (overlap, partial overlap, no overlap) against a response "
            "that does not answer the text; a separate scale from responsiveness."
        ),
    )
