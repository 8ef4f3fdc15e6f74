"""Charts for notebook 04: style, readability indices and lexical diversity per text.

Every builder takes a long frame from :mod:`analysis.measures.style` and returns a finished
Altair chart, one bar per text in one panel per measure; panels widen, and wrap in fewer
columns, with more texts. The figures are registered in :mod:`analysis.charts.sentiment`'s
``FIGURES``, in notebook 04's order.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus
from analysis.charts.sentiment_axes import text_rows, text_x, texts_count, texts_phrase
from analysis.measures import style


def _facet_bars(data: list[dict], ids: list[str], facet: str, sort: list[str], y_title: str):
    """One bar per text in each panel; panels widen, and wrap in fewer columns, with more texts.

    The x axis has no labels: slanted text names ran into the next panel, and the colour
    legend names every text (in the bars' order: both follow the manifest).
    """
    columns = 3 if len(ids) <= 4 else 2
    return (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=text_x(ids, labels=False),
            y=alt.Y("value:Q", title=y_title),
            color=charts.text_color(),
            tooltip=[
                alt.Tooltip("text_id:N", title="Text"),
                alt.Tooltip(f"{facet}:N", title="Measure"),
                alt.Tooltip("value:Q", title="Value", format=".2f"),
            ],
        )
        .properties(width=max(150, 32 * len(ids)), height=140)
        .facet(facet=alt.Facet(f"{facet}:N", title=None, sort=sort), columns=columns)
        .resolve_scale(y="independent")
    )


def textplot_readability(readability_long: pl.DataFrame) -> alt.TopLevelMixin:
    """Six readability indices per text, one panel per index (own y scale each).

    Args:
        readability_long: from :func:`analysis.measures.style.readability_long`.
    """
    order = list(style.READABILITY_INDICES.values())
    ids = corpus.texts_in(readability_long)
    data = sorted(
        text_rows(readability_long, "index"), key=lambda r: (order.index(r["label"]), r["text_id"])
    )
    chart = _facet_bars(data, ids, "label", order, "Score")
    return charts.finish(
        chart,
        title="Readability per text",
        subtitle="Flesch Reading Ease: higher is easier; the other five: higher is harder "
        "(grade levels; Dale-Chall on its own scale)",
        description=(
            "Bar charts of six readability indices (Flesch Reading Ease, Flesch-Kincaid grade, "
            f"Gunning fog, SMOG, Coleman-Liau, Dale-Chall) for {texts_count(ids)}."
        ),
    )


def textplot_lexical_diversity(diversity_long: pl.DataFrame) -> alt.TopLevelMixin:
    """TTR, MATTR and MTLD per text, one panel per measure.

    Args:
        diversity_long: from :func:`analysis.measures.style.diversity_long`.
    """
    order = diversity_long["measure"].unique(maintain_order=True).to_list()
    ids = corpus.texts_in(diversity_long)
    data = sorted(
        text_rows(diversity_long), key=lambda r: (order.index(r["measure"]), r["text_id"])
    )
    chart = _facet_bars(data, ids, "measure", order, "Value")
    return charts.finish(
        chart,
        title="Lexical diversity per text",
        subtitle="TTR falls with text length; MATTR and MTLD are designed to depend on it less",
        description=(
            "Bar charts of the type-token ratio, the moving-average type-token ratio and MTLD "
            f"for {texts_phrase(ids)}."
        ),
    )
