"""Charts for notebook 00: what the corpus holds and how large each primary text is."""

from __future__ import annotations

import altair as alt
import polars as pl

from analysis import corpus, tokens
from analysis.charts import OTHER_COLOUR, WIDTH, FigureSpec, finish, text_colours, text_labels


def corpus_composition(segments: pl.DataFrame) -> pl.DataFrame:
    """Characters and segments per (source, document, role), with primary-text membership."""
    order = {s: i for i, s in enumerate(segments["source_id"].unique(maintain_order=True))}
    return (
        segments.group_by("source_id", "doc_id", "role", "speaker", "text_id", maintain_order=True)
        .agg(
            pl.len().alias("segments"),
            (pl.col("end") - pl.col("start")).sum().alias("characters"),
            pl.col("order").min().alias("first"),
        )
        .with_columns(
            pl.col("source_id").replace_strict(order).alias("_source"),
            pl.col("text_id")
            .replace_strict(text_labels(), default="not compared by default")
            .alias("text"),
            pl.format("{} · {}", "doc_id", "role").alias("part"),
        )
        .sort("_source", "first")
        .drop("_source")
    )


def textplot_composition(composition: pl.DataFrame) -> alt.Chart:
    """Horizontal bars: characters per document part, coloured by the primary text it feeds."""
    domain = [*text_labels().values(), "not compared by default"]
    colours = [*text_colours().values(), OTHER_COLOUR]
    chart = (
        alt.Chart(composition)
        .mark_bar()
        .encode(
            y=alt.Y(
                "part:N",
                sort=composition["part"].to_list(),
                title="Document · role",
                axis=alt.Axis(labelLimit=320),
            ),
            x=alt.X("characters:Q", title="Characters in the raw file"),
            color=alt.Color(
                "text:N", title="Primary text", scale=alt.Scale(domain=domain, range=colours)
            ),
            row=alt.Row(
                "source_id:N",
                title=None,
                sort=composition["source_id"].unique(maintain_order=True).to_list(),
                header=alt.Header(labelAngle=0, labelAlign="left", labelFontWeight="bold"),
            ),
            tooltip=["source_id", "doc_id", "role", "speaker", "segments", "characters"],
        )
        .resolve_scale(y="independent")
        .properties(width=WIDTH - 260)
    )
    return finish(
        chart,
        title="What each raw page holds",
        subtitle="Segments by document and role; grey parts stay out of default comparisons",
        description="Bar chart of characters per document part in each of the two raw files. "
        "Petition preamble, call and demands, the government response, and the letter's body, "
        "call and closing are coloured as the three primary texts; page furniture, metadata, the "
        "publisher's introduction, addressees, signatories and the reader comment are grey.",
    )


def textplot_text_sizes(summary: pl.DataFrame) -> alt.Chart:
    """Bars of word tokens per primary text, labelled with sentence counts."""
    data = summary.with_columns(
        pl.col("text_id").replace_strict(text_labels()).alias("text"),
        pl.format("{} sentences", "n_sentences").alias("label"),
    )
    base = alt.Chart(data).encode(
        y=alt.Y("text:N", sort=list(text_labels().values()), title=None),
        x=alt.X("n_word_tokens:Q", title="Word tokens"),
    )
    bars = base.mark_bar().encode(
        color=alt.Color(
            "text:N",
            scale=alt.Scale(
                domain=list(text_labels().values()), range=list(text_colours().values())
            ),
            legend=None,
        ),
        tooltip=["text", "n_sentences", "n_tokens", "n_word_tokens", "n_word_types"],
    )
    labels = base.mark_text(align="left", dx=4).encode(text="label:N")
    return finish(
        (bars + labels).properties(width=WIDTH - 120, height=110),
        title="Size of the three primary texts",
        description="Bar chart of word tokens per primary text (the unit of every rate), "
        "labelled with the number of sentences in each.",
    )


FIGURES = [
    FigureSpec(
        name="corpus-composition",
        build=lambda: textplot_composition(corpus_composition(corpus.corpus_segments())),
        caption="Characters per document part in each raw page; the three primary texts in colour.",
        notebook="00-corpus",
    ),
    FigureSpec(
        name="corpus-text-sizes",
        build=lambda: textplot_text_sizes(
            tokens.textstat_summary(tokens.corpus_tokens(), tokens.corpus_sentences())
        ),
        caption="Word tokens and sentences in each primary text.",
        notebook="00-corpus",
    ),
]
