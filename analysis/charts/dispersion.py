"""Chart for notebook 01: lexical dispersion ("x-ray") of chosen terms in each text.

:func:`dispersion_data` takes the token and segment frames (default: the corpus in force) and
returns each occurrence of the chosen terms (default :data:`DISPERSION_TERMS`) with its relative
position and the term's DP per text (:mod:`analysis.measures.dispersion`); :func:`textplot_xray`
draws one tick per occurrence, one panel per text. The figure is registered in
:mod:`analysis.charts.terminology`'s ``FIGURES`` (``lexical-dispersion``), so the registry's
order stays that of notebook 01.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis.charts import WIDTH, finish, text_color, text_labels, with_text_labels
from analysis.measures import concordance, dispersion, terminology

#: Terms shown in the lexical dispersion plot: pattern -> row label.
DISPERSION_TERMS: dict[str, str] = {
    "Khojali": "Khojali",
    "Khojaly": "Khojaly",
    "Karabakh": "Karabakh",
    "Nagorno-Karabakh": "Nagorno-Karabakh",
    "Artsakh": "Artsakh",
    "massacre*": "massacre*",
    "genocid*": "genocid*",
    "tragedy": "tragedy / tragic*",
    "tragic*": "tragedy / tragic*",
    "territorial integrity": "territorial integrity",
    "self-determination": "self-determination",
    "sanction*": "sanction*",
    "peace": "peace",
}


def dispersion_data(
    terms: dict[str, str] | None = None,
    *,
    toks: pl.DataFrame | None = None,
    segments: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Positions of the chosen terms in each text (default :data:`DISPERSION_TERMS`).

    Each row also carries the row's DP (Gries 2008, over the text's sentences:
    :func:`analysis.measures.dispersion.dispersion_stats`), ``dp_label`` (``"DP 0.42"``) and
    ``first`` (the row's first occurrence, where the label is drawn).
    """
    data = concordance.textstat_dispersion(terms or DISPERSION_TERMS, toks=toks, segments=segments)
    table = terminology.units_table(True, toks, segments).filter(pl.col("is_word"))
    sizes = table.group_by("unit", "sentence_id", maintain_order=True).agg(
        pl.len().cast(pl.Int64).alias("n_words")
    )
    dp = dispersion.dispersion_table(data, sizes, by="unit", part="sentence_id").select(
        "unit", "term", "dp"
    )
    data = data.join(dp, on=["unit", "term"], how="left", maintain_order="left").with_columns(
        pl.format(
            "DP {}", pl.col("dp").round(2).map_elements(lambda x: f"{x:.2f}", pl.String)
        ).alias("dp_label"),
        (pl.int_range(pl.len()).over("unit", "term") == 0).alias("first"),
    )
    return with_text_labels(data)


def textplot_xray(data: pl.DataFrame, *, terms: list[str] | None = None):
    """Lexical dispersion ("x-ray"): one tick per occurrence at its word position in the text.

    Each row ends with the term's DP in that text (Gries 2008, over its sentences; 0 = spread
    as the sentence lengths predict, near 1 = concentrated in few sentences).

    Args:
        data: from :func:`dispersion_data` (``term, text, position, word_index, matched, dp,
            dp_label, first``).
        terms: the row order (default: order of first appearance in :data:`DISPERSION_TERMS`).
    """
    rows = terms or list(dict.fromkeys(DISPERSION_TERMS.values()))
    width = WIDTH - 180
    y = alt.Y("term:N", sort=rows, title=None, scale=alt.Scale(domain=rows))
    ticks = (
        alt.Chart()
        .mark_tick(thickness=2, size=14)
        .encode(
            x=alt.X(
                "position:Q",
                title="Position in the text (share of its word tokens before it)",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format="%"),
            ),
            y=y,
            color=text_color("text_id", legend=False),
            tooltip=[
                alt.Tooltip("text:N", title="Text"),
                alt.Tooltip("term:N", title="Term"),
                alt.Tooltip("matched:N", title="As written"),
                alt.Tooltip("word_index:Q", title="Word position"),
                alt.Tooltip("n_words:Q", title="Words in text"),
                alt.Tooltip("sentence_id:N", title="Sentence"),
                alt.Tooltip("dp:Q", title="DP (Gries 2008, over sentences)", format=".2f"),
            ],
        )
    )
    labels = (
        alt.Chart()
        .transform_filter(alt.datum.first)
        .mark_text(align="left", baseline="middle", dx=8, fontSize=10, color="#444444")
        .encode(x=alt.value(width), y=y, text="dp_label:N")
    )
    chart = (
        alt.layer(ticks, labels, data=data)
        .properties(width=width, height=alt.Step(14))
        .facet(
            row=alt.Row(
                "text:N",
                sort=list(text_labels().values()),
                title=None,
                header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold"),
            )
        )
    )
    return finish(
        chart,
        title="Lexical dispersion of chosen terms in each text",
        subtitle="One tick per occurrence; multi-word terms are matched as units; "
        "DP at the right (Gries 2008, over sentences: 0 even, near 1 concentrated)",
        description="Dispersion plot with one panel per text and one row per term (region and "
        "town names, labels, principles). Each tick marks an occurrence at its relative "
        "position in the text, from start (0%) to end (100%); the label at the right of each "
        "row gives the term's DP (deviation of proportions) over the text's sentences.",
    )
