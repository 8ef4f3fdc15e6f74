"""The alignment heatmap of notebook 03: every demand against every sentence of its pair's
response, one panel per pair, the pairs a response answers apart from those compared for
overlap only. Re-exported by :mod:`analysis.charts.demands`, which registers the figure.
"""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import charts, corpus, prose, tokens
from analysis.charts import labels as chart_labels
from analysis.charts.demands_labels import (
    _and,
    _demand_label,
    _demand_sort,
    _row_step,
    policy_overlap_note,
)
from analysis.measures import demands

_ALIGN_COLUMNS = [
    "demand_id",
    "text_id",
    "sentence_id",
    "cosine",
    "concept_jaccard",
    "score",
    "shared_terms",
    "shared_concepts",
    "rank",
]


#: Words of a response sentence shown after its number on the alignment heatmap's axis.
_SENTENCE_WORDS = 4


def sentence_axis_label(sentence_id: str, text: str | None) -> str:
    """The alignment heatmap's column label: the sentence's number and its first words
    (``s003 · Canada recognizes all UN``); the bare id when the text is unknown. The tooltip
    shows the whole sentence."""
    number = sentence_id.rsplit(":", 1)[-1]
    words = (text or "").split()
    if not words:
        return sentence_id
    return f"{number} · {' '.join(words[:_SENTENCE_WORDS])}"


def _by_pair(alignment: pl.DataFrame) -> list[tuple[str, str, str, pl.DataFrame]]:
    """(advocacy id, response id, relation, rows) per pair: pairs whose response answers the
    text first, then those compared for overlap only, each in first-appearance order."""
    if alignment.is_empty() or "relation" not in alignment.columns:
        return []
    keys = list(dict.fromkeys(alignment.select("text_id", "response_id", "relation").iter_rows()))
    keys.sort(key=lambda k: k[2] != demands.ANSWERS)  # stable: answers first
    return [
        (a, r, rel, alignment.filter((pl.col("text_id") == a) & (pl.col("response_id") == r)))
        for a, r, rel in keys
    ]


def alignment_panel_title(
    advocacy: str, response: str, relation: str, timeline: pl.DataFrame | None
) -> dict:
    """The title of one alignment panel: the pair by its texts' labels and its relation; an
    overlap-only pair gets the dated sentence of :func:`policy_overlap_note` below it."""
    labels = corpus.text_labels()
    pair = f"{labels.get(advocacy, advocacy)} and {labels.get(response, response)}"
    if relation == demands.ANSWERS:
        return {"text": f"{pair}: the response answers the text"}
    title = {"text": f"{pair}: compared for overlap only (not an answer)"}
    rows = (
        timeline.filter((pl.col("advocacy") == advocacy) & (pl.col("response") == response))
        if timeline is not None and not timeline.is_empty()
        else None
    )
    note = policy_overlap_note(rows) if rows is not None and rows.height else ""
    if note:
        title["subtitle"] = note
    return title


def textplot_alignment_heatmap(
    alignment: pl.DataFrame,
    found: pl.DataFrame,
    sentences: pl.DataFrame | None = None,
    timeline: pl.DataFrame | None = None,
) -> alt.TopLevelMixin:
    """Demand × response-sentence alignment score (TF-IDF cosine and concept overlap).

    One panel per pair (:func:`analysis.corpus.text_pairs`), titled by its two texts and its
    relation: the pairs whose response answers the text first, then those compared for
    overlap only (with their dates), so a best-matching sentence of an overlap pair is never
    read as an answer.

    Args:
        alignment: from :func:`analysis.measures.demands.demands_alignment`.
        found: from :func:`analysis.measures.demands.demands_extract` (for the demand texts).
        sentences: ``sentence_id, text`` of the response sentences (default: the corpus's,
            :func:`analysis.tokens.corpus_sentences`); each column is labelled with its
            sentence's number and first words (:func:`sentence_axis_label`).
        timeline: from :func:`analysis.measures.demands.demands_timeline`, for the dates of
            an overlap-only pair (read from the corpus if None and such a pair is shown).
    """
    sentences = tokens.corpus_sentences() if sentences is None else sentences
    said = dict(
        sentences.filter(pl.col("sentence_id").is_in(alignment["sentence_id"].unique().to_list()))
        .select("sentence_id", "text")
        .iter_rows()
    )
    pairs = _by_pair(alignment)
    if timeline is None and any(rel != demands.ANSWERS for _, _, rel, _ in pairs):
        timeline = demands.demands_timeline()
    panels = []
    for advocacy, response, relation, part in pairs or [(None, None, None, alignment)]:
        frame = (
            _demand_label(
                part.select(_ALIGN_COLUMNS).join(
                    found.select("demand_id", "demand_text"), on="demand_id", maintain_order="left"
                )
            )
            .pipe(demands.order_demands, "sentence_id")
            .with_columns(
                pl.col("sentence_id")
                .map_elements(lambda i: sentence_axis_label(i, said.get(i)), return_dtype=pl.String)
                .alias("sentence"),
                pl.col("sentence_id")
                .map_elements(lambda i: said.get(i, ""), return_dtype=pl.String)
                .alias("sentence_text"),
            )
        )
        order = _demand_sort(frame)
        columns = list(dict.fromkeys(frame.sort("sentence_id")["sentence"].to_list()))
        y = alt.Y(
            "demand:N",
            title=None,
            sort=order,
            axis=chart_labels.lines_axis(),
        )
        x = alt.X(
            "sentence:N",
            title="Response sentence (number and first words)",
            sort=columns,
            axis=alt.Axis(labelAngle=-40, labelLimit=0),
        )
        base = alt.Chart(alt.Data(values=frame.to_dicts()))
        rect = base.mark_rect().encode(
            x=x,
            y=y,
            color=alt.Color(
                "score:Q",
                title="Score",
                scale=alt.Scale(scheme="blues", domain=[0, 0.5], clamp=True),
            ),
            tooltip=[
                alt.Tooltip("demand_id:N", title="Demand"),
                alt.Tooltip("sentence_id:N", title="Response sentence"),
                alt.Tooltip("sentence_text:N", title="Sentence"),
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
        panel = alt.layer(rect, best).properties(
            width=alt.Step(26), height=alt.Step(_row_step(order))
        )
        if advocacy is not None:
            title = alignment_panel_title(advocacy, response, relation, timeline)
            panel = panel.properties(title=alt.Title(**title, anchor="start"))
        panels.append(panel)
    texts = prose.text_names_of(corpus.texts_in(alignment, order=()))
    overlap = any(rel != demands.ANSWERS for _, _, rel, _ in pairs)
    dot = "dot: each demand's best-matching sentence"
    if overlap:
        dot += " (in an overlap-only panel: closest shared language, not an answer)"
    return charts.finish(
        panels[0] if len(panels) == 1 else alt.vconcat(*panels, spacing=24),
        title="Alignment of each demand with each sentence of the response it is paired with",
        subtitle=f"Score = (TF-IDF cosine + concept Jaccard) / 2; {dot}",
        description=(
            f"Heatmap with one row per demand extracted from {_and(texts)} and one "
            "column per sentence of the government response it is paired with"
            + (
                f", one panel per pair ({_and([_pair_phrase(a, r, rel) for a, r, rel, _ in pairs])})"
                if pairs
                else ""
            )
            + "; darker cells have a higher alignment score, and a dot marks each demand's "
            "best-matching sentence."
        ),
    )


def _pair_phrase(advocacy: str, response: str, relation: str) -> str:
    """'pet-a answered by resp-a' or 'lt-a compared with resp-a for overlap only'."""
    a, r = prose.text_name(advocacy), prose.text_name(response)
    if relation == demands.ANSWERS:
        return f"{a} answered by {r}"
    return f"{a} compared with {r} for overlap only"
