"""Charts for notebook 05: the collocates of one node compared across texts, and as a network.

Both builders take a frame from :func:`analysis.measures.collocations.textstat_collocations`
(any number of texts, in display order; text colours and labels from the manifest).
:func:`collocates_data` computes that frame for a referent of the referent lexicon; the
registered figures use :func:`default_node`, the referent that occurs most often among those
found in at least two texts (computed from the corpus in force, never a fixed text or word).

Altair has no graph layout, so :func:`network_layout` places the network itself, in polars and
deterministically: the node at the centre of each text's panel, its strongest collocates on a
circle, strongest at the top and on clockwise by decreasing strength; each edge's thickness
is the measure.
"""

from __future__ import annotations

import math

import altair as alt
import polars as pl

from analysis import corpus, prose
from analysis.charts import WIDTH, FigureSpec, finish, text_color, text_label_expr, text_labels
from analysis.charts.links import kwic_href_encoding, with_kwic_href
from analysis.measures import collocations, terminology

NOTEBOOK = "05-collocations"
#: Collocates shown per text.
TOP = 8
#: Window and least co-occurrence frequency of the registered figures (the notebook's too).
SPAN = (5, 5)
MIN_FREQ = 2


def default_node(toks: pl.DataFrame | None = None) -> dict | None:
    """The most frequent referent found in at least two texts (``referent_nodes`` row), or None."""
    nodes = collocations.referent_nodes(toks)
    return nodes.row(0, named=True) if nodes.height else None


def collocates_data(
    concept: str | None = None,
    *,
    toks: pl.DataFrame | None = None,
    span: tuple[int, int] = SPAN,
    min_freq: int = MIN_FREQ,
) -> pl.DataFrame:
    """Collocates of a referent (every variant of it in the referent lexicon) in every text.

    Args:
        concept: the referent's ``concept`` in ``referent-variants.csv`` (default:
            :func:`default_node`).
        toks: the token frame (default: the corpus in force).
        span, min_freq: as in :func:`~analysis.measures.collocations.textstat_collocations`.
    """
    terms = terminology.lexicon_terms("referent-variants")
    if concept is None:
        row = default_node(toks)
        concept = row["concept"] if row else terms["concept"][0]
    forms = terms.filter(pl.col("concept") == concept)["form"].to_list()
    return collocations.textstat_collocations(
        toks,
        forms,
        span=span,
        min_freq=min_freq,
        label=concept,
        others=terms["form"].to_list(),
    )


def _top(frame: pl.DataFrame, measure: str, top: int) -> pl.DataFrame:
    """Each text's ``top`` collocates by ``measure`` (ties broken by collocate)."""
    order = frame["text_id"].unique(maintain_order=True).to_list()  # already display order
    ranked = frame.sort([measure, "collocate"], descending=[True, False])
    ranked = ranked.with_columns(pl.int_range(pl.len()).over("text_id").alias("rank"))
    return corpus.order_by_text(ranked.filter(pl.col("rank") < top), "rank", order=order)


def _node_name(frame: pl.DataFrame) -> str:
    return frame["node"][0] if frame.height else "the node"


def _empty(title: str, message: str):
    chart = alt.Chart(pl.DataFrame({"m": [message]})).mark_text(size=13).encode(text="m:N")
    return finish(chart.properties(width=WIDTH, height=60), title=title, description=message)


#: The separator of a collocate and its text in a row key of the collocates chart.
ROW_SEP = "\t"
#: The axis label of a row: its collocate (the text is the bar's colour).
ROW_LABEL_EXPR = "split(datum.label, '\\t')[0]"


def collocate_rows(
    data: pl.DataFrame, collocates: list[str], text_ids: list[str]
) -> tuple[pl.DataFrame, list[str]]:
    """Adds ``row`` (``collocate<TAB>text_id``) and returns the rows in display order: by
    ``collocates``, then each collocate's texts in ``text_ids`` order (only texts that have it).
    """
    data = data.with_columns(pl.format(f"{{}}{ROW_SEP}{{}}", "collocate", "text_id").alias("row"))
    present = set(data["row"].to_list())
    order = [
        f"{c}{ROW_SEP}{t}" for c in collocates for t in text_ids if f"{c}{ROW_SEP}{t}" in present
    ]
    return data, order


def textplot_collocates(
    frame: pl.DataFrame,
    measure: str = "log_dice",
    top: int = TOP,
    *,
    span: tuple[int, int] = SPAN,
    min_freq: int = MIN_FREQ,
):
    """Bars: each text's strongest collocates of one node, side by side for every text.

    Rows are the collocates among any text's ``top``, strongest first; a collocate has one row
    per text that has it (a text that does not pair them ``min_freq`` times has none), each
    labelled with the collocate and coloured by its text (:func:`collocate_rows`), so every bar
    sits on its own label and a shared collocate shows as adjacent rows.

    Args:
        frame: from :func:`~analysis.measures.collocations.textstat_collocations`.
        measure: the measure shown (a column of ``frame``).
        top: collocates kept per text.
    """
    node = _node_name(frame)
    title = f"Collocates of {node}, by text"
    if frame.is_empty():
        return _empty(title, f"No text pairs a collocate with {node} often enough to list.")
    name = collocations.MEASURE_TITLES.get(measure, measure)
    data = _top(frame, measure, top).with_columns(
        pl.col("text_id").replace_strict(text_labels(), default=pl.col("text_id")).alias("text")
    )
    # rows: strongest first (best value in any text), then alphabetical
    rows = (
        data.group_by("collocate")
        .agg(pl.col(measure).max().alias("_best"))
        .sort(["_best", "collocate"], descending=[True, False])["collocate"]
        .to_list()
    )
    ids = data["text_id"].unique(maintain_order=True).to_list()
    data = data.select("text_id", "text", "collocate", "freq", "f_node", "f_collocate", measure)
    data, order = collocate_rows(data, rows, ids)
    data = with_kwic_href(data, "collocate")  # a click shows the collocate's concordance
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(
            # one row per (collocate, text) that has it, labelled with the collocate: every
            # bar sits on its own label; a collocate two texts share has two adjacent rows
            y=alt.Y(
                "row:N",
                sort=order,
                title=None,
                axis=alt.Axis(labelLimit=0, labelExpr=ROW_LABEL_EXPR),
                scale=alt.Scale(paddingInner=0.2),
            ),
            x=alt.X(f"{measure}:Q", title=name),
            color=text_color("text_id"),
            href=kwic_href_encoding(),
            tooltip=[
                alt.Tooltip("text:N", title="Text"),
                alt.Tooltip("collocate:N", title="Collocate"),
                alt.Tooltip(f"{measure}:Q", title=name, format=".2f"),
                alt.Tooltip("freq:Q", title="Co-occurrences (O11)"),
                alt.Tooltip("f_node:Q", title="Node occurrences (R1)"),
                alt.Tooltip("f_collocate:Q", title="Collocate frequency (C1)"),
            ],
        )
        .properties(width=WIDTH - 160, height=alt.Step(13))
    )
    n = len(ids)
    description = (
        f"Horizontal bars: the {top} strongest collocates of {node} in each of "
        f"{prose.number_word(n)} text{'s' if n != 1 else ''} by {name}, one bar per text "
        "that lists the collocate."
    )
    subtitle = (
        f"Window {span[0]} words left and {span[1]} right within the sentence; "
        f"pairs seen at least {min_freq} time{'s' if min_freq != 1 else ''}; every variant of the referent counts"
    )
    return finish(chart, title=title, description=description, subtitle=subtitle)


def network_layout(frame: pl.DataFrame, measure: str = "log_dice", top: int = TOP) -> pl.DataFrame:
    """A radial layout of each text's node-collocate network (see the module).

    Returns:
        One row per shown collocate: ``text_id, node, collocate, rank, <measure>, x, y``
        (the collocate's place; the node sits at 0, 0), texts in display order. With k
        collocates, collocate i sits at angle 2πi/k clockwise from the top, at radius 1.
    """
    data = _top(frame, measure, top)
    k = pl.len().over("text_id").cast(pl.Float64)
    angle = 2 * math.pi * pl.col("rank").cast(pl.Float64) / k
    return data.with_columns(
        # + 0.0: no "-0.0" in the spec
        (angle.sin().round(6) + 0.0).alias("x"),
        (angle.cos().round(6) + 0.0).alias("y"),
    ).select("text_id", "node", "collocate", "rank", measure, "freq", "x", "y")


def textplot_collocation_network(frame: pl.DataFrame, measure: str = "log_dice", top: int = TOP):
    """Network: the node at the centre of each text's panel, its collocates around it.

    Edge thickness is the measure; collocates sit clockwise from the top by decreasing
    strength (:func:`network_layout`). One panel per text that pairs the node with any
    collocate.
    """
    node = _node_name(frame)
    title = f"Collocation network of {node}, by text"
    if frame.is_empty():
        return _empty(title, f"No text pairs a collocate with {node} often enough to list.")
    name = collocations.MEASURE_TITLES.get(measure, measure)
    data = network_layout(frame, measure, top).with_columns(
        pl.lit(0.0).alias("x0"), pl.lit(0.0).alias("y0")
    )
    ids = data["text_id"].unique(maintain_order=True).to_list()
    scale = alt.Scale(domain=[-1.45, 1.45])
    x, y = alt.X("x:Q", scale=scale, axis=None), alt.Y("y:Q", scale=scale, axis=None)
    base = alt.Chart().encode(x=x, y=y)
    edges = base.mark_rule(opacity=0.7).encode(
        x2="x0:Q",
        y2="y0:Q",
        color=text_color("text_id"),
        strokeWidth=alt.StrokeWidth(f"{measure}:Q", title=name, scale=alt.Scale(range=[0.5, 6])),
        tooltip=[
            alt.Tooltip("collocate:N", title="Collocate"),
            alt.Tooltip(f"{measure}:Q", title=name, format=".2f"),
            alt.Tooltip("freq:Q", title="Co-occurrences (O11)"),
        ],
    )
    dots = base.mark_circle(size=40).encode(color=text_color("text_id"))
    labels = base.mark_text(fontSize=10, dy=-9).encode(text="collocate:N")
    at_centre = (
        alt.Chart()
        .encode(x=alt.X("x0:Q", scale=scale, axis=None), y=alt.Y("y0:Q", scale=scale, axis=None))
        .transform_filter("datum.rank == 0")
    )
    # the node is the black dot at the centre (its name is in the title: a label there
    # would cover the edges of a small panel)
    centre = at_centre.mark_circle(size=90, color="black", opacity=1).encode(
        tooltip=[alt.Tooltip("node:N", title="Node")]
    )
    side = max(150, min(260, (WIDTH - 40) // max(1, len(ids))))
    chart = (
        alt.layer(edges, dots, centre, labels, data=data)
        .properties(width=side, height=side)
        .facet(
            column=alt.Column(
                "text_id:N",
                title=None,
                sort=ids,
                header=alt.Header(labelExpr=text_label_expr()),
            )
        )
    )
    description = (
        f"One network per text: {node} as a dot at the centre and its {top} strongest collocates by "
        f"{name} on a circle, strongest at the top, edge thickness by {name}."
    )
    return finish(
        chart,
        title=title,
        description=description,
        subtitle=f"{node} is the black dot at the centre; edge thickness: {name}",
    )


def figures() -> list[FigureSpec]:
    """The figures of notebook 05 for the corpus in force (empty without a shared referent)."""
    row = default_node()
    if row is None:
        return []
    concept = row["concept"]
    return [
        FigureSpec(
            "collocates-by-text",
            lambda: textplot_collocates(collocates_data(concept)),
            f"The strongest collocates (logDice) of the referent found most often in two or "
            f"more texts ({concept}), side by side for every text.",
            NOTEBOOK,
        ),
        FigureSpec(
            "collocation-network",
            lambda: textplot_collocation_network(collocates_data(concept)),
            f"Node-collocate networks of {concept}, one panel per text; edge thickness is logDice.",
            NOTEBOOK,
        ),
    ]


#: The registry calls it: the figures follow the corpus in force.
FIGURES = figures
