"""Charts for notebook 03 (demands and the response): ``textplot_*`` builders and their FIGURES.

Every builder takes a polars frame from :mod:`analysis.demands` and returns a finished Altair
chart (title, screen-reader description, theme); texts keep their fixed colours
(:func:`analysis.charts.text_color`).
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus
from analysis.measures import demands

NOTEBOOK = "03-demands"
_LABEL_ORDER = [*demands.RESPONSIVENESS, *demands.POLICY_OVERLAP]
# Blues for taken up, orange for reframed, greys for absent (colour-blind safe, ordered).
_LABEL_COLOURS = ["#0072B2", "#56B4E9", "#E69F00", "#BBBBBB", "#0072B2", "#56B4E9", "#BBBBBB"]
_MODALITY_ORDER = ["firm", "open_ended", "booster", "deontic", "attitude", "hedge"]
_MODALITY_COLOURS = ["#0072B2", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442", "#999999"]


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _demand_label(frame: pl.DataFrame) -> pl.DataFrame:
    return frame.with_columns(
        pl.format(
            "{} {}",
            "demand_id",
            pl.col("demand_text").map_elements(_short, return_dtype=pl.String),
        ).alias("demand")
    )


def _demand_sort(frame: pl.DataFrame) -> list[str]:
    """Demand labels in text order, then by the id's number (letter:d2 before letter:d10)."""
    return list(dict.fromkeys(demands.order_demands(frame)["demand"].to_list()))


def textplot_alignment_heatmap(alignment: pl.DataFrame, found: pl.DataFrame) -> alt.TopLevelMixin:
    """Demand × response-sentence alignment score (TF-IDF cosine and concept overlap).

    Args:
        alignment: from :func:`analysis.demands.demands_alignment`.
        found: from :func:`analysis.demands.demands_extract` (for the demand texts).
    """
    frame = _demand_label(
        alignment.join(
            found.select("demand_id", "demand_text"), on="demand_id", maintain_order="left"
        )
    ).pipe(demands.order_demands, "sentence_id")
    order = _demand_sort(frame)
    data = frame.to_dicts()
    y = alt.Y("demand:N", title=None, sort=order, axis=alt.Axis(labelLimit=360))
    x = alt.X("sentence_id:N", title="Response sentence", axis=alt.Axis(labelAngle=-40))
    base = alt.Chart(alt.Data(values=data))
    rect = base.mark_rect().encode(
        x=x,
        y=y,
        color=alt.Color(
            "score:Q", title="Score", scale=alt.Scale(scheme="blues", domain=[0, 0.5], clamp=True)
        ),
        tooltip=[
            alt.Tooltip("demand_id:N", title="Demand"),
            alt.Tooltip("sentence_id:N", title="Response sentence"),
            alt.Tooltip("score:Q", title="Score", format=".3f"),
            alt.Tooltip("cosine:Q", title="TF-IDF cosine", format=".3f"),
            alt.Tooltip("concept_jaccard:Q", title="Concept Jaccard", format=".3f"),
            alt.Tooltip("shared_terms:N", title="Shared terms"),
            alt.Tooltip("shared_concepts:N", title="Shared concepts"),
            alt.Tooltip("rank:Q", title="Rank for this demand"),
        ],
    )
    best = (
        base.transform_filter("datum.rank === 1 && datum.score > 0")
        .mark_text(text="●", fontSize=9)
        .encode(x=x, y=y, color=alt.value("#D55E00"))
    )
    chart = alt.layer(rect, best).properties(width=300, height=alt.Step(18))
    return charts.finish(
        chart,
        title="Alignment of each demand with each sentence of the government response",
        subtitle="Score = (TF-IDF cosine + concept Jaccard) / 2; dot: best evidence sentence",
        description=(
            "Heatmap with one row per demand extracted from the petition and the letter and one "
            "column per sentence of the government response; darker cells have a higher "
            "alignment score, and a dot marks each demand's best-matching sentence."
        ),
    )


def textplot_responsiveness(
    table: pl.DataFrame, timeline: dict[str, str] | None = None
) -> alt.TopLevelMixin:
    """Automatic and gold labels per demand: responsiveness (petition), policy overlap (letter).

    Args:
        table: from :func:`analysis.demands.textstat_responsiveness`.
        timeline: from :func:`analysis.demands.demands_timeline` (read from the corpus if None);
            the subtitle's years come from it.
    """
    when = timeline or demands.demands_timeline()
    response_year, letter_year = when["response"][:4], when["letter"][:4]
    frame = _demand_label(table)
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
            pl.col("label").fill_null("(no gold demand)"),
        )
        .pipe(demands.order_demands, "coder")
    )
    data = long.to_dicts()
    y = alt.Y("demand:N", title=None, sort=order, axis=alt.Axis(labelLimit=360))
    x = alt.X(
        "coder:N", title=None, sort=["automatic", "gold"], axis=alt.Axis(orient="top", labelAngle=0)
    )
    base = alt.Chart(alt.Data(values=data))
    rect = base.mark_rect(stroke="white").encode(
        x=x,
        y=y,
        color=alt.Color(
            "label:N",
            title="Label",
            scale=alt.Scale(
                domain=[*_LABEL_ORDER, "(no gold demand)"], range=[*_LABEL_COLOURS, "#FFFFFF"]
            ),
        ),
        tooltip=[
            alt.Tooltip("demand_id:N", title="Demand"),
            alt.Tooltip("scale:N", title="Scale"),
            alt.Tooltip("coder:N", title="Coder"),
            alt.Tooltip("label:N", title="Label"),
            alt.Tooltip("best_score:Q", title="Best alignment score", format=".3f"),
        ],
    )
    text = base.mark_text(fontSize=10).encode(x=x, y=y, text="label:N")
    chart = alt.layer(rect, text).properties(width=320, height=alt.Step(18))
    return charts.finish(
        chart,
        title="How the response treats each demand: automatic label and gold label",
        subtitle=(
            f"Petition: responsiveness of the {response_year} response. Letter ({letter_year}, no "
            f"response in the corpus): overlap with the {response_year} stated positions, not "
            "responsiveness"
        ),
        description=(
            "Grid with one row per extracted demand and two columns, the automatic label from "
            "the alignment and the hand-coded gold label; petition demands use the "
            "responsiveness scale, letter demands the policy-overlap scale."
        ),
    )


def textplot_demand_types(found: pl.DataFrame) -> alt.TopLevelMixin:
    """Number of demands of each type in the petition and the letter (own demands only).

    Args:
        found: from :func:`analysis.demands.demands_extract`.
    """
    counts = (
        found.filter(~pl.col("reported"))
        .group_by("text_id", "demand_type")
        .agg(pl.len().alias("n"))
    )
    grid = pl.DataFrame(
        [
            {"text_id": t, "demand_type": d}
            for t in demands.ADVOCACY_TEXTS
            for d in demands.DEMAND_TYPES
        ]
    )
    frame = grid.join(
        counts, on=["text_id", "demand_type"], how="full", coalesce=True
    ).with_columns(pl.col("n").fill_null(0))
    data = corpus.order_by_text(frame, "demand_type").to_dicts()
    types = [*demands.DEMAND_TYPES, *sorted(set(frame["demand_type"]) - set(demands.DEMAND_TYPES))]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X("n:Q", title="Demands (extracted)", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("demand_type:N", title="Demand type (codebook)", sort=types),
            yOffset=alt.YOffset("text_id:N", sort=list(demands.ADVOCACY_TEXTS)),
            color=alt.Color(
                "text_id:N",
                title="Text",
                scale=alt.Scale(
                    domain=list(demands.ADVOCACY_TEXTS),
                    range=[charts.text_colours()[t] for t in demands.ADVOCACY_TEXTS],
                ),
                legend=alt.Legend(labelExpr=charts._label_expr()),
            ),
            tooltip=[
                alt.Tooltip("text_id:N", title="Text"),
                alt.Tooltip("demand_type:N", title="Type"),
                alt.Tooltip("n:Q", title="Demands"),
            ],
        )
        .properties(width=charts.WIDTH - 200, height=alt.Step(12))
    )
    return charts.finish(
        chart,
        title="Types of demand in the petition and the open letter",
        description=(
            "Grouped bar chart: for each demand type of the codebook, the number of demands the "
            "extractor finds in the petition and in the open letter (reported directives of "
            "third parties excluded)."
        ),
    )


def textplot_modality(modality: pl.DataFrame, functions: pl.DataFrame) -> alt.TopLevelMixin:
    """Modality markers per response sentence, labelled with the sentence's function.

    Args:
        modality: from :func:`analysis.demands.response_modality`.
        functions: from :func:`analysis.demands.response_functions`.
    """
    counts = modality.group_by("sentence_id", "category").agg(
        pl.len().alias("n"), pl.col("matched").str.join("; ").alias("markers")
    )
    frame = (
        counts.join(
            functions.select("sentence_id", "function", "commitment_strength"),
            on="sentence_id",
            maintain_order="left",
        )
        .with_columns(pl.format("{} ({})", "sentence_id", "function").alias("sentence"))
        .sort("sentence_id", "category")
    )
    order = [
        f"{r['sentence_id']} ({r['function']})"
        for r in functions.sort("sentence_id").iter_rows(named=True)
    ]
    chart = (
        alt.Chart(alt.Data(values=frame.to_dicts()))
        .mark_bar()
        .encode(
            x=alt.X("n:Q", title="Markers", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y(
                "sentence:N",
                title=None,
                sort=order,
                scale=alt.Scale(domain=order),
                axis=alt.Axis(labelLimit=300),
            ),
            color=alt.Color(
                "category:N",
                title="Marker",
                scale=alt.Scale(domain=_MODALITY_ORDER, range=_MODALITY_COLOURS),
                sort=_MODALITY_ORDER,
            ),
            order=alt.Order("category:N"),
            tooltip=[
                alt.Tooltip("sentence_id:N", title="Sentence"),
                alt.Tooltip("function:N", title="Function"),
                alt.Tooltip("category:N", title="Marker type"),
                alt.Tooltip("markers:N", title="Markers"),
                alt.Tooltip("commitment_strength:N", title="Commitment strength"),
            ],
        )
        .properties(width=charts.WIDTH - 200, height=alt.Step(20))
    )
    return charts.finish(
        chart,
        title="Modality profile of the government response",
        subtitle="Firm ('will') and open-ended ('encourages', 'stands ready') commitment markers",
        description=(
            "Stacked horizontal bars, one per sentence of the government response, counting its "
            "modality markers by type: firm commitment, open-ended commitment, booster, deontic "
            "modal, attitude marker and hedge; a sentence without markers has no bar."
        ),
    )


def _heatmap() -> alt.TopLevelMixin:
    return textplot_alignment_heatmap(demands.demands_alignment(), demands.demands_extract())


def _responsiveness() -> alt.TopLevelMixin:
    return textplot_responsiveness(demands.textstat_responsiveness())


def _types() -> alt.TopLevelMixin:
    return textplot_demand_types(demands.demands_extract())


def _modality() -> alt.TopLevelMixin:
    return textplot_modality(demands.response_modality(), demands.response_functions())


FIGURES: list[charts.FigureSpec] = [
    charts.FigureSpec(
        "demands-alignment-heatmap",
        _heatmap,
        "Alignment score of every extracted demand with every sentence of the government "
        "response: (TF-IDF cosine + concept Jaccard) / 2; the dot marks the best evidence.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "demands-responsiveness",
        _responsiveness,
        "Automatic and hand-coded labels per demand: responsiveness for the petition's demands, "
        "overlap with the response's earlier stated positions for the letter's (not "
        "responsiveness).",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "demand-types",
        _types,
        "Demand types in the petition and the open letter (the texts' own demands).",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "response-modality",
        _modality,
        "Modality markers per sentence of the government response, with its rule-based function.",
        NOTEBOOK,
    ),
]
