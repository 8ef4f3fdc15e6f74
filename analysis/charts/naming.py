"""Chart for notebook 01: naming choices, which variant each text uses for the same referent.

:func:`naming_data` takes the token and segment frames (default: the corpus in force) and
returns, per referent and text, the variants the text uses (from
:func:`analysis.measures.naming.textstat_naming`); :func:`textplot_naming` draws them as stacked
bars, one panel per referent. The figure is registered in :mod:`analysis.charts.terminology`'s
``FIGURES`` (``naming-choices``), so the registry's order stays that of notebook 01.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import corpus
from analysis.charts import (
    WIDTH,
    finish,
    text_color,
    text_colours,
    text_label_expr,
    text_labels,
    with_text_labels,
)
from analysis.charts.links import kwic_href_encoding, with_kwic_href
from analysis.measures import naming

#: Legend entry of a variant that is the text's own name for the referent.
OWN_NAME = "the text's own name"


def naming_data(
    *, toks: pl.DataFrame | None = None, segments: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Variants of referents with competing names, per text (only variants a text uses).

    Adds, per referent and text, ``total`` (all mentions), ``label`` (``Khojali ×5; …``) and
    ``first`` (true on one row per bar, where the label is drawn); per variant ``mapped``,
    ``shown`` (the form, marked † when mapped) and ``variant_kind`` (the legend entry). Which
    variants are mapped is data: the ``kind`` column of ``referent-variants.csv``.
    """
    data = naming.textstat_naming(toks=toks, segments=segments).filter(pl.col("n") > 0)
    data = corpus.order_by_text(data, "concept", "form")
    data = data.with_columns(
        pl.col("n").sum().over("concept", "text_id").alias("total"),
        (pl.int_range(pl.len()).over("concept", "text_id") == 0).alias("first"),
    )
    data = naming.with_variant_kinds(data.drop("mapped")).with_columns(
        pl.when(pl.col("mapped"))
        .then(pl.lit(f"{naming.MAPPED_MARK} {naming.MAPPED_LABEL}"))
        .otherwise(pl.lit(OWN_NAME))
        .alias("variant_kind")
    )
    labels = (
        data.with_columns(pl.format("{} ×{}", "shown", "n").alias("_cell"))
        .group_by("concept", "text_id", maintain_order=True)
        .agg(pl.col("_cell").str.join("; ").alias("_label"))
    )
    # keep the sorted row order: the frame becomes the figure's data, so its order is its bytes
    data = data.join(labels, on=["concept", "text_id"], how="left", maintain_order="left").rename(
        {"_label": "label"}
    )
    return with_text_labels(data)


def _bottom_legend(colour: alt.Color) -> alt.Color:
    """The text colour encoding with its legend below the chart (no empty column at the right)."""
    # labels are never cut, so at most three texts share a row (long labels stay on the page)
    colour.legend = alt.Legend(
        labelExpr=text_label_expr(),
        orient="bottom",
        direction="horizontal",
        labelLimit=0,
        columns=3,
    )
    return colour


def textplot_naming(data: pl.DataFrame):
    """Stacked bars per referent and text: which variant each text uses, labelled at the end.

    Args:
        data: from :func:`naming_data` (``concept, form, shown, variant_kind, text_id, text,
            n, share, total, label, first``).
    """
    concepts = sorted(data["concept"].unique().to_list())
    data = with_kwic_href(data, "form")
    # stacked here, by form within each bar: the label sits at the end of the last segment
    data = (
        data.with_columns(
            pl.col("n").sort_by("form").cum_sum().over("concept", "text_id").alias("_end")
        )
        .with_columns(
            pl.col("_end").sub(pl.col("n")).alias("x_start"), pl.col("_end").alias("x_end")
        )
        .drop("_end")
    )
    kinds = [OWN_NAME, f"{naming.MAPPED_MARK} {naming.MAPPED_LABEL}"]
    y = alt.Y("text:N", sort=list(text_labels().values()), title=None)
    # one scale for every panel, so bars compare across referents
    x_scale = alt.Scale(domain=[0, max(1, int(data["total"].max() or 0))], nice=True)
    tooltip = [
        alt.Tooltip("concept:N", title="Referent"),
        alt.Tooltip("text:N", title="Text"),
        alt.Tooltip("shown:N", title="Variant"),
        alt.Tooltip("variant_kind:N", title="Filed as"),
        alt.Tooltip("n:Q", title="Mentions"),
        alt.Tooltip("share:Q", title="Share of the text's mentions", format=".0%"),
    ]
    bars = (
        alt.Chart()
        .mark_bar(stroke="white", strokeWidth=2)
        .encode(
            y=y,
            x=alt.X("x_end:Q", title="Mentions", scale=x_scale),
            x2="x_start:Q",
            color=_bottom_legend(text_color("text_id")),
            href=kwic_href_encoding(),  # a click shows the variant's concordance lines
            # a mapped variant is drawn lighter, with a legend entry (the label carries †)
            opacity=alt.Opacity(
                "variant_kind:O",  # ordinal: a discrete opacity needs an order
                title="Variant (shade of the text's colour)",
                scale=alt.Scale(domain=kinds, range=[1.0, 0.4]),
                # the swatches in a text's colour, as the bars are (not Vega's default black)
                legend=alt.Legend(
                    orient="bottom",
                    labelLimit=0,
                    titleLimit=0,
                    symbolType="square",
                    symbolFillColor=next(iter(text_colours().values()), "#4c78a8"),
                    symbolStrokeWidth=0,
                ),
            ),
            tooltip=tooltip,
        )
    )
    labels = (
        alt.Chart()
        .mark_text(align="left", dx=4, fontSize=10)
        .encode(
            y=y,
            x=alt.X("x_end:Q", scale=x_scale),
            # one label per bar, on its last segment (whose end is the bar's total)
            text=alt.condition("datum.x_end === datum.total", alt.Text("label:N"), alt.value("")),
            tooltip=[alt.Tooltip("text:N", title="Text"), alt.Tooltip("label:N", title="Variants")],
        )
    )
    # one panel per referent, titled above it and only as tall as the texts that name it; a
    # concatenation, not a facet: faceted independent scales over two layers make Vega-Lite warn
    panels = []
    for concept in concepts:
        part = data.filter(pl.col("concept") == concept)
        # the x axis (labels and title) once, under the last panel; the others keep the grid
        last = concept == concepts[-1]
        axis = alt.Axis() if last else alt.Axis(labels=False, ticks=False, domain=False, title=None)
        bars_x = bars.encode(x=alt.X("x_end:Q", title="Mentions", scale=x_scale, axis=axis))
        panels.append(
            alt.layer(bars_x, labels, data=alt.Data(values=part.to_dicts())).properties(
                title=alt.Title(concept, anchor="start", fontSize=11, fontWeight="bold"),
                width=WIDTH - 260,
                height=alt.Step(16),
            )
        )
    if not panels:  # no referent named two ways: an empty panel, still a valid chart
        panels.append(
            alt.layer(bars, labels, data=alt.Data(values=[])).properties(
                width=WIDTH - 260, height=alt.Step(16)
            )
        )
    chart = alt.vconcat(*panels, spacing=6).resolve_scale(x="shared")
    return finish(
        chart,
        title="Naming choices: which variant each text uses for the same referent",
        subtitle="Referents named in more than one way; white lines separate variants, listed "
        f"with counts at the end of each bar; {naming.MAPPED_MARK} and a lighter segment: "
        f"{naming.MAPPED_LABEL}",
        description="Stacked bar chart, one panel per referent that the texts name in "
        "more than one way (e.g. the town Khojaly (Khojali), the region Nagorno-Karabakh). "
        "Each bar is one text; its segments are the variants it uses, sized by mentions and "
        f"listed with their counts; a variant {naming.MAPPED_LABEL} is marked "
        f"{naming.MAPPED_MARK} and drawn lighter.",
    )
