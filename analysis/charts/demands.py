"""Charts for notebook 03 (demands and the responses): ``textplot_*`` builders and their FIGURES.

Every builder takes polars frames from :mod:`analysis.measures.demands` and returns a finished
Altair chart (title, screen-reader description, theme); texts keep their manifest colours and
labels (:func:`analysis.charts.text_colours`, :func:`analysis.corpus.text_names`). With several
response texts, the responsiveness and modality charts get one panel per response text (the
pairs it belongs to), stacked vertically; the alignment heatmap has one panel per pair
(:mod:`analysis.charts.demands_alignment`). The responsiveness and policy-overlap label grids
are built in :mod:`analysis.charts.demands_labels`; both modules' builders are re-exported here.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus, tokens
from analysis.charts import labels as chart_labels
from analysis.charts.demands_alignment import sentence_axis_label as sentence_axis_label
from analysis.charts.demands_alignment import (
    textplot_alignment_heatmap as textplot_alignment_heatmap,
)
from analysis.charts.demands_labels import (
    _and,
    _stack,
)
from analysis.charts.demands_labels import policy_overlap_note as policy_overlap_note
from analysis.charts.demands_labels import responsiveness_subtitle as responsiveness_subtitle
from analysis.charts.demands_labels import textplot_policy_overlap as textplot_policy_overlap
from analysis.charts.demands_labels import textplot_responsiveness as textplot_responsiveness
from analysis.charts.framing import _short_label  # one way to turn a label into a noun phrase
from analysis.evaluation import demands_gold
from analysis.measures import demands

NOTEBOOK = "03-demands"
_MODALITY_ORDER = ["firm", "open_ended", "booster", "deontic", "attitude", "hedge"]
_MODALITY_COLOURS = ["#0072B2", "#56B4E9", "#D55E00", "#CC79A7", "#F0E442", "#999999"]


def _genre_phrases(text_ids: list[str], texts: tuple | None = None) -> list[str]:
    """One phrase per genre, in text order: a genre with one text is named by its short label
    ('Open letter (2023)' -> 'the open letter', 'Letter to the Minister' -> 'the letter to the
    Minister'; the genre if the label leaves nothing), several by the genre ('3 letters').

    Args:
        text_ids: the texts to name.
        texts: :class:`analysis.corpus.Text` records (default :func:`analysis.corpus.texts`).
    """
    texts = corpus.texts() if texts is None else texts
    genre = {t.id: t.genre for t in texts}
    labels = {t.id: t.label for t in texts}
    members: dict[str, list[str]] = {}
    for t in text_ids:
        members.setdefault(genre.get(t, "statement"), []).append(t)
    out = []
    for g, ids in members.items():
        if len(ids) == 1:
            out.append(f"the {_short_label(labels.get(ids[0], '')) or g}")
        else:
            out.append(f"{len(ids)} {g}s")
    return out


def _code_label_expr(codes: list[str], names: list[str]) -> str:
    """An axis ``labelExpr`` showing each code (``datum.value``) by its name."""
    cases = " : ".join(
        f"datum.value === {charts.vega_string(c)} ? {charts.vega_string(n)}"
        for c, n in zip(codes, names, strict=True)
    )
    return f"{cases} : datum.value" if cases else "datum.value"


_EXTRACTED = "extracted"
_GOLD = "gold (automated coder)"


def _type_counts(frame: pl.DataFrame, own: pl.Expr, coder: str) -> pl.DataFrame:
    return (
        frame.filter(own)
        .group_by("text_id", "demand_type")
        .agg(pl.len().alias("n"))
        .with_columns(pl.lit(coder).alias("coder"))
    )


def textplot_demand_types(
    found: pl.DataFrame,
    text_ids: list[str] | None = None,
    gold: pl.DataFrame | None = None,
) -> alt.TopLevelMixin:
    """Number of demands of each type per advocacy text, extracted beside the gold coder's.

    One panel per text; in each, the extractor's count (solid) and the gold coder's (light)
    per demand type, own demands only. A text the gold does not cover has no gold bars and
    the subtitle says so.

    Args:
        found: from :func:`analysis.measures.demands.demands_extract`.
        text_ids: the advocacy texts shown (default: every advocacy text of the corpus, so a
            text without demands shows as zero).
        gold: the gold demands (``demands-gold.csv``: ``text_id``, ``demand_type``,
            ``reported``), or None for no gold.
    """
    text_ids = corpus.advocacy_text_ids() if text_ids is None else list(text_ids)
    counts = [_type_counts(found, ~pl.col("reported"), _EXTRACTED)]
    covered: list[str] = []
    if gold is not None and not gold.is_empty():
        g = gold.filter(pl.col("text_id").is_in(text_ids))
        covered = [t for t in text_ids if t in set(g["text_id"].to_list())]
        counts.append(_type_counts(g, pl.col("reported") == "no", _GOLD))
    coders = [_EXTRACTED, _GOLD] if covered else [_EXTRACTED]
    grid = pl.DataFrame(
        [
            {"text_id": t, "demand_type": d, "coder": c}
            for t in text_ids
            for d in demands.DEMAND_TYPES
            for c in coders
            if c == _EXTRACTED or t in covered
        ],
        schema={"text_id": pl.String, "demand_type": pl.String, "coder": pl.String},
    )
    frame = grid.join(
        pl.concat(counts).select("text_id", "demand_type", "coder", pl.col("n").cast(pl.Int64)),
        on=["text_id", "demand_type", "coder"],
        how="full",
        coalesce=True,
    ).with_columns(pl.col("n").fill_null(0))
    frame = frame.filter(pl.col("text_id").is_in(text_ids))
    data = (
        corpus.order_by_text(frame, "demand_type", "coder", order=text_ids)
        .with_columns(
            pl.col("demand_type")
            .map_elements(
                lambda c: chart_labels.label(c, chart_labels.DEMAND_TYPES), return_dtype=pl.String
            )
            .alias("type_label")
        )
        .to_dicts()
    )
    types = [*demands.DEMAND_TYPES, *sorted(set(frame["demand_type"]) - set(demands.DEMAND_TYPES))]
    type_labels = chart_labels.labels(types, chart_labels.DEMAND_TYPES)
    colours = charts.text_colours()
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar()
        .encode(
            x=alt.X("n:Q", title="Demands", axis=alt.Axis(tickMinStep=1)),
            y=alt.Y(
                "demand_type:N",
                title="Demand type (codebook)",
                sort=types,
                # the codebook's codes shown as words
                axis=alt.Axis(labelExpr=_code_label_expr(types, type_labels), labelLimit=0),
            ),
            yOffset=alt.YOffset("coder:N", sort=[_EXTRACTED, _GOLD]),
            color=alt.Color(
                "text_id:N",
                title="Text",
                scale=alt.Scale(
                    domain=text_ids, range=[colours.get(t, charts.OTHER_COLOUR) for t in text_ids]
                ),
                legend=alt.Legend(labelExpr=charts.text_label_expr()),
            ),
            opacity=alt.Opacity(
                "coder:O",  # ordinal: a discrete opacity needs an order (Vega-Lite warns)
                title="Coder",
                scale=alt.Scale(domain=[_EXTRACTED, _GOLD], range=[1.0, 0.4]),
                # no legend: its grey swatches would not match the bars' text colours; the
                # subtitle says which bar is which
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("text_id:N", title="Text"),
                alt.Tooltip("coder:N", title="Coder"),
                alt.Tooltip("type_label:N", title="Type"),
                alt.Tooltip("n:Q", title="Demands"),
            ],
        )
        .properties(
            width=max(120, (charts.WIDTH - 200) // max(1, len(text_ids))), height=alt.Step(8)
        )
        .facet(
            column=alt.Column(
                "text_id:N",
                title=None,
                sort=text_ids,
                header=alt.Header(labelExpr=charts.text_label_expr()),
            )
        )
    )
    phrases = _genre_phrases(text_ids)
    uncovered = [t for t in text_ids if t not in covered]
    subtitle = "Solid: the extractor; light: the gold coder (an automated coder)"
    if uncovered:
        subtitle += f". No gold for {_and(_genre_phrases(uncovered))}"
    return charts.finish(
        chart,
        title=f"Types of demand in {_and(phrases)}: extracted and gold",
        subtitle=subtitle,
        description=(
            "Grouped bar chart, one panel per text: for each demand type of the codebook, the "
            "number of demands the extractor finds and, where the gold covers the text, the "
            "number the gold coder (an automated coder) records, side by side "
            "(reported directives of third parties excluded)."
            + (f" The gold does not cover {_and(_genre_phrases(uncovered))}." if uncovered else "")
        ),
    )


def _function_name(column: str) -> pl.Expr:
    return pl.col(column).map_elements(
        lambda c: chart_labels.label(c, chart_labels.FUNCTIONS), return_dtype=pl.String
    )


def textplot_modality(modality: pl.DataFrame, functions: pl.DataFrame) -> alt.TopLevelMixin:
    """Modality markers per response sentence, labelled with the sentence's function.

    Args:
        modality: from :func:`analysis.measures.demands.response_modality`.
        functions: from :func:`analysis.measures.demands.response_functions`.
    """
    groups = (
        [
            (t, functions.filter(pl.col("text_id") == t))
            for t in functions["text_id"].unique(maintain_order=True)
        ]
        if "text_id" in functions.columns and functions["text_id"].n_unique() > 1
        else [(None, functions)]
    )
    panels = []
    for r_id, funcs in groups:
        mods = modality.filter(pl.col("sentence_id").is_in(funcs["sentence_id"].to_list()))
        counts = mods.group_by("sentence_id", "category").agg(
            pl.len().alias("n"), pl.col("matched").str.join("; ").alias("markers")
        )
        frame = (
            counts.join(
                funcs.select("sentence_id", "function", "commitment_strength"),
                on="sentence_id",
                maintain_order="left",
            )
            .with_columns(
                pl.format("{} ({})", "sentence_id", _function_name("function")).alias("sentence"),
                _function_name("function").alias("function_label"),
                pl.col("category")
                .map_elements(
                    lambda c: chart_labels.label(c, chart_labels.MODALITY), return_dtype=pl.String
                )
                .alias("category_label"),
            )
            .sort("sentence_id", "category")
        )
        order = [
            f"{r['sentence_id']} ({chart_labels.label(r['function'], chart_labels.FUNCTIONS)})"
            for r in funcs.sort("sentence_id").iter_rows(named=True)
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
                    axis=alt.Axis(labelLimit=0),
                ),
                color=alt.Color(
                    "category:N",
                    title="Marker",
                    scale=alt.Scale(domain=_MODALITY_ORDER, range=_MODALITY_COLOURS),
                    sort=_MODALITY_ORDER,
                    legend=alt.Legend(
                        labelExpr=_code_label_expr(
                            _MODALITY_ORDER,
                            chart_labels.labels(_MODALITY_ORDER, chart_labels.MODALITY),
                        )
                    ),
                ),
                order=alt.Order("category:O"),
                tooltip=[
                    alt.Tooltip("sentence_id:N", title="Sentence"),
                    alt.Tooltip("function_label:N", title="Function"),
                    alt.Tooltip("category_label:N", title="Marker type"),
                    alt.Tooltip("markers:N", title="Markers"),
                    alt.Tooltip("commitment_strength:N", title="Commitment strength"),
                ],
            )
            .properties(width=charts.WIDTH - 200, height=alt.Step(20))
        )
        panels.append((r_id, chart))
    several = len(panels) > 1
    return charts.finish(
        _stack(panels),
        title="Modality profile of "
        + ("each government response" if several else "the government response"),
        subtitle="Firm ('will') and open-ended ('encourages', 'stands ready') commitment markers",
        description=(
            "Stacked horizontal bars, one per sentence of "
            + (
                "each government response (one panel per response)"
                if several
                else "the government response"
            )
            + ", counting its modality markers by type: firm commitment, open-ended commitment, "
            "booster, deontic modal, attitude marker and hedge; a sentence without markers has "
            "no bar."
        ),
    )


def _heatmap() -> alt.TopLevelMixin:
    return textplot_alignment_heatmap(
        demands.demands_alignment(), demands.demands_extract(), tokens.corpus_sentences()
    )


def _responsiveness() -> alt.TopLevelMixin:
    return textplot_responsiveness(demands_gold.textstat_responsiveness())


def _policy_overlap() -> alt.TopLevelMixin:
    return textplot_policy_overlap(demands_gold.textstat_responsiveness())


def _types() -> alt.TopLevelMixin:
    return textplot_demand_types(
        demands.demands_extract(), gold=demands_gold.gold_or_none("demands")
    )


def _modality() -> alt.TopLevelMixin:
    return textplot_modality(demands.response_modality(), demands.response_functions())


FIGURES: list[charts.FigureSpec] = [
    charts.FigureSpec(
        "demands-alignment-heatmap",
        _heatmap,
        "Alignment score of every extracted demand with every sentence of the government "
        "response it is paired with: (TF-IDF cosine + concept Jaccard) / 2; one panel per pair, "
        "those a response answers apart from those compared for overlap only; the dot marks "
        "each demand's best-matching sentence.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "demands-responsiveness",
        _responsiveness,
        "Automatic and gold responsiveness labels per demand, for the pairs in which a "
        "response answers its text.",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "demands-policy-overlap",
        _policy_overlap,
        "Appendix: automatic and gold policy-overlap labels per demand of a text compared with "
        "a response that does not answer it (its own scale and colours; dated subtitle).",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "demand-types",
        _types,
        "Demand types in each advocacy text (the texts' own demands): extracted beside the "
        "gold coder's (an automated coder).",
        NOTEBOOK,
    ),
    charts.FigureSpec(
        "response-modality",
        _modality,
        "Modality markers per sentence of each government response, with its rule-based function.",
        NOTEBOOK,
    ),
]
